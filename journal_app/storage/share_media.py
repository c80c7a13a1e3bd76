"""Photos and videos through the shared folder (docs/sharing-format.md, "Photos and videos").

A media record travels in a change file like any record; its file travels beside it, in the
sending computer's own subfolder:

    <shared folder>/<device id>/media/<sha256[:2]>/<sha256>.<extension>

- :func:`send_files`: before a change file that names a photo or video is written, its file is
  copied from this journal's media folder into this computer's subfolder (a private temporary
  ``.tmp-*.part`` made with mkstemp, written, fsynced, checked against its SHA-256, renamed,
  the folder fsynced; 0600, folders 0700). A file already there with its size is not copied
  again (we never leave a half file under a final name). Nothing else is written, and never in
  another computer's subfolder.
- :func:`fetch_files`: a receiving computer takes a record only when the file is in one of the
  subfolders with the record's size and SHA-256; it is copied into this journal's media folder
  with :meth:`MediaStore.add` (which checks the content is a photo or video the journal keeps,
  and stores the same content once). A file shorter than the record says, or not there yet, is
  *waiting* (still arriving: tried again next round); one of the right size with other bytes, a
  longer one, or one that is not a photo or video is *damaged* (reported; tried again next round,
  in case the sync tool was still filling it).

No SQL here; the records come from the sharing service.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from journal_app.domain.media import MediaKind, MediaRefusedError, stored_relative_path
from journal_app.storage.files import PRIVATE_FILE_MODE
from journal_app.storage.media_store import CHUNK_BYTES, MediaStore
from journal_app.storage.share_format import (
    DEVICE_ID_RE,
    PRIVATE_DIR_MODE,
    TEMP_PREFIX,
    TEMP_SUFFIX,
)

#: The subfolder of a computer's folder that holds the files of its photos and videos.
SHARED_MEDIA_DIRNAME = "media"


class FetchStatus(StrEnum):
    READY = "ready"  # in this journal's media folder
    WAITING = "waiting"  # not in the shared folder yet, or still arriving
    DAMAGED = "damaged"  # there, but not the bytes the record names


@dataclass(frozen=True)
class Fetched:
    status: FetchStatus
    #: For a damaged file: the file's name in the shared folder (for the report).
    name: str = ""
    newly_stored: bool = False


def shared_path(root: Path, device: str, sha256: str, kind: MediaKind) -> Path:
    """Where ``device`` puts the file of that content in the shared folder ``root``."""
    return root / device / SHARED_MEDIA_DIRNAME / stored_relative_path(sha256, kind)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):  # FAT and exFAT sticks have no modes
            os.chmod(path, mode)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # some shared file systems refuse it; best effort
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _private_dir(path: Path) -> None:
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR_MODE)
        _chmod(path, PRIVATE_DIR_MODE)
        _fsync_dir(path.parent)


def _kind_and_size(record: Mapping[str, Any]) -> tuple[MediaKind, int, str] | None:
    try:
        kind = MediaKind(str(record.get("kind")))
    except ValueError:
        return None
    size = record.get("size")
    sha = record.get("sha256")
    if not isinstance(size, int) or isinstance(size, bool) or not isinstance(sha, str):
        return None
    return kind, size, sha


def send_files(
    root: Path, device: str, store: MediaStore, records: Iterable[Mapping[str, Any]]
) -> int:
    """Copy the files of ``records`` (media records about to be written in a change file) into
    ``device``'s subfolder of ``root``. Returns how many were copied. A file missing or damaged
    in this journal's media folder is not sent (``check`` names it). Raises OSError when the
    shared folder cannot be written (the round then pauses and writes no change file)."""
    own = root / device
    if not own.is_dir():
        return 0  # never made anew here: the round pauses (own_folder_missing)
    copied = 0
    done: set[str] = set()
    for record in records:
        found = _kind_and_size(record)
        if found is None:
            continue
        kind, size, sha = found
        if sha in done:
            continue
        done.add(sha)
        target = shared_path(root, device, sha, kind)
        with contextlib.suppress(OSError):
            if target.is_file() and target.stat().st_size == size:
                continue  # written by an earlier round (only whole files get this name)
        source = store.path_for(sha, kind)
        if not source.is_file():
            continue
        _private_dir(own / SHARED_MEDIA_DIRNAME)
        _private_dir(target.parent)
        if _copy(source, target, sha):
            copied += 1
    return copied


def _copy(source: Path, target: Path, sha256: str) -> bool:
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            tmp.unlink()  # this journal's copy is damaged: never publish other bytes
            return False
        _chmod(tmp, PRIVATE_FILE_MODE)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return True
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_own_temp_files(root: Path, device: str) -> int:
    """Temporaries a killed copy left in this computer's ``media`` subfolder."""
    base = root / device / SHARED_MEDIA_DIRNAME
    removed = 0
    with contextlib.suppress(OSError):
        for sub in base.iterdir():
            if not sub.is_dir() or sub.is_symlink():
                continue
            for path in sub.iterdir():
                if path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX):
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed += 1
    return removed


def _candidates(root: Path, sha256: str, kind: MediaKind) -> list[Path]:
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    found = []
    for name in names:
        if not DEVICE_ID_RE.match(name):
            continue
        path = shared_path(root, name, sha256, kind)
        with contextlib.suppress(OSError):
            # Links are not followed (none of the folders on the way, nor the file).
            steps = (root / name, path.parent.parent, path.parent, path)
            if not any(p.is_symlink() for p in steps) and path.is_file():
                found.append(path)
    return found


def fetch_files(
    root: Path, store: MediaStore, records: Iterable[Mapping[str, Any]]
) -> dict[str, Fetched]:
    """For each media record (by SHA-256): is its file in this journal's media folder, copied
    there now from the shared folder, still waiting, or damaged?"""
    out: dict[str, Fetched] = {}
    for record in records:
        found = _kind_and_size(record)
        if found is None:
            continue
        kind, size, sha = found
        if sha in out and out[sha].status is FetchStatus.READY:
            continue
        out[sha] = _fetch(root, store, kind, size, sha)
    return out


def _fetch(root: Path, store: MediaStore, kind: MediaKind, size: int, sha: str) -> Fetched:
    local = store.path_for(sha, kind)
    with contextlib.suppress(OSError):
        if local.is_file() and local.stat().st_size == size:
            return Fetched(FetchStatus.READY)  # the same file is stored once
    result = Fetched(FetchStatus.WAITING)
    for path in _candidates(root, sha, kind):
        try:
            there = path.stat().st_size
        except OSError:
            continue
        if there < size:
            continue  # still arriving
        if there > size:
            result = Fetched(FetchStatus.DAMAGED, path.name)
            continue
        try:
            stored = store.add(path)
        except (MediaRefusedError, OSError):
            result = Fetched(FetchStatus.DAMAGED, path.name)
            continue
        if stored.sha256 == sha and stored.kind is kind:
            return Fetched(FetchStatus.READY, path.name, stored.newly_stored)
        if stored.newly_stored:
            # Other bytes than the record names: not kept (no record refers to them).
            with contextlib.suppress(OSError):
                stored.path.unlink()
        result = Fetched(FetchStatus.DAMAGED, path.name)
    return result
