"""``crawl-journal sync`` killed with SIGKILL at random moments of its round: the journal stays
whole, nothing half applied, the next round carries on (the file it had written counts as
written, no number is used twice), and in the end both journals are the same."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal_app.storage.database import quick_check
from tests.helpers.shared_journals import make_computers, shared_folder

pytestmark = [
    pytest.mark.posix,
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]
ROOT = Path(__file__).resolve().parents[2]

#: The real command line, on a slow disk: each fsync of a change file takes a while, so kills
#: land inside the round (writing the file, or applying in the journal's transaction).
SYNC = textwrap.dedent(
    """
    import os, sys, time
    real_fsync = os.fsync
    def slow_fsync(fd):
        time.sleep(0.05)
        real_fsync(fd)
    os.fsync = slow_fsync
    from journal_app.storage.share_folder import ShareFolder
    real_write = ShareFolder.write_changes
    def write_changes(self, *args, **kwargs):
        print("writing", flush=True)
        return real_write(self, *args, **kwargs)
    ShareFolder.write_changes = write_changes
    from journal_app.cli import main
    sys.exit(main(["--data-dir", sys.argv[1], "sync"]))
    """
)


def test_a_sync_killed_mid_round_loses_nothing(tmp_path: Path, journal_template: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"sync kill seed: {seed} (CRASH_SEED={seed} to repeat)")
    rng = random.Random(seed)
    mum, dad = make_computers(tmp_path, journal_template, ["Mum's laptop", "Dad's laptop"])
    folder = shared_folder(tmp_path)
    try:
        mum.child()
        mum.join(folder)
        dad.join(folder)
        first = date(2026, 6, 1)
        killed = 0
        for round_no in range(6):
            for n in range(40):
                mum.record(first + timedelta(days=n), round_no * 3 + n % 5, f"round {round_no}")
            dad.record(first + timedelta(days=100 + round_no), round_no + 1, "dad")
            dad.sync()
            process = subprocess.Popen(
                [sys.executable, "-c", SYNC, str(mum.context.paths.data_dir)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "writing"
            time.sleep(rng.uniform(0.0, 0.4))  # in the write, or applying, or just after
            process.send_signal(signal.SIGKILL)
            _out, err = process.communicate(timeout=60)
            assert "Traceback" not in err, err
            killed += process.returncode == -signal.SIGKILL
            quick_check(mum.context.paths.journal)
            report = dad.sync()
            assert not report.paused and report.refused == (), report
        for c in (mum, dad, mum, dad):
            report = c.sync()
            assert not report.paused and report.refused == (), report
        assert mum.journal() == dad.journal()
        assert killed > 0  # the kills did land inside rounds
        print(f"{killed} of 6 rounds killed")
        days = mum.journal()["Maya 2026-03-01"]
        assert len(days) == 46
        assert days["2026-06-01"][1] == "round 5"
    finally:
        mum.context.close()
        dad.context.close()
