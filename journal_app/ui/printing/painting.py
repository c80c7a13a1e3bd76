"""Painting the summary on any printer (preview, paper, PDF): page by page, with the footer."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from journal_app import i18n
from journal_app.ui.printing.pagination import keep_rows_together
from journal_app.ui.printing.summary_html import _tr, document_font, footer_note, page_label

#: The footer's height in points, taken from the bottom of the printable area.
FOOTER_HEIGHT_PT = 26.0
#: The document property holding the child's name for the footer.
FOOTER_NAME_PROPERTY = "summary_child_name"
#: The document property holding the locale the summary was built in ("es_ES"): the footer is
#: painted in it, whatever language is current when the preview or printer asks for a page.
LANGUAGE_PROPERTY = "summary_locale"
#: The summary fits on this many pages (the sample journal's, in every language, on A4 and
#: Letter): a document that runs longer is painted slightly smaller, at the largest of
#: :data:`FIT_SCALES` that brings it to this many pages; at full size when none does.
FIT_PAGES = 2
FIT_SCALES = (1.0, 0.96, 0.92, 0.88, 0.85)


def document_translator(document: QTextDocument) -> i18n.Translator:
    """The translator the summary ``document`` was built with (the current one if unknown)."""
    locale = document.property(LANGUAGE_PROPERTY)
    return i18n.translator_for(locale) if isinstance(locale, str) and locale else i18n.current()


class SummaryPrintError(RuntimeError):
    """The printer (or PDF file) could not be painted on."""


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Paint ``document`` on ``printer`` page by page, with the footer on every page.

    Used for the preview, the printer and the PDF alike. The document is laid out on a copy
    for the printer's paper, margins and resolution; ``document`` itself is not changed.
    """
    name = str(document.property(FOOTER_NAME_PROPERTY) or "")
    # The parent reads this message (the app's language); the footer is the summary's.
    not_opened = _tr("The printer or file could not be opened for writing.")
    summary_language = document_translator(document)
    paint_rect = printer.pageLayout().paintRectPixels(printer.resolution())
    dots_per_point = printer.resolution() / 72
    footer_height = FOOTER_HEIGHT_PT * dots_per_point
    body = QSizeF(paint_rect.width(), paint_rect.height() - footer_height)
    copy, scale = _fitted_copy(document, printer, body)
    try:
        page_height = copy.pageSize().height()
        pages = max(copy.pageCount(), 1)
        first, last = 1, pages
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = min(printer.fromPage(), pages)
            last = max(first, min(printer.toPage() or pages, pages))
        with i18n.speaking(summary_language):
            note = footer_note()
            labels = {page: page_label(page, pages) for page in range(first, last + 1)}
        painter = QPainter()
        if not painter.begin(printer):
            raise SummaryPrintError(not_opened)
        try:
            for page in range(first - 1, last):
                if page > first - 1:
                    printer.newPage()
                top = page * page_height
                painter.save()
                painter.scale(scale, scale)
                painter.translate(0, -top)
                context = QAbstractTextDocumentLayout.PaintContext()
                context.clip = QRectF(0, top, copy.pageSize().width(), page_height)
                painter.setClipRect(context.clip)
                copy.documentLayout().draw(painter, context)
                painter.restore()
                _paint_footer(
                    painter,
                    QRectF(0, body.height(), body.width(), footer_height),
                    f"{name} · {note}",
                    labels[page + 1],
                    dots_per_point,
                )
        finally:
            painter.end()
    finally:
        copy.deleteLater()


def _laid_out(
    document: QTextDocument, printer: QPrinter, body: QSizeF, scale: float
) -> QTextDocument:
    """A copy of ``document`` laid out for ``printer``, to be painted at ``scale`` on pages of
    ``body`` (so laid out on pages ``1 / scale`` as big), with no row or heading split."""
    copy = document.clone()
    copy.documentLayout().setPaintDevice(printer)
    copy.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    keep_rows_together(copy)
    return copy


def _fitted_copy(
    document: QTextDocument, printer: QPrinter, body: QSizeF
) -> tuple[QTextDocument, float]:
    """The copy to paint and its scale: full size, or the largest of :data:`FIT_SCALES` that
    brings the summary to :data:`FIT_PAGES` pages (full size when none does). A document of
    more than one page over is not tried smaller (no scale could bring it back)."""
    full = _laid_out(document, printer, body, 1.0)
    if not FIT_PAGES < full.pageCount() <= FIT_PAGES + 1:
        return full, 1.0
    for scale in FIT_SCALES[1:]:
        copy = _laid_out(document, printer, body, scale)
        if copy.pageCount() <= FIT_PAGES:
            full.deleteLater()
            return copy, scale
        copy.deleteLater()
    return full, 1.0


def _paint_footer(
    painter: QPainter, rect: QRectF, left_text: str, right: str, dots_per_point: float
) -> None:
    painter.save()
    pen = QPen(QColor("#9aa9b0"))
    pen.setWidthF(0.6 * dots_per_point)
    painter.setPen(pen)
    line_y = rect.top() + 8 * dots_per_point
    painter.drawLine(QLineF(rect.left(), line_y, rect.right(), line_y))
    font = document_font()
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor("#444444"))
    text_rect = QRectF(
        rect.left(), line_y + 3 * dots_per_point, rect.width(), rect.bottom() - line_y
    )
    metrics = QFontMetricsF(font, painter.device())
    left_width = text_rect.width() - metrics.horizontalAdvance(right) - 12 * dots_per_point
    left = metrics.elidedText(left_text, Qt.TextElideMode.ElideMiddle, max(left_width, 0))
    align_top = Qt.AlignmentFlag.AlignTop
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | align_top), left)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | align_top), right)
    painter.restore()
