"""The summary's photos and videos: the period's media by date (kind, caption), and the photos the
parent chose printed as small pictures.

Gathered with the charts (:func:`gather_summary_media`, worker-safe: QImage only) and written as
one section by :func:`media_html`, which :mod:`summary_html` places before the sources. The list
is bounded (:data:`MAX_LISTED` lines, :data:`MAX_PHOTOS` pictures) and says so when it is cut;
with no media the section is empty, so the summary keeps its length.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from journal_app import i18n

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.services.media import MediaItem
    from journal_app.services.summary import SummaryReport

#: Most photos and videos listed in the summary; the rest are counted.
MAX_LISTED = 12
#: Most chosen photos printed as pictures.
MAX_PHOTOS = 4
#: The longest side of a printed photo, in CSS pixels (96 per inch): about 1.4 inches.
PHOTO_PX = 132
#: The photo is encoded at twice that, for print.
_ENCODE_SIDE = PHOTO_PX * 2
#: A caption longer than this is cut in the list (the journal keeps it whole).
MAX_CAPTION_CHARS = 160


def _tr(text: str) -> str:
    """``text`` in the summary's language (the translator of an enclosing ``speaking()``), as
    summary_html's words are: Qt's translate() would not follow a summary in another language
    when no Qt bridge is installed (the command line, a worker)."""
    return i18n.gettext(text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class PrintedPhoto:
    item: MediaItem
    jpeg: bytes  # the photo scaled down, upright, as JPEG
    width: int  # as printed, in CSS pixels
    height: int


@dataclass(frozen=True)
class SummaryMedia:
    """The media of the summary's period, oldest first, and the photos to print."""

    items: tuple[MediaItem, ...]
    photos: tuple[PrintedPhoto, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.items


def _jpeg(item: MediaItem) -> tuple[bytes, int, int] | None:
    from journal_app.ui.media_thumbnails import photo_image

    image = photo_image(item.path, _ENCODE_SIDE)
    if image is None:
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    saved = image.save(buffer, "JPEG", 85)  # type: ignore[call-overload]
    buffer.close()
    if not saved:
        return None
    scale = PHOTO_PX / max(image.width(), image.height(), 1)
    width, height = max(1, round(image.width() * scale)), max(1, round(image.height() * scale))
    return bytes(data.data()), width, height


def gather_summary_media(
    context: JournalContext, report: SummaryReport, photo_uuids: Sequence[str] = ()
) -> SummaryMedia:
    """The period's media and the chosen photos (at most :data:`MAX_PHOTOS`), as printed."""
    child_id = report.child.id
    if child_id is None:
        return SummaryMedia(())
    items = tuple(context.media.list_for_period(child_id, report.start, report.end))
    wanted = set(photo_uuids)
    photos: list[PrintedPhoto] = []
    for item in items:
        if item.uuid in wanted and item.is_photo and len(photos) < MAX_PHOTOS:
            encoded = _jpeg(item)
            if encoded is not None:
                photos.append(PrintedPhoto(item, *encoded))
    return SummaryMedia(items, tuple(photos))


def _caption(item: MediaItem) -> str:
    text = item.caption.strip()
    if len(text) > MAX_CAPTION_CHARS:
        text = text[: MAX_CAPTION_CHARS - 1].rstrip() + "…"
    return text


def media_html(report: SummaryReport, media: SummaryMedia | None) -> str:
    """The section "Photos and videos", or "" when the period has none."""
    if media is None or media.is_empty:
        return ""
    from journal_app.ui.printing.summary_html import _table, format_date

    number = 9 if report.notes else 8
    out = "<h2>" + _esc(_tr("{number}. Photos and videos").format(number=number)) + "</h2>"
    photos = sum(1 for item in media.items if item.is_photo)
    videos = len(media.items) - photos
    intro = _tr(
        "Kept in the journal for this period: photos: {photos}; videos: {videos}. The parent "
        "can show them on a phone or computer."
    ).format(photos=photos, videos=videos)
    out += f"<p class='muted'>{_esc(intro)}</p>"
    listed = media.items[:MAX_LISTED]
    rows = [
        (
            _esc(format_date(item.day)),
            _esc(_tr("Photo") if item.is_photo else _tr("Video")),
            f"<span class='typed'>{_esc(_caption(item))}</span>" if item.caption.strip() else "–",
        )
        for item in listed
    ]
    out += _table((_tr("Date"), _tr("Kind"), _tr("Caption")), rows, (14, 10, 76))
    if len(media.items) > MAX_LISTED:
        more = len(media.items) - MAX_LISTED
        out += (
            "<p class='small'>"
            + _esc(
                _tr(
                    "The first {listed} are listed; {more} more are in the journal (the list "
                    "stops at {listed} to keep the summary short)."
                ).format(listed=MAX_LISTED, more=more)
            )
            + "</p>"
        )
    if media.photos:
        cells = []
        for photo in media.photos:
            uri = "data:image/jpeg;base64," + base64.b64encode(photo.jpeg).decode("ascii")
            label = format_date(photo.item.day)
            if photo.item.caption.strip():
                label += " · " + _caption(photo.item)
            cells.append(
                f"<td width='25%' align='center'>"
                f"<img src='{uri}' width='{photo.width}' height='{photo.height}'/>"
                f"<br/><span class='small'>{_esc(label)}</span></td>"
            )
        out += (
            "<table width='100%' cellspacing='0' cellpadding='4' border='0'><tr>"
            + "".join(cells)
            + "</tr></table>"
        )
    return out
