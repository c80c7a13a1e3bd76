"""The journal folder's ``media/`` subfolder: photos and videos stored by content hash.

Layout: ``<journal folder>/media/<first two hex digits>/<sha256>.<extension>``; the same content
added twice is stored once. Folders are 0700 and files 0600, whatever the umask.

Crash safety: a file is stream-copied (in chunks, bounded memory) to a ``tempfile.mkstemp`` name
in ``media/`` while it is hashed, fsynced, renamed to its hash name and the folder fsynced. A kill
at any moment leaves at most a stray ``.incoming-*.partial`` temporary (removed by
:meth:`MediaStore.clean_temporaries`), never a half file under a hash name.

No SQLAlchemy here: which files the journal refers to is the media repository's business; this
module takes the referenced hashes as arguments where it needs them.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from journal_app.domain.errors import os_error_text
from journal_app.domain.media import (
    EXIF_SCAN_BYTES,
    MAX_MEDIA_BYTES,
    SNIFF_BYTES,
    MediaKind,
    MediaRefusedError,
    MediaStatus,
    RefusalReason,
    TakenDate,
    check_size,
    choose_taken_date,
    exif_date_taken,
    identify,
    status_message,
    stored_relative_path,
    text,
    unreadable,
)
from journal_app.i18n import _
from journal_app.storage.files import PRIVATE_FILE_MODE, fsync_dir

MEDIA_DIRNAME = "media"
PRIVATE_DIR_MODE = 0o700
CHUNK_BYTES = 1024 * 1024
TEMP_PREFIX = ".incoming-"
TEMP_SUFFIX = ".partial"

_EXTENSIONS = {kind.extension: kind for kind in MediaKind}
_STORED_NAME = re.compile(r"^([0-9a-f]{64})\.([0-9a-z]+)$")


@dataclass(frozen=True)
class StoredMedia:
    """A file in the media folder (what :meth:`MediaStore.add` and ``list_stored`` give)."""

    sha256: str
    kind: MediaKind
    size_bytes: int
    path: Path
    newly_stored: bool = False  # False when the same content was already there


@dataclass(frozen=True)
class MediaCheck:
    sha256: str
    kind: MediaKind
    status: MediaStatus
    path: Path
    message: str  # for the parent, naming the file (the original name when the caller gives it)


def _make_private_dir(path: Path) -> bool:
    """Create ``path`` 0700 if missing; True when it was created (its parent needs an fsync)."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise
        return False
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask; make it exact
    return True


def hash_file(path: Path, chunk_bytes: int = CHUNK_BYTES) -> tuple[str, int]:
    """(sha256 hex, size) of ``path``, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_bytes):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def read_taken_date(path: Path, kind: MediaKind | None = None) -> TakenDate:
    """When ``path`` was taken: the Exif DateTimeOriginal of a JPEG, else the file's
    modification time (local), each saying which it used (``.source.label``)."""
    exif = None
    if kind is None or kind is MediaKind.JPEG:
        with path.open("rb") as handle:
            exif = exif_date_taken(handle.read(EXIF_SCAN_BYTES))
    return choose_taken_date(exif, datetime.fromtimestamp(path.stat().st_mtime))


def inspect_file(path: Path, limit: int = MAX_MEDIA_BYTES) -> tuple[MediaKind, int]:
    """(kind, size) of a file the journal would keep, or :class:`MediaRefusedError`; reads only
    the first bytes, so a refused file costs nothing."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise unreadable(path.name, _("it is not a file"))
            check_size(path.name, info.st_size, limit)
            head = handle.read(SNIFF_BYTES)
    except MediaRefusedError:
        raise
    except OSError as exc:
        raise unreadable(path.name, os_error_text(exc)) from exc
    return identify(path.name, head, info.st_size), info.st_size


