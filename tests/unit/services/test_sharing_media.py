"""Photos and videos travel through the shared folder: two journals (separate data folders, real
files, real media folders) in step through one folder (docs/sharing-format.md, "Photos and
videos")."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal_app.services.media import MediaItem
from journal_app.storage.share_repository import read_settings
from tests.helpers.media_files import ftyp_box, image_bytes, write
from tests.helpers.shared_journals import Computer, make_computers, shared_folder

D1, D2 = date(2026, 11, 1), date(2026, 11, 2)


@pytest.fixture
def pair(tmp_path: Path, journal_template: Path) -> Iterator[tuple[Computer, Computer, Path]]:
    mum, dad = make_computers(tmp_path, journal_template, ["Mum's laptop", "Dad's laptop"])
    folder = shared_folder(tmp_path)
    mum.child()
    mum.join(folder)
    dad.join(folder)
    yield mum, dad, folder
    for c in (mum, dad):
        c.context.close()


def attach(c: Computer, path: Path, on: date = D1, caption: str = "") -> MediaItem:
    child_id = c.only_child().id
    assert child_id is not None
    report = c.context.media.attach(child_id, on, [path])
    assert report.ok and len(report.added) == 1, report
    item = report.added[0]
    if caption:
        c.context.media.set_caption(item.uuid, caption)
    c.clock.now += 1000
    return item


def media_of(c: Computer, on: date = D1) -> list[MediaItem]:
    child_id = c.only_child().id
    assert child_id is not None
    return c.context.media.list_for_day(child_id, on)


def shared_file(c: Computer, folder: Path, item: MediaItem) -> Path:
    settings = read_settings(c.context.engine)
    assert settings is not None
    name = f"{item.sha256}.{item.kind.extension}"
    return folder / settings.device / "media" / item.sha256[:2] / name


def stored_files(c: Computer) -> list[Path]:
    return [s.path for s in c.context.media.store.list_stored()]


def test_a_photo_attached_on_mums_computer_appears_on_dads(pair, tmp_path: Path, qapp) -> None:
    mum, dad, folder = pair
    data = image_bytes("PNG")
    item = attach(mum, write(tmp_path / "first crawl.png", data), caption="On the rug")
    mum.sync()
    sent = shared_file(mum, folder, item)
    assert sent.read_bytes() == data
    assert stat.S_IMODE(sent.stat().st_mode) == 0o600
    assert stat.S_IMODE(sent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(sent.parent.parent.stat().st_mode) == 0o700
    report = dad.sync()
    assert not report.paused and report.refused == ()
    assert report.describe() == "1 photo or video from Mum's laptop"
    [got] = media_of(dad)
    assert (got.uuid, got.sha256, got.caption, got.original_name, got.kind) == (
        item.uuid,
        item.sha256,
        "On the rug",
        "first crawl.png",
        item.kind,
    )
    assert got.path.read_bytes() == data
    assert got.path.parent.parent == dad.context.media.store.root  # in Dad's own journal
    # Dad's journal does not send it back: the file is only in Mum's subfolder.
    assert len(list(folder.glob("*/media/*/*"))) == 1


def test_a_video_travels_too(pair, tmp_path: Path) -> None:
    mum, dad, _folder = pair
    data = ftyp_box(b"isom", b"mp41") + b"\0" * 5000
    item = attach(mum, write(tmp_path / "crawl.mp4", data))
    mum.sync()
    dad.sync()
    [got] = media_of(dad)
    assert got.kind is item.kind and got.path.read_bytes() == data


def test_a_caption_edit_and_a_removal_travel_both_ways(pair, tmp_path: Path, qapp) -> None:
    mum, dad, _folder = pair
    item = attach(mum, write(tmp_path / "a.png", image_bytes("PNG")), caption="first")
    mum.sync()
    dad.sync()
    dad.context.media.set_caption(item.uuid, "Dad's words ✓")
    dad.clock.now += 1000
    dad.sync()
    mum.sync()
    assert [m.caption for m in media_of(mum)] == ["Dad's words ✓"]
    removed = mum.context.media.remove(item.uuid)
    mum.clock.now += 1000
    mum.sync()
    dad.sync()
    assert media_of(dad) == []
    assert item.sha256 not in dad.context.media.referenced_hashes()  # swept at the next opening
    # Undo on Mum's computer puts it back on Dad's too.
    mum.context.media.restore(removed)
    mum.clock.now += 1000
    mum.sync()
    dad.sync()
    assert [m.caption for m in media_of(dad)] == ["Dad's words ✓"]


@pytest.mark.parametrize("how", ["truncated", "missing"])
def test_a_file_still_arriving_waits_and_is_applied_next_round(
    pair, tmp_path: Path, qapp, how: str
) -> None:
    mum, dad, folder = pair
    data = image_bytes("PNG", 64, 48)
    item = attach(mum, write(tmp_path / "a.png", data))
    mum.record(D2, 15, "a day with it")
    mum.sync()
    sent = shared_file(mum, folder, item)
    aside = tmp_path / "aside.png"
    sent.rename(aside)
    if how == "truncated":
        write(sent, data[: len(data) // 2])
    report = dad.sync()
    assert report.days == 1  # the rest of the change file is applied
    assert media_of(dad) == [] and stored_files(dad) == []
    assert report.refused == ()
    assert any("still arriving" in note for note in report.notes)
    assert dad.sync().notes == report.notes  # still waiting: nothing half-applied
    aside.replace(sent)
    later = dad.sync()
    assert [m.sha256 for m in media_of(dad)] == [item.sha256]
    assert media_of(dad)[0].path.read_bytes() == data
    assert later.notes == ()
    assert dad.sync().describe() == "Nothing new."


def test_a_damaged_file_is_refused_reported_and_nothing_applied(pair, tmp_path: Path, qapp) -> None:
    mum, dad, folder = pair
    data = image_bytes("PNG")
    item = attach(mum, write(tmp_path / "a.png", data))
    mum.sync()
    sent = shared_file(mum, folder, item)
    damaged = bytearray(data)
    damaged[-20] ^= 0xFF
    sent.write_bytes(bytes(damaged))  # same length, other bytes
    report = dad.sync()
    assert media_of(dad) == [] and stored_files(dad) == []
    assert len(report.refused) == 1
    assert sent.name in report.refused[0] and "Mum's laptop" in report.refused[0]
    # Repaired (the sync tool finished), it applies.
    sent.write_bytes(data)
    dad.sync()
    assert [m.sha256 for m in media_of(dad)] == [item.sha256]


def test_the_same_file_attached_on_both_sides_is_one_record_stored_once(
    pair, tmp_path: Path, qapp
) -> None:
    mum, dad, _folder = pair
    data = image_bytes("JPEG")
    dad.sync()
    mine = attach(mum, write(tmp_path / "mum.jpg", data), caption="same")
    theirs = attach(dad, write(tmp_path / "dad.jpg", data), caption="same")
    assert mine.uuid != theirs.uuid
    for c in (mum, dad, mum, dad):
        c.sync()
    for c in (mum, dad):
        found = media_of(c)
        assert len(found) == 1 and found[0].sha256 == mine.sha256, c.name
        assert len(stored_files(c)) == 1
    assert media_of(mum)[0].uuid == media_of(dad)[0].uuid


def test_a_photo_of_a_journal_before_joining_travels_on_joining(
    tmp_path: Path, journal_template: Path, qapp
) -> None:
    mum, dad = make_computers(tmp_path, journal_template, ["Mum's laptop", "Dad's laptop"])
    folder = shared_folder(tmp_path)
    try:
        mum.child()
        data = image_bytes("PNG")
        item = attach(mum, write(tmp_path / "before.png", data))
        mum.join(folder)
        dad.join(folder)
        [got] = media_of(dad)
        assert got.uuid == item.uuid and got.path.read_bytes() == data
    finally:
        for c in (mum, dad):
            c.context.close()


def test_the_file_goes_into_the_folder_before_the_change_file_naming_it(
    pair, tmp_path: Path, qapp
) -> None:
    mum, dad, folder = pair
    settings = read_settings(mum.context.engine)
    assert settings is not None
    own = folder / settings.device
    before = sorted(p.name for p in own.glob("*.json") if p.name != "device.json")
    (own / "media").write_text("in the way")  # the media subfolder cannot be made
    attach(mum, write(tmp_path / "a.png", image_bytes("PNG")))
    report = mum.sync()
    assert report.paused
    assert sorted(p.name for p in own.glob("*.json") if p.name != "device.json") == before
    (own / "media").unlink()
    assert not mum.sync().paused
    dad.sync()
    assert len(media_of(dad)) == 1


def test_the_reports_about_media_speak_spanish(pair, tmp_path: Path, qapp) -> None:
    from journal_app.i18n import speaking, translator_for

    mum, dad, folder = pair
    data = image_bytes("PNG")
    item = attach(mum, write(tmp_path / "a.png", data))
    mum.sync()
    sent = shared_file(mum, folder, item)
    sent.unlink()
    with speaking(translator_for("es")):
        report = dad.sync()
        assert any("aún está llegando a la carpeta compartida" in n for n in report.notes)
        write(sent, b"\x89PNG" + b"\0" * (len(data) - 4))
        refused = dad.sync().refused
        assert len(refused) == 1 and "no es la foto o el vídeo" in refused[0]
        write(sent, data)
        assert dad.sync().describe() == "1 foto o vídeo de Mum's laptop"


def test_a_copy_killed_midway_leaves_only_a_temporary_that_joining_again_removes(
    pair, tmp_path: Path, qapp
) -> None:
    mum, _dad, folder = pair
    item = attach(mum, write(tmp_path / "a.png", image_bytes("PNG")))
    mum.sync()
    sent = shared_file(mum, folder, item)
    stray = sent.parent / ".tmp-killed.part"
    write(stray, b"half")
    mum.join(folder)  # joining again (or starting the app's sharing anew) tidies its own folder
    assert not stray.exists() and sent.exists()


def test_a_caption_typed_on_both_sides_ends_the_same_on_both(pair, tmp_path: Path, qapp) -> None:
    mum, dad, _folder = pair
    item = attach(mum, write(tmp_path / "a.png", image_bytes("PNG")), caption="first")
    mum.sync()
    dad.sync()
    mum.context.media.set_caption(item.uuid, "Mum's words")
    mum.clock.now += 1000
    dad.clock.now += 5000
    dad.context.media.set_caption(item.uuid, "Dad's words, later")
    for c in (mum, dad, mum, dad):
        c.sync()
    assert [m.caption for m in media_of(mum)] == [m.caption for m in media_of(dad)]
    assert [m.caption for m in media_of(mum)] == ["Dad's words, later"]
