"""Prepare for the visit: the summary PDF and the chosen photos and videos copied into one new
folder, to bring on a USB stick or send.

No SQL and no Qt: the window gathers the media (the media service) and writes the PDF (the
summary's writer), then hands the files here. The folder is new (a name that exists gets
" (2)", " (3)"...), 0700; each file is copied to a temporary name, fsynced, made 0600 and linked
under its readable name (date + original name), which never replaces a file. All or nothing: on
any failure what was written is removed and :class:`VisitError` says why. A folder or zip
bigger than the free space of the chosen disk is refused before anything is copied.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journal_app.i18n import _

Progress = Callable[[int, int], None]
_CHUNK = 1024 * 1024
#: Room asked beyond the files' own bytes: the folder or zip's entries, a block per file.
_ROOM_MARGIN = 1024 * 1024
_ROOM_PER_FILE = 8 * 1024
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class VisitError(OSError):
    """The folder could not be prepared; ``str()`` is the parent's sentence. Nothing is left."""

    def __init__(self, message: str, code: int = errno.EIO) -> None:
        super().__init__(code, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class VisitFile:
    source: Path
    name: str  # its name in the visit folder


@dataclass(frozen=True)
class VisitResult:
    folder: Path
    files: tuple[Path, ...]


def safe_name(name: str, fallback: str = "file") -> str:
    """``name`` fit for a file name on any system (no slashes, colons, control characters)."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or fallback


def visit_folder_name(child_name: str, day: date) -> str:
    return safe_name(
        _("{name} for the visit {date}").format(name=child_name, date=day.isoformat()), "visit"
    )


def media_file_name(day: date, original_name: str) -> str:
    """The readable name of a copied photo or video: its date, then its original name."""
    return f"{day.isoformat()} {safe_name(original_name)}"


def unique_names(files: Sequence[VisitFile]) -> list[VisitFile]:
    """The same names made distinct: "a.jpg", "a (2).jpg"... (case-insensitively)."""
    seen: set[str] = set()
    out = []
    for file in files:
        stem, dot, ext = file.name.rpartition(".")
        if not dot:
            stem, ext = file.name, ""
        name, n = file.name, 1
        while name.lower() in seen:
            n += 1
            name = f"{stem} ({n}).{ext}" if dot else f"{stem} ({n})"
        seen.add(name.lower())
        out.append(VisitFile(file.source, name))
    return out


def free_bytes(folder: Path) -> int | None:
    """The free space on ``folder``'s disk (None when the system cannot say)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def check_room(parent: Path, files_bytes: int, file_count: int) -> None:
    """Refuse (:class:`VisitError`, ``ENOSPC``) before copying anything when ``parent``'s disk
    has not the room for ``files_bytes`` in ``file_count`` files (with a small margin)."""
    needed = files_bytes + _ROOM_MARGIN + _ROOM_PER_FILE * file_count
    free = free_bytes(parent)
    if free is None or needed <= free:
        return
    from journal_app.domain.media import format_size

    raise VisitError(
        _(
            "The files for the visit need {needed}, but {folder} has only {free} free. "
            "Nothing was copied: choose a place with more room, or fewer videos."
        ).format(needed=format_size(needed), folder=parent, free=format_size(free)),
        errno.ENOSPC,
    )


def _new_folder(parent: Path, name: str) -> Path:
    for n in range(1, 1000):
        folder = parent / (name if n == 1 else f"{name} ({n})")
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)
        return folder
    raise VisitError(_("No new folder could be made in {folder}.").format(folder=parent))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _copy(source: Path, folder: Path, name: str, step: Callable[[int], None]) -> Path:
    target = folder / name
    handle, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".partial", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                out.write(chunk)
                step(len(chunk))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.link(temp, target)  # never over an existing file
    finally:
        temp.unlink(missing_ok=True)
    return target


