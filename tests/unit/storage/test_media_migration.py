"""Migration 0003 (the media table) from a real 0002 file, and the media repository on it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command

from journal_app.domain.media import MediaKind
from journal_app.storage import media_repository as repo
from journal_app.storage.backups import list_backups
from journal_app.storage.database import (
    HEAD_REVISION,
    alembic_config,
    create_journal_engine,
    open_journal,
    read_revision,
)
from journal_app.storage.media_reads import referenced_hashes_raw
from journal_app.storage.reads import JournalReader
from journal_app.storage.schema_check import schema_problems

STAMP = "2026-11-01 10:00:00.000000"


def make_0002_journal(path: Path) -> None:
    """A journal file at revision 0002 with a child and a day."""
    engine = create_journal_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002_milestone_status")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO child (id, name, birth_date, due_date, uuid, created_at, updated_at) "
            "VALUES (1, 'Ines', '2026-02-01', NULL, '00000000-0000-4000-8000-000000000001', ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO journal_day (id, child_id, day, tummy_minutes, floor_surface, notes, "
            "questions, notes_in_summary, uuid, created_at, updated_at) VALUES (1, 1, "
            "'2026-10-01', 20, NULL, 'rolled twice', '', 0, "
            "'00000000-0000-4000-8000-000000000002', ?, ?)",
            (STAMP, STAMP),
        )
    assert read_revision(path) == "0002_milestone_status"


def test_a_0002_journal_gets_the_media_table_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    make_0002_journal(path)
    assert referenced_hashes_raw(path) is None  # no media table: nothing may be swept
    engine = open_journal(path, tmp_path / "backups")
    try:
        assert read_revision(path) == HEAD_REVISION
        assert schema_problems(path) == []
        copies = list_backups(tmp_path / "backups")
        assert [c.kind for c in copies] == ["pre-migration-0002-milestone-status"]
        day = JournalReader(path).load_day(1, date(2026, 10, 1))
        assert day is not None and day.notes == "rolled twice"
        record = repo.new_record(
            child_uuid="00000000-0000-4000-8000-000000000001",
            day=date(2026, 10, 1),
            kind=MediaKind.MOV,
            original_name="IMG_0042.MOV",
            size_bytes=123,
            sha256="ab" * 32,
            caption="first crawl",
        )
        repo.add_records(engine, 1, [record])
        assert [m.record for m in repo.list_all(engine)] == [record]
        assert referenced_hashes_raw(path) == {"ab" * 32}
    finally:
        engine.dispose()


def test_downgrade_to_0002_removes_the_table(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    engine = open_journal(path)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0002_milestone_status")
    finally:
        engine.dispose()
    assert read_revision(path) == "0002_milestone_status"
    assert referenced_hashes_raw(path) is None
