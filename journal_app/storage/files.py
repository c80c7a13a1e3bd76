"""Private files: created readable and writable by the user alone, written durably."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the hidden ``.*.partial`` files a killed write left in ``folder``; the removed."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.glob(f".*{TEMP_SUFFIX}"):
        if entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
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
    """Write ``data`` to ``path`` atomically: a private temp file, fsync, rename; no partial file."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        make_private(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.filename is not None and Path(exc.filename) == tmp:
            # Name the file the user asked for, not our hidden temporary one.
            raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
