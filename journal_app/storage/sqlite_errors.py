"""What a SQLite error means for the parent, read from SQLite's own result code, never its text.

There are three kinds of failure and each is handled differently:

- the machine got in the way (disk full, read-only file, another program holding the file): the
  journal is fine, the parent is told what to do, nothing is moved;
- the file itself is damaged (SQLite says ``SQLITE_CORRUPT`` or ``SQLITE_NOTADB``): only then is
  the journal called damaged and a backup offered;
- anything else ("no such column", a constraint) is a bug and propagates unchanged.

SQLAlchemy wraps the ``sqlite3`` exception; :func:`sqlite_cause` unwraps it, so one classifier
serves the transaction helper, the raw reads and the start-up checks alike.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from journal_app.domain.errors import (
    DiskFullError,
    JournalDamagedError,
    JournalError,
    JournalInUseError,
    JournalUnavailableError,
    ReadOnlyError,
    os_error_text,
)
from journal_app.i18n import N_, translate

# Primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the
# low byte, so ``code & 0xFF`` gives the primary one.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class Failure(Enum):
    """The kind of failure a SQLite error stands for."""

    DISK_FULL = "the disk is full"
    IO_ERROR = "the disk could not be read or written"
    READ_ONLY = "the journal file or its folder is read-only"
    BUSY = "another program is using the journal"
    CANT_OPEN = "the journal file could not be opened"
    PERMISSION = "permission to use the journal file was denied"
    OUT_OF_MEMORY = "the computer ran out of memory"
    DAMAGED = "the file is damaged"

    @property
    def description(self) -> str:
        """The value in the current language (the value itself stays English: an identity)."""
        return translate(_DESCRIPTIONS[self])

    @property
    def is_environment(self) -> bool:
        """The machine got in the way; the file itself may well be healthy."""
        return self is not Failure.DAMAGED


_DESCRIPTIONS = {
    Failure.DISK_FULL: N_("the disk is full"),
    Failure.IO_ERROR: N_("the disk could not be read or written"),
    Failure.READ_ONLY: N_("the journal file or its folder is read-only"),
    Failure.BUSY: N_("another program is using the journal"),
    Failure.CANT_OPEN: N_("the journal file could not be opened"),
    Failure.PERMISSION: N_("permission to use the journal file was denied"),
    Failure.OUT_OF_MEMORY: N_("the computer ran out of memory"),
    Failure.DAMAGED: N_("the file is damaged"),
}

_BY_PRIMARY_CODE = {
    SQLITE_FULL: Failure.DISK_FULL,
    SQLITE_IOERR: Failure.IO_ERROR,
    SQLITE_READONLY: Failure.READ_ONLY,
    SQLITE_BUSY: Failure.BUSY,
    SQLITE_LOCKED: Failure.BUSY,
    SQLITE_CANTOPEN: Failure.CANT_OPEN,
    SQLITE_PERM: Failure.PERMISSION,
    SQLITE_NOMEM: Failure.OUT_OF_MEMORY,
    SQLITE_CORRUPT: Failure.DAMAGED,
    SQLITE_NOTADB: Failure.DAMAGED,
}


#: SQLite's own wording of the errors a parent may read (in a "looks damaged (...)" message), in
#: the app's language; the English is SQLite's (``sqlite3_errstr``), so English reads as before.
_SQLITE_TEXTS = {
    SQLITE_NOTADB: N_("file is not a database"),
    SQLITE_CORRUPT: N_("database disk image is malformed"),
    SQLITE_FULL: N_("database or disk is full"),
    SQLITE_READONLY: N_("attempt to write a readonly database"),
    SQLITE_BUSY: N_("database is locked"),
    SQLITE_CANTOPEN: N_("unable to open database file"),
    SQLITE_IOERR: N_("disk I/O error"),
}


def sqlite_error_text(exc: BaseException) -> str:
    """What the SQLite error behind ``exc`` says, in the current language: the common ones by
    their result code (``SQLITE_NOTADB``: "file is not a database" / "el archivo no es una base
    de datos"); any other in SQLite's own words."""
    error = sqlite_cause(exc) or exc
    code = result_code(exc)
    known = _SQLITE_TEXTS.get(code) if code is not None else None
    return translate(known) if known is not None else str(error)


def sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The ``sqlite3`` error behind ``exc`` (itself, SQLAlchemy's ``.orig``, or a cause)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        if isinstance(orig, sqlite3.Error):
            return orig
        current = current.__cause__ or current.__context__
    return None


def result_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for ``exc``, or None when it carries none."""
    error = sqlite_cause(exc)
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def classify(exc: BaseException) -> Failure | None:
    """What ``exc`` stands for, or None when it is not a failure of the file or the machine."""
    code = result_code(exc)
    return None if code is None else _BY_PRIMARY_CODE.get(code)


def environment_problem(exc: BaseException) -> str | None:
    """The wording of an environment failure (disk full, busy...), or None for anything else."""
    failure = classify(exc)
    return failure.description if failure is not None and failure.is_environment else None


def is_damage(exc: BaseException) -> bool:
    """SQLite itself reports the file as corrupt or not a database."""
    return classify(exc) is Failure.DAMAGED


def disk_is_full(path: Path) -> bool:
    """True when the file system holding ``path`` (or its nearest existing folder) has no space.

    SQLite reports a full disk as ``SQLITE_FULL`` when a write runs out, but as a plain
    ``SQLITE_IOERR`` when growing its shared-memory file fails; the free space tells them apart.
    """
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        stats = os.statvfs(probe)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    # "Full" as an application sees it: less than one block free for unprivileged writers, or
    # so little that a page of the journal and its WAL cannot be written.
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def failure_at(exc: BaseException, path: Path) -> Failure | None:
    """:func:`classify`, with an I/O error on a disk that has no space left told as a full disk."""
    failure = classify(exc)
    if failure in (Failure.IO_ERROR, Failure.CANT_OPEN) and disk_is_full(path):
        return Failure.DISK_FULL
    return failure


def journal_error(exc: BaseException, path: Path) -> JournalError | None:
    """The :class:`JournalError` a SQLite error on ``path`` stands for; None for a bug.

    Only ``SQLITE_CORRUPT`` and ``SQLITE_NOTADB`` make a :class:`JournalDamagedError`; a full
    disk, a busy or read-only file are told as such, and the file is never called damaged.
    """
    failure = failure_at(exc, path)
    if failure is None:
        return None
    detail = sqlite_error_text(exc)
    if failure is Failure.DAMAGED:
        return JournalDamagedError(path, detail)
    if failure is Failure.DISK_FULL:
        return DiskFullError(path, detail)
    if failure is Failure.BUSY:
        return JournalInUseError(path, detail)
    if failure is Failure.READ_ONLY:
        return ReadOnlyError(path, detail)
    return JournalUnavailableError(path, failure.description)


def os_journal_error(exc: OSError, path: Path) -> JournalError | OSError:
    """An operating-system error while writing ``path``, told for the parent: a full disk and a
    read-only disk get their own error; anything else stays an OSError, naming ``path`` (the
    file the parent asked for, not a temporary)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path, os_error_text(exc))
    if exc.errno == errno.EROFS:
        return ReadOnlyError(path, os_error_text(exc))
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(path))


@contextmanager
def sqlite_errors_as_journal_errors(path: Path) -> Iterator[None]:
    r"""Turn SQLite's environment and damage errors on ``path`` into :class:`JournalError`\ s;
    a bug ("no such column") propagates unchanged."""
    try:
        yield
    except sqlite3.Error as exc:
        error = journal_error(exc, path)
        if error is None:
            raise
        raise error from exc
