"""The photos and videos of a backup: a backup is the database copy plus the media it refers to.

Beside a backup file ``auto-20261120-080000.sqlite3`` its media are in the folder
``auto-20261120-080000.sqlite3.media/`` (``<sha[:2]>/<sha>.<ext>``, as in the journal's
``media/``). Files are immutable (named by their hash), so a backup's file is a hard link to the
journal's where the file system allows (no space used), else a copy checked against its hash.

The folder is filled under a hidden temporary name and renamed before the backup file gets its
final name: a backup that is listed has its media. A kill in between leaves a folder without its
backup file, removed at the next start (:func:`remove_orphan_media_dirs`).

Restoring copies the backup's files into the journal's media folder through
:meth:`MediaStore.add`, which hashes what it copies: a file that does not match its record is
not taken, and the restore is refused naming it (:func:`bring_back_media`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journal_app.domain.media import MediaKind, MediaStatus, stored_relative_path
from journal_app.storage.files import PRIVATE_FILE_MODE, fsync_dir
from journal_app.storage.media_reads import media_files_raw, media_for_check_raw
from journal_app.storage.media_store import (
    CHUNK_BYTES,
    MEDIA_DIRNAME,
    PRIVATE_DIR_MODE,
    MediaStore,
    hash_file,
)

MEDIA_SUFFIX = ".media"
_TEMP_PREFIX = ".media-"
_TEMP_SUFFIX = ".partial-dir"


def media_dir_of(backup: Path) -> Path:
    """The folder of ``backup``'s photos and videos (it may not exist: a backup without media)."""
    return backup.with_name(backup.name + MEDIA_SUFFIX)


def _private_dir(path: Path) -> None:
    path.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)


def _copy_checked(source: Path, target: Path, sha256: str) -> bool:
    """Copy ``source`` to ``target`` (0600, fsynced) if its content still matches ``sha256``."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with source.open("rb") as src, os.fdopen(fd, "wb") as out:
            while chunk := src.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if digest.hexdigest() != sha256:
        target.unlink()
        return False
    return True


def _link_or_copy(source: Path, target: Path, sha256: str) -> bool:
    try:
        os.link(source, target)
        return True
    except FileNotFoundError:
        return False  # missing from the journal: `check` names it
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
    try:
        return _copy_checked(source, target, sha256)
    except FileNotFoundError:
        return False


def stage_backup_media(database_copy: Path, journal_dir: Path, final: Path) -> Path | None:
    """Put the media that ``database_copy`` (a verified backup not yet named ``final``) refers
    to into a hidden folder beside ``final``; the folder (None when there are no media). The
    caller renames it with :func:`place_backup_media` just before naming the backup."""
    files = media_files_raw(database_copy)
    if not files:
        return None
    store = MediaStore(journal_dir)
    staged = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=final.parent))
    try:
        os.chmod(staged, PRIVATE_DIR_MODE)
        for sha, kind in files:
            target = staged / stored_relative_path(sha, kind)
            _private_dir(target.parent)
            _link_or_copy(store.path_for(sha, kind), target, sha)
        for sub in staged.iterdir():
            fsync_dir(sub)
        fsync_dir(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def place_backup_media(staged: Path | None, final: Path) -> None:
    """Rename the staged folder to ``final``'s media folder (replacing an older one)."""
    target = media_dir_of(final)
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        if not _is_backup_media_dir(target):  # not ours: never removed
            raise OSError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
        shutil.rmtree(target)
    if staged is not None:
        os.replace(staged, target)
    fsync_dir(final.parent)


def _is_backup_media_dir(folder: Path) -> bool:
    """True when ``folder`` holds only what a backup's media folder holds."""
    if not folder.is_dir():
        return False
    for sub in folder.iterdir():
        if not sub.is_dir() or len(sub.name) != 2:
            return False
        for entry in sub.iterdir():
            stem = entry.name.split(".", 1)[0]
            if not entry.is_file() or len(stem) != 64 or not stem.startswith(sub.name):
                return False
    return True


def remove_backup_media(backup: Path) -> None:
    """Remove the media folder of a backup that is being removed (rotation)."""
    folder = media_dir_of(backup)
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


def remove_orphan_media_dirs(backup_dir: Path) -> list[Path]:
    """At start, under the lock: staged folders a killed backup left, and media folders whose
    backup file is gone; the removed."""
    removed: list[Path] = []
    if not backup_dir.is_dir():
        return removed
    for entry in backup_dir.iterdir():
        if not entry.is_dir() or entry.is_symlink():
            continue
        staged = entry.name.startswith(_TEMP_PREFIX) and entry.name.endswith(_TEMP_SUFFIX)
        orphan = (
            entry.name.endswith(MEDIA_SUFFIX)
            and not entry.with_name(entry.name[: -len(MEDIA_SUFFIX)]).is_file()
        )
        if staged or orphan:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@dataclass(frozen=True)
class MissingMedia:
    """A photo or video a backup refers to that neither it nor the journal holds intact."""

    original_name: str
    child: str
    day: date
    status: MediaStatus


def bring_back_media(backup: Path, journal_dir: Path) -> list[MissingMedia]:
    """Copy into the journal's media folder every file ``backup`` refers to that the journal
    does not hold intact, from the backup's media folder, each checked against its hash.
    Returns what could not be brought back (empty: every file of the backup is in place)."""
    files = media_files_raw(backup)
    if not files:
        return []
    store = MediaStore(journal_dir)
    saved = media_dir_of(backup)
    lost: dict[str, MediaStatus] = {}
    for sha, kind in files:
        if _intact(store.path_for(sha, kind), sha):
            continue
        status = _take_from(saved / stored_relative_path(sha, kind), sha, kind, store)
        if status is not MediaStatus.OK:
            lost[sha] = status
    if not lost:
        return []
    return [
        MissingMedia(name, child, day, lost[sha])
        for sha, _kind, name, child, day in media_for_check_raw(backup)
        if sha in lost
    ]


def _intact(path: Path, sha256: str) -> bool:
    try:
        return hash_file(path)[0] == sha256
    except OSError:
        return False


def _take_from(source: Path, sha256: str, kind: MediaKind, store: MediaStore) -> MediaStatus:
    if not source.is_file():
        return MediaStatus.MISSING
    if not _intact(source, sha256):
        return MediaStatus.DAMAGED
    stored = store.add(source)
    if stored.sha256 != sha256 or stored.kind is not kind:  # changed while being copied
        return MediaStatus.DAMAGED
    return MediaStatus.OK


def journal_media_dir(journal: Path) -> Path:
    return journal.parent / MEDIA_DIRNAME
