"""Private files: created readable and writable by the user alone, written durably."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from journal_app.domain.errors import (
    OUTPUT_EXISTS,
    OUTPUT_IS_FOLDER,
    OUTPUT_IS_JOURNAL,
    OUTPUT_NOT_REGULAR,
    OutputRefused,
)

PRIVATE_FILE_MODE = 0o600
TEMP_SUFFIX = ".partial"


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (never truncates)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)


def private_temp_file(target: Path) -> Path:
    """A new, empty, private temporary file beside ``target``, for writing before a rename.

    Its name is unpredictable and it is created with ``O_CREAT | O_EXCL`` (and ``O_NOFOLLOW``
    where the system has it) by :func:`tempfile.mkstemp`, so a file or symlink planted in a
    shared folder can never be written through. It lives in ``target``'s folder, so the final
    ``os.replace`` is a rename on one file system. Hidden, ending in ``.partial``: a temporary
    left by a killed process is recognisable (:func:`remove_stale_temporaries`).
    """
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    return Path(name)


#: A temporary's own name and the files SQLite keeps beside a database it writes (a temporary
#: backup is one): a killed backup leaves its ``.partial-journal`` too.
_TEMP_ENDINGS = tuple(TEMP_SUFFIX + tail for tail in ("", "-journal", "-wal", "-shm"))


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the hidden ``.*.partial`` files a killed write left in ``folder``, with SQLite's
    ``-journal``/``-wal``/``-shm`` beside them; the removed."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.glob(f".*{TEMP_SUFFIX}*"):
        if not entry.name.endswith(_TEMP_ENDINGS):
            continue
        if entry.is_file() and not entry.is_symlink():
            try:
                entry.unlink(missing_ok=True)
            except OSError:  # a read-only disk, say: harmless, it is hidden and never listed
                continue
            removed.append(entry)
    return removed


def make_private(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_FILE_MODE)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a private temporary beside it (an unpredictable
    name, created ``O_EXCL``; see :func:`private_temp_file`), fsync, rename; no partial file.

    A symlink or file planted at any name in the folder is never written through; a symlink at
    ``path`` itself is replaced by the file, not followed. Every error names ``path``, never
    the temporary (a full disk says so with the file: the OSError's ``filename`` is ``path``).
    """
    path = Path(path)
    try:
        tmp = private_temp_file(path)
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        # O_BINARY: on Windows a descriptor opened without it writes "\n" as "\r\n" (a zip or
        # JSON written that way is damaged); O_NOFOLLOW: a symlink planted there is refused.
        flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(tmp, flags)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        make_private(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent if str(path.parent) else Path("."))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _naming(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """``exc`` naming ``path`` (the file the user asked for), whatever file it named before."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_unsafe_output(target: Path, protected: Iterable[Path], *, force: bool) -> None:
    """Raise :class:`OutputRefused` unless ``target`` may be written by an export, a backup or
    a summary.

    Refused, whatever ``force`` says: any path that is (after resolving symlinks and ``..``, or
    through a hard link) one of ``protected`` (the journal, its ``-wal``/``-shm``, the lock and
    the backups); a folder; anything that is not a regular file (a device node, a FIFO). An
    existing regular file is replaced only with ``force``. The write itself then renames a new
    file into place, so a symlink at ``target`` is replaced, never followed.
    """
    target = Path(target)
    real = Path(os.path.realpath(target))
    for guarded in protected:
        if real == Path(os.path.realpath(guarded)) or _same_file(target, guarded):
            raise OutputRefused(target, OUTPUT_IS_JOURNAL)
    if target.is_dir():
        raise OutputRefused(target, OUTPUT_IS_FOLDER)
    if os.path.lexists(target):
        if os.path.exists(target) and not stat.S_ISREG(os.stat(target).st_mode):
            raise OutputRefused(target, OUTPUT_NOT_REGULAR)
        if not force:
            raise OutputRefused(target, OUTPUT_EXISTS)
