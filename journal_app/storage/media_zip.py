"""The "journal with media" zip: ``journal.json`` (the JSON export) and the files of its media.

Layout (``docs/export-format.md``)::

    journal.json                      the JSON export, with the media records
    media/<sha[:2]>/<sha>.<ext>       each file a record refers to, named by its SHA-256

Writing: a private temporary beside the target, each file streamed in (bounded memory) and
hashed as it goes (a file whose content no longer matches its name stops the export), fsync,
rename. Reading: only names of exactly these forms are accepted (nothing is ever extracted by
its name: files go into the media folder through :meth:`MediaStore.add_stream`, named by the hash
of what was read), no encrypted entries, only stored or deflated ones, and every declared size is
bounded before a byte is read; :mod:`zipfile` stops each entry at its declared size and checks
its CRC, so a zip bomb inflates to no more than what was allowed. Problems are
:class:`MediaZipProblem` with a key; the service words them.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from journal_app.domain.media import MediaKind, stored_relative_path
from journal_app.storage.files import fsync_dir, make_private, private_temp_file
from journal_app.storage.media_store import CHUNK_BYTES

JSON_NAME = "journal.json"
MEDIA_PREFIX = "media/"
#: More entries than this is not a journal's zip (a central directory read costs memory).
MAX_ENTRIES = 200_000
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same journal
_ENTRY = re.compile(r"^media/([0-9a-f]{2})/([0-9a-f]{64})\.([0-9a-z]+)$")
_EXTENSIONS = {kind.extension: kind for kind in MediaKind}


class MediaZipProblem(Exception):
    """The zip cannot be written or read as a journal with media; ``key`` says why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class ZipMediaFile:
    """A file to put in the zip: the stored file and the record's names for messages."""

    sha256: str
    kind: MediaKind
    source: Path
    original_name: str


def write_media_zip(
    target: Path,
    json_bytes: bytes,
    files: Sequence[ZipMediaFile],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the zip to ``target`` atomically (0600). Raises :class:`MediaZipProblem`
    ``missing``/``damaged`` (with ``name``) when a stored file is gone or no longer matches."""
    temp = private_temp_file(target)
    total = sum(_size(f.source) for f in files)
    done = 0
    try:
        with open(temp, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
            info = _info(JSON_NAME, zipfile.ZIP_DEFLATED)
            zf.writestr(info, json_bytes)
            seen: set[str] = set()
            for f in files:
                if f.sha256 in seen:
                    continue
                seen.add(f.sha256)
                done = _write_one(zf, f, done, total, progress)
            zf.close()
            raw.flush()
            os.fsync(raw.fileno())
        make_private(temp)
        os.replace(temp, target)
        fsync_dir(target.parent if str(target.parent) else Path("."))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _FIXED_TIME)
    info.compress_type = method
    info.external_attr = 0o600 << 16
    return info


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _write_one(
    zf: zipfile.ZipFile,
    f: ZipMediaFile,
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    name = MEDIA_PREFIX + stored_relative_path(f.sha256, f.kind)
    try:
        source = f.source.open("rb")
    except FileNotFoundError:
        raise MediaZipProblem("missing", name=f.original_name) from None
    digest = hashlib.sha256()
    with source, zf.open(_info(name, zipfile.ZIP_STORED), "w", force_zip64=True) as out:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(min(done, total), total)
    if digest.hexdigest() != f.sha256:
        raise MediaZipProblem("damaged", name=f.original_name)
    return done


@dataclass(frozen=True)
class ZipEntry:
    sha256: str
    kind: MediaKind
    size: int
    info: zipfile.ZipInfo


class MediaZip:
    """A "journal with media" zip opened for reading, its names and sizes checked."""

    def __init__(
        self, zf: zipfile.ZipFile, json_info: zipfile.ZipInfo, entries: dict[str, ZipEntry]
    ):
        self.zf = zf
        self.json_info = json_info
        self.entries = entries

    def read_json(self, limit: int) -> bytes:
        with self.zf.open(self.json_info) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise MediaZipProblem("json_too_big", size=self.json_info.file_size)
        return data

    def open_entry(self, entry: ZipEntry) -> IO[bytes]:
        return self.zf.open(entry.info)


@contextmanager
def open_media_zip(path: Path, *, json_limit: int, file_limit: int) -> Iterator[MediaZip]:
    """Open and check the zip at ``path``: :class:`MediaZipProblem` when it is not a journal
    with media (``not_zip``, ``csv_zip``, ``no_json``, ``strange_entry``, ``twice``,
    ``encrypted``, ``method``, ``too_many``, ``json_too_big``, ``file_too_big``)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise MediaZipProblem("not_zip") from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise MediaZipProblem("too_many", count=len(infos))
        json_info: zipfile.ZipInfo | None = None
        entries: dict[str, ZipEntry] = {}
        names: set[str] = set()
        for info in infos:
            name = info.filename
            if name in names:
                raise MediaZipProblem("twice", name=name)
            names.add(name)
            if info.flag_bits & 0x1:
                raise MediaZipProblem("encrypted", name=name)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise MediaZipProblem("method", name=name)
            if name == JSON_NAME:
                if info.file_size > json_limit:
                    raise MediaZipProblem("json_too_big", size=info.file_size)
                json_info = info
                continue
            if info.is_dir() and _is_media_folder(name):
                continue
            match = _ENTRY.match(name)
            kind = _EXTENSIONS.get(match.group(3)) if match else None
            if match is None or kind is None or match.group(1) != match.group(2)[:2]:
                if json_info is None and name.lower().endswith(".csv"):
                    raise MediaZipProblem("csv_zip")
                raise MediaZipProblem("strange_entry", name=name)
            if info.file_size > file_limit:
                raise MediaZipProblem("file_too_big", name=name, size=info.file_size)
            entries[match.group(2)] = ZipEntry(match.group(2), kind, info.file_size, info)
        if json_info is None:
            raise MediaZipProblem("no_json")
        yield MediaZip(zf, json_info, entries)
    finally:
        zf.close()


def _is_media_folder(name: str) -> bool:
    return name in ("media/",) or re.fullmatch(r"media/[0-9a-f]{2}/", name) is not None