class MediaStore:
    """The media folder of the journal in ``journal_dir``."""

    def __init__(self, journal_dir: Path, *, limit: int = MAX_MEDIA_BYTES) -> None:
        self.journal_dir = journal_dir
        self.root = journal_dir / MEDIA_DIRNAME
        self.limit = limit

    # --- where files are ---

    def path_for(self, sha256: str, kind: MediaKind) -> Path:
        return self.root / stored_relative_path(sha256, kind)

    def ensure_root(self) -> Path:
        if _make_private_dir(self.root):
            fsync_dir(self.journal_dir)
        return self.root

    # --- adding ---

    def add(self, source: Path, progress: Callable[[int, int], None] | None = None) -> StoredMedia:
        """Copy ``source`` into the media folder (or find it already there).

        Refused (:class:`MediaRefusedError`, nothing copied) when it is not a photo or video the
        journal keeps, is empty or over the limit. The kind is sniffed from the same open file
        that is copied, and the copy is hashed as it is written. ``progress(copied, total)`` is
        called after each chunk (bytes), for a progress bar on a long video.
        """
        try:
            handle = source.open("rb")
        except OSError as exc:
            raise unreadable(source.name, os_error_text(exc)) from exc
        with handle:
            try:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise unreadable(source.name, _("it is not a file"))
                check_size(source.name, info.st_size, self.limit)
                head = handle.read(SNIFF_BYTES)
            except OSError as exc:
                raise unreadable(source.name, os_error_text(exc)) from exc
            kind = identify(source.name, head, info.st_size)
            self.ensure_root()
            return self._copy_in(source.name, handle, head, kind, info.st_size, progress)

    def add_stream(
        self,
        handle: IO[bytes],
        name: str,
        total: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> StoredMedia:
        """Copy an open stream (a zip entry, a backup's file) of ``total`` bytes into the media
        folder, with the same checks and crash safety as :meth:`add`; ``name`` is the name the
        messages use. The caller compares the returned hash with the one it expects."""
        check_size(name, total, self.limit)
        try:
            head = handle.read(SNIFF_BYTES)
        except OSError as exc:
            raise unreadable(name, os_error_text(exc)) from exc
        kind = identify(name, head, max(total, len(head)))
        self.ensure_root()
        return self._copy_in(name, handle, head, kind, total, progress)

    def _copy_in(
        self,
        name: str,
        handle: IO[bytes],
        head: bytes,
        kind: MediaKind,
        total: int,
        progress: Callable[[int, int], None] | None,
    ) -> StoredMedia:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.root)
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            size = 0
            with os.fdopen(fd, "wb") as out:
                if os.name == "posix":
                    os.fchmod(out.fileno(), PRIVATE_FILE_MODE)  # mkstemp's 0600, made certain
                chunk = head
                read = handle.read
                while chunk:
                    size += len(chunk)
                    if size > self.limit:  # the file grew while it was being copied
                        check_size(name, size, self.limit)
                    digest.update(chunk)
                    out.write(chunk)
                    if progress is not None:
                        progress(size, max(total, size))
                    chunk = read(CHUNK_BYTES)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_for(sha256, kind)
            created_dir = _make_private_dir(target.parent)
            if created_dir:
                fsync_dir(self.root)
            if target.exists() and self._content_matches(target, sha256):
                tmp.unlink()
                fsync_dir(self.root)
                return StoredMedia(sha256, kind, size, target, newly_stored=False)
            os.replace(tmp, target)  # also heals a damaged copy of the same content
            fsync_dir(target.parent)
            fsync_dir(self.root)
            return StoredMedia(sha256, kind, size, target, newly_stored=True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    @staticmethod
    def _content_matches(path: Path, sha256: str) -> bool:
        try:
            return hash_file(path)[0] == sha256
        except OSError:
            return False

    # --- checking, listing, removing ---

    def verify(self, sha256: str, kind: MediaKind, name: str | None = None) -> MediaCheck:
        """Re-hash the stored file: ok, missing or damaged, with a sentence naming ``name``
        (the original file name; the stored name when not given)."""
        path = self.path_for(sha256, kind)
        shown = name or path.name
        try:
            actual = hash_file(path)[0]
        except FileNotFoundError:
            status = MediaStatus.MISSING
        except OSError:
            status = MediaStatus.DAMAGED
        else:
            status = MediaStatus.OK if actual == sha256 else MediaStatus.DAMAGED
        return MediaCheck(sha256, kind, status, path, status_message(status, shown))

    def verify_all(self, files: Iterable[tuple[str, MediaKind, str]]) -> list[MediaCheck]:
        """Verify each (sha256, kind, original name); the problems first is the caller's choice."""
        return [self.verify(sha, kind, name) for sha, kind, name in files]

    def list_stored(self) -> list[StoredMedia]:
        """Every file stored under a hash name, sorted by hash; anything else is ignored."""
        found: list[StoredMedia] = []
        if not self.root.is_dir():
            return found
        for sub in sorted(self.root.iterdir()):
            if not sub.is_dir() or len(sub.name) != 2:
                continue
            for path in sorted(sub.iterdir()):
                match = _STORED_NAME.match(path.name)
                if not match or not path.is_file() or match.group(1)[:2] != sub.name:
                    continue
                kind = _EXTENSIONS.get(match.group(2))
                if kind is None:
                    continue
                found.append(StoredMedia(match.group(1), kind, path.stat().st_size, path))
        return found

    def remove_unreferenced(
        self, sha256: str, kind: MediaKind, referenced: Collection[str]
    ) -> bool:
        """Delete the stored file unless a record still refers to its hash; True when deleted."""
        if sha256 in referenced:
            return False
        path = self.path_for(sha256, kind)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        fsync_dir(path.parent)
        return True

    def remove_all_unreferenced(self, referenced: Collection[str]) -> list[StoredMedia]:
        """Delete every stored file no record refers to (after an undo window has passed)."""
        removed = []
        for stored in self.list_stored():
            if self.remove_unreferenced(stored.sha256, stored.kind, referenced):
                removed.append(stored)
        return removed

    def clean_temporaries(self) -> int:
        """Remove stray temporaries a killed copy left; call only while no copy is running (at
        open, under the journal's single-instance lock). Returns how many were removed."""
        if not self.root.is_dir():
            return 0
        removed = 0
        for path in self.root.iterdir():
            if path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX):
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            fsync_dir(self.root)
        return removed


