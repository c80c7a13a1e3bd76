"""Backups: verified before they are listed, once a day, the newest 14 kept, damaged files kept."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.storage.backups import (
    KEEP_AUTOMATIC,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_damaged_from_backup,
    run_automatic_backup,
)
from journal_app.storage.database import open_journal, quick_check
from tests.helpers.journals import schema_revision_only


def test_backup_holds_the_journal_and_is_a_healthy_database(context, child) -> None:
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 1), notes="backed up"))
    made = context.backups.back_up_now()
    quick_check(made)
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT notes FROM journal_day").fetchall() == [("backed up",)]
    assert [b.path for b in context.backups.list_backups()] == [made]


def test_automatic_backup_runs_once_a_day_and_keeps_the_newest_14(context, child) -> None:
    start = datetime(2026, 11, 1, 9, 0)
    for n in range(KEEP_AUTOMATIC + 3):
        made = context.backups.automatic_backup(start + timedelta(days=n))
        assert made is not None
        again = context.backups.automatic_backup(start + timedelta(days=n, hours=5))
        assert again is None  # already one today
    autos = [b for b in context.backups.list_backups() if b.is_automatic]
    assert len(autos) == KEEP_AUTOMATIC
    assert autos[0].made_at.date() == (start + timedelta(days=KEEP_AUTOMATIC + 2)).date()
    assert autos[-1].made_at.date() == (start + timedelta(days=3)).date()


def test_manual_backups_are_not_rotated_away(context, child) -> None:
    manual = context.backups.back_up_now()
    for n in range(KEEP_AUTOMATIC + 2):
        context.backups.automatic_backup(datetime(2026, 1, 1) + timedelta(days=n))
    assert manual in [b.path for b in context.backups.list_backups()]


def test_an_unfinished_backup_is_never_listed(context, child) -> None:
    backups = context.paths.backups
    (backups / ".auto-20261120-090000.sqlite3.partial").write_bytes(b"half a backup")
    (backups / "notes.txt").write_text("not a backup")
    assert context.backups.list_backups() == []
    run_automatic_backup(context.paths.journal, backups, datetime(2026, 11, 21, 9))
    assert not list(backups.glob("*.partial"))
    assert [b.kind for b in list_backups(backups)] == ["auto"]


def test_a_damaged_journal_is_moved_aside_and_the_newest_good_backup_restored(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    backups = tmp_path / "backups"
    engine = open_journal(journal, backups)
    from journal_app.services.journal import JournalService

    service = JournalService(engine, lambda: date(2026, 11, 23))
    maya = service.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    service.save_day(DayEntry(maya.id or 0, date(2026, 11, 1), notes="before the damage"))
    good = make_backup(journal, backups, "auto", datetime(2026, 11, 2, 8))
    (backups / "auto-20261103-080000.sqlite3").write_bytes(b"a broken backup")  # newer, but bad
    engine.dispose()
    garbage = b"\x00garbage" * 1000
    journal.write_bytes(garbage)
    for side in ("-wal", "-shm"):
        Path(f"{journal}{side}").unlink(missing_ok=True)

    best = newest_good_backup(backups)
    assert best is not None and best.path == good
    aside = restore_damaged_from_backup(journal, best.path)
    assert aside.read_bytes() == garbage  # the damaged file is kept, not overwritten
    assert aside != journal and aside.parent == journal.parent
    quick_check(journal)
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT notes FROM journal_day").fetchall() == [("before the damage",)]


def test_restoring_from_junk_or_an_empty_file_is_refused_and_changes_nothing(
    context, child, tmp_path
) -> None:
    import pytest

    from journal_app.storage.errors import JournalDamagedError, JournalError

    context.journal.save_day(DayEntry(child.id, date(2026, 11, 1), notes="still here"))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a backup at all" * 100)
    with pytest.raises(JournalDamagedError):
        context.backups.restore(junk)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(JournalError, match="not a Crawl Journal backup"):
        context.backups.restore(empty)
    assert context.journal.load_day(child.id, date(2026, 11, 1)).notes == "still here"
    assert context.backups.list_backups() == []  # refused before the safety copy was even needed


def test_restoring_a_file_without_the_journal_tables_is_refused(context, child, tmp_path) -> None:
    import pytest

    from journal_app.services.backups import restore_damaged_journal
    from journal_app.storage.errors import JournalError

    context.journal.save_day(DayEntry(child.id, date(2026, 11, 1), notes="still here"))
    hollow = schema_revision_only(tmp_path / "hollow.sqlite3")
    with pytest.raises(JournalError, match=r"missing: child, journal_day, media, milestone"):
        context.backups.restore(hollow)
    assert context.journal.load_day(child.id, date(2026, 11, 1)).notes == "still here"
    assert context.backups.list_backups() == []  # refused before the safety copy
    with pytest.raises(JournalError, match="not a complete Crawl Journal backup"):
        restore_damaged_journal(context.paths.journal, hollow)
    assert not list(context.paths.data_dir.glob("*.damaged-*"))  # nothing moved aside


def test_the_check_reports_a_missing_table(context, child) -> None:
    assert context.backups.check().ok
    context.close()
    with sqlite3.connect(context.paths.journal) as conn:
        conn.execute("DROP TABLE tip_tried")
    conn.close()
    report = context.backups.check()
    assert not report.ok
    assert "the table tip_tried is missing" in report.problems
    assert "problem: the table tip_tried is missing" in report.describe()


def test_a_backup_to_a_missing_folder_names_the_target_not_the_temporary_file(
    context, child, tmp_path
) -> None:
    import pytest

    target = tmp_path / "no-such-folder" / "x.sqlite3"
    with pytest.raises(FileNotFoundError) as caught:
        context.backups.back_up_now(target)
    assert caught.value.filename == str(target)
    assert ".partial" not in str(caught.value)
    assert not target.parent.exists()


def test_rotation_never_removes_the_last_backup_that_holds_days(context, child) -> None:
    """The journal lost its days (say it was emptied): 14 new automatic backups of nothing must
    not push out the last one that still holds them."""
    context.journal.save_day(DayEntry(child.id, date(2026, 10, 1), notes="the only copy"))
    start = datetime(2026, 10, 1, 9, 0)
    with_days = context.backups.automatic_backup(start)
    assert with_days is not None
    with sqlite3.connect(context.paths.journal) as conn:
        conn.execute("DELETE FROM journal_day")
        conn.execute("DELETE FROM child")
    for n in range(1, KEEP_AUTOMATIC + 4):
        assert context.backups.automatic_backup(start + timedelta(days=n)) is not None
    autos = [b for b in context.backups.list_backups() if b.is_automatic]
    assert len(autos) == KEEP_AUTOMATIC + 1  # the 14 newest, and the last one with days
    assert autos[-1].path == with_days
    with sqlite3.connect(with_days) as conn:
        assert conn.execute("SELECT notes FROM journal_day").fetchall() == [("the only copy",)]
