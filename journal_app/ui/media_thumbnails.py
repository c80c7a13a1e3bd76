"""Thumbnails for a day's media: a small picture of a photo, an icon with name and size otherwise.

Photos are read through QImageReader with EXIF orientation applied (setAutoTransform) and a
scaled read (setScaledSize), so a 40-megapixel photo is decoded at thumbnail size, not in full.
Videos get a generic video icon with the file name and size (no video decoding: the system's
player opens them). A damaged or unreadable photo gets a "could not be shown" icon; nothing
raises. Everything returns a QImage, so a worker thread can make thumbnails; the widget turns
one into a pixmap with ``QPixmap.fromImage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPainter,
    QPainterPath,
    QPolygonF,
)

from journal_app.domain.media import MediaKind, format_size

#: The side of the square a thumbnail fits in, in pixels.
THUMBNAIL_SIDE = 160

_CONTEXT = "MediaThumbnails"


def _text(key: str) -> str:
    """The words on the icons, translatable in one place."""
    texts = {
        "video": QCoreApplication.translate(_CONTEXT, "Video"),
        "damaged": QCoreApplication.translate(_CONTEXT, "Photo could not be shown"),
    }
    return texts[key]


@dataclass(frozen=True)
class Thumbnail:
    image: QImage
    is_picture: bool  # True: the photo itself; False: an icon (a video, or a photo not shown)


def photo_image(path: Path, side: int = THUMBNAIL_SIDE) -> QImage | None:
    """The photo at ``path`` scaled to fit ``side`` x ``side`` and turned upright, or None when
    it cannot be read (damaged, not a picture, a format Qt lacks such as HEIC on some systems)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    reader.setDecideFormatFromContent(True)
    if not reader.canRead():
        return None
    raw = reader.size()
    if raw.isValid() and not raw.isEmpty():
        upright = raw.transposed() if _turns_sideways(reader) else raw
        box = QSize(side, side)
        fitted = upright.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
        if upright.width() <= side and upright.height() <= side:
            fitted = upright
        # The scaled size applies before the EXIF turn, so it is given in the raw orientation.
        reader.setScaledSize(fitted.transposed() if _turns_sideways(reader) else fitted)
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > side or image.height() > side:  # a reader that ignored the scaled size
        image = image.scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def _turns_sideways(reader: QImageReader) -> bool:
    return bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)


def thumbnail_for(
    path: Path, kind: MediaKind, name: str | None = None, side: int = THUMBNAIL_SIDE
) -> Thumbnail:
    """The thumbnail of a stored file: the photo itself, or an icon with ``name`` (the original
    file name; the stored name when not given) and the file's size."""
    shown = name or path.name
    if kind.is_photo:
        image = photo_image(path, side)
        if image is not None:
            return Thumbnail(image, True)
        return Thumbnail(icon_image(shown, _size_text(path), side, video=False), False)
    return Thumbnail(icon_image(shown, _size_text(path), side, video=True), False)


def _size_text(path: Path) -> str:
    try:
        return format_size(path.stat().st_size)
    except OSError:
        return ""


def icon_image(name: str, size_text: str, side: int = THUMBNAIL_SIDE, *, video: bool) -> QImage:
    """A square icon: a play sign (video) or a crossed frame (photo not shown), the file name
    (elided) and its size."""
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(2, 2, side - 4, side - 4)
        background = QPainterPath()
        background.addRoundedRect(frame, side / 12, side / 12)
        painter.fillPath(background, QColor("#4a5560") if video else QColor("#8a8f94"))
        symbol = QRectF(side * 0.32, side * 0.14, side * 0.36, side * 0.36)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        if video:
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(symbol.left() + symbol.width() * 0.15, symbol.top()),
                        QPointF(symbol.right(), symbol.center().y()),
                        QPointF(symbol.left() + symbol.width() * 0.15, symbol.bottom()),
                    ]
                )
            )
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = painter.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setColor(QColor("white"))
            pen.setWidthF(max(1.5, side / 60))
            painter.setPen(pen)
            painter.drawRect(symbol)
            painter.drawLine(symbol.topLeft(), symbol.bottomRight())
        painter.setPen(QColor("white"))
        font = QFont(painter.font())
        font.setPixelSize(max(8, side // 12))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        text_width = int(frame.width() - side * 0.1)
        lines = [
            _text("video") if video else _text("damaged"),
            metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, text_width),
            size_text,
        ]
        line_height = metrics.height()
        top = side * 0.56
        for line in lines:
            if line:
                painter.drawText(
                    QRectF(frame.left(), top, frame.width(), line_height),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    metrics.elidedText(line, Qt.TextElideMode.ElideRight, text_width),
                )
            top += line_height
    finally:
        painter.end()
    return image
