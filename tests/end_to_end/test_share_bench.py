"""The sharing benchmark runs (small) and prints its figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_sharing_benchmark_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.sharing_first_sync", "--days", "20"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first sync on the other computer:" in done.stdout
    [line] = [x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON ")]
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    assert figures["days"] > 0 and 0 < figures["evening_bytes"] < 10_000
