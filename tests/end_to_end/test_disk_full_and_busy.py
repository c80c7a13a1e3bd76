"""A full disk and a file held by another program are never "damaged": the parent is told what
is in the way, and nothing is moved aside or replaced (issue 13, points 1 and 8)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import cli, run_process
from tests.helpers.disks import fill, folder_digest, small_disk
from tests.helpers.saved_journals import make_journal

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "1m") as mounted:
        yield mounted


def test_a_full_disk_is_told_as_full_and_nothing_is_moved(
    disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = disk / "journal"
    make_journal(data_dir)
    backup = tmp_path / "good.sqlite3"
    assert cli(capsys, data_dir, "backup", "-o", str(backup)).returncode == 0
    before = folder_digest(data_dir)
    filler = fill(disk)

    for command in (["check"], ["restore", str(backup)], ["backup"]):
        done = cli(capsys, data_dir, *command)
        assert done.returncode == 1, (command, done)
        assert "The disk is full" in done.stderr, (command, done.stderr)
        assert str(data_dir) in done.stderr
        assert "damaged" not in done.stderr and "Traceback" not in done.stderr
        assert folder_digest(data_dir) == before, command
        assert not list(data_dir.glob("*.damaged-*"))

    filler.unlink()
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 0, done.stderr
    assert "journal_day: 8" in done.stdout


HOLD = """
import sqlite3, sys
from tests.helpers.saved_journals import make_journal
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
sys.stdin.readline()
"""


def test_a_journal_held_by_another_program_is_in_use_and_nothing_is_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=3)
    backup = tmp_path / "good.sqlite3"
    assert cli(capsys, data_dir, "backup", "-o", str(backup)).returncode == 0
    before = folder_digest(data_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir / "journal.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        for command in (["check"], ["restore", str(backup)]):
            done = cli(capsys, data_dir, *command)
            assert done.returncode == 3, (command, done)
            assert "in use by another program" in done.stderr
            assert "damaged" not in done.stderr and "Traceback" not in done.stderr
            assert not list(data_dir.glob("*.damaged-*"))
    finally:
        holder.communicate("\n", timeout=30)
    assert folder_digest(data_dir) == before
    assert cli(capsys, data_dir, "check").returncode == 0


def test_outputs_onto_a_full_disk_name_the_disk_and_the_file(
    disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=30)
    fill(disk)
    for name, command in (
        ("all.json", ["export", "--format", "json"]),
        ("all.zip", ["export", "--format", "csv"]),
        ("copy.sqlite3", ["backup"]),
    ):
        target = disk / name
        done = cli(capsys, data_dir, *command, "-o", str(target))
        assert done.returncode == 1, (name, done)
        assert f"The disk is full: {target} could not be written" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and ".partial" not in done.stderr
        assert not target.exists()
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]  # no temporary left
    done = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(disk / "maya.pdf"))
    assert done.returncode == 1
    assert "full" in done.stderr and str(disk / "maya.pdf") in done.stderr
    assert "Traceback" not in done.stderr


def test_the_app_on_a_full_disk_says_full_not_a_bad_lock_file(disk: Path) -> None:
    data_dir = disk / "journal"
    make_journal(data_dir, days=2)
    fill(disk)
    done = run_process("--data-dir", str(data_dir))
    assert done.returncode == 1, done
    assert "The disk is full" in done.stderr
    assert "not a lock file" not in done.stderr and "Traceback" not in done.stderr
