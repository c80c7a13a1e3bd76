"""Photos and short videos of a day: the kinds the journal keeps, recognised by their content.

Pure: no Qt, no SQLAlchemy, no file access. Storage reads the first bytes of a file
(:data:`SNIFF_BYTES`) and the beginning of a JPEG (:data:`EXIF_SCAN_BYTES`) and hands them here.
Every sentence a parent may see from this module sits in :data:`TEXT` (one place to translate).
"""

from __future__ import annotations

import enum
import struct
from dataclasses import dataclass
from datetime import date, datetime

from journal_app.i18n import N_, _, formats, ngettext

#: The largest file the journal copies in: 2 GB (2 * 1024**3 bytes). Checked before copying.
MAX_MEDIA_BYTES = 2 * 1024**3

#: How many leading bytes :func:`sniff_kind` needs (the EBML header of a WebM fits easily).
SNIFF_BYTES = 4096

#: How much of a JPEG's beginning :func:`exif_date_taken` looks through for the Exif segment
#: (an APP1 segment is at most 64 KB; a few APPn segments may come before it).
EXIF_SCAN_BYTES = 256 * 1024

#: What a parent may read, in one place: marked with ``N_``, translated by :func:`text`.
TEXT = {
    "not_media": N_(
        "this file is not a photo or video the journal can keep: {name} ({what}). "
        "The journal keeps photos (JPEG, PNG, HEIC) and videos (MP4, MOV, WebM, 3GP); "
        "nothing was copied."
    ),
    "too_big": N_(
        "this file is too big for the journal: {name} is {size} and the limit is {limit}. "
        "A shorter clip (under a minute is plenty for the doctor) fits; nothing was copied."
    ),
    "empty": N_("this file is empty, so there is nothing to keep: {name}; nothing was copied."),
    "unreadable": N_("this file could not be read: {name} ({detail}); nothing was copied."),
    "what_unknown": N_("its content is not one the journal recognises"),
    "what_text": N_("it holds text, not a picture or video"),
    "what_named_like": N_("it is named like a photo or video, but its content is not one"),
    "taken_photo": N_("from the photo"),
    "taken_file": N_("from the file's date"),
    "status_ok": N_("{name} is fine."),
    "status_missing": N_("{name} is missing from the journal's media folder."),
    "status_damaged": N_("{name} is damaged: its content no longer matches what was added."),
    "skip_already": N_("already in the journal"),
    "skip_duplicate": N_("the same file as {other}, added once"),
}


def text(key: str) -> str:
    """The sentence ``TEXT[key]`` in the parent's language."""
    return _(TEXT[key])


#: Content the journal refuses but can name, so the message says what the file seems to be.
_KNOWN_REFUSED: tuple[tuple[int, bytes, str], ...] = (
    (0, b"GIF87a", N_("a GIF picture")),
    (0, b"GIF89a", N_("a GIF picture")),
    (0, b"BM", N_("a BMP picture")),
    (0, b"%PDF", N_("a PDF document")),
    (0, b"PK\x03\x04", N_("a zip archive or office document")),
    (0, b"ID3", N_("a sound file")),
    (0, b"OggS", N_("an Ogg sound or video file")),
    (0, b"\x00\x00\x01\xba", N_("an MPEG video, which the journal does not keep")),
)

_NAMED_LIKE_MEDIA = (
    ".jpg",
    ".jpeg",
    ".png",
    ".heic",
    ".heif",
    ".mp4",
    ".m4v",
    ".mov",
    ".webm",
    ".3gp",
    ".3g2",
)


class MediaCategory(enum.Enum):
    PHOTO = "photo"
    VIDEO = "video"


class MediaKind(enum.Enum):
    """A format the journal keeps; the value is stored (database, JSON export)."""

    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"
    MP4 = "mp4"
    MOV = "mov"
    THREE_GP = "3gp"
    WEBM = "webm"

    @property
    def category(self) -> MediaCategory:
        if self in (MediaKind.JPEG, MediaKind.PNG, MediaKind.HEIC):
            return MediaCategory.PHOTO
        return MediaCategory.VIDEO

    @property
    def is_photo(self) -> bool:
        return self.category is MediaCategory.PHOTO

    @property
    def is_video(self) -> bool:
        return self.category is MediaCategory.VIDEO

    @property
    def extension(self) -> str:
        """The extension of the stored file (media/ab/<sha256>.<extension>)."""
        return {MediaKind.JPEG: "jpg", MediaKind.THREE_GP: "3gp"}.get(self, self.value)

    @property
    def label(self) -> str:
        return {
            MediaKind.JPEG: _("JPEG photo"),
            MediaKind.PNG: _("PNG picture"),
            MediaKind.HEIC: _("HEIC photo"),
            MediaKind.MP4: _("MP4 video"),
            MediaKind.MOV: _("MOV video"),
            MediaKind.THREE_GP: _("3GP video"),
            MediaKind.WEBM: _("WebM video"),
        }[self]


