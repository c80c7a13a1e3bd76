"""The errors storage raises; they are defined in :mod:`journal_app.domain.errors`."""

from __future__ import annotations

from journal_app.domain.errors import (
    ChildNotFound,
    JournalDamagedError,
    JournalError,
    JournalTooNewError,
    JournalUnavailableError,
)

__all__ = [
    "ChildNotFound",
    "JournalDamagedError",
    "JournalError",
    "JournalTooNewError",
    "JournalUnavailableError",
]
