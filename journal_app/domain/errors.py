"""Errors the journal can meet, each with wording a parent can act on.

Storage raises them; services and the UI catch them (the UI imports no storage module).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from journal_app.i18n import N_, _, ngettext, translate

#: The operating system's wording of the errors a parent meets, in the app's language. The
#: English is the system's own (glibc), so an English message reads as it always did.
_OS_ERROR_TEXTS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EIO: N_("Input/output error"),
}


def os_error_text(error: OSError) -> str:
    """What ``error`` says (``strerror``), in the current language: the system's wording of the
    common errors by their errno ("No such file or directory" / "No existe el archivo o la
    carpeta"); any other in the system's own words; a wording of the app's own (an OSError
    raised with a sentence of ours) as it is."""
    if error.errno is None or error.strerror not in (None, os.strerror(error.errno)):
        return str(error.strerror or error)  # no errno, or our own wording (already translated)
    known = _OS_ERROR_TEXTS.get(error.errno)
    return translate(known) if known is not None else str(error.strerror or error)


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


#: Why an output path is refused (:attr:`OutputRefused.reason`); each is told as a whole sentence.
OUTPUT_IS_JOURNAL = "journal"
OUTPUT_IS_FOLDER = "folder"
OUTPUT_NOT_REGULAR = "not_regular"
OUTPUT_EXISTS = "exists"

_OUTPUT_REFUSALS = {
    OUTPUT_IS_JOURNAL: N_(
        "Not writing to {path}: it is the journal itself, one of its working files or a backup "
        "of it. Nothing was written."
    ),
    OUTPUT_IS_FOLDER: N_(
        "Not writing to {path}: it is a folder; give a file name. Nothing was written."
    ),
    OUTPUT_NOT_REGULAR: N_(
        "Not writing to {path}: it is not a regular file (a device or a pipe). Nothing was written."
    ),
    OUTPUT_EXISTS: N_(
        "Not writing to {path}: the file already exists. Give another name, or add --force to "
        "replace it. Nothing was written."
    ),
}


class OutputRefused(JournalError):
    """An output path that must not be written (the journal itself, a folder, a device...).

    ``reason`` is one of the ``OUTPUT_*`` codes above (any other text is shown as the reason)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        sentence = _OUTPUT_REFUSALS.get(reason)
        if sentence is not None:
            super().__init__(translate(sentence).format(path=path))
            return
        super().__init__(
            _("Not writing to {path}: {reason}. Nothing was written.").format(
                path=path, reason=reason
            )
        )


class ChildNotFound(LookupError):
    """No child with this id (deleted meanwhile, or never there)."""