class RefusalReason(enum.Enum):
    NOT_MEDIA = "not_media"
    TOO_BIG = "too_big"
    EMPTY = "empty"
    UNREADABLE = "unreadable"


class MediaRefusedError(ValueError):
    """A file the journal will not keep; ``str(error)`` is the sentence for the parent."""

    def __init__(self, reason: RefusalReason, name: str, message: str) -> None:
        self.reason = reason
        self.name = name
        super().__init__(message)


# --- ISO base media file format (MP4, MOV, 3GP, HEIC) -------------------------------------------

_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_MOV_BRANDS = frozenset({b"qt  "})
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
        b"M4V ", b"M4VH", b"M4VP", b"mmp4", b"MSNV", b"dash", b"f4v ",
    }
)  # fmt: skip
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})


def _brand_kind(brand: bytes) -> MediaKind | None:
    if brand in _HEIF_BRANDS:
        return MediaKind.HEIC
    if brand in _MOV_BRANDS:
        return MediaKind.MOV
    if brand[:3] in (b"3gp", b"3g2", b"3ge", b"3gg", b"3gr", b"3gs"):
        return MediaKind.THREE_GP
    if brand in _MP4_BRANDS:
        return MediaKind.MP4
    return None


def _sniff_ftyp(head: bytes) -> MediaKind | None:
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    box_size = struct.unpack(">I", head[:4])[0]
    # Compatible brands follow the major brand and minor version, up to the box's end (a size
    # under 16, including 0 "to the end" and 1 "64-bit size", is read as brands-free).
    end = min(box_size, len(head)) if box_size >= 16 else 16
    major = head[8:12]
    compatible = [head[i : i + 4] for i in range(16, end - 3, 4)]
    if major in _AUDIO_BRANDS or major in _AVIF_BRANDS:
        return None
    generic_heif = {b"mif1", b"msf1"}
    if (
        major in generic_heif
        and _AVIF_BRANDS.intersection(compatible)
        and not (_HEIF_BRANDS - generic_heif).intersection(compatible)
    ):
        return None  # AVIF wearing the generic HEIF brand
    kind = _brand_kind(major)
    if kind is not None:
        return kind
    for brand in compatible:
        if brand in _AUDIO_BRANDS or brand in _AVIF_BRANDS:
            continue
        kind = _brand_kind(brand)
        if kind is not None:
            return kind
    return None


# --- EBML (WebM) ----------------------------------------------------------------------------------

_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_EBML_DOCTYPE = 0x4282


def _read_vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int] | None:
    """An EBML variable-length integer at ``pos``: (value, length) or None past the data."""
    if pos >= len(data):
        return None
    first = data[pos]
    length = 1
    mask = 0x80
    while length <= 8 and not first & mask:
        mask >>= 1
        length += 1
    if length > 8 or pos + length > len(data):
        return None
    value = first if keep_marker else first & (mask - 1)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    return value, length


def _ebml_doctype(head: bytes) -> bytes | None:
    if not head.startswith(_EBML_MAGIC):
        return None
    size = _read_vint(head, 4, keep_marker=False)
    if size is None:
        return None
    pos = 4 + size[1]
    end = min(len(head), pos + size[0])
    for _step in range(64):  # the EBML header holds a handful of elements
        if pos >= end:
            return None
        element = _read_vint(head, pos, keep_marker=True)
        if element is None:
            return None
        element_size = _read_vint(head, pos + element[1], keep_marker=False)
        if element_size is None:
            return None
        start = pos + element[1] + element_size[1]
        if element[0] == _EBML_DOCTYPE:
            if start + element_size[0] > len(head):
                return None
            return head[start : start + element_size[0]].rstrip(b"\x00")
        pos = start + element_size[0]
    return None


# --- Sniffing -----------------------------------------------------------------------------------


