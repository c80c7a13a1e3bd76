"""A read-only disk is called read-only (not "permission denied"), by the commands and the app,
and hidden temporaries a killed backup left are removed at the next start (issue 13, point 13)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import ROOT, cli, run_process
from tests.helpers.constants import TODAY
from tests.helpers.disks import folder_digest, remount, small_disk

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "1m") as mounted:
        yield mounted


def test_a_read_only_disk_is_called_read_only(
    disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = disk / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.close()
    before = folder_digest(data_dir)
    remount(disk, "ro")
    try:
        for where in (data_dir, disk / "new journal"):
            done = cli(capsys, where, "check")
            assert done.returncode == 1, done
            assert "read-only disk" in done.stderr, done.stderr
            assert "permission denied" not in done.stderr.lower()
        app = run_process("--data-dir", str(data_dir))
        assert app.returncode == 1
        assert "read-only disk" in app.stderr and "Traceback" not in app.stderr
    finally:
        remount(disk, "rw")
    assert folder_digest(data_dir) == before


KILLED_MID_BACKUP = """
import os, sys
from pathlib import Path
from journal_app.storage import backups
real_copy = backups.copy_database
def copy_then_stop(source, target):
    real_copy(source, target)
    print("copied", flush=True)
    sys.stdin.readline()  # killed here, with the temporary written
backups.copy_database = copy_then_stop
backups.make_backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_killed_backups_hidden_temporary_is_removed_at_the_next_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1), notes="kept"))
    ctx.close()
    backups = data_dir / "backups"
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_BACKUP, str(data_dir / "journal.sqlite3"), str(backups)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "copied"
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    [left] = [p for p in backups.iterdir() if p.name.endswith(".partial")]
    assert left.name.startswith(".") and left.stat().st_size > 0
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 0, done.stderr
    assert not [p for p in backups.iterdir() if p.name.endswith(".partial")]
    assert not list(backups.glob("*.sqlite3"))  # it never became a listed backup
