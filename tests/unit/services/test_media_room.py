"""A photo or video the journal's disk has no room for is refused before a byte is copied, with
the sizes said; the other files of the same attach are still added."""

from __future__ import annotations

import shutil
from pathlib import Path

from journal_app import i18n
from journal_app.domain.entries import ChildProfile
from journal_app.services.context import JournalContext
from journal_app.services.media import MediaService
from tests.helpers.media_files import ftyp_box
from tests.helpers.media_journal import DAY, clip, stored_files


def _sparse_clip(path: Path, size: int) -> Path:
    """A file an MP4 begins with, ``size`` bytes long but taking no room (sparse)."""
    with path.open("wb") as handle:
        handle.write(ftyp_box(b"isom", b"mp41"))
        handle.truncate(size)
    return path


def test_a_clip_bigger_than_the_free_space_is_refused_first(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    data_dir = context.paths.data_dir
    free = shutil.disk_usage(data_dir).free
    huge = _sparse_clip(tmp_path / "whole afternoon.mp4", free + 10 * 1024 * 1024)
    small = clip(tmp_path / "short.mp4")
    service = MediaService(context.engine, data_dir, limit=10**15)  # the limit is not the point
    report = service.attach(child.id, DAY, [huge, small])
    [(name, message)] = report.refused
    assert name == "whole afternoon.mp4"
    assert message.startswith("whole afternoon.mp4 was not added: it needs ")
    assert "free. Nothing was copied" in message
    assert [item.original_name for item in report.added] == ["short.mp4"]
    assert len(stored_files(data_dir)) == 1  # the small clip only, no temporary left
    assert not list((data_dir / "media").glob(".incoming-*"))


def test_over_the_limit_keeps_the_limits_own_sentence(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    """A file over the 2 GB limit and over the free space is told about the limit."""
    assert child.id is not None
    free = shutil.disk_usage(context.paths.data_dir).free
    huge = _sparse_clip(tmp_path / "long.mov", max(free, 3 * 1024**3) + 1)
    report = context.media.attach(child.id, DAY, [huge])
    [(_name, message)] = report.refused
    assert "too big for the journal" in message


def test_the_refusal_is_in_spanish_under_spanish(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    data_dir = context.paths.data_dir
    huge = _sparse_clip(tmp_path / "tarde.mp4", shutil.disk_usage(data_dir).free + 1)
    service = MediaService(context.engine, data_dir, limit=10**15)
    with i18n.speaking(i18n.translator_for("es")):
        report = service.attach(child.id, DAY, [huge])
    [(_name, message)] = report.refused
    assert message.startswith("No se ha añadido tarde.mp4: necesita ")
