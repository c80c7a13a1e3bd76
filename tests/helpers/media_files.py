"""Tiny real photo and video files built in memory for the media tests (JPEG/PNG through
QImage, ISO BMFF ftyp boxes, EBML headers, an Exif segment)."""

from __future__ import annotations

import struct
from pathlib import Path


def image_bytes(fmt: str, width: int = 32, height: int = 24, color: str = "#3070b0") -> bytes:
    """A real picture encoded by Qt (needs a QGuiApplication: use the ``qapp`` fixture)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    for x in range(min(width, height)):  # a diagonal, so orientation can be seen
        image.setPixelColor(x, x, QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    buffer.close()
    return bytes(data.data())


def exif_segment(
    original: str | None = "2026:05:12 09:30:15",
    *,
    digitized: str | None = None,
    orientation: int | None = None,
    big_endian: bool = False,
) -> bytes:
    """An APP1 Exif segment: IFD0 (orientation, Exif IFD pointer) and an Exif IFD with the dates."""
    order = ">" if big_endian else "<"
    header = (b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(order + "I", 8)
    ifd0_entries = []
    if orientation is not None:
        value = struct.pack(order + "HH", orientation, 0)
        ifd0_entries.append(struct.pack(order + "HHI", 0x0112, 3, 1) + value)
    exif_ifd_offset = 8 + 2 + 12 * (len(ifd0_entries) + 1) + 4
    ifd0_entries.append(struct.pack(order + "HHII", 0x8769, 4, 1, exif_ifd_offset))
    ifd0 = struct.pack(order + "H", len(ifd0_entries)) + b"".join(ifd0_entries) + b"\0\0\0\0"
    dates = [(0x9003, original), (0x9004, digitized)]
    dates = [(tag, text) for tag, text in dates if text is not None]
    data_offset = exif_ifd_offset + 2 + 12 * len(dates) + 4
    entries, blobs = [], b""
    for tag, text in dates:
        raw = text.encode("ascii") + b"\0"
        entries.append(struct.pack(order + "HHII", tag, 2, len(raw), data_offset + len(blobs)))
        blobs += raw
    exif_ifd = struct.pack(order + "H", len(entries)) + b"".join(entries) + b"\0\0\0\0" + blobs
    payload = b"Exif\0\0" + header + ifd0 + exif_ifd
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def with_exif(jpeg: bytes, segment: bytes) -> bytes:
    assert jpeg.startswith(b"\xff\xd8")
    return jpeg[:2] + segment + jpeg[2:]


def ftyp_box(major: bytes, *compatible: bytes, tail: bytes = b"\0\0\0\x08free") -> bytes:
    body = major + b"\0\0\0\0" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + tail


def ebml_header(doctype: bytes = b"webm") -> bytes:
    elements = (
        b"\x42\x86\x81\x01"  # EBMLVersion 1
        + b"\x42\xf7\x81\x01"  # EBMLReadVersion 1
        + b"\x42\x82"
        + bytes([0x80 | len(doctype)])
        + doctype  # DocType
        + b"\x42\x87\x81\x04"  # DocTypeVersion 4
    )
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(elements)]) + elements + b"\x18\x53\x80\x67"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
