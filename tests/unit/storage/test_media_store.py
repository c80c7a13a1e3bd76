"""The media folder on a real disk: content-hash names, privacy, refusals, verify, the folder plan."""

from __future__ import annotations

import hashlib
import os
import stat
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import pytest

from journal_app.domain.media import (
    MAX_MEDIA_BYTES,
    MediaKind,
    MediaRefusedError,
    MediaStatus,
    RefusalReason,
    TakenSource,
)
from journal_app.storage.media_store import (
    CHUNK_BYTES,
    MEDIA_DIRNAME,
    MediaStore,
    SkipReason,
    hash_file,
    inspect_file,
    plan_folder,
    read_taken_date,
)
from tests.helpers.media_files import (
    ebml_header,
    exif_segment,
    ftyp_box,
    image_bytes,
    with_exif,
    write,
)

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    journal = tmp_path / "journal"
    journal.mkdir()
    return MediaStore(journal)


@pytest.fixture
def jpeg(qapp, tmp_path: Path) -> Path:
    return write(tmp_path / "IMG_0001.JPG", image_bytes("JPEG", 64, 48))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def set_mtime(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_a_photo_is_stored_under_its_content_hash(store: MediaStore, jpeg: Path) -> None:
    stored = store.add(jpeg)
    sha = hashlib.sha256(jpeg.read_bytes()).hexdigest()
    assert stored.sha256 == sha
    assert stored.kind is MediaKind.JPEG
    assert stored.newly_stored
    assert stored.path == store.journal_dir / MEDIA_DIRNAME / sha[:2] / f"{sha}.jpg"
    assert stored.path.read_bytes() == jpeg.read_bytes()
    assert stored.size_bytes == jpeg.stat().st_size
    assert files_under(store.root) == [stored.path]  # no temporary left behind


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (ftyp_box(b"qt  ", b"qt  ") + b"\0" * 100, "mov"),
        (ftyp_box(b"isom", b"mp42") + b"\0" * 100, "mp4"),
        (ftyp_box(b"3gp4", b"3gp4") + b"\0" * 100, "3gp"),
        (ftyp_box(b"heic", b"mif1") + b"\0" * 100, "heic"),
        (ebml_header() + b"\0" * 100, "webm"),
    ],
)
def test_videos_and_heic_keep_their_kind_as_extension(
    store: MediaStore, tmp_path: Path, data: bytes, extension: str
) -> None:
    stored = store.add(write(tmp_path / "clip.bin", data))
    assert stored.path.name == f"{stored.sha256}.{extension}"
    assert stored.path.read_bytes() == data


def test_the_same_file_added_twice_is_stored_once(
    store: MediaStore, jpeg: Path, tmp_path: Path
) -> None:
    first = store.add(jpeg)
    copy = write(tmp_path / "renamed copy.jpeg", jpeg.read_bytes())
    second = store.add(copy)
    assert (second.sha256, second.path) == (first.sha256, first.path)
    assert not second.newly_stored
    assert [s.sha256 for s in store.list_stored()] == [first.sha256]
    assert files_under(store.root) == [first.path]


def test_adding_again_heals_a_damaged_stored_copy(store: MediaStore, jpeg: Path) -> None:
    stored = store.add(jpeg)
    stored.path.write_bytes(b"\xff\xd8\xff rotten")
    again = store.add(jpeg)
    assert again.newly_stored
    assert again.path.read_bytes() == jpeg.read_bytes()
    assert store.verify(stored.sha256, stored.kind).status is MediaStatus.OK


def test_a_renamed_text_file_is_refused_and_nothing_copied(
    store: MediaStore, tmp_path: Path
) -> None:
    fake = write(tmp_path / "crawl.mp4", b"Maya crawled to the sofa today.\n" * 20)
    with pytest.raises(MediaRefusedError) as refused:
        store.add(fake)
    assert refused.value.reason is RefusalReason.NOT_MEDIA
    assert "crawl.mp4" in str(refused.value)
    assert files_under(store.root) == []


def test_an_over_limit_file_is_refused_before_copying(store: MediaStore, tmp_path: Path) -> None:
    big = tmp_path / "long.mov"
    big.write_bytes(ftyp_box(b"qt  "))
    os.truncate(big, MAX_MEDIA_BYTES + 1)  # sparse: no disk cost
    assert big.stat().st_size == MAX_MEDIA_BYTES + 1
    with pytest.raises(MediaRefusedError) as refused:
        store.add(big)
    assert refused.value.reason is RefusalReason.TOO_BIG
    assert "long.mov" in str(refused.value) and "2 GB" in str(refused.value)
    assert not store.root.exists()  # not even the media folder was made
    with pytest.raises(MediaRefusedError):
        inspect_file(big)


