"""The doctor-visit summary as a QTextDocument: its page layout, its chart images, and the
document built from the HTML of :mod:`summary_html`.

The parts live beside it: :mod:`summary_html` (wording and markup), :mod:`pagination` (what a
page break may not split) and :mod:`painting` (the one routine that paints it on any printer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTextDocument, QTextOption

from journal_app import i18n, i18n_qt
from journal_app.i18n_format import paper_size
from journal_app.services.summary import SummaryReport
from journal_app.ui.printing.pagination import keep_rows_together
from journal_app.ui.printing.painting import (
    FOOTER_HEIGHT_PT,
    FOOTER_NAME_PROPERTY,
    LANGUAGE_PROPERTY,
    SummaryPrintError,
    print_document,
)
from journal_app.ui.printing.summary_html import (
    CHART_PRINT_WIDTH_INCHES,
    CHART_WIDTH_PX,
    MOVEMENT_CHART_URL,
    STYLE_SHEET,
    WINDOWS_CHART_URL,
    document_font,
    footer_note,
    format_date,
    format_period,
    page_label,
    summary_html,
    summary_title,
)

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.ui.printing.summary_media import SummaryMedia

__all__ = [
    "CHART_PRINT_WIDTH_INCHES",
    "CHART_WIDTH_PX",
    "FOOTER_HEIGHT_PT",
    "SummaryCharts",
    "SummaryPrintError",
    "build_summary_document",
    "footer_note",
    "format_date",
    "format_period",
    "keep_rows_together",
    "locale_page_size",
    "page_label",
    "print_document",
    "render_summary_charts",
    "summary_html",
    "summary_page_layout",
    "summary_title",
]

#: Charts are drawn on a figure this wide (inches) and printed CHART_PRINT_WIDTH_INCHES wide: the
#: drawing code's labels and legends need a little more room than the page has, so they print
#: slightly smaller.
CHART_FIGURE_WIDTH_INCHES = 8.2

#: Heights of the two figures, in inches of figure. The movement chart's grows with the rows of
#: milestone names and legend it needs, so that its bars always keep the same height; the WHO
#: windows chart's is at least this, more when its legend takes a second row (longer words).
MOVEMENT_PLOT_HEIGHT_INCHES = 1.3
WINDOWS_CHART_HEIGHT_INCHES = 3.0
#: Rendering resolution of the figures; on paper this gives 8.2 / 7.0 * 200 = 234 dots per inch.
CHART_DPI = 200
#: Page margins, in millimetres.
PAGE_MARGIN_MM = 15.0


def locale_page_size(locale: QLocale | str | None = None) -> QPageSize:
    """A4, or US Letter where the locale's territory uses it (i18n_format.paper_size).

    By default the *system's* locale (QLocale.system()): the paper in the parent's printer
    follows where they live, not the language the app or the summary is in.
    """
    name = locale.name() if isinstance(locale, QLocale) else locale or i18n_qt.system_locale()
    if paper_size(name) == "Letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def summary_page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    """The page layout the summary is made for: the system's paper, portrait, 15 mm margins."""
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        page_size if page_size is not None else locale_page_size(),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


# -- charts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryCharts:
    """The two charts of the summary as print-resolution images (either may be missing)."""

    movement: QImage | None
    windows: QImage | None
    media: SummaryMedia | None = None  # the period's photos and videos (summary_media)


def _render_figure(draw: Callable[..., None], data: object, height: float, dpi: int) -> QImage:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(CHART_FIGURE_WIDTH_INCHES, height), dpi=dpi, facecolor="white")
    canvas: Any = FigureCanvasAgg(figure)
    draw(figure, data)
    canvas.draw()
    width, height_px = canvas.get_width_height(physical=True)
    image = QImage(width, height_px, QImage.Format.Format_RGBA8888)
    # Copied into the image's own memory (4 bytes a pixel, rows without padding).
    pixels = image.bits()
    assert isinstance(pixels, memoryview)
    pixels[:] = bytes(canvas.buffer_rgba())
    # Opaque: printed without a transparency mask.
    return image.convertToFormat(QImage.Format.Format_RGB32)


def render_summary_charts(
    context: JournalContext, report: SummaryReport, dpi: int = CHART_DPI
) -> SummaryCharts:
    """Draw the movement chart and the WHO windows chart with the screen's drawing code, in the
    current language."""
    from journal_app.ui.charts.figures import (
        draw_milestone_windows_chart,
        draw_movement_chart,
        movement_chart_height,
    )
    from journal_app.ui.charts.windows_chart import windows_chart_height

    child_id = report.child.id
    assert child_id is not None
    if report.is_empty:  # the short summary of an empty period has no charts
        return SummaryCharts(None, None)
    series = context.charts.movement_series(child_id, report.start, report.end)
    height = movement_chart_height(series, CHART_FIGURE_WIDTH_INCHES, MOVEMENT_PLOT_HEIGHT_INCHES)
    movement = _render_figure(draw_movement_chart, series, height, dpi)
    windows_data = context.charts.milestone_windows(child_id, report.end)
    windows_height = windows_chart_height(
        windows_data, CHART_FIGURE_WIDTH_INCHES, WINDOWS_CHART_HEIGHT_INCHES
    )
    windows = _render_figure(draw_milestone_windows_chart, windows_data, windows_height, dpi)
    from journal_app.ui.printing.summary_media import gather_summary_media

    return SummaryCharts(movement, windows, gather_summary_media(context, report))


def build_summary_document(
    report: SummaryReport,
    charts: SummaryCharts | None,
    page_size: QPageSize | None = None,
) -> QTextDocument:
    """The summary laid out for ``page_size`` (the system's paper when None), in the current
    language (build it inside ``with i18n.speaking(...)`` for another one).

    :func:`print_document` lays it out again for the printer it paints on.
    """
    document = QTextDocument()
    document.setDefaultFont(document_font())
    document.setDefaultStyleSheet(STYLE_SHEET)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, summary_title(report))
    document.setProperty(FOOTER_NAME_PROPERTY, report.child.name)
    # The footer is painted later (the preview repaints on every zoom): in this language too.
    document.setProperty(LANGUAGE_PROPERTY, i18n.current().locale)
    if charts is not None:
        for url, data in (
            (MOVEMENT_CHART_URL, charts.movement),
            (WINDOWS_CHART_URL, charts.windows),
        ):
            if data is not None:
                document.addResource(QTextDocument.ResourceType.ImageResource, url, data)
    document.setHtml(summary_html(report, charts))
    layout = summary_page_layout(page_size)
    rect = layout.paintRect(QPageLayout.Unit.Point)
    # Laid out in CSS pixels (96 per inch) until a printer gives its own resolution.
    scale = 96 / 72
    document.setPageSize(QSizeF(rect.width() * scale, (rect.height() - FOOTER_HEIGHT_PT) * scale))
    return document