# --- "Add from a folder": the plan shown before anything is added ---------------------------------


class SkipReason(enum.Enum):
    ALREADY_THERE = "already_there"
    DUPLICATE = "duplicate"  # the same content appears twice in the folder
    NOT_MEDIA = "not_media"
    TOO_BIG = "too_big"
    EMPTY = "empty"
    UNREADABLE = "unreadable"


_REFUSAL_SKIPS = {
    RefusalReason.NOT_MEDIA: SkipReason.NOT_MEDIA,
    RefusalReason.TOO_BIG: SkipReason.TOO_BIG,
    RefusalReason.EMPTY: SkipReason.EMPTY,
    RefusalReason.UNREADABLE: SkipReason.UNREADABLE,
}


@dataclass(frozen=True)
class PlannedMedia:
    path: Path
    kind: MediaKind
    size_bytes: int
    sha256: str
    taken: TakenDate  # taken.day is the day it goes on; taken.source.label says why


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: SkipReason
    message: str


@dataclass(frozen=True)
class FolderPlan:
    to_add: list[PlannedMedia]  # by date taken, then name
    skipped: list[SkippedFile]  # by name


def plan_folder(
    folder: Path,
    known_hashes: Collection[str],
    *,
    limit: int = MAX_MEDIA_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> FolderPlan:
    """What "Add from a folder" would add from ``folder`` (not its subfolders; hidden files are
    ignored) and on which day, and what it skips and why. Nothing is copied."""
    files = sorted(
        (p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file()),
        key=lambda p: p.name.casefold(),
    )
    to_add: list[PlannedMedia] = []
    skipped: list[SkippedFile] = []
    seen: dict[str, Path] = {}
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        try:
            kind, _size = inspect_file(path, limit)
            sha256, size = hash_file(path)
            check_size(path.name, size, limit)
            taken = read_taken_date(path, kind)
        except MediaRefusedError as exc:
            skipped.append(SkippedFile(path, _REFUSAL_SKIPS[exc.reason], str(exc)))
            continue
        except OSError as exc:
            refusal = unreadable(path.name, os_error_text(exc))
            skipped.append(SkippedFile(path, SkipReason.UNREADABLE, str(refusal)))
            continue
        if sha256 in known_hashes:
            skipped.append(SkippedFile(path, SkipReason.ALREADY_THERE, text("skip_already")))
        elif sha256 in seen:
            message = text("skip_duplicate").format(other=seen[sha256].name)
            skipped.append(SkippedFile(path, SkipReason.DUPLICATE, message))
        else:
            seen[sha256] = path
            to_add.append(PlannedMedia(path, kind, size, sha256, taken))
    if progress is not None:
        progress(len(files), len(files))
    to_add.sort(key=lambda p: (p.taken.when, p.path.name.casefold()))
    return FolderPlan(to_add, skipped)
