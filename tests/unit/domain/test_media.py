"""Media kinds from real bytes, the refusals a parent reads, and the Exif date of a JPEG.

The builders here (real JPEG/PNG through QImage, ftyp boxes, EBML headers, Exif segments) are
shared by the storage, UI and end-to-end media tests.
"""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.domain.media import (
    MAX_MEDIA_BYTES,
    MediaCategory,
    MediaKind,
    MediaRecord,
    MediaRefusedError,
    MediaStatus,
    RefusalReason,
    TakenSource,
    choose_taken_date,
    exif_date_taken,
    format_size,
    identify,
    sniff_kind,
    status_message,
    stored_relative_path,
)
from tests.helpers.media_files import (
    ebml_header,
    exif_segment,
    ftyp_box,
    image_bytes,
    with_exif,
)

# --- builders -------------------------------------------------------------------------------------


# --- sniffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "kind"), [("JPEG", MediaKind.JPEG), ("PNG", MediaKind.PNG)])
def test_real_pictures_are_recognised(qapp, fmt: str, kind: MediaKind) -> None:
    data = image_bytes(fmt)
    assert sniff_kind(data) is kind
    assert identify("IMG_0001", data, len(data)) is kind  # the name plays no part
    assert kind.category is MediaCategory.PHOTO


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (ftyp_box(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), MediaKind.MP4),
        (ftyp_box(b"mp42", b"mp42", b"isom"), MediaKind.MP4),
        (ftyp_box(b"avc1"), MediaKind.MP4),
        (ftyp_box(b"qt  ", b"qt  "), MediaKind.MOV),
        (b"\0\0\0\x08wide\0\0\0\x10mdat", MediaKind.MOV),  # old QuickTime, no ftyp
        (ftyp_box(b"heic", b"mif1", b"heic"), MediaKind.HEIC),
        (ftyp_box(b"heix", b"mif1"), MediaKind.HEIC),
        (ftyp_box(b"mif1", b"mif1", b"heic"), MediaKind.HEIC),
        (ftyp_box(b"msf1", b"msf1", b"hevc"), MediaKind.HEIC),
        (ftyp_box(b"3gp4", b"isom", b"3gp4"), MediaKind.THREE_GP),
        (ftyp_box(b"3gp5", b"3gp5"), MediaKind.THREE_GP),
        (ftyp_box(b"3g2a", b"3g2a"), MediaKind.THREE_GP),
        (ftyp_box(b"XYZW", b"XYZW", b"mp42"), MediaKind.MP4),  # unknown major, known compatible
        (ebml_header(b"webm"), MediaKind.WEBM),
    ],
)
def test_containers_are_recognised_by_their_header(head: bytes, kind: MediaKind) -> None:
    assert sniff_kind(head) is kind
    assert identify("clip", head, 10_000) is kind


def test_kinds_know_their_category_and_stored_extension() -> None:
    videos = {k for k in MediaKind if k.is_video}
    assert videos == {MediaKind.MP4, MediaKind.MOV, MediaKind.THREE_GP, MediaKind.WEBM}
    assert all(k.is_photo for k in set(MediaKind) - videos)
    assert MediaKind.JPEG.extension == "jpg"
    assert MediaKind.THREE_GP.extension == "3gp"
    assert len({k.extension for k in MediaKind}) == len(MediaKind)


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"Dear diary, today Maya crawled backwards.\n", "text"),
        (ebml_header(b"matroska"), "Matroska"),
        (ftyp_box(b"M4A ", b"M4A ", b"mp42"), "sound"),
        (ftyp_box(b"avif", b"avif", b"mif1"), "AVIF"),
        (ftyp_box(b"mif1", b"mif1", b"avif"), "AVIF"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"%PDF-1.7\n", "PDF"),
        (b"RIFF\x10\0\0\0AVI LIST", "AVI"),
        (bytes(range(256)) * 4, "not one the journal recognises"),
    ],
)
def test_other_content_is_refused_saying_what_it_seems(head: bytes, what: str) -> None:
    with pytest.raises(MediaRefusedError) as refused:
        identify("holiday.bin", head, len(head))
    assert refused.value.reason is RefusalReason.NOT_MEDIA
    message = str(refused.value)
    assert message.startswith("this file is not a photo or video the journal can keep: holiday.bin")
    assert what in message
    assert "nothing was copied" in message


def test_a_text_file_renamed_to_mp4_is_refused_by_content() -> None:
    head = b"name,date\nMaya,2026-05-12\n"
    with pytest.raises(MediaRefusedError) as refused:
        identify("crawl.mp4", head, len(head))
    assert "crawl.mp4" in str(refused.value)
    assert "holds text" in str(refused.value)


def test_binary_junk_named_like_a_photo_says_so() -> None:
    head = bytes([0, 1, 2, 3, 250, 251]) * 10
    with pytest.raises(MediaRefusedError) as refused:
        identify("IMG_1234.JPG", head, len(head))
    assert "named like a photo or video" in str(refused.value)


def test_the_size_limit_is_checked_first_and_is_inclusive(qapp) -> None:
    jpeg = image_bytes("JPEG")
    assert identify("big.jpg", jpeg, MAX_MEDIA_BYTES) is MediaKind.JPEG
    with pytest.raises(MediaRefusedError) as refused:
        identify("big.jpg", jpeg, MAX_MEDIA_BYTES + 1)
    assert refused.value.reason is RefusalReason.TOO_BIG
    assert "big.jpg is 2.0 GB and the limit is 2 GB" in str(refused.value)
    with pytest.raises(MediaRefusedError) as empty:
        identify("nothing.jpg", b"", 0)
    assert empty.value.reason is RefusalReason.EMPTY


