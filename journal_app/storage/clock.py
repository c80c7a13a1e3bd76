"""The clock of the created/updated times, importable without SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Current UTC time, naive (SQLite stores no zone), to the microsecond."""
    return datetime.now(UTC).replace(tzinfo=None)
