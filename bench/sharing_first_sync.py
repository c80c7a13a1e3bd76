"""Sharing benchmark: the first sync of a two-year journal (issue 18: under 10 s), and what an
evening's edit adds to the shared folder (kilobytes, not a copy of the journal).

    .venv/bin/python -m bench.sharing_first_sync              # a two-year journal (730 days)
    .venv/bin/python -m bench.sharing_first_sync --days 30    # quicker

Two journals in a scratch folder (never the user's data) and one shared folder: Mum's journal
joins (its first round writes the whole journal as change file 1), then Dad's empty journal
joins (reads, checks, merges and applies it). Prints the figures and one ``BENCH_JSON`` line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from journal_app.domain.entries import DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.services.sample_journal import generate_journal

LIMIT_S = 10.0


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.json") if p.is_file())


def run(days: int) -> dict[str, float]:
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="crawl-journal-bench-share-") as scratch:
        root = Path(scratch)
        shared = root / "Shared"
        shared.mkdir()
        mum = open_context(JournalPaths(root / "mum"), lambda: today)
        dad = open_context(JournalPaths(root / "dad"), lambda: today)
        try:
            [child] = generate_journal(mum, children=1, days=days, seed=7, end=today)
            started = time.perf_counter()
            mum.sharing.join(shared, "Mum's laptop")
            write_s = time.perf_counter() - started
            written = _size(shared)
            started = time.perf_counter()
            report = dad.sharing.join(shared, "Dad's laptop")
            read_s = time.perf_counter() - started
            assert report.days == len(mum.journal.recent_days(child.id)), report
            # An evening's edit: one day changed, one round.
            before = _size(shared)
            assert child.id is not None
            day = mum.journal.load_day(child.id, today - timedelta(days=1))
            mum.journal.save_day(
                DayEntry(
                    child_id=child.id,
                    day=day.day,
                    movements=day.movements,
                    tummy_minutes=(day.tummy_minutes or 0) + 5,
                    floor=day.floor,
                    milestones=day.milestones,
                    warning_signs=day.warning_signs,
                    notes=day.notes + " and a long roll to the sofa",
                    questions=day.questions,
                    notes_in_summary=day.notes_in_summary,
                )
            )
            started = time.perf_counter()
            mum.sharing.sync()
            dad.sharing.sync()
            evening_s = time.perf_counter() - started
            evening_bytes = _size(shared) - before
            journal_bytes = mum.paths.journal.stat().st_size
        finally:
            mum.close()
            dad.close()
    return {
        "days": float(report.days),
        "first_write_s": write_s,
        "first_sync_s": read_s,
        "first_file_bytes": float(written),
        "evening_round_s": evening_s,
        "evening_bytes": float(evening_bytes),
        "journal_bytes": float(journal_bytes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args(argv)
    figures = run(args.days)
    print(
        f"journal: {figures['days']:.0f} days, journal file {figures['journal_bytes'] / 1024:.0f} KB"
    )
    print(
        f"joining (change file 1 written): {figures['first_write_s']:.2f} s, "
        f"{figures['first_file_bytes'] / 1024:.0f} KB in the shared folder"
    )
    total = figures["first_write_s"] + figures["first_sync_s"]
    print(
        f"first sync on the other computer: {figures['first_sync_s']:.2f} s "
        f"(both together {total:.2f} s; limit {LIMIT_S:.0f} s)"
    )
    print(
        f"an evening's edit: {figures['evening_bytes'] / 1024:.1f} KB added, "
        f"both rounds {figures['evening_round_s']:.2f} s"
    )
    print("BENCH_JSON " + json.dumps(figures, sort_keys=True))
    return 0 if figures["first_sync_s"] < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
