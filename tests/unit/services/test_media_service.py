"""MediaService on a real journal: attach, the same file twice, refusals, captions, remove and
undo, and the sweep at the next opening."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.domain.media import MediaKind
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.media import MediaService
from journal_app.storage.media_store import TEMP_PREFIX, TEMP_SUFFIX
from tests.helpers.media_files import ftyp_box, image_bytes, write

DAY = date(2026, 11, 20)


def clip(path: Path, size: int = 20_000, seed: int = 1) -> Path:
    """A small file an MP4 begins with: an ftyp box, then bytes."""
    body = bytes((seed * 7 + i * 13) % 256 for i in range(size))
    return write(path, ftyp_box(b"isom", b"mp41") + body)


def test_attach_copies_the_file_and_lists_it_on_its_day(
    context: JournalContext, child: ChildProfile, tmp_path: Path, qapp: object
) -> None:
    assert child.id is not None
    photo = write(tmp_path / "first crawl.png", image_bytes("PNG"))
    video = clip(tmp_path / "IMG_0001.MP4")
    report = context.media.attach(child.id, DAY, [photo, video])
    assert report.refused == () and report.already_there == ()
    items = context.media.list_for_day(child.id, DAY)
    assert [(i.original_name, i.kind) for i in items] == [
        ("first crawl.png", MediaKind.PNG),
        ("IMG_0001.MP4", MediaKind.MP4),
    ]
    assert items[0].is_photo and not items[1].is_photo
    assert items[1].path.read_bytes() == video.read_bytes()
    assert items[1].size_bytes == video.stat().st_size
    assert os.stat(items[1].path).st_mode & 0o777 == 0o600
    assert context.media.days_with_media(child.id) == {DAY}
    assert context.media.list_for_day(child.id, date(2026, 11, 21)) == []
    assert context.media.last_video_day(child.id) == DAY
    assert "2" in report.describe()


def test_the_same_file_twice_is_stored_once(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    one = clip(tmp_path / "a.mp4")
    other = write(tmp_path / "copy of a.mp4", one.read_bytes())
    first = context.media.attach(child.id, DAY, [one])
    again = context.media.attach(child.id, DAY, [other])
    assert again.added == () and again.already_there == ("copy of a.mp4",)
    later = context.media.attach(child.id, date(2026, 11, 25), [other])
    assert len(later.added) == 1 and later.added[0].path == first.added[0].path
    stored = [p for p in (context.paths.data_dir / "media").rglob("*") if p.is_file()]
    assert len(stored) == 1


def test_a_renamed_text_file_and_an_over_limit_file_are_refused_and_not_copied(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    notes = write(tmp_path / "notes.mp4", b"Maya rolled over today.\n" * 20)
    service = MediaService(context.engine, context.paths.data_dir, limit=10_000)
    big = clip(tmp_path / "long.mov", size=20_000)
    report = service.attach(child.id, DAY, [notes, big])
    assert report.added == ()
    names = [name for name, _message in report.refused]
    assert names == ["notes.mp4", "long.mov"]
    assert "it holds text" in report.refused[0][1]
    assert "too big" in report.refused[1][1]
    assert service.list_for_day(child.id, DAY) == []
    media = context.paths.data_dir / "media"
    assert not media.exists() or [p for p in media.rglob("*") if p.is_file()] == []


def test_a_caption_is_kept_exactly(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    item = context.media.attach(child.id, DAY, [clip(tmp_path / "c.mp4")]).added[0]
    caption = "  Left knee trails,\n  then «catches up» 🙂 \t"
    context.media.set_caption(item.uuid, caption)
    again = MediaService(context.engine, context.paths.data_dir)
    assert again.list_for_day(child.id, DAY)[0].caption == caption


def test_remove_then_undo_puts_the_same_record_back_and_the_file_stays(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    item = context.media.attach(child.id, DAY, [clip(tmp_path / "c.mp4")]).added[0]
    context.media.set_caption(item.uuid, "crawling to the ball")
    removed = context.media.remove(item.uuid)
    assert context.media.list_for_day(child.id, DAY) == []
    assert removed.path.is_file()  # kept until the next opening
    context.media.restore(removed)
    back = context.media.list_for_day(child.id, DAY)
    assert [(b.uuid, b.caption, b.path) for b in back] == [
        (item.uuid, "crawling to the ball", item.path)
    ]


def test_the_next_opening_sweeps_removed_files_and_strays(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    kept, gone = context.media.attach(
        child.id, DAY, [clip(tmp_path / "k.mp4", seed=1), clip(tmp_path / "g.mp4", seed=2)]
    ).added
    context.media.remove(gone.uuid)
    stray = context.paths.data_dir / "media" / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}"
    stray.write_bytes(b"half a copy")
    context.close()
    reopened = open_context(JournalPaths(context.paths.data_dir))
    try:
        assert kept.path.is_file()
        assert not gone.path.exists()
        assert not stray.exists()
        assert [i.uuid for i in reopened.media.list_for_day(child.id, DAY)] == [kept.uuid]
    finally:
        reopened.close()


def test_an_unknown_child_is_refused(context: JournalContext, tmp_path: Path) -> None:
    from journal_app.domain.errors import ChildNotFound

    with pytest.raises(ChildNotFound):
        context.media.attach(999, DAY, [clip(tmp_path / "c.mp4")])


def test_refusals_and_reports_speak_spanish(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    from journal_app.i18n import speaking, translator_for

    assert child.id is not None
    service = MediaService(context.engine, context.paths.data_dir, limit=1536)
    big = clip(tmp_path / "largo.mov", size=4000)
    notes = write(tmp_path / "notas.mp4", b"hoy gateo hacia atras\n" * 10)
    with speaking(translator_for("es")):
        report = service.attach(child.id, DAY, [big, notes])
        summary = report.describe()
    (_, too_big), (_, not_media) = report.refused
    assert "demasiado grande" in too_big and "3,9 KB" in too_big and "1,5 KB" in too_big
    assert "contiene texto" in not_media and "no se ha copiado nada" in not_media
    assert summary == "2 archivos no se han añadido."


def test_deleting_a_child_deletes_its_records_and_the_next_opening_its_files(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    assert child.id is not None
    item = context.media.attach(child.id, DAY, [clip(tmp_path / "c.mp4")]).added[0]
    context.journal.delete_child(child.id)
    assert context.media.list_all() == []
    assert item.path.is_file()
    context.close()
    open_context(JournalPaths(context.paths.data_dir)).close()
    assert not item.path.exists()


def test_a_folder_is_planned_by_date_taken_and_added_on_those_days(
    context: JournalContext, child: ChildProfile, tmp_path: Path, qapp: object
) -> None:
    from tests.helpers.media_files import exif_segment, with_exif

    assert child.id is not None
    folder = tmp_path / "phone export"
    folder.mkdir()
    jpeg = with_exif(image_bytes("JPEG"), exif_segment("2026:11:02 09:30:15"))
    write(folder / "IMG_0001.JPG", jpeg)
    known = clip(folder / "VID_0002.MP4")
    write(folder / "readme.txt", b"exported by the phone\n")
    context.media.attach(child.id, DAY, [known])
    plan = context.media.plan_folder(child.id, folder)
    assert [(p.name, p.taken.day, p.kind) for p in plan.to_add] == [
        ("IMG_0001.JPG", date(2026, 11, 2), MediaKind.JPEG)
    ]
    assert plan.to_add[0].taken.source.label == "from the photo"
    assert sorted(name for name, _reason in plan.skipped) == ["VID_0002.MP4", "readme.txt"]
    report = context.media.add_planned(child.id, plan.to_add)
    assert [a.day for a in report.added] == [date(2026, 11, 2)]
    assert context.media.days_with_media(child.id) == {DAY, date(2026, 11, 2)}
    taken = context.media.list_for_day(child.id, date(2026, 11, 2))[0].taken
    assert taken is not None and taken.when.hour == 9
