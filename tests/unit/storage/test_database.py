"""The journal file: migrations, the schema check, durability settings, modes, refusals."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.backups import list_backups
from journal_app.storage.database import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    alembic_config,
    create_journal_engine,
    open_journal,
    read_revision,
)
from journal_app.storage.errors import JournalDamagedError, JournalTooNewError
from journal_app.storage.models import Base

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_head_revision_constant_matches_the_migrations() -> None:
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION


def test_a_new_journal_is_migrated_from_empty_to_head(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    engine = open_journal(path, tmp_path / "backups")
    try:
        assert read_revision(path) == HEAD_REVISION
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    engine = open_journal(path, None)
    try:
        with engine.begin() as connection:
            command.check(alembic_config(connection))  # raises if autogenerate finds a difference
    finally:
        engine.dispose()


def test_connections_are_durable(context) -> None:
    with context.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_a_saved_day_is_on_disk_for_another_connection(context, child) -> None:
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 20), notes="first roll!"))
    with sqlite3.connect(context.paths.journal) as other:
        assert other.execute("SELECT notes FROM journal_day").fetchall() == [("first roll!",)]


@posix_only
def test_journal_files_and_folders_are_private(data_dir: Path) -> None:
    ctx = open_context(JournalPaths(data_dir))
    try:
        ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
        ctx.backups.back_up_now()
        journal = ctx.paths.journal
        for path in (journal, Path(f"{journal}-wal"), Path(f"{journal}-shm")):
            assert path.exists(), path
            assert mode(path) == 0o600, path
        assert mode(data_dir) == 0o700
        assert mode(ctx.paths.backups) == 0o700
        backups = list_backups(ctx.paths.backups)
        assert backups and all(mode(b.path) == 0o600 for b in backups)
    finally:
        ctx.close()


def test_a_journal_from_a_newer_app_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_journal(path, None).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with sqlite3.connect(path) as conn:  # fold the WAL in so the bytes compare cleanly
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(JournalTooNewError, match="newer version"):
        open_journal(path, tmp_path / "backups")
    assert path.read_bytes() == before


def test_a_damaged_journal_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(JournalDamagedError) as caught:
        open_journal(path, tmp_path / "backups")
    assert caught.value.path == path
    assert path.read_bytes() == garbage


def test_a_copy_is_taken_before_migrating_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as conn:  # an older file: data, but not at the head revision
        conn.execute("CREATE TABLE scribbles (x TEXT)")
        conn.execute("INSERT INTO scribbles VALUES ('keep me')")
    engine = open_journal(path, tmp_path / "backups")
    engine.dispose()
    backups = list_backups(tmp_path / "backups")
    assert [b.kind for b in backups] == ["pre-migration-none"]
    with sqlite3.connect(backups[0].path) as conn:
        assert conn.execute("SELECT x FROM scribbles").fetchall() == [("keep me",)]
        assert "child" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_a_failed_migration_leaves_nothing_half_done(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as conn:  # a clashing table makes the upgrade fail part-way
        conn.execute("CREATE TABLE milestone (x TEXT)")
    with pytest.raises(Exception):  # noqa: B017 - whatever SQLite says, the point is what is left
        open_journal(path, tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"milestone"}


def test_engine_enforces_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_journal(path, None).dispose()
    engine = create_journal_engine(path)
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO journal_day (child_id, day, notes, questions, notes_in_summary, uuid, "
                "created_at, updated_at) VALUES (42, '2026-01-01', '', '', 0, 'u', '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()
