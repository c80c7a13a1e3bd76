"""Backups with their photos and videos, restore bringing both back, and `check` naming a
missing or damaged file; through the command line, on real files."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.storage.backup_media import media_dir_of
from journal_app.storage.backups import (
    list_backups,
    remove_leftover_temporaries,
    run_automatic_backup,
)
from tests.helpers.cli import cli
from tests.helpers.media_journal import DAY, attach_clips, stored_files


@pytest.fixture
def with_clips(context: JournalContext, child: ChildProfile, tmp_path: Path) -> Path:
    """The journal folder, holding Maya's two clips on DAY (closed)."""
    assert child.id is not None
    attach_clips(context, child.id, tmp_path / "phone")
    context.close()
    return context.paths.data_dir


def test_a_backup_holds_the_media_it_refers_to_as_hard_links(
    capsys: pytest.CaptureFixture[str], with_clips: Path
) -> None:
    done = cli(capsys, with_clips, "backup")
    assert done.returncode == 0, done.stderr
    (backup,) = [b.path for b in list_backups(with_clips / "backups")]
    saved = media_dir_of(backup)
    live = stored_files(with_clips)
    assert {p.relative_to(saved).as_posix(): p.read_bytes() for p in saved.rglob("*.mp4")} == live
    for name in live:
        a, b = (with_clips / "media" / name).stat(), (saved / name).stat()
        assert (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)  # same file system: linked
    assert saved.stat().st_mode & 0o777 == 0o700


def test_restore_brings_back_removed_media_and_check_is_ok(
    capsys: pytest.CaptureFixture[str], with_clips: Path, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    out = tmp_path / "usb" / "maya.sqlite3"
    out.parent.mkdir()
    assert cli(capsys, with_clips, "backup", "-o", str(out)).returncode == 0
    assert len(list(media_dir_of(out).rglob("*.mp4"))) == 2
    before = stored_files(with_clips)
    ctx = open_context(JournalPaths(with_clips))
    for item in ctx.media.list_all():
        ctx.media.remove(item.uuid)
    ctx.close()
    open_context(JournalPaths(with_clips)).close()  # the next opening sweeps the files away
    assert stored_files(with_clips) == {}
    done = cli(capsys, with_clips, "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert stored_files(with_clips) == before
    ctx = open_context(JournalPaths(with_clips))
    try:
        assert [i.caption for i in ctx.media.list_for_day(child.id, DAY)] == ["clip 0", "clip 1"]
    finally:
        ctx.close()
    check = cli(capsys, with_clips, "check")
    assert check.returncode == 0, check.stdout


def test_check_names_a_damaged_and_a_missing_file(
    capsys: pytest.CaptureFixture[str], with_clips: Path
) -> None:
    first, second = sorted((with_clips / "media").rglob("*.mp4"))
    ctx = open_context(JournalPaths(with_clips))
    names = {i.path: i.original_name for i in ctx.media.list_all()}
    ctx.close()
    with first.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\0\0\0\0")
    second.unlink()
    done = cli(capsys, with_clips, "check")
    assert done.returncode == 1
    assert f"{names[first]} is damaged" in done.stdout
    assert f"{names[second]} is missing" in done.stdout
    assert "Maya" in done.stdout and "2026" in done.stdout


def test_a_restore_whose_media_are_lost_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], with_clips: Path, tmp_path: Path
) -> None:
    out = tmp_path / "maya.sqlite3"
    assert cli(capsys, with_clips, "backup", "-o", str(out)).returncode == 0
    shutil.rmtree(media_dir_of(out))
    ctx = open_context(JournalPaths(with_clips))
    for item in ctx.media.list_all():
        ctx.media.remove(item.uuid)
    ctx.close()
    open_context(JournalPaths(with_clips)).close()
    journal_before = (with_clips / "journal.sqlite3").read_bytes()
    done = cli(capsys, with_clips, "restore", str(out))
    assert done.returncode == 1
    assert "clip 0.mp4" in done.stderr and "unchanged" in done.stderr
    assert (with_clips / "journal.sqlite3").read_bytes() == journal_before