def sniff_kind(head: bytes) -> MediaKind | None:
    """The kind of a file from its first bytes (at least :data:`SNIFF_BYTES` when it has them)."""
    if head.startswith(b"\xff\xd8\xff"):
        return MediaKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaKind.PNG
    if head.startswith(_EBML_MAGIC):
        return MediaKind.WEBM if _ebml_doctype(head) == b"webm" else None
    kind = _sniff_ftyp(head)
    if kind is not None:
        return kind
    if len(head) >= 8 and head[4:8] in (b"moov", b"wide", b"mdat"):
        return MediaKind.MOV  # an old QuickTime file without an ftyp box
    return None


def _what_it_is(name: str, head: bytes) -> str:
    for offset, magic, what in _KNOWN_REFUSED:
        if head[offset : offset + len(magic)] == magic:
            return _(what)
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return _("an AVI video, which the journal does not keep")
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return _("a sound file")
    if head.startswith(_EBML_MAGIC):
        return _("a Matroska (MKV) video, which the journal does not keep")
    if head[4:8] == b"ftyp" and _AVIF_BRANDS.intersection(
        [head[8:12]] + [head[i : i + 4] for i in range(16, min(len(head), 64) - 3, 4)]
    ):
        return _("an AVIF picture, which the journal does not keep")
    if head[4:8] == b"ftyp" and head[8:12] in _AUDIO_BRANDS:
        return _("a sound file")
    if _looks_like_text(head):
        return text("what_text")
    if name.lower().endswith(_NAMED_LIKE_MEDIA):
        return text("what_named_like")
    return text("what_unknown")


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the end of the sample
            return False
    return True


def identify(name: str, head: bytes, size: int) -> MediaKind:
    """The kind of the file called ``name`` (size in bytes, first bytes ``head``), or
    :class:`MediaRefusedError` with the sentence for the parent. The size limit comes first, so
    a file too big is refused before anything is copied."""
    check_size(name, size)
    if size == 0:
        raise MediaRefusedError(RefusalReason.EMPTY, name, text("empty").format(name=name))
    kind = sniff_kind(head)
    if kind is None:
        raise MediaRefusedError(
            RefusalReason.NOT_MEDIA,
            name,
            text("not_media").format(name=name, what=_what_it_is(name, head)),
        )
    return kind


def check_size(name: str, size: int, limit: int = MAX_MEDIA_BYTES) -> None:
    if size > limit:
        raise MediaRefusedError(
            RefusalReason.TOO_BIG,
            name,
            text("too_big").format(name=name, size=format_size(size), limit=format_size(limit)),
        )


def unreadable(name: str, detail: str) -> MediaRefusedError:
    return MediaRefusedError(
        RefusalReason.UNREADABLE, name, text("unreadable").format(name=name, detail=detail)
    )


def format_size(size: int) -> str:
    """A size as a parent reads it: 512 bytes, 3.4 KB, 12.0 MB, 2 GB (1 KB = 1024 bytes), with
    the language's decimal mark."""
    if size < 1024:
        return ngettext("{count} byte", "{count} bytes", size).format(count=size)
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            exact = f"{value:.1f}".endswith(".0") and value == int(value)
            number = formats().number(value, 0 if exact else 1)
            return f"{number} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


# --- Taken date ---------------------------------------------------------------------------------


class TakenSource(enum.Enum):
    PHOTO = "photo"  # the photo's own Exif DateTimeOriginal
    FILE = "file"  # the file's modification time

    @property
    def label(self) -> str:
        return text("taken_photo") if self is TakenSource.PHOTO else text("taken_file")


@dataclass(frozen=True)
class TakenDate:
    """When a photo or video was taken (local time, naive, as a camera writes it) and how the
    journal knows: ``source.label`` is the words to show beside the date."""

    when: datetime
    source: TakenSource

    @property
    def day(self) -> date:
        return self.when.date()


def choose_taken_date(exif_when: datetime | None, file_modified: datetime) -> TakenDate:
    if exif_when is not None:
        return TakenDate(exif_when, TakenSource.PHOTO)
    return TakenDate(file_modified, TakenSource.FILE)


_TAG_EXIF_IFD = 0x8769
_TAG_DATETIME_ORIGINAL = 0x9003
_TAG_DATETIME_DIGITIZED = 0x9004
_TYPE_ASCII = 2
_MAX_IFD_ENTRIES = 1024
_MAX_SEGMENTS = 64