def test_a_file_exactly_at_a_limit_is_kept(tmp_path: Path, jpeg: Path) -> None:
    (tmp_path / "j").mkdir()
    size = jpeg.stat().st_size
    assert MediaStore(tmp_path / "j", limit=size).add(jpeg).size_bytes == size
    with pytest.raises(MediaRefusedError):
        MediaStore(tmp_path / "j", limit=size - 1).add(jpeg)


def test_missing_and_empty_files_are_refused(store: MediaStore, tmp_path: Path) -> None:
    with pytest.raises(MediaRefusedError) as missing:
        store.add(tmp_path / "gone.jpg")
    assert missing.value.reason is RefusalReason.UNREADABLE
    assert "gone.jpg" in str(missing.value)
    with pytest.raises(MediaRefusedError) as empty:
        store.add(write(tmp_path / "empty.jpg", b""))
    assert empty.value.reason is RefusalReason.EMPTY
    with pytest.raises(MediaRefusedError) as folder:
        store.add(tmp_path)
    assert folder.value.reason is RefusalReason.UNREADABLE


def test_media_files_are_private_even_under_umask_000(store: MediaStore, jpeg: Path) -> None:
    old = os.umask(0)
    try:
        stored = store.add(jpeg)
    finally:
        os.umask(old)
    assert mode(store.root) == 0o700
    assert mode(stored.path.parent) == 0o700
    assert mode(stored.path) == 0o600


def test_verify_names_a_missing_and_a_damaged_file(
    store: MediaStore, jpeg: Path, tmp_path: Path, qapp
) -> None:
    good = store.add(jpeg)
    damaged = store.add(write(tmp_path / "b.png", image_bytes("PNG", 40, 40, "#aa5500")))
    missing = store.add(write(tmp_path / "c.png", image_bytes("PNG", 40, 40, "#00aa55")))
    data = bytearray(damaged.path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    damaged.path.write_bytes(bytes(data))
    missing.path.unlink()
    checks = store.verify_all(
        [
            (good.sha256, good.kind, "IMG_0001.JPG"),
            (damaged.sha256, damaged.kind, "first crawl.png"),
            (missing.sha256, missing.kind, "sofa.png"),
        ]
    )
    assert [c.status for c in checks] == [MediaStatus.OK, MediaStatus.DAMAGED, MediaStatus.MISSING]
    assert "IMG_0001.JPG is fine" in checks[0].message
    assert "first crawl.png is damaged" in checks[1].message
    assert "sofa.png is missing" in checks[2].message


def test_list_stored_ignores_what_is_not_a_stored_file(store: MediaStore, jpeg: Path) -> None:
    stored = store.add(jpeg)
    (store.root / "notes.txt").write_text("x")
    (stored.path.parent / "odd.jpg").write_text("x")
    (stored.path.parent / f"{stored.sha256}.exe").write_text("x")
    other = "ff" + stored.sha256[2:]
    (stored.path.parent / f"{other}.jpg").write_text("x")  # in the wrong subfolder
    listed = store.list_stored()
    assert [(s.sha256, s.kind, s.path) for s in listed] == [
        (stored.sha256, stored.kind, stored.path)
    ]


def test_only_an_unreferenced_file_is_removed(
    store: MediaStore, jpeg: Path, tmp_path: Path
) -> None:
    kept = store.add(jpeg)
    loose = store.add(write(tmp_path / "x.webm", ebml_header() + b"frames"))
    assert not store.remove_unreferenced(kept.sha256, kept.kind, {kept.sha256})
    assert kept.path.exists()
    assert store.remove_unreferenced(loose.sha256, loose.kind, {kept.sha256})
    assert not loose.path.exists()
    assert not store.remove_unreferenced(loose.sha256, loose.kind, set())  # already gone
    again = store.add(write(tmp_path / "y.webm", ebml_header() + b"other frames"))
    removed = store.remove_all_unreferenced({kept.sha256})
    assert [r.sha256 for r in removed] == [again.sha256]
    assert [s.sha256 for s in store.list_stored()] == [kept.sha256]


def test_stray_temporaries_are_cleaned(store: MediaStore, jpeg: Path) -> None:
    stored = store.add(jpeg)
    store.ensure_root()
    (store.root / ".incoming-abc123.partial").write_bytes(b"half")
    (store.root / ".incoming-def456.partial").write_bytes(b"")
    assert store.clean_temporaries() == 2
    assert files_under(store.root) == [stored.path]
    assert store.clean_temporaries() == 0


def test_a_50_mb_file_is_copied_in_chunks(store: MediaStore, tmp_path: Path) -> None:
    video = tmp_path / "long.mp4"
    with video.open("wb") as out:
        out.write(ftyp_box(b"isom", b"mp42"))
        block = os.urandom(CHUNK_BYTES)
        for _ in range(50):
            out.write(block)
    calls: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        stored = store.add(video, progress=lambda done, total: calls.append((done, total)))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.size_bytes == video.stat().st_size > 50 * 1024**2
    assert stored.sha256 == hash_file(video)[0]
    assert peak < 4 * CHUNK_BYTES  # a few chunks at most, not the whole 50 MB
    assert len(calls) > 50
    assert calls[-1] == (stored.size_bytes, stored.size_bytes)
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})


