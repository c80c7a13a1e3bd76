"""One short session per user action, committed or rolled back as a whole.

Failures caused by the machine (disk full, read-only folder, file locked) become a
:class:`JournalUnavailableError` with a clear message; anything else is a bug and propagates as is.

Only storage modules open transactions; services hand the engine on and never import SQLAlchemy
(they name its type, for hints only, as ``journal_app.storage.transaction.Engine``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine as Engine  # re-exported: services name the type from here
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from journal_app.storage.errors import JournalUnavailableError
from journal_app.storage.sqlite_errors import environment_problem


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """``with transaction(engine) as session:`` commits on success, rolls back on any error."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as exc:
        problem = environment_problem(exc)
        if problem is None:
            raise
        raise JournalUnavailableError(Path(engine.url.database or ""), problem) from exc
