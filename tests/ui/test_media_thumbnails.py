"""Thumbnails from real files: a photo (upright, scaled on read), a video icon, a damaged photo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from journal_app.domain.media import MediaKind
from journal_app.ui.media_thumbnails import THUMBNAIL_SIDE, photo_image, thumbnail_for
from tests.helpers.media_files import (
    ebml_header,
    exif_segment,
    ftyp_box,
    image_bytes,
    with_exif,
    write,
)

# libjpeg says what it found wrong in the damaged files, and the allocation limit says it bit on
# the full decode: expected, and only these.
pytestmark = pytest.mark.qt_log_ignore(
    "Corrupt JPEG data", "JPEG datastream contains no image", "exceeds the current allocation limit"
)


@pytest.fixture(autouse=True)
def _gui(qapp) -> None:
    """Fonts and image plugins need the application object."""


def test_a_photo_thumbnail_fits_the_square_and_keeps_its_shape(tmp_path: Path) -> None:
    photo = write(tmp_path / "crawl.jpg", image_bytes("JPEG", 1600, 1200, "#2060a0"))
    thumb = thumbnail_for(photo, MediaKind.JPEG)
    assert thumb.is_picture
    assert (thumb.image.width(), thumb.image.height()) == (THUMBNAIL_SIDE, THUMBNAIL_SIDE * 3 // 4)
    centre = thumb.image.pixelColor(THUMBNAIL_SIDE // 2, 20)
    assert abs(centre.blue() - 0xA0) < 24 and abs(centre.red() - 0x20) < 24  # the photo itself


def test_a_small_photo_is_not_blown_up(tmp_path: Path) -> None:
    photo = write(tmp_path / "small.png", image_bytes("PNG", 40, 30))
    image = photo_image(photo)
    assert image is not None
    assert (image.width(), image.height()) == (40, 30)


def test_exif_orientation_turns_the_thumbnail_upright(tmp_path: Path) -> None:
    sideways = with_exif(image_bytes("JPEG", 400, 200), exif_segment(orientation=6))
    image = photo_image(write(tmp_path / "portrait.jpg", sideways))
    assert image is not None
    assert image.height() > image.width()  # 6 = turn 90 degrees: a portrait photo
    assert max(image.width(), image.height()) == THUMBNAIL_SIDE


def test_a_big_photo_is_decoded_at_thumbnail_size(tmp_path: Path) -> None:
    """With an allocation limit far below a full decode (6000 x 4000 x 4 bytes = 96 MB), the scaled
    read still succeeds: the decoder never builds the full picture."""
    big = QImage(6000, 4000, QImage.Format.Format_RGB32)
    big.fill(QColor("#308030"))
    path = tmp_path / "24mp.jpg"
    assert big.save(str(path), "JPEG", 50)
    del big
    previous = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(16)  # megabytes
    try:
        full = QImageReader(str(path)).read()
        image = photo_image(path)
    finally:
        QImageReader.setAllocationLimit(previous)
    assert full.isNull()  # the limit does bite on a full decode
    assert image is not None
    assert (image.width(), image.height()) == (THUMBNAIL_SIDE, THUMBNAIL_SIDE * 2 // 3)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x13\x37" * 500,  # a JPEG start, then garbage
        b"\x89PNG\r\n\x1a\n" + b"\0" * 50,  # a PNG signature and nothing valid after it
    ],
)
def test_a_damaged_photo_gets_an_icon_not_a_crash(tmp_path: Path, data: bytes) -> None:
    damaged = write(tmp_path / "damaged.jpg", data)
    thumb = thumbnail_for(damaged, MediaKind.JPEG, "Maya on the rug.jpg")
    assert not thumb.is_picture
    assert not thumb.image.isNull()
    assert (thumb.image.width(), thumb.image.height()) == (THUMBNAIL_SIDE, THUMBNAIL_SIDE)


def test_a_photo_cut_short_gets_an_icon_or_its_readable_part(tmp_path: Path) -> None:
    whole = image_bytes("JPEG", 800, 600)
    cut = write(tmp_path / "cut.jpg", whole[: len(whole) // 3])
    thumb = thumbnail_for(cut, MediaKind.JPEG)
    assert not thumb.image.isNull()
    assert max(thumb.image.width(), thumb.image.height()) <= THUMBNAIL_SIDE


def test_a_missing_photo_gets_an_icon(tmp_path: Path) -> None:
    thumb = thumbnail_for(tmp_path / "gone.jpg", MediaKind.JPEG)
    assert not thumb.is_picture and not thumb.image.isNull()


@pytest.mark.parametrize(
    ("kind", "data"),
    [(MediaKind.MOV, ftyp_box(b"qt  ") + b"x" * 3000), (MediaKind.WEBM, ebml_header() + b"x")],
)
def test_a_video_gets_the_video_icon(tmp_path: Path, kind: MediaKind, data: bytes) -> None:
    clip = write(tmp_path / f"clip.{kind.extension}", data)
    thumb = thumbnail_for(clip, kind, "First crawl.MOV")
    assert not thumb.is_picture
    assert (thumb.image.width(), thumb.image.height()) == (THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    # something is drawn: the icon is not one flat colour
    colours = {
        thumb.image.pixel(x, y)
        for x in range(0, THUMBNAIL_SIDE, 8)
        for y in range(0, THUMBNAIL_SIDE, 8)
    }
    assert len(colours) > 2


def test_the_video_icon_differs_from_the_damaged_photo_icon(tmp_path: Path) -> None:
    path = write(tmp_path / "x.bin", b"\xff\xd8\xff" + b"\0" * 40)
    video = thumbnail_for(path, MediaKind.MP4, "same name").image
    photo = thumbnail_for(path, MediaKind.JPEG, "same name").image
    assert video != photo
