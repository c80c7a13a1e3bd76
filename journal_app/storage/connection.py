"""A plain ``sqlite3`` connection to a journal or backup file (no SQLAlchemy): start-up, backups.

Both :mod:`journal_app.storage.database` and :mod:`journal_app.storage.backups` use it, so
neither has to import the other for it (the backup before a migration is the one way
``database`` -> ``backups``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


@contextmanager
def raw_connection(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, closed afterwards.

    ``read_only`` opens the file through a URI with ``mode=ro``: a missing file is an error
    instead of a new empty database, and nothing can be written through it.
    """
    if read_only:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        yield conn
    finally:
        conn.close()
