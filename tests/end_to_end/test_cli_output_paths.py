"""``-o`` never writes over the journal, its side files, the lock or a backup, whatever the path
looks like (a symlink, ``..``, a hard link); other existing files only with ``--force``; never a
folder or a device (issue 13, point 2)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY
from tests.helpers.disks import folder_digest


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1), notes="kept"))
    ctx.close()
    return folder


def commands(target: Path) -> list[list[str]]:
    out = str(target)
    return [
        ["export", "--format", "json", "-o", out],
        ["export", "--format", "csv", "-o", out],
        ["backup", "-o", out],
        ["summary", "--child", "Maya", "-o", out],
    ]


@pytest.mark.posix
def test_the_journal_its_side_files_the_lock_and_backups_are_never_outputs(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, journal_dir, "backup").returncode == 0
    [backup] = (journal_dir / "backups").glob("manual-*.sqlite3")
    link = tmp_path / "innocent.json"
    link.symlink_to(journal_dir / "journal.sqlite3")
    hard = tmp_path / "hard-link.sqlite3"
    os.link(backup, hard)
    dotted = journal_dir / "backups" / ".." / "journal.sqlite3"
    targets = [
        journal_dir / "journal.sqlite3",
        journal_dir / "journal.sqlite3-wal",
        journal_dir / "journal.sqlite3-shm",
        journal_dir / "journal.lock",
        backup,
        link,
        hard,
        dotted,
    ]
    before = folder_digest(journal_dir)
    for target in targets:
        for command in commands(target):
            done = cli(capsys, journal_dir, *command, "--force")
            assert done.returncode == 1, (command, done)
            assert "Not writing to" in done.stderr and "Traceback" not in done.stderr
    assert folder_digest(journal_dir) == before
    assert link.is_symlink()
    assert cli(capsys, journal_dir, "check").returncode == 0


def test_an_existing_file_is_replaced_only_with_force(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "export.json"
    target.write_text("my own notes, not an export")
    done = cli(capsys, journal_dir, "export", "-o", str(target))
    assert done.returncode == 1
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert target.read_text() == "my own notes, not an export"
    done = cli(capsys, journal_dir, "export", "-o", str(target), "--force")
    assert done.returncode == 0, done.stderr
    assert '"children"' in target.read_text()


@pytest.mark.posix
def test_a_folder_or_a_device_is_never_an_output(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    for target, reason in ((folder, "is a folder"), (Path("/dev/null"), "not a regular file")):
        for command in commands(target):
            done = cli(capsys, journal_dir, *command, "--force")
            assert done.returncode == 1, (command, done)
            assert reason in done.stderr
    assert list(folder.iterdir()) == []
