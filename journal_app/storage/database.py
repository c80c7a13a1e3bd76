"""Opening the journal file: a durable SQLite engine, the integrity check and schema migrations.

Start-up order (``open_journal``):

1. create the file with mode 0600 if it is new (SQLite gives its WAL and SHM files the same mode);
2. a journal that is missing or empty while its backups hold days raises
   :class:`JournalGoneError` (a kind of damage) instead of becoming a new, empty journal;
   ``PRAGMA quick_check`` with plain sqlite3; a damaged file raises :class:`JournalDamagedError`
   and is left exactly as it was;
3. read the schema revision; if it is the app's head revision, Alembic is not even imported;
   an unknown (newer) revision raises :class:`JournalTooNewError` and nothing is written;
4. otherwise copy the file into ``backups/`` (when it holds data) and upgrade from wherever it is
   to head, in one transaction on the app's own connection;
5. return an engine whose every connection has foreign keys on, WAL and synchronous=FULL, so a
   save that returned is on disk.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal_app.storage.connection import BUSY_TIMEOUT_MS, raw_connection
from journal_app.storage.errors import (
    JournalDamagedError,
    JournalError,
    JournalGoneError,
    JournalTooNewError,
    JournalUnavailableError,
    JournalWalDamagedError,
)
from journal_app.storage.files import create_private_file, make_private
from journal_app.storage.sqlite_errors import (
    journal_error,
    os_journal_error,
    sqlite_errors_as_journal_errors,
)

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made, not with this module
    from sqlalchemy import Engine

#: The newest migration; kept equal to Alembic's head by a test.
HEAD_REVISION = "0004_sharing"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _begin), so
    # that DDL is transactional too: a failed migration leaves nothing half done.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def create_journal_engine(path: Path) -> Engine:
    """An engine on ``path`` with the durability PRAGMAs set on every connection."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def quick_check(path: Path) -> None:
    """Raise :class:`JournalDamagedError` if ``path`` is not a healthy SQLite database.

    Only what SQLite itself reports as corrupt (``SQLITE_CORRUPT``/``SQLITE_NOTADB``, or a
    quick_check that finds problems) is damage. A full disk, a busy or read-only file raise
    :class:`DiskFullError`, :class:`JournalInUseError` or :class:`ReadOnlyError`: the file may be
    perfectly healthy and nothing may move it aside.
    """
    with sqlite_errors_as_journal_errors(path), raw_connection(path) as conn:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise JournalDamagedError(path, "; ".join(str(r[0]) for r in rows[:3]))


def read_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for a new, empty file."""
    with raw_connection(path) as conn:
        table = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if table is None:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])


def missing_tables(path: Path, expected: Iterable[str]) -> list[str]:
    """The tables of ``expected`` that the file at ``path`` does not have, in sorted order."""
    with raw_connection(path) as conn:
        present = {
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        }
    return sorted(set(expected) - present)


def has_user_tables(path: Path) -> bool:
    with raw_connection(path) as conn:
        row = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
    return bool(row and row[0])


def alembic_config(connection: Any) -> Any:
    """An Alembic Config for the migrations shipped in the package, bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def migrate(engine: Engine, path: Path, backup_dir: Path | None) -> None:
    """Bring the file to the head revision; refuse files from a newer app. All or nothing."""
    revision = read_revision(path)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise JournalTooNewError(path, revision)
    if backup_dir is not None and has_user_tables(path):
        from journal_app.storage.backups import make_backup

        make_backup(
            path, backup_dir, kind=f"pre-migration-{(revision or 'none').replace('_', '-')}"
        )
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def refuse_a_lost_journal(path: Path, backup_dir: Path | None) -> None:
    """Raise :class:`JournalGoneError` when the journal is missing or 0 bytes but a backup in
    ``backup_dir`` holds journal days: it existed and is gone, so it must not silently become
    a new, empty journal (whose daily backups would then push the good ones out).

    A 0-byte file beside a non-empty ``-wal`` is left to SQLite, which replays the WAL.
    """
    if backup_dir is None:
        return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = None
    if size:
        return
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return
    from journal_app.storage.backups import newest_backup_with_days

    found = newest_backup_with_days(backup_dir)
    if found is not None:
        raise JournalGoneError(path, size is None, found[1].days)


def refuse_a_damaged_wal(path: Path) -> None:
    """Before SQLite opens the journal: a WAL it could not replay in full is copied aside and
    :class:`JournalWalDamagedError` raised (once per damaged WAL); see :mod:`.wal`."""
    from journal_app.storage.wal import keep_damaged_wal

    try:
        found = keep_damaged_wal(path)
    except OSError as exc:  # no copy, no opening: SQLite must not checkpoint it away
        told = os_journal_error(exc, path.with_name(path.name + "-wal"))
        if isinstance(told, JournalError):
            raise told from exc
        raise JournalUnavailableError(path, (exc.strerror or str(exc)).lower()) from exc
    if found is not None:
        kept, report = found
        raise JournalWalDamagedError(path, kept, report.lost_commits or report.frames)


def prepare_journal(path: Path, backup_dir: Path | None = None) -> None:
    """Steps 1-4 of the module doc without keeping an engine: create, check and migrate the file.

    When the schema is current this uses only ``sqlite3``: SQLAlchemy and Alembic stay unimported.
    """
    refuse_a_lost_journal(path, backup_dir)
    refuse_a_damaged_wal(path)
    try:
        create_private_file(path)
    except OSError as exc:
        told = os_journal_error(exc, path)
        if isinstance(told, JournalError):
            raise told from exc
        raise JournalUnavailableError(path, (exc.strerror or str(exc)).lower()) from exc
    quick_check(path)
    try:
        with sqlite_errors_as_journal_errors(path):
            if read_revision(path) != HEAD_REVISION:
                engine = create_journal_engine(path)
                try:
                    migrate(engine, path, backup_dir)
                finally:
                    engine.dispose()
            with raw_connection(path) as conn:  # WAL is a property of the file: set it once here
                conn.execute("PRAGMA journal_mode=WAL").fetchall()
    except Exception as exc:
        if "sqlalchemy" in sys.modules:  # only a migration can have raised SQLAlchemy's errors
            from sqlalchemy.exc import DBAPIError

            if isinstance(exc, DBAPIError):
                error = journal_error(exc, path)
                if error is not None:
                    raise error from exc
        raise
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))


def open_journal(path: Path, backup_dir: Path | None = None) -> Engine:
    """Open (creating if needed), check and migrate the journal at ``path``; see the module doc."""
    from sqlalchemy.exc import DBAPIError

    prepare_journal(path, backup_dir)
    engine = create_journal_engine(path)
    try:
        with engine.connect():  # make sure the file opens with the durability settings
            pass
    except (sqlite3.Error, DBAPIError) as exc:
        engine.dispose()
        error = journal_error(exc, path)
        if error is None:
            raise
        raise error from exc
    except BaseException:
        engine.dispose()
        raise
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return engine
