"""The doctor-visit summary as a QTextDocument, and the one routine that paints it on any printer.

All wording of the printed summary lives in this module (through ``QCoreApplication.translate``).
Everything the parent typed goes through :func:`html.escape` before it enters the document.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLineF, QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextOption,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from journal_app.domain import dates
from journal_app.domain.ages import ChildAge, describe_gestation
from journal_app.services.summary import (
    MIN_DAYS_FOR_TREND,
    MilestoneLine,
    MilestoneStanding,
    MovementLine,
    ParentText,
    SummaryReport,
    Trend,
)

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext

#: Charts are drawn on a figure this wide (inches) and printed this wide: the drawing code's
#: labels and legends need a little more room than the page has, so they print slightly smaller.
CHART_FIGURE_WIDTH_INCHES = 8.2
CHART_PRINT_WIDTH_INCHES = 7.0
#: Heights of the two figures, in inches of figure. The movement chart's grows with the rows of
#: milestone names and legend it needs, so that its bars always keep the same height.
MOVEMENT_PLOT_HEIGHT_INCHES = 1.7
WINDOWS_CHART_HEIGHT_INCHES = 3.9
#: Rendering resolution of the figures; on paper this gives 8.2 / 7.0 * 200 = 234 dots per inch.
CHART_DPI = 200
#: Page margins, in millimetres.
PAGE_MARGIN_MM = 15.0
#: The footer's height in points, taken from the bottom of the printable area.
FOOTER_HEIGHT_PT = 26.0
#: Width of the chart images in the document, in CSS pixels (1/96 inch).
CHART_WIDTH_PX = round(CHART_PRINT_WIDTH_INCHES * 96)
#: Most dates listed after one flag before "and N more".
MAX_FLAG_DATES = 8

MOVEMENT_CHART_URL = QUrl("summary-chart://movement.png")
WINDOWS_CHART_URL = QUrl("summary-chart://who-windows.png")
ACCENT = "#1d5a6e"
FOOTER_NAME_PROPERTY = "summary_child_name"

#: Territories whose paper is US Letter; everyone else uses A4.
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.CostaRica,
    QLocale.Country.Guatemala,
    QLocale.Country.PuertoRico,
}

_STYLE_SHEET = f"""
body {{ color: #1a1a1a; }}
h1 {{ font-size: 17pt; font-weight: 600; margin: 0; color: #111; }}
h2 {{ font-size: 11.5pt; font-weight: 600; color: {ACCENT}; margin-top: 14px; margin-bottom: 4px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
.kicker {{ font-size: 8.5pt; color: {ACCENT}; font-weight: 600; }}
.small {{ font-size: 8pt; color: #555; }}
.muted {{ color: #555; }}
.label {{ color: #555; }}
.typed {{ white-space: pre-wrap; }}
.strong-flag {{ color: #9a4a00; font-weight: 600; }}
.flag {{ color: {ACCENT}; font-weight: 600; }}
.late {{ font-weight: 600; }}
th {{ background-color: #e8eff2; font-weight: 600; text-align: left; font-size: 8pt; }}
td {{ font-size: 8.5pt; vertical-align: top; }}
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummaryDocument", text)


def _esc(text: str) -> str:
    """Text from the parent or from data, made safe to put inside the document's HTML."""
    return html.escape(text, quote=True)


#: Dates never wrap inside (no-break spaces); text extraction and search read them as spaces.
_NBSP = "\u00a0"


def format_date(day: date) -> str:
    return dates.format_date(day).replace(" ", _NBSP)


def _short_date(day: date) -> str:
    return dates.format_day_month(day).replace(" ", _NBSP)


def format_period(start: date, end: date) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def _age_html(age: ChildAge, on: date | None = None) -> str:
    text = _esc(age.chronological.describe())
    if on is not None:
        text += " " + _esc(_tr("on {date}").format(date=format_date(on)))
    if age.corrected is not None:
        if age.corrected.total_days < 0:
            weeks = -age.corrected.total_days // 7
            corrected = _tr("{weeks} weeks before the due date").format(weeks=weeks)
        else:
            corrected = age.corrected.describe()
        text += (
            "<br/><span class='muted'>"
            + _esc(_tr("corrected: {age}").format(age=corrected))
            + "</span>"
        )
    return text


def locale_page_size(locale: QLocale | None = None) -> QPageSize:
    """A4, or US Letter where the locale's territory uses it (or it measures in US units)."""
    locale = locale if locale is not None else QLocale()
    if (
        locale.territory() in _LETTER_TERRITORIES
        or locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    ):
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def summary_page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    """The page layout the summary is made for: the locale's paper, portrait, 15 mm margins."""
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        page_size if page_size is not None else locale_page_size(),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def summary_title(report: SummaryReport) -> str:
    return _tr("Crawl Journal summary: {name}, {period}").format(
        name=report.child.name, period=format_period(report.start, report.end)
    )


def footer_note() -> str:
    return _tr("a parent's record, not a clinical assessment")


def page_label(page: int, pages: int) -> str:
    return _tr("Page {page} of {pages}").format(page=page, pages=pages)


# -- charts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryCharts:
    """The two charts of the summary as print-resolution images (either may be missing)."""

    movement: QImage | None
    windows: QImage | None

    @property
    def effective_dpi(self) -> float:
        """Dots per inch of the charts on paper."""
        return CHART_DPI * CHART_FIGURE_WIDTH_INCHES / CHART_PRINT_WIDTH_INCHES


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
    """Draw the movement chart and the WHO windows chart with the screen's drawing code."""
    from journal_app.ui.charts.figures import (
        draw_milestone_windows_chart,
        draw_movement_chart,
        movement_chart_height,
    )

    child_id = report.child.id
    assert child_id is not None
    if report.is_empty:  # the short summary of an empty period has no charts
        return SummaryCharts(None, None)
    series = context.charts.movement_series(child_id, report.start, report.end)
    height = movement_chart_height(series, CHART_FIGURE_WIDTH_INCHES, MOVEMENT_PLOT_HEIGHT_INCHES)
    movement = _render_figure(draw_movement_chart, series, height, dpi)
    windows = _render_figure(
        draw_milestone_windows_chart,
        context.charts.milestone_windows(child_id, report.end),
        WINDOWS_CHART_HEIGHT_INCHES,
        dpi,
    )
    return SummaryCharts(movement, windows)


# -- the document -------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]) -> str:
    """An HTML table; ``rows`` hold HTML that is already escaped. ``widths`` in percent."""
    head = "".join(f"<th width='{w}%'>{_esc(h)}</th>" for h, w in zip(headers, widths, strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        "style='border-collapse: collapse; border-color: #c5d0d5; border-style: solid;'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _header(report: SummaryReport) -> str:
    child = report.child
    born = format_date(child.birth_date)
    if report.gestation_days_at_birth is not None and child.due_date is not None:
        born += " " + _tr("(born at {gestation}; due {due})").format(
            gestation=describe_gestation(child.birth_date, child.due_date),
            due=format_date(child.due_date),
        )
    days = (report.end - report.start).days + 1
    period = (
        format_period(report.start, report.end)
        + " "
        + _tr("({days} days; entries on {recorded})").format(
            days=days, recorded=report.days_recorded
        )
    )
    made = _tr("{date} · made with Crawl Journal {version}").format(
        date=format_date(report.made_on), version=report.app_version
    )
    age = _age_html(report.age_on_made, on=report.made_on)
    rows = [
        (_tr("Born"), _esc(born), _tr("Period"), _esc(period)),
        (_tr("Age"), age, _tr("Date made"), _esc(made)),
    ]
    cells = "".join(
        "<tr>"
        f"<td width='9%' class='label'>{_esc(a)}</td><td width='40%'>{b}</td>"
        f"<td width='12%' class='label'>{_esc(c)}</td><td width='39%'>{d}</td>"
        "</tr>"
        for a, b, c, d in rows
    )
    return (
        f"<p class='kicker'>{_esc(_tr('MOVEMENT SUMMARY FOR THE DOCTOR'))}</p>"
        f"<h1>{_esc(child.name)}</h1>"
        "<table width='100%' cellspacing='0' cellpadding='2' border='0' "
        f"style='margin-top: 4px;'>{cells}</table>"
        "<p class='small'>"
        + _esc(
            _tr(
                "Written from the journal a parent keeps at home of their child's crawling and "
                "early movement. It is a parent's record of what they saw, not a clinical "
                "assessment."
            )
        )
        + "</p>"
    )


def _flags(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('1. Worth discussing'))}</h2>"
    if not report.flags:
        text = _tr("The journal's rules raised nothing to discuss for this period.")
        if not report.milestone_checks_ran:
            text += " " + _tr(
                "The journal holds fewer than 14 recorded days, too few for the milestone "
                "checks: a milestone not yet noted was not taken as a sign of anything."
            )
        return out + "<p>" + _esc(text) + "</p>"
    rows = []
    for flag in report.flags:
        marker = (
            f"<span class='strong-flag'>{_esc(_tr('Please discuss'))}</span>"
            if flag.strong
            else f"<span class='flag'>{_esc(_tr('Worth mentioning'))}</span>"
        )
        dates = [_short_date(d) for d in sorted(flag.dates)[:MAX_FLAG_DATES]]
        if len(flag.dates) > MAX_FLAG_DATES:
            dates.append(_tr("and {n} more").format(n=len(flag.dates) - MAX_FLAG_DATES))
        dates_text = (_tr("Dates: {dates}").format(dates=", ".join(dates))) if dates else ""
        rows.append(
            (
                marker,
                f"<b>{_esc(flag.title)}</b><br/>{_esc(flag.reason)}"
                + (f"<br/><span class='muted'>{_esc(dates_text)}</span>" if dates_text else ""),
            )
        )
    return out + _table((_tr("Level"), _tr("What the journal shows")), rows, (16, 84))


def _window_text(line: MilestoneLine) -> str:
    if line.who_window is not None:
        return _tr("WHO: {low:.1f}–{high:.1f} months").format(
            low=line.who_window.p1_months, high=line.who_window.p99_months
        )
    if line.cdc_months is not None:
        return _tr("CDC: most children by {months} months").format(months=line.cdc_months)
    return "–"


_STANDING_WORDS = {
    MilestoneStanding.BEFORE_WINDOW: "reached before the window",
    MilestoneStanding.IN_WINDOW: "within the window",
    MilestoneStanding.AFTER_WINDOW: "reached after the window",
    MilestoneStanding.REACHED: "reached",
    MilestoneStanding.NOT_YET: "not recorded yet",
    MilestoneStanding.NOT_YET_PAST_REFERENCE: "not recorded yet; past the reference age",
    MilestoneStanding.SHOWN_BY_JOURNAL: "seen in the journal by {date} (first time not noted)",
}


def _milestones(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('2. Milestones'))}</h2>"
    end_age = report.child.age_on(report.end)
    intro = _tr("Age on the last day of the period: {age}.").format(
        age=end_age.chronological.describe()
        + (
            " " + _tr("(corrected {age})").format(age=end_age.corrected.describe())
            if end_age.corrected is not None and end_age.corrected.total_days >= 0
            else ""
        )
    )
    if end_age.corrected is not None:
        intro += " " + _tr("Milestones are compared using the corrected age.")
    out += f"<p class='muted'>{_esc(intro)}</p>"
    rows = []
    for line in report.milestones:
        when = _esc(format_date(line.achieved_on)) if line.achieved_on else "–"
        if line.in_period:
            when += f"<br/><span class='muted'>{_esc(_tr('in this period'))}</span>"
        age = _age_html(line.age_then) if line.age_then is not None else "–"
        standing = _esc(
            _tr(_STANDING_WORDS[line.standing]).format(
                date=format_date(line.shown_by) if line.shown_by else ""
            )
        )
        if line.standing in (
            MilestoneStanding.AFTER_WINDOW,
            MilestoneStanding.NOT_YET_PAST_REFERENCE,
        ):
            standing = f"<span class='late'>{standing}</span>"
        rows.append(
            (_esc(_tr(line.milestone.label)), when, age, _esc(_window_text(line)), standing)
        )
    out += _table(
        (
            _tr("Milestone"),
            _tr("Date"),
            _tr("Age then"),
            _tr("Reference (WHO: 1st–99th pct.)"),
            _tr("Compared with it"),
        ),
        rows,
        (22, 12, 22, 21, 23),
    )
    return out


_TREND_WORDS = {
    Trend.MORE_OFTEN: "seen more often",
    Trend.LESS_OFTEN: "seen less often",
    Trend.ABOUT_THE_SAME: "about the same",
    Trend.ONLY_SECOND_HALF: "new in the second half",
    Trend.ONLY_FIRST_HALF: "not seen in the second half",
}


def _count(value: int | None) -> str:
    return str(value) if value is not None else _tr("not counted")


def _movement_row(line: MovementLine) -> tuple[str, ...]:
    trend = _esc(
        _tr(_TREND_WORDS[line.trend] if line.trend is not None else "too few days to compare")
    )
    return (
        _esc(_tr(line.style.label)),
        str(line.days_seen),
        _esc(_count(line.episodes)),
        _esc(_count(line.minutes)),
        _esc(_short_date(line.first_seen)),
        _esc(_short_date(line.last_seen)),
        f"{line.first_half_days} → {line.second_half_days}",
        trend,
    )


def _movements(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('3. Movement styles in the period'))}</h2>"
    if not report.movements:
        return out + "<p>" + _esc(_tr("No movement styles were recorded in this period.")) + "</p>"
    out += _table(
        (
            _tr("Style"),
            _tr("Days seen"),
            _tr("Episodes"),
            _tr("Minutes"),
            _tr("First seen"),
            _tr("Last seen"),
            _tr("Days, 1st → 2nd half"),
            _tr("Trend"),
        ),
        [_movement_row(line) for line in report.movements],
        (23, 8, 10, 9, 9, 9, 13, 19),
    )
    second_start = report.first_half_end.toordinal() + 1
    out += (
        "<p class='small'>"
        + _esc(
            _tr(
                "Halves: {first} ({first_days} days recorded) and {second} ({second_days}). "
                "Trend: share of recorded days with the style, given when each half has "
                "{least}+ recorded days. Episodes and minutes are totals."
            ).format(
                first=format_period(report.start, report.first_half_end),
                second=format_period(date.fromordinal(second_start), report.end),
                first_days=report.half_days_recorded[0],
                second_days=report.half_days_recorded[1],
                least=MIN_DAYS_FOR_TREND,
            )
        )
        + "</p>"
    )
    return out


def _charts(report: SummaryReport, charts: SummaryCharts | None) -> str:
    if charts is None or (charts.movement is None and charts.windows is None):
        return ""
    out = f"<h2>{_esc(_tr('4. Charts'))}</h2>"
    if charts.movement is not None:
        out += (
            f"<p><img src='{MOVEMENT_CHART_URL.toString()}' width='{CHART_WIDTH_PX}'/></p>"
            "<p class='small'>"
            + _esc(
                _tr(
                    "How often each movement style was seen in the period, with tummy time. "
                    "WHO advises at least 30 minutes a day on the tummy for babies not yet mobile."
                )
            )
            + "</p>"
        )
    if charts.windows is not None:
        out += (
            f"<p><img src='{WINDOWS_CHART_URL.toString()}' width='{CHART_WIDTH_PX}'/></p>"
            "<p class='small'>"
            + _esc(
                _tr(
                    "WHO windows (1st–99th percentile) and the milestones recorded, at corrected "
                    "age where it applies."
                )
            )
            + "</p>"
        )
    return out


def _tummy(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('5. Tummy time'))}</h2>"
    tummy = report.tummy
    if tummy.average_minutes is None:
        return out + "<p>" + _esc(_tr("No tummy time was recorded in this period.")) + "</p>"
    text = _tr(
        "Recorded on {days} days; on those days, {average} minutes a day on average. "
        "{reached} of those days reached {reference} minutes or more."
    ).format(
        days=tummy.days_recorded,
        average=math.floor(tummy.average_minutes),  # 29.8 must not read as "30"
        reached=tummy.days_at_reference,
        reference=tummy.reference_minutes,
    )
    note = _tr(
        "For reference: WHO (2019) advises at least {reference} minutes a day on the tummy, "
        "spread through the day, for babies who are not yet mobile."
    ).format(reference=tummy.reference_minutes)
    return out + f"<p>{_esc(text)}</p><p class='small'>{_esc(note)}</p>"


def _signs(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('6. Warning signs logged'))}</h2>"
    if not report.warning_signs:
        return out + "<p>" + _esc(_tr("No warning signs were logged in this period.")) + "</p>"
    rows = [
        (
            _esc(format_date(s.day)),
            _esc(_tr(s.sign.label)),
            _esc(_tr(s.sign.describe_side(s.side))) if s.side is not None else "–",
            f"<span class='typed'>{_esc(s.note)}</span>" if s.note else "–",
        )
        for s in report.warning_signs
    ]
    return out + _table(
        (_tr("Date"), _tr("Sign"), _tr("Side"), _tr("Parent's note")), rows, (14, 30, 12, 44)
    )


def _typed_rows(texts: Sequence[ParentText]) -> list[tuple[str, str]]:
    return [(_esc(format_date(t.day)), f"<span class='typed'>{_esc(t.text)}</span>") for t in texts]


def _parent_texts(report: SummaryReport) -> str:
    out = f"<h2>{_esc(_tr('7. Questions and notes from the parent'))}</h2>"
    if report.questions:
        out += _table(
            (_tr("Date"), _tr("Question for the doctor")), _typed_rows(report.questions), (14, 86)
        )
    else:
        out += "<p>" + _esc(_tr("No questions were written down in this period.")) + "</p>"
    if report.notes:
        out += "<p>&nbsp;</p>" + _table(
            (_tr("Date"), _tr("Note the parent chose to include")),
            _typed_rows(report.notes),
            (14, 86),
        )
    return out


def _about(report: SummaryReport) -> str:
    from journal_app.domain.reference import CDC_SOURCE, WHO_TUMMY_SOURCE, WHO_WINDOWS_SOURCE

    text = _tr(
        "Crawl Journal organises what the parent records; it does not diagnose. The flags come "
        "from simple rules on the journal and are prompts for conversation only. If you are "
        "worried, talk to your child's doctor."
    )
    sources = _tr("Sources: {who}. {cdc}. {tummy}.").format(
        who=WHO_WINDOWS_SOURCE, cdc=CDC_SOURCE, tummy=WHO_TUMMY_SOURCE
    )
    return (
        f"<h2>{_esc(_tr('About this summary'))}</h2>"
        f"<p class='small'>{_esc(text)}</p><p class='small'>{_esc(sources)}</p>"
    )


def summary_html(report: SummaryReport, charts: SummaryCharts | None) -> str:
    """The summary's HTML body, sections in the order a clinician reads them."""
    parts = [_header(report)]
    if report.is_empty:
        parts.append(
            "<p style='margin-top: 10px;'><b>"
            + _esc(
                _tr("No journal entries in this period ({period}).").format(
                    period=format_period(report.start, report.end)
                )
            )
            + "</b></p>"
        )
        parts += [_flags(report), _milestones(report), _about(report)]
    else:
        parts += [
            _flags(report),
            _milestones(report),
            _movements(report),
            _charts(report, charts),
            _tummy(report),
            _signs(report),
            _parent_texts(report),
            _about(report),
        ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def _document_font() -> QFont:
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Helvetica", "Arial", "sans-serif"])
    font.setPointSizeF(9.5)
    return font


def build_summary_document(
    report: SummaryReport,
    charts: SummaryCharts | None,
    page_size: QPageSize | None = None,
) -> QTextDocument:
    """The summary laid out for ``page_size`` (the locale's paper when None).

    :func:`print_document` lays it out again for the printer it paints on.
    """
    document = QTextDocument()
    document.setDefaultFont(_document_font())
    document.setDefaultStyleSheet(_STYLE_SHEET)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, summary_title(report))
    document.setProperty(FOOTER_NAME_PROPERTY, report.child.name)
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


def _tables(document: QTextDocument) -> list[QTextTable]:
    return [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _row_span(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def _heading_before(table: QTextTable) -> QTextBlock | None:
    """The section heading just above ``table`` (within two blocks), if there is one."""
    block = table.firstCursorPosition().block().previous()
    for _ in range(3):
        if not block.isValid():
            return None
        if block.blockFormat().headingLevel() > 0:
            return block
        block = block.previous()
    return None


def _break_before(block: QTextBlock) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(block_format)


def _split_table_before(table: QTextTable, row: int) -> None:
    """Move rows ``row``.. of ``table`` into a new table (with a copy of the header rows) that
    starts on a new page, so that no row is cut in two by the page break."""
    table_format = table.format()
    header_rows = table_format.headerRowCount()
    moved_rows = [*range(header_rows), *range(row, table.rows())]
    columns = table.columns()
    copied: list[list[tuple[QTextDocumentFragment, QTextCharFormat]]] = []
    for r in moved_rows:
        cells = []
        for c in range(columns):
            cell = table.cellAt(r, c)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(
                cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor
            )
            cells.append((cursor.selection(), cell.format()))
        copied.append(cells)
    after = QTextCursor(table.lastCursorPosition())
    after.movePosition(QTextCursor.MoveOperation.NextBlock)
    table.removeRows(row, table.rows() - row)
    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    continued = after.insertTable(len(copied), columns, table_format)
    for r, cells in enumerate(copied):
        for c, (fragment, cell_format) in enumerate(cells):
            cell = continued.cellAt(r, c)
            cell.setFormat(cell_format)
            cell.firstCursorPosition().insertFragment(fragment)


def _first_awkward_break(document: QTextDocument) -> Callable[[], None] | None:
    """The first table row or section heading split from what follows by a page break, as the
    change that moves it to the next page; None when there is none."""
    page_height = document.pageSize().height()
    layout = document.documentLayout()

    def page(y: float) -> int:
        return int(y // page_height)

    for table in _tables(document):
        header_rows = table.format().headerRowCount()
        heading = _heading_before(table)
        for row in range(header_rows, table.rows()):
            top, bottom = _row_span(document, table, row)
            if row == header_rows:
                start = (
                    layout.blockBoundingRect(heading).top()
                    if heading
                    else _row_span(document, table, 0)[0]
                )
                if page(start) != page(bottom) and bottom - start < page_height * 0.8:
                    if heading is None:
                        return partial(_break_before_table, table)
                    return partial(_break_before, heading)
                continue
            if page(top) != page(bottom) and bottom - top < page_height * 0.5:
                return partial(_split_table_before, table, row)
    block = document.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None:
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(block).bottom()
            if block.blockFormat().headingLevel() > 0 and block.next().isValid():
                following = block.next()
                if QTextCursor(following).currentTable() is None:
                    bottom = layout.blockBoundingRect(following).bottom()
            # Headings stay with what follows; short paragraphs are not split.
            if page(top) != page(bottom) and bottom - top < page_height * 0.15:
                return partial(_break_before, block)
        block = block.next()
    return None


def _break_before_table(table: QTextTable) -> None:
    table_format = table.format()
    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(table_format)


def keep_rows_together(document: QTextDocument, rounds: int = 40) -> None:
    """Move table rows and section headings that a page break would split to the next page."""
    for _ in range(rounds):
        fix = _first_awkward_break(document)
        if fix is None:
            return
        fix()
        # Qt's incremental relayout after a format change can leave later blocks unlaid out.
        document.markContentsDirty(0, document.characterCount())


class SummaryPrintError(RuntimeError):
    """The printer (or PDF file) could not be painted on."""


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Paint ``document`` on ``printer`` page by page, with the footer on every page.

    Used for the preview, the printer and the PDF alike. The document is laid out on a copy
    for the printer's paper, margins and resolution; ``document`` itself is not changed.
    """
    name = str(document.property(FOOTER_NAME_PROPERTY) or "")
    copy = document.clone()
    try:
        copy.documentLayout().setPaintDevice(printer)
        paint_rect = printer.pageLayout().paintRectPixels(printer.resolution())
        dots_per_point = printer.resolution() / 72
        footer_height = FOOTER_HEIGHT_PT * dots_per_point
        body = QSizeF(paint_rect.width(), paint_rect.height() - footer_height)
        copy.setPageSize(body)
        keep_rows_together(copy)
        pages = max(copy.pageCount(), 1)
        first, last = 1, pages
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = min(printer.fromPage(), pages)
            last = max(first, min(printer.toPage() or pages, pages))
        painter = QPainter()
        if not painter.begin(printer):
            raise SummaryPrintError(_tr("The printer or file could not be opened for writing."))
        try:
            for page in range(first - 1, last):
                if page > first - 1:
                    printer.newPage()
                top = page * body.height()
                painter.save()
                painter.translate(0, -top)
                context = QAbstractTextDocumentLayout.PaintContext()
                context.clip = QRectF(0, top, body.width(), body.height())
                painter.setClipRect(context.clip)
                copy.documentLayout().draw(painter, context)
                painter.restore()
                _paint_footer(
                    painter,
                    QRectF(0, body.height(), body.width(), footer_height),
                    name,
                    page + 1,
                    pages,
                    dots_per_point,
                )
        finally:
            painter.end()
    finally:
        copy.deleteLater()


def _paint_footer(
    painter: QPainter, rect: QRectF, name: str, page: int, pages: int, dots_per_point: float
) -> None:
    painter.save()
    pen = QPen(QColor("#9aa9b0"))
    pen.setWidthF(0.6 * dots_per_point)
    painter.setPen(pen)
    line_y = rect.top() + 8 * dots_per_point
    painter.drawLine(QLineF(rect.left(), line_y, rect.right(), line_y))
    font = _document_font()
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor("#444444"))
    text_rect = QRectF(
        rect.left(), line_y + 3 * dots_per_point, rect.width(), rect.bottom() - line_y
    )
    right = page_label(page, pages)
    metrics = QFontMetricsF(font, painter.device())
    left_width = text_rect.width() - metrics.horizontalAdvance(right) - 12 * dots_per_point
    left = metrics.elidedText(
        f"{name} · {footer_note()}", Qt.TextElideMode.ElideMiddle, max(left_width, 0)
    )
    align_top = Qt.AlignmentFlag.AlignTop
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | align_top), left)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | align_top), right)
    painter.restore()