def test_rotation_and_the_start_remove_media_folders_without_their_backup(
    with_clips: Path,
) -> None:
    paths = JournalPaths(with_clips)
    for n in range(16):
        run_automatic_backup(paths.journal, paths.backups, datetime(2026, 11, 1 + n, 8, 0))
    autos = [b for b in list_backups(paths.backups) if b.is_automatic]
    assert len(autos) == 14
    folders = sorted(p.name for p in paths.backups.iterdir() if p.is_dir())
    assert folders == sorted(media_dir_of(b.path).name for b in autos)
    autos[0].path.unlink()  # as if a kill came between the folder and the file
    stray = paths.backups / ".media-x.partial-dir"
    stray.mkdir()
    removed = remove_leftover_temporaries(paths.data_dir, paths.backups)
    assert media_dir_of(autos[0].path) in removed and stray in removed
    assert not media_dir_of(autos[0].path).exists() and media_dir_of(autos[1].path).is_dir()
    assert os.listdir(paths.data_dir / "media")  # the journal's own files are untouched


def test_the_sweep_keeps_every_file_while_a_damaged_journal_is_kept_aside(
    with_clips: Path,
) -> None:
    ctx = open_context(JournalPaths(with_clips))
    for item in ctx.media.list_all():
        ctx.media.remove(item.uuid)
    ctx.close()
    aside = with_clips / "journal.damaged-20261120-080000.sqlite3"
    aside.write_bytes(b"what was left of the damaged journal")
    open_context(JournalPaths(with_clips)).close()
    assert len(stored_files(with_clips)) == 2  # the damaged copy may refer to them
    aside.unlink()
    open_context(JournalPaths(with_clips)).close()
    assert stored_files(with_clips) == {}


def test_a_backup_never_replaces_a_folder_that_is_not_a_backups_media(
    capsys: pytest.CaptureFixture[str], with_clips: Path, tmp_path: Path
) -> None:
    out = tmp_path / "maya.sqlite3"
    out.write_bytes(b"old")
    mine = media_dir_of(out)
    mine.mkdir()
    (mine / "holiday.txt").write_text("mine")
    done = cli(capsys, with_clips, "backup", "-o", str(out), "--force")
    assert done.returncode == 1
    assert (mine / "holiday.txt").read_text() == "mine" and out.read_bytes() == b"old"


def test_restore_over_a_damaged_journal_brings_its_media_back(
    capsys: pytest.CaptureFixture[str], with_clips: Path, tmp_path: Path
) -> None:
    from datetime import date, timedelta

    from journal_app.domain.entries import DayEntry

    ctx = open_context(JournalPaths(with_clips))
    maya = ctx.journal.find_child("Maya")
    assert maya is not None and maya.id is not None
    for i in range(60):  # enough pages to damage some in the middle
        ctx.journal.save_day(
            DayEntry(maya.id, date(2026, 9, 1) + timedelta(days=i), notes="n" * 300)
        )
    ctx.close()
    out = tmp_path / "good.sqlite3"
    assert cli(capsys, with_clips, "backup", "-o", str(out)).returncode == 0
    before = stored_files(with_clips)
    shutil.rmtree(with_clips / "media")  # lost with the journal
    journal = with_clips / "journal.sqlite3"
    content = bytearray(journal.read_bytes())
    page, pages = 4096, len(content) // 4096
    content[(pages // 2) * page : (pages // 2 + 2) * page] = b"\xa5" * (2 * page)
    journal.write_bytes(bytes(content))
    assert cli(capsys, with_clips, "check").returncode == 4
    done = cli(capsys, with_clips, "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert stored_files(with_clips) == before
    check = cli(capsys, with_clips, "check")
    assert check.returncode == 0, check.stdout
