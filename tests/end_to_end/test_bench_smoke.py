"""Smoke test of bench/: every benchmark runs at a tiny size and prints its figures."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bench import run as bench_run
from bench.make_journal import TINY_SIZES
from bench.make_journal import main as make_journal_main
from journal_app.domain.enums import Milestone
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.constants import TODAY

REPO = Path(__file__).resolve().parents[2]
#: A measured figure ("12.3 ms", "0.5 s", "1.2 x", "120 MB") or an honest "not available yet".
FIGURE = re.compile(r"\| [\d.]+ (ms|s|x|MB)\b|not available yet")


def test_every_benchmark_runs_tiny_and_prints_figures(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\nWritten by hand, kept.\n", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--tiny", "--results", str(results)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    printed = done.stdout
    assert "failed (exit" not in printed, printed
    sections = re.split(r"^### ", printed, flags=re.MULTILINE)[1:]
    titles = [s.splitlines()[0] for s in sections]
    for expected in bench_run.SECTIONS:
        assert expected in titles, f"{expected!r} missing from {titles}"
    for section in sections:
        rows = [
            line for line in section.splitlines() if line.startswith("| ") and "---" not in line
        ]
        assert any(FIGURE.search(row) for row in rows[1:]), section
    assert re.search(r"start-up, bare PySide6 QMainWindow .*\| [\d.]+ s", printed)
    assert re.search(r"save_day median .*\| [\d.]+ ms", printed)
    assert re.search(r"heavy modules imported, 2y \| - \| none \| yes", printed), (
        "matplotlib, Alembic or printing imported on the way to the first window"
    )

    written = results.read_text(encoding="utf-8")
    assert written.startswith("# Results\n\nWritten by hand, kept.\n")
    assert "Command: `python -m bench.run --tiny --results" in written
    assert written.count(bench_run.BEGIN) == 1 and written.count(bench_run.END) == 1


def test_results_block_is_replaced_not_appended(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text(f"top\n{bench_run.BEGIN}\nold figures\n{bench_run.END}\nnotes below\n")

    bench_run.write_results(path, f"{bench_run.BEGIN}\nnew figures\n{bench_run.END}")

    assert (
        path.read_text() == f"top\n{bench_run.BEGIN}\nnew figures\n{bench_run.END}\nnotes below\n"
    )


def test_make_journal_writes_a_journal_the_app_opens(tmp_path: Path) -> None:
    code = make_journal_main(
        ["--out", str(tmp_path), "--size", "stress", "--tiny", "--end", TODAY.isoformat()]
    )

    assert code == 0
    context = open_context(JournalPaths(tmp_path / "stress"), lambda: TODAY)
    try:
        children = context.journal.list_children()
        assert len(children) == TINY_SIZES["stress"].children
        for child in children:
            assert child.id is not None
            size = TINY_SIZES["stress"].days
            first = TODAY - timedelta(days=size - 1)
            # The journal's days, plus milestones from before it began noted on their own days.
            rows = context.journal.recent_days(child.id)
            days = [r for r in rows if r.day >= first]
            assert 0.85 * size <= len(days) <= size
            earlier = [r.day for r in rows if r.day < first]
            assert len(earlier) <= len(Milestone)
    finally:
        context.close()
