"""One short session per user action, committed or rolled back as a whole.

Failures caused by the machine (disk full, read-only folder, file locked) or a damaged file
become the matching :class:`JournalError` (by SQLite's result code, see
:mod:`journal_app.storage.sqlite_errors`); anything else is a bug and propagates as is.

Only storage modules open transactions; services hand the engine on and never import SQLAlchemy
(they name its type, for hints only, as ``journal_app.storage.transaction.Engine``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine as Engine  # re-exported: services name the type from here
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from journal_app.storage.sqlite_errors import journal_error


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """``with transaction(engine) as session:`` commits on success, rolls back on any error."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except DBAPIError as exc:
        error = journal_error(exc, Path(engine.url.database or ""))
        if error is None:
            raise
        raise error from exc
