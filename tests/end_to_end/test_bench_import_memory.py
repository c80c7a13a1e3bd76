"""Smoke test of bench/import_memory.py: a tiny export is written, imported twice by the command
line in a child process, and the time and peak memory are printed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_import_memory_bench_runs_tiny(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_memory", "--days", "40", "--again"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [
        json.loads(line[len("BENCH_JSON ") :])
        for line in done.stdout.splitlines()
        if line.startswith("BENCH_JSON ")
    ]
    assert [line["import"] for line in lines] == ["first", "again"]
    assert (
        lines[0]["report"].startswith("Import finished: ") and " 0 left alone" in lines[0]["report"]
    )
    assert " 0 added" in lines[1]["report"]
    assert all(line["peak_rss_mb"] > 10 and line["seconds"] > 0 for line in lines)
