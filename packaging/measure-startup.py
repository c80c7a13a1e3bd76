"""Start-up of the packaged app against the venv's: launch to a usable window, median of N rounds.

    .venv/bin/python packaging/measure-startup.py BUNDLE_EXE [--rounds 7]

Both run on the same sample journal (made first with the venv), offscreen, with
CRAWL_JOURNAL_STARTUP_PROBE=1 (the app prints when its window is usable, and quits); each
process is timed from launch to that first line, after one warm-up run of each. Figures go to
stdout; the hand-written section of bench/RESULTS.md quotes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def launch_to_window(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env) as p:
        assert p.stdout is not None
        line = p.stdout.readline()
        elapsed = time.perf_counter() - start
        p.wait(timeout=60)
    if not line:
        raise SystemExit(f"no start-up line from {command}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle_exe")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="crawl-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CRAWL_JOURNAL_STARTUP_PROBE="1")
    env.update(XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"))
    from journal_app.services.sample_journal import write_sample_journal

    journal = tmp / "journal"
    write_sample_journal(journal)
    venv_cmd = [sys.executable, "-m", "journal_app", "--data-dir", str(journal)]
    bundle_cmd = [args.bundle_exe, "--data-dir", str(journal)]
    times: dict[str, list[float]] = {"venv": [], "bundle": []}
    launch_to_window(venv_cmd, env)
    launch_to_window(bundle_cmd, env)
    for _ in range(args.rounds):
        times["venv"].append(launch_to_window(venv_cmd, env))
        times["bundle"].append(launch_to_window(bundle_cmd, env))
    for name, values in times.items():
        print(
            f"{name}: median {statistics.median(values):.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} rounds)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