def exif_date_taken(jpeg_head: bytes) -> datetime | None:
    """The Exif DateTimeOriginal (else DateTimeDigitized) of a JPEG from its first bytes, or None.

    Hostile input is safe: every offset is bounds-checked, the loops are bounded and there is no
    recursion (only IFD0 and the Exif IFD it points to are read).
    """
    if not jpeg_head.startswith(b"\xff\xd8"):
        return None
    tiff = _exif_tiff(jpeg_head)
    if tiff is None:
        return None
    try:
        return _tiff_date(tiff)
    except (struct.error, ValueError, IndexError):
        return None


def _exif_tiff(data: bytes) -> bytes | None:
    pos = 2
    for _segment in range(_MAX_SEGMENTS):
        while (
            pos < len(data) and data[pos] == 0xFF and pos + 1 < len(data) and data[pos + 1] == 0xFF
        ):
            pos += 1  # fill bytes
        if pos + 4 > len(data) or data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xDA, 0xD9):  # start of scan / end of image: no metadata after this
            return None
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if length < 2:
            return None
        segment = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            return segment[6:]
        pos += 2 + length
    return None


def _tiff_date(tiff: bytes) -> datetime | None:
    if tiff[:4] == b"II*\x00":
        order = "<"
    elif tiff[:4] == b"MM\x00*":
        order = ">"
    else:
        return None
    ifd0 = struct.unpack(order + "I", tiff[4:8])[0]
    entries0 = _ifd_entries(tiff, ifd0, order)
    exif_offset = next((value for tag, _t, _c, value in entries0 if tag == _TAG_EXIF_IFD), None)
    if exif_offset is None:
        return None
    found: dict[int, datetime] = {}
    for tag, type_, count, value in _ifd_entries(tiff, exif_offset, order):
        if tag in (_TAG_DATETIME_ORIGINAL, _TAG_DATETIME_DIGITIZED) and type_ == _TYPE_ASCII:
            when = _exif_datetime(_ascii_value(tiff, count, value, order))
            if when is not None:
                found[tag] = when
    return found.get(_TAG_DATETIME_ORIGINAL, found.get(_TAG_DATETIME_DIGITIZED))


def _ifd_entries(tiff: bytes, offset: int, order: str) -> list[tuple[int, int, int, int]]:
    """(tag, type, count, value-or-offset) of the IFD at ``offset``; [] when out of bounds."""
    if offset < 8 or offset + 2 > len(tiff):
        return []
    count = struct.unpack(order + "H", tiff[offset : offset + 2])[0]
    count = min(count, _MAX_IFD_ENTRIES, (len(tiff) - offset - 2) // 12)
    entries = []
    for i in range(count):
        start = offset + 2 + 12 * i
        tag, type_, n = struct.unpack(order + "HHI", tiff[start : start + 8])
        raw = tiff[start + 8 : start + 12]
        entries.append((tag, type_, n, struct.unpack(order + "I", raw)[0]))
    return entries


def _ascii_value(tiff: bytes, count: int, value: int, order: str) -> bytes:
    if count <= 4:
        return struct.pack(order + "I", value)[:count]
    if count > 64 or value + count > len(tiff):
        return b""
    return tiff[value : value + count]


def _exif_datetime(raw: bytes) -> datetime | None:
    text = raw.split(b"\x00", 1)[0].decode("ascii", errors="replace").strip()
    try:
        when = datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return when if when.year >= 1900 else None


# --- The record a later session stores ----------------------------------------------------------


@dataclass(frozen=True)
class MediaRecord:
    """One photo or video on a child's day, as the media repository will store it.

    The file itself is in the journal's media folder under ``media/<sha256[:2]>/<sha256>.<ext>``
    (``kind.extension``), so the record is all it takes to find it again.
    """

    uuid: str
    child_uuid: str
    day: date
    kind: MediaKind
    original_name: str  # the file's name on the parent's computer, kept exactly
    size_bytes: int
    sha256: str  # 64 lowercase hex digits
    added_at: datetime  # timezone-aware, UTC
    caption: str = ""  # what the parent typed, kept exactly
    taken_at: datetime | None = None  # local, naive, when known
    taken_source: TakenSource | None = None

    @property
    def stored_name(self) -> str:
        return f"{self.sha256}.{self.kind.extension}"


def stored_relative_path(sha256: str, kind: MediaKind) -> str:
    """The file's place inside the media folder, with '/' separators: 'ab/abcdef....jpg'."""
    return f"{sha256[:2]}/{sha256}.{kind.extension}"


class MediaStatus(enum.Enum):
    OK = "ok"
    MISSING = "missing"
    DAMAGED = "damaged"


def status_message(status: MediaStatus, name: str) -> str:
    return text(f"status_{status.value}").format(name=name)
