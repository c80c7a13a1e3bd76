"""Journals with real photos and videos, for the media tests (attach, export, backup, check)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from journal_app.services.context import JournalContext
from journal_app.services.media import MediaItem
from tests.helpers.media_files import ftyp_box, write

DAY = date(2026, 11, 20)


def clip_bytes(size: int = 20_000, seed: int = 1) -> bytes:
    """The bytes of a small file an MP4 begins with: an ftyp box, then varied bytes."""
    body = bytes((seed * 7 + i * 13 + (i >> 8) * seed) % 256 for i in range(size))
    return ftyp_box(b"isom", b"mp41") + body


def clip(path: Path, size: int = 20_000, seed: int = 1) -> Path:
    return write(path, clip_bytes(size, seed))


def attach_clips(
    ctx: JournalContext, child_id: int, folder: Path, count: int = 2, day: date = DAY
) -> list[MediaItem]:
    """``count`` different clips on ``day``, captioned "clip N"."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [clip(folder / f"clip {n}.mp4", seed=n + 1) for n in range(count)]
    report = ctx.media.attach(child_id, day, files)
    assert report.ok and len(report.added) == count
    for n, item in enumerate(report.added):
        ctx.media.set_caption(item.uuid, f"clip {n}")
    return ctx.media.list_for_day(child_id, day)


def stored_files(data_dir: Path) -> dict[str, bytes]:
    """Every stored media file by its path inside media/, with its bytes."""
    root = data_dir / "media"
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
