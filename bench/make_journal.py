"""Write generated journals of the benchmark sizes (6 months, 2 and 5 years, stress) into a folder.

Usage: ``python -m bench.make_journal --out /tmp/journals [--size 2y] [--end 2026-11-23]``.
Each journal is a data folder (``<out>/<size>/journal.sqlite3``) that the app opens with
``--data-dir``; the journals are written through the real services (see
``journal_app.services.sample_journal``).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.services.sample_journal import generate_journal


@dataclass(frozen=True)
class JournalSize:
    children: int
    days: int
    what: str


SIZES: dict[str, JournalSize] = {
    "6m": JournalSize(1, 183, "1 child, 6 months"),
    "2y": JournalSize(1, 730, "1 child, 2 years"),
    "5y": JournalSize(1, 1826, "1 child, 5 years"),
    "stress": JournalSize(5, 3650, "5 children x 10 years"),
}
#: Small stand-ins of the same shape for the smoke test.
TINY_SIZES: dict[str, JournalSize] = {
    "6m": JournalSize(1, 20, "1 child, 20 days (tiny)"),
    "2y": JournalSize(1, 40, "1 child, 40 days (tiny)"),
    "5y": JournalSize(1, 60, "1 child, 60 days (tiny)"),
    "stress": JournalSize(2, 60, "2 children x 60 days (tiny)"),
}
#: The benchmarks' "today", so that every run writes the same journals.
BENCH_TODAY = date(2026, 11, 23)


def make_journal(
    size: str, out: Path, *, end: date = BENCH_TODAY, seed: int = 0, tiny: bool = False
) -> Path:
    """Write the journal ``size`` into ``out/size`` (replacing nothing: the folder must be new)."""
    spec = (TINY_SIZES if tiny else SIZES)[size]
    data_dir = out / size
    if (data_dir / "journal.sqlite3").exists():
        raise FileExistsError(f"{data_dir} already holds a journal")
    context = open_context(JournalPaths(data_dir), lambda: end)
    try:
        generate_journal(context, children=spec.children, days=spec.days, seed=seed, end=end)
    finally:
        context.close()
    return data_dir


def ensure_journal(size: str, out: Path, *, tiny: bool = False) -> Path:
    """The journal ``size`` under ``out``, written first if it is not there yet."""
    data_dir = out / size
    if (data_dir / "journal.sqlite3").exists():
        return data_dir
    return make_journal(size, out, tiny=tiny)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.make_journal", description=__doc__)
    parser.add_argument("--out", required=True, type=Path, help="folder to write the journals in")
    parser.add_argument(
        "--size", choices=[*SIZES, "all"], default="all", help="which journal (default: all)"
    )
    parser.add_argument("--end", type=date.fromisoformat, default=BENCH_TODAY, help="last day")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tiny", action="store_true", help="small stand-ins (smoke test)")
    args = parser.parse_args(argv)
    for size in SIZES if args.size == "all" else [args.size]:
        started = time.perf_counter()
        data_dir = make_journal(size, args.out, end=args.end, seed=args.seed, tiny=args.tiny)
        spec = (TINY_SIZES if args.tiny else SIZES)[size]
        print(f"{size:7} {spec.what:28} {time.perf_counter() - started:6.1f} s  {data_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
