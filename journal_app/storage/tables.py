"""The tables a journal at the head revision has, and those a file lacks.

The names come from the ORM models (imported lazily: start-up does not need them).
"""

from __future__ import annotations

from pathlib import Path

from journal_app.storage.database import missing_tables


def expected_tables() -> list[str]:
    """The tables a journal at the head revision has: those of the ORM models."""
    from journal_app.storage.models import Base

    return sorted(Base.metadata.tables)


def missing_journal_tables(path: Path) -> list[str]:
    """The journal's tables that the file at ``path`` does not have, in sorted order."""
    return missing_tables(path, expected_tables())
