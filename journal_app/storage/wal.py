"""A damaged write-ahead log is found, and kept, before SQLite can checkpoint it away.

SQLite appends each saved change to ``journal.sqlite3-wal`` as frames and copies them into the
journal later (a checkpoint), after which the WAL is reset. When it opens a WAL after a crash it
replays frames from the start and *stops silently at the first frame whose checksum or salt does
not match*: every frame after it is ignored, and the next checkpoint makes that loss permanent.
16 bytes of garbage in the middle of a WAL holding 8 saved days lost 5 of them that way.

So before anything opens the journal, :func:`inspect_wal` reads the WAL itself, following the
format SQLite documents (https://www.sqlite.org/fileformat2.html#walformat):

- a 32-byte header: magic ``0x377f0682``/``0x377f0683`` (the low bit says whether checksums are
  computed on big- or little-endian words), version, page size, checkpoint sequence, two salts
  and a checksum of the first 24 bytes;
- then frames of a 24-byte header (page number, the database size in pages for a commit frame,
  the two salts, a checksum) and one page. Each frame's checksum continues from the one before,
  over the first 8 bytes of its header and its page.

A frame is valid while its salts equal the header's and its cumulative checksum matches. Walking
the frames gives the first invalid one. What follows it decides:

- only frames with *other* salts: the leftovers of an earlier generation of the WAL (SQLite
  rewrites the WAL from the start after a checkpoint and leaves older frames behind), or a torn
  last write of a change that never returned as saved. Nothing is lost; nothing is said;
- any later frame carrying the *current* salts: the WAL continues past a broken frame, so saved
  changes after it cannot be replayed. The WAL is damaged.

A header that is not a valid WAL header in front of whole frames is damaged too (SQLite would
ignore the entire file). For a damaged WAL, :func:`keep_damaged_wal` copies it (0600) beside the
journal under a name holding a digest of its content, before SQLite sees it, and the caller says
so. The same damaged WAL is reported once: on the next start its copy is already there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

from journal_app.storage.files import fsync_dir, make_private, private_temp_file

_MAGIC = (0x377F0682, 0x377F0683)
_HEADER = 32
_FRAME_HEADER = 24
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class WalReport:
    """What :func:`inspect_wal` found."""

    frames: int  # whole frames in the file
    replayable: int  # frames SQLite will replay (up to and including the last valid commit)
    lost_commits: int  # saved changes (commit frames) after the first broken frame
    header_ok: bool

    @property
    def damaged(self) -> bool:
        return self.lost_commits > 0 or (not self.header_ok and self.frames > 0)


def _checksum(data: bytes, s0: int, s1: int, order: str) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for k in range(0, len(words), 2):
        s0 = (s0 + words[k] + s1) & _MASK
        s1 = (s1 + words[k + 1] + s0) & _MASK
    return s0, s1


def inspect_wal(wal: Path) -> WalReport | None:
    """Read the WAL at ``wal`` as SQLite would replay it; None when there is no WAL."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < _HEADER:
        return WalReport(0, 0, 0, header_ok=True)  # empty, or a header cut short: no frames
    magic, _version, page_size = struct.unpack(">III", data[:12])
    valid_size = page_size >= 512 and page_size <= 65536 and page_size & (page_size - 1) == 0
    frame_size = _FRAME_HEADER + (page_size if valid_size else 4096)
    frames = (len(data) - _HEADER) // frame_size
    if magic not in _MAGIC or not valid_size:
        return WalReport(frames, 0, frames, header_ok=False)
    order = ">" if magic & 1 else "<"
    s0, s1 = _checksum(data[:24], 0, 0, order)
    if (s0, s1) != struct.unpack(">II", data[24:32]):
        return WalReport(frames, 0, frames, header_ok=False)
    salts = data[16:24]
    replayable = 0
    first_bad = frames
    for i in range(frames):
        start = _HEADER + i * frame_size
        header = data[start : start + _FRAME_HEADER]
        if header[8:16] != salts:
            first_bad = i
            break
        s0, s1 = _checksum(
            header[:8] + data[start + _FRAME_HEADER : start + frame_size], s0, s1, order
        )
        if (s0, s1) != struct.unpack(">II", header[16:24]):
            first_bad = i
            break
        if struct.unpack(">I", header[4:8])[0]:  # a commit frame: everything up to here holds
            replayable = i + 1
    lost_commits = 0
    for j in range(first_bad + 1, frames):
        start = _HEADER + j * frame_size
        header = data[start : start + _FRAME_HEADER]
        if header[8:16] == salts and struct.unpack(">I", header[4:8])[0]:
            lost_commits += 1
    return WalReport(frames, replayable, lost_commits, header_ok=True)


def kept_wal_name(journal: Path, wal: Path) -> Path:
    digest = hashlib.sha256(wal.read_bytes()).hexdigest()[:16]
    return journal.with_name(f"{journal.name}-wal.unreplayed-{digest}")


def kept_wal_copies(journal: Path) -> list[Path]:
    """The copies :func:`keep_damaged_wal` made beside ``journal`` that are still there."""
    return sorted(journal.parent.glob(f"{journal.name}-wal.unreplayed-*"))


def keep_damaged_wal(journal: Path) -> tuple[Path, WalReport] | None:
    """When the journal's WAL is damaged and not yet kept: copy it aside; (copy, report).

    None when there is no WAL, it is sound, or this same damaged WAL was kept before.
    """
    wal = journal.with_name(journal.name + "-wal")
    report = inspect_wal(wal)
    if report is None or not report.damaged:
        return None
    kept = kept_wal_name(journal, wal)
    if kept.exists():
        return None
    temp = private_temp_file(kept)
    try:
        with open(wal, "rb") as source, open(temp, "r+b") as target:
            shutil.copyfileobj(source, target)
            target.flush()
            os.fsync(target.fileno())
        make_private(temp)
        os.replace(temp, kept)
        fsync_dir(kept.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return kept, report
