"""The SQLite error classifier reads SQLite's result code, never the message text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DatabaseError as SADatabaseError

from journal_app.storage.sqlite_errors import (
    Failure,
    classify,
    environment_problem,
    is_damage,
    sqlite_cause,
)


def _error(path: Path, sql: str) -> sqlite3.Error:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("no error")


def test_a_file_that_is_not_a_database_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database at all " * 200)
    exc = _error(path, "SELECT * FROM sqlite_master")
    assert classify(exc) is Failure.DAMAGED
    assert is_damage(exc)
    assert environment_problem(exc) is None


def test_a_bug_is_not_an_environment_problem(tmp_path: Path) -> None:
    exc = _error(tmp_path / "ok.sqlite3", "SELECT no_such_column FROM sqlite_master")
    assert classify(exc) is None
    assert environment_problem(exc) is None
    assert not is_damage(exc)


def test_a_busy_file_is_an_environment_problem(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as info:
            other.execute("SELECT * FROM t")
        other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert classify(info.value) is Failure.BUSY
    assert environment_problem(info.value) == "another program is using the journal"


def test_a_read_only_file_is_an_environment_problem(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as info:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert classify(info.value) is Failure.READ_ONLY


def test_sqlalchemy_wrapped_errors_are_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"x" * 4096)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(SADatabaseError) as info, engine.connect() as conn:
            conn.execute(text("SELECT * FROM sqlite_master"))
    finally:
        engine.dispose()
    assert isinstance(sqlite_cause(info.value), sqlite3.DatabaseError)
    assert classify(info.value) is Failure.DAMAGED


def test_journal_error_calls_only_corruption_damage(tmp_path: Path) -> None:
    from journal_app.storage.errors import (
        JournalDamagedError,
        JournalInUseError,
        ReadOnlyError,
    )
    from journal_app.storage.sqlite_errors import journal_error, sqlite_errors_as_journal_errors

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all " * 200)
    damaged = journal_error(_error(junk, "SELECT * FROM sqlite_master"), junk)
    assert type(damaged) is JournalDamagedError

    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(JournalInUseError) as busy, sqlite_errors_as_journal_errors(path):
            other.execute("SELECT * FROM t")
        other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "in use by another program" in str(busy.value) and "damaged" not in str(busy.value)

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(ReadOnlyError), sqlite_errors_as_journal_errors(path):
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()

    bug = _error(tmp_path / "ok.sqlite3", "SELECT no_such_column FROM sqlite_master")
    assert journal_error(bug, tmp_path / "ok.sqlite3") is None
    with pytest.raises(sqlite3.OperationalError), sqlite_errors_as_journal_errors(path):
        raise bug  # a bug propagates unchanged
