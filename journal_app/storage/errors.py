"""The errors storage raises; they are defined in :mod:`journal_app.domain.errors`."""

from __future__ import annotations

from journal_app.domain.errors import (
    ChildNotFound,
    DiskFullError,
    JournalDamagedError,
    JournalError,
    JournalGoneError,
    JournalInUseError,
    JournalTooNewError,
    JournalUnavailableError,
    JournalWalDamagedError,
    OutputRefused,
    ReadOnlyError,
)

__all__ = [
    "ChildNotFound",
    "DiskFullError",
    "JournalDamagedError",
    "JournalError",
    "JournalGoneError",
    "JournalInUseError",
    "JournalTooNewError",
    "JournalUnavailableError",
    "JournalWalDamagedError",
    "OutputRefused",
    "ReadOnlyError",
]