def test_the_taken_date_comes_from_exif_or_the_file(qapp, tmp_path: Path) -> None:
    photo = write(tmp_path / "a.jpg", with_exif(image_bytes("JPEG"), exif_segment()))
    set_mtime(photo, datetime(2026, 7, 1, 8, 0))
    taken = read_taken_date(photo)
    assert (taken.when, taken.source) == (datetime(2026, 5, 12, 9, 30, 15), TakenSource.PHOTO)
    png = write(tmp_path / "b.png", image_bytes("PNG"))
    set_mtime(png, datetime(2026, 7, 1, 8, 0))
    taken = read_taken_date(png)
    assert (taken.when, taken.source.label) == (datetime(2026, 7, 1, 8, 0), "from the file's date")


def test_the_folder_plan_places_by_date_and_says_what_it_skips(qapp, tmp_path: Path) -> None:
    folder = tmp_path / "phone export"
    folder.mkdir()
    exif_photo = write(
        folder / "IMG_0002.JPG",
        with_exif(image_bytes("JPEG", color="#102030"), exif_segment("2026:05:12 09:30:15")),
    )
    set_mtime(exif_photo, datetime(2026, 8, 1, 12, 0))  # the photo's own date wins
    clip = write(folder / "VID_0001.MOV", ftyp_box(b"qt  ") + b"frames" * 10)
    set_mtime(clip, datetime(2026, 5, 10, 17, 45))
    known = write(folder / "IMG_0001.PNG", image_bytes("PNG", color="#aa0000"))
    duplicate = write(folder / "IMG_0009.JPG", exif_photo.read_bytes())
    write(folder / "notes.mp4", b"not a video at all\n")
    write(folder / "huge.mp4", ftyp_box(b"isom") + b"x" * 5000)
    write(folder / ".DS_Store", b"\0\0\0\1Bud1")  # hidden: not listed
    (folder / "subfolder").mkdir()
    write(folder / "subfolder" / "deeper.jpg", image_bytes("JPEG"))
    calls: list[tuple[int, int]] = []

    plan = plan_folder(
        folder, {hash_file(known)[0]}, limit=4000, progress=lambda d, t: calls.append((d, t))
    )

    assert [(p.path.name, p.taken.day, p.taken.source.label) for p in plan.to_add] == [
        ("VID_0001.MOV", date(2026, 5, 10), "from the file's date"),
        ("IMG_0002.JPG", date(2026, 5, 12), "from the photo"),
    ]
    assert [p.kind for p in plan.to_add] == [MediaKind.MOV, MediaKind.JPEG]
    assert plan.to_add[1].sha256 == hash_file(exif_photo)[0]
    skipped = {s.path.name: s for s in plan.skipped}
    assert set(skipped) == {"IMG_0001.PNG", "IMG_0009.JPG", "notes.mp4", "huge.mp4"}
    assert skipped["IMG_0001.PNG"].reason is SkipReason.ALREADY_THERE
    assert skipped["IMG_0009.JPG"].reason is SkipReason.DUPLICATE
    assert "IMG_0002.JPG" in skipped["IMG_0009.JPG"].message
    assert skipped["notes.mp4"].reason is SkipReason.NOT_MEDIA
    assert "not a photo or video" in skipped["notes.mp4"].message
    assert skipped["huge.mp4"].reason is SkipReason.TOO_BIG
    assert duplicate.exists() and calls[0] == (0, 6) and calls[-1] == (6, 6)
    assert not (tmp_path / "journal").exists()  # planning copies nothing


def test_a_file_growing_past_the_limit_while_copied_is_refused(
    tmp_path: Path, store: MediaStore
) -> None:
    video = write(tmp_path / "recording.mp4", ftyp_box(b"isom") + os.urandom(2 * CHUNK_BYTES))
    grower = MediaStore(store.journal_dir, limit=3 * CHUNK_BYTES)

    def still_recording(_done: int, _total: int) -> None:
        with video.open("ab") as out:  # the phone app is still writing the file
            out.write(os.urandom(CHUNK_BYTES))

    with pytest.raises(MediaRefusedError) as refused:
        grower.add(video, progress=still_recording)
    assert refused.value.reason is RefusalReason.TOO_BIG
    assert files_under(store.root) == []  # the temporary is gone, nothing under a hash name