def test_a_truncated_ebml_header_is_not_webm() -> None:
    header = ebml_header()
    doctype_end = header.index(b"webm") + 4
    for cut in range(len(header) + 1):
        assert sniff_kind(header[:cut]) is (MediaKind.WEBM if cut >= doctype_end else None)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1536, "1.5 KB"),
        (50 * 1024**2, "50 MB"),
        (2 * 1024**3, "2 GB"),
        (2 * 1024**3 + 1, "2.0 GB"),
    ],
)
def test_sizes_read_as_a_parent_reads_them(size: int, text: str) -> None:
    assert format_size(size) == text


# --- the Exif date --------------------------------------------------------------------------------


@pytest.mark.parametrize("big_endian", [False, True])
def test_exif_date_taken_is_read_from_a_real_jpeg(qapp, big_endian: bool) -> None:
    jpeg = with_exif(image_bytes("JPEG"), exif_segment(orientation=6, big_endian=big_endian))
    assert exif_date_taken(jpeg) == datetime(2026, 5, 12, 9, 30, 15)


def test_exif_digitized_date_stands_in_for_a_missing_original(qapp) -> None:
    segment = exif_segment(None, digitized="2026:04:01 18:02:03")
    assert exif_date_taken(with_exif(image_bytes("JPEG"), segment)) == datetime(
        2026, 4, 1, 18, 2, 3
    )


@pytest.mark.parametrize(
    "blank", ["0000:00:00 00:00:00", "                   ", "2026:13:45 99:00:00"]
)
def test_a_blank_or_impossible_exif_date_is_no_date(qapp, blank: str) -> None:
    assert exif_date_taken(with_exif(image_bytes("JPEG"), exif_segment(blank))) is None


def test_a_jpeg_without_exif_has_no_date(qapp) -> None:
    assert exif_date_taken(image_bytes("JPEG")) is None
    assert exif_date_taken(image_bytes("PNG")) is None


def test_every_truncation_of_an_exif_jpeg_is_handled(qapp) -> None:
    jpeg = with_exif(image_bytes("JPEG"), exif_segment())
    results = {exif_date_taken(jpeg[:cut]) for cut in range(len(jpeg) + 1)}
    assert results == {None, datetime(2026, 5, 12, 9, 30, 15)}


def test_hostile_exif_offsets_and_counts_are_bounded() -> None:
    tiff = b"II*\x00" + struct.pack("<I", 8)
    # IFD0 claims 65535 entries; its one real entry points the Exif IFD back at IFD0 itself.
    ifd0 = struct.pack("<H", 0xFFFF) + struct.pack("<HHII", 0x8769, 4, 1, 8)
    # ...and a DateTimeOriginal whose text lies far outside the segment.
    ifd0 += struct.pack("<HHII", 0x9003, 2, 20, 0xFFFFFFF0)
    payload = b"Exif\0\0" + tiff + ifd0
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    assert exif_date_taken(b"\xff\xd8" + segment + b"\xff\xd9") is None
    zero_length = b"\xff\xd8\xff\xe1\x00\x00Exif"
    assert exif_date_taken(zero_length) is None
    many_segments = b"\xff\xd8" + b"\xff\xe2\x00\x02" * 100_000
    assert exif_date_taken(many_segments) is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_after_a_jpeg_start_never_raise(tail: bytes) -> None:
    result = exif_date_taken(b"\xff\xd8\xff\xe1" + tail)
    assert result is None or isinstance(result, datetime)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_sniffing_random_bytes_never_raises(head: bytes) -> None:
    assert sniff_kind(head) is None or isinstance(sniff_kind(head), MediaKind)


def test_the_taken_date_says_where_it_came_from() -> None:
    file_time = datetime(2026, 6, 1, 12, 0)
    from_photo = choose_taken_date(datetime(2026, 5, 12, 9, 30), file_time)
    assert from_photo.source is TakenSource.PHOTO
    assert from_photo.source.label == "from the photo"
    assert from_photo.day == date(2026, 5, 12)
    from_file = choose_taken_date(None, file_time)
    assert (from_file.source.label, from_file.day) == ("from the file's date", date(2026, 6, 1))


# --- the record -----------------------------------------------------------------------------------


def test_a_media_record_names_its_stored_file() -> None:
    sha = "ab" + "0123456789abcdef" * 3 + "0123456789abcd"
    record = MediaRecord(
        uuid="7f1c",
        child_uuid="c0ffee",
        day=date(2026, 5, 12),
        kind=MediaKind.MOV,
        original_name="IMG_0042.MOV",
        size_bytes=12_345,
        sha256=sha,
        added_at=datetime(2026, 5, 12, 10, 0, tzinfo=UTC),
    )
    assert len(sha) == 64
    assert record.stored_name == f"{sha}.mov"
    assert stored_relative_path(sha, record.kind) == f"ab/{sha}.mov"
    assert record.caption == "" and record.taken_at is None


def test_status_messages_name_the_file() -> None:
    assert status_message(MediaStatus.MISSING, "crawl.mp4") == (
        "crawl.mp4 is missing from the journal's media folder."
    )
    assert "crawl.mp4 is damaged" in status_message(MediaStatus.DAMAGED, "crawl.mp4")
