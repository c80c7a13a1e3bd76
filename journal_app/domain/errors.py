"""Errors the journal can meet, each with wording a parent can act on.

Storage raises them; services and the UI catch them (the UI imports no storage module).
"""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """A problem with the journal file that the user should be told about."""


class JournalTooNewError(JournalError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"The journal at {path} was written by a newer version of Crawl Journal "
            f"(schema {revision}). Please update the app to open it. The file has not been changed."
        )


class JournalDamagedError(JournalError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"The journal file {path} looks damaged ({detail}).")


class JournalUnavailableError(JournalError):
    """The environment got in the way: disk full, read-only folder, file locked by another program."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"The journal at {path} could not be used: {detail}.")


class ChildNotFound(LookupError):
    """No child with this id (deleted meanwhile, or never there)."""
