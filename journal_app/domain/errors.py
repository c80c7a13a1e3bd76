"""Errors the journal can meet, each with wording a parent can act on.

Storage raises them; services and the UI catch them (the UI imports no storage module).
"""

from __future__ import annotations

from pathlib import Path

from journal_app.i18n import _, ngettext


class JournalError(Exception):
    """A problem with the journal file that the user should be told about."""


class JournalTooNewError(JournalError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            _(
                "The journal at {path} was written by a newer version of Crawl Journal "
                "(schema {revision}). Please update the app to open it. The file has not been "
                "changed."
            ).format(path=path, revision=revision)
        )


class JournalDamagedError(JournalError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            _("The journal file {path} looks damaged ({detail}).").format(path=path, detail=detail)
        )


class JournalGoneError(JournalDamagedError):
    """The journal file is missing or empty (0 bytes), yet its backups show it held days.

    Treated as a damaged journal, never silently replaced by a new, empty one."""

    def __init__(self, path: Path, missing: bool, days: int) -> None:
        self.path = path
        self.missing = missing
        self.days = days
        self.detail = _("the file is missing") if missing else _("the file is empty (0 bytes)")
        #: One sentence for a dialog: what is wrong, without the command-line advice.
        if missing:
            headline = ngettext(
                "The journal file {path} is missing, but its backups show it held {days} day "
                "of journal.",
                "The journal file {path} is missing, but its backups show it held {days} days "
                "of journal.",
                days,
            )
        else:
            headline = ngettext(
                "The journal file {path} is empty (0 bytes), but its backups show it held "
                "{days} day of journal.",
                "The journal file {path} is empty (0 bytes), but its backups show it held "
                "{days} days of journal.",
                days,
            )
        self.headline = headline.format(path=path, days=days)
        JournalError.__init__(
            self,
            _(
                "{headline} Restore the newest backup (crawl-journal restore BACKUP, or start "
                "the app and accept the backup it offers); no new, empty journal was made."
            ).format(headline=self.headline),
        )


class JournalWalDamagedError(JournalDamagedError):
    """The journal's write-ahead file is damaged: saved changes after the damage cannot be
    replayed. A copy was kept (``kept``) before SQLite could checkpoint it away."""

    def __init__(self, path: Path, kept: Path, lost_changes: int) -> None:
        self.path = path
        self.kept = kept
        self.lost_changes = lost_changes
        self.detail = _("its write-ahead file is damaged")
        self.headline = ngettext(
            "The journal's latest changes could not all be read back: its write-ahead file "
            "{wal} is damaged, and {count} saved change after the damage cannot be replayed. "
            "A copy of that file was kept as {kept}.",
            "The journal's latest changes could not all be read back: its write-ahead file "
            "{wal} is damaged, and {count} saved changes after the damage cannot be replayed. "
            "A copy of that file was kept as {kept}.",
            lost_changes,
        ).format(wal=f"{path.name}-wal", count=lost_changes, kept=kept)
        JournalError.__init__(
            self,
            _(
                "{headline} Restore a backup if it holds more, or start again to open the "
                "journal with what could be read."
            ).format(headline=self.headline),
        )


class JournalUnavailableError(JournalError):
    """The environment got in the way: disk full, read-only folder, file locked by another program."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            _("The journal at {path} could not be used: {detail}.").format(path=path, detail=detail)
        )


class JournalInUseError(JournalUnavailableError):
    """Another program holds the SQLite file (SQLITE_BUSY / SQLITE_LOCKED): the file is fine."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            _(
                "The journal at {path} is in use by another program, which holds it locked. "
                "Close that program, then try again. Nothing was changed."
            ).format(path=path),
        )


class DiskFullError(JournalUnavailableError):
    """The disk holding ``path`` has no space left; the file is fine, nothing was moved."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            _(
                "The disk is full: {path} could not be written. Free some space on that disk, "
                "then try again. Nothing was changed."
            ).format(path=path),
        )


class ReadOnlyError(JournalUnavailableError):
    """The file or its folder is on a read-only disk (or is read-only): it can be read, not saved."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        JournalError.__init__(
            self,
            _(
                "{path} is on a read-only disk or in a read-only folder, so it cannot be written. "
                "Choose a folder that can be written to, or make this one writable. "
                "Nothing was changed."
            ).format(path=path),
        )


class OutputRefused(JournalError):
    """An output path that must not be written (the journal itself, a folder, a device...)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            _("Not writing to {path}: {reason}. Nothing was written.").format(
                path=path, reason=reason
            )
        )


class ChildNotFound(LookupError):
    """No child with this id (deleted meanwhile, or never there)."""
