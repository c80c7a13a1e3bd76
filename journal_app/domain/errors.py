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


class JournalGoneError(JournalDamagedError):
    """The journal file is missing or empty (0 bytes), yet its backups show it held days.

    Treated as a damaged journal, never silently replaced by a new, empty one."""

    def __init__(self, path: Path, missing: bool, days: int) -> None:
        self.path = path
        self.missing = missing
        self.days = days
        self.detail = "the file is missing" if missing else "the file is empty (0 bytes)"
        #: One sentence for a dialog: what is wrong, without the command-line advice.
        self.headline = (
            f"The journal file {path} is {'missing' if missing else 'empty (0 bytes)'}, but its "
            f"backups show it held {days} day{'s' if days != 1 else ''} of journal."
        )
        JournalError.__init__(
            self,
            f"{self.headline} Restore the newest backup (crawl-journal restore BACKUP, or start "
            "the app and accept the backup it offers); no new, empty journal was made.",
        )


class JournalWalDamagedError(JournalDamagedError):
    """The journal's write-ahead file is damaged: saved changes after the damage cannot be
    replayed. A copy was kept (``kept``) before SQLite could checkpoint it away."""

    def __init__(self, path: Path, kept: Path, lost_changes: int) -> None:
        self.path = path
        self.kept = kept
        self.lost_changes = lost_changes
        self.detail = "its write-ahead file is damaged"
        changes = "1 saved change" if lost_changes == 1 else f"{lost_changes} saved changes"
        self.headline = (
            f"The journal's latest changes could not all be read back: its write-ahead file "
            f"{path.name}-wal is damaged, and {changes} after the damage cannot be replayed. "
            f"A copy of that file was kept as {kept}."
        )
        JournalError.__init__(
            self,
            f"{self.headline} Restore a backup if it holds more, or start again to open the "
            "journal with what could be read.",
        )


class JournalUnavailableError(JournalError):
    """The environment got in the way: disk full, read-only folder, file locked by another program."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"The journal at {path} could not be used: {detail}.")


class JournalInUseError(JournalUnavailableError):
    """Another program holds the SQLite file (SQLITE_BUSY / SQLITE_LOCKED): the file is fine."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            f"The journal at {path} is in use by another program, which holds it locked. "
            "Close that program, then try again. Nothing was changed.",
        )


class DiskFullError(JournalUnavailableError):
    """The disk holding ``path`` has no space left; the file is fine, nothing was moved."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            f"The disk is full: {path} could not be written. Free some space on that disk, "
            "then try again. Nothing was changed.",
        )


class ReadOnlyError(JournalUnavailableError):
    """The file or its folder is on a read-only disk (or is read-only): it can be read, not saved."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            f"{path} is on a read-only disk or in a read-only folder, so it cannot be written. "
            "Choose a folder that can be written to, or make this one writable. "
            "Nothing was changed.",
        )


class OutputRefused(JournalError):
    """An output path that must not be written (the journal itself, a folder, a device...)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"Not writing to {path}: {reason}. Nothing was written.")


class ChildNotFound(LookupError):
    """No child with this id (deleted meanwhile, or never there)."""
