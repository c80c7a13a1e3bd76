"""Hostile backups, built here as real SQLite files: restore refuses each with a clear message
and replaces nothing; ``check`` finds the same on the live journal; any page size restores
(issue 13, point 5)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import DayEntry
from journal_app.storage.errors import JournalError
from journal_app.storage.schema_check import schema_problems
from tests.helpers.cli import cli


def altered(source: Path, target: Path, *sql: str) -> Path:
    if source != target:
        shutil.copyfile(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in sql:
            conn.execute(statement)
    finally:
        conn.close()
    return target


WIPE = (
    "CREATE TRIGGER wipe AFTER UPDATE ON journal_day "
    "BEGIN DELETE FROM journal_day WHERE id != NEW.id; END"
)

HOSTILE: dict[str, tuple[tuple[str, ...], str]] = {
    "extra trigger": ((WIPE,), "a trigger wipe this app did not make"),
    "extra view": (("CREATE VIEW v AS SELECT * FROM child",), "a view v this app did not make"),
    "missing column": (
        ("ALTER TABLE journal_day DROP COLUMN notes",),
        "the column journal_day.notes is missing",
    ),
    "extra index": (
        ("CREATE INDEX sneaky ON journal_day(notes)",),
        "the indexes of journal_day differ",
    ),
    "orphan rows": (
        ("UPDATE journal_day SET child_id = 999",),
        "journal_day row 1 points to a missing child",
    ),
}


@pytest.fixture
def good_backup(context, child) -> Path:
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 1), notes="in the backup"))
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 2), notes="also"))
    made = context.backups.back_up_now()
    return made


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_backup_is_refused_and_nothing_is_replaced(
    context, child, good_backup: Path, tmp_path: Path, case: str
) -> None:
    statements, wanted = HOSTILE[case]
    hostile = altered(good_backup, tmp_path / "hostile.sqlite3", *statements)
    assert wanted in schema_problems(hostile)
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 3), notes="after the backup"))
    listed = context.backups.list_backups()
    with pytest.raises(JournalError, match="not a backup as this app writes it") as caught:
        context.backups.restore(hostile)
    assert wanted in str(caught.value) and "the journal is unchanged" in str(caught.value)
    assert context.backups.list_backups() == listed  # refused before even the safety copy
    assert context.journal.load_day(child.id, date(2026, 11, 3)).notes == "after the backup"
    context.close()
    with sqlite3.connect(context.paths.journal) as conn:
        assert conn.execute("SELECT count(*) FROM journal_day").fetchone()[0] == 3
        assert conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall() == []
    conn.close()


def test_the_check_finds_a_planted_trigger_on_the_live_journal(context, child) -> None:
    assert context.backups.check().ok
    context.close()
    altered(context.paths.journal, context.paths.journal, WIPE)  # in place
    report = context.backups.check()
    assert not report.ok
    assert "a trigger wipe this app did not make" in report.problems


@pytest.mark.parametrize("page_size", [1024, 8192, 65536])
def test_a_backup_with_another_page_size_restores(
    context, child, good_backup: Path, tmp_path: Path, page_size: int
) -> None:
    other = altered(
        good_backup,
        tmp_path / f"ps{page_size}.sqlite3",
        "PRAGMA journal_mode=DELETE",
        f"PRAGMA page_size={page_size}",
        "VACUUM",
    )
    with sqlite3.connect(other) as conn:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == page_size
    conn.close()
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 3), notes="after the backup"))
    context.backups.restore(other)
    assert context.journal.load_day(child.id, date(2026, 11, 1)).notes == "in the backup"
    assert context.journal.load_day(child.id, date(2026, 11, 3)).notes == ""
    assert context.backups.check().ok


def test_the_command_line_refuses_a_hostile_backup_with_one_clear_line(
    context, child, good_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = altered(good_backup, tmp_path / "hostile.sqlite3", WIPE)
    context.close()
    done = cli(capsys, context.paths.data_dir, "restore", str(hostile))
    assert done.returncode == 1
    assert "a trigger wipe this app did not make" in done.stderr
    assert "Traceback" not in done.stderr