def write_visit_folder(
    parent: Path, folder_name: str, files: Sequence[VisitFile], progress: Progress | None = None
) -> VisitResult:
    """Make a new folder in ``parent`` and copy ``files`` into it; ``progress(done, total)`` in
    bytes. Raises :class:`VisitError` (nothing left behind) when it cannot."""
    parent = Path(parent)
    if not parent.is_dir():
        raise VisitError(
            _("The folder {folder} does not exist.").format(folder=parent), errno.ENOENT
        )
    files = unique_names(files)
    sizes = []
    for file in files:
        try:
            sizes.append(file.source.stat().st_size)
        except OSError as exc:
            raise VisitError(
                _("{name} could not be read: {reason}.").format(
                    name=file.name, reason=(exc.strerror or str(exc)).lower()
                )
            ) from exc
    total, done = sum(sizes), 0
    check_room(parent, total, len(files))

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    try:
        folder = _new_folder(parent, safe_name(folder_name, "visit"))
    except OSError as exc:
        if isinstance(exc, VisitError):
            raise
        raise VisitError(
            _("No folder could be made in {folder}: {reason}.").format(
                folder=parent, reason=(exc.strerror or str(exc)).lower()
            ),
            exc.errno or errno.EIO,
        ) from exc
    written: list[Path] = []
    try:
        for file in files:
            written.append(_copy(file.source, folder, file.name, step))
        _fsync_dir(folder)
        _fsync_dir(parent)
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            for stray in folder.iterdir():
                if stray.name.startswith(".incoming-"):
                    stray.unlink()
            folder.rmdir()
        if isinstance(exc, OSError):
            raise VisitError(
                _("The files for the visit could not be copied into {folder}: {reason}.").format(
                    folder=parent, reason=(exc.strerror or str(exc)).lower()
                ),
                exc.errno or errno.EIO,
            ) from exc
        raise
    if progress is not None:
        progress(total, total)
    return VisitResult(folder, tuple(written))


def _new_file(parent: Path, stem: str, suffix: str, temp: Path) -> Path:
    """Link ``temp`` under the first free name ``stem``, ``stem (2)``... + ``suffix``."""
    for n in range(1, 1000):
        target = parent / (f"{stem}{suffix}" if n == 1 else f"{stem} ({n}){suffix}")
        try:
            os.link(temp, target)
        except FileExistsError:
            continue
        return target
    raise VisitError(_("No new file could be made in {folder}.").format(folder=parent))


def write_visit_zip(
    parent: Path, zip_name: str, files: Sequence[VisitFile], progress: Progress | None = None
) -> VisitResult:
    """Like :func:`write_visit_folder`, as one new zip file (0600) in ``parent``, to send;
    ``result.folder`` is the zip's path. Photos and videos are already compressed: stored."""
    import zipfile

    parent = Path(parent)
    if not parent.is_dir():
        raise VisitError(
            _("The folder {folder} does not exist.").format(folder=parent), errno.ENOENT
        )
    files = unique_names(files)
    try:
        total = sum(file.source.stat().st_size for file in files)
    except OSError as exc:
        raise VisitError(
            _("{name} could not be read: {reason}.").format(
                name=exc.filename, reason=(exc.strerror or str(exc)).lower()
            )
        ) from exc
    check_room(parent, total, len(files))
    done = 0
    temp: Path | None = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".visit-", suffix=".partial", dir=parent)
        temp = Path(temp_name)
        with os.fdopen(handle, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
                for file in files:
                    with (
                        open(file.source, "rb") as src,
                        archive.open(file.name, "w", force_zip64=True) as out,
                    ):
                        while chunk := src.read(_CHUNK):
                            out.write(chunk)
                            done += len(chunk)
                            if progress is not None:
                                progress(done, total)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temp, 0o600)
        stem = safe_name(zip_name, "visit")
        target = _new_file(parent, stem, ".zip", temp)
        _fsync_dir(parent)
    except OSError as exc:
        if isinstance(exc, VisitError):
            raise
        raise VisitError(
            _("The files for the visit could not be copied into {folder}: {reason}.").format(
                folder=parent, reason=(exc.strerror or str(exc)).lower()
            ),
            exc.errno or errno.EIO,
        ) from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    if progress is not None:
        progress(total, total)
    return VisitResult(target, (target,))
