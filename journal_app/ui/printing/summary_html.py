"""The summary's HTML: every section's wording and markup, and the document's look (style sheet,
font with ligatures off).

All wording of the printed summary lives here, through gettext (:mod:`journal_app.i18n`), so it
follows ``with i18n.speaking(...)``: the summary is built in the doctor's language, whatever the
app's. Dates, ages and figures go through ``i18n.formats()`` ("2 dic 2026", "3,8").
Everything the parent typed goes through :func:`html.escape` before it enters the document.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont

from journal_app import i18n
from journal_app.domain.ages import ChildAge
from journal_app.domain.reference import CDC_SOURCE, WHO_TUMMY_SOURCE, WHO_WINDOWS_SOURCE
from journal_app.i18n import N_, ngettext
from journal_app.services.guidance import MIN_DAYS_FOR_ABSENCE
from journal_app.services.summary import (
    MIN_DAYS_FOR_TREND,
    MilestoneLine,
    MilestoneStanding,
    MovementLine,
    ParentText,
    SummaryReport,
    Trend,
)
from journal_app.ui.printing.summary_media import media_html

if TYPE_CHECKING:
    from journal_app.ui.printing.summary_document import SummaryCharts

#: Width the chart images are printed at, in inches, and in CSS pixels (1/96 inch).
CHART_PRINT_WIDTH_INCHES = 6.7
CHART_WIDTH_PX = round(CHART_PRINT_WIDTH_INCHES * 96)

#: Most milestones the headline names as new before "N more" (the table lists them all).
MAX_HEADLINE_NEW = 4
#: Most dates listed after one flag before "and N more".
MAX_FLAG_DATES = 8

MOVEMENT_CHART_URL = QUrl("summary-chart://movement.png")
WINDOWS_CHART_URL = QUrl("summary-chart://who-windows.png")
ACCENT = "#1d5a6e"

STYLE_SHEET = f"""
body {{ color: #1a1a1a; }}
h1 {{ font-size: 17pt; font-weight: 600; margin: 0; color: #111; }}
h2 {{ font-size: 11.5pt; font-weight: 600; color: {ACCENT}; margin-top: 9px; margin-bottom: 3px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
.headline {{ font-size: 10.5pt; font-weight: 600; margin-top: 6px; margin-bottom: 2px; }}
.kicker {{ font-size: 8.5pt; color: {ACCENT}; font-weight: 600; }}
.small {{ font-size: 8pt; color: #555; }}
.sources {{ font-size: 7pt; color: #555; }}
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
    """``text`` in the summary's language (the translator of an enclosing ``speaking()``)."""
    return i18n.gettext(text)


def _esc(text: str) -> str:
    """Text from the parent or from data, made safe to put inside the document's HTML."""
    return html.escape(text, quote=True)


#: Dates never wrap inside (no-break spaces); text extraction and search read them as spaces.
_NBSP = "\u00a0"


def format_date(day: date) -> str:
    """ "2 Dec 2026" / "2 dic 2026", never wrapped."""
    return i18n.formats().date(day).replace(" ", _NBSP)


def _short_date(day: date) -> str:
    return i18n.formats().day_month(day).replace(" ", _NBSP)


def format_number(value: float) -> str:
    """A WHO figure as published, one decimal, with the language's decimal mark: "3,8"."""
    return i18n.formats().number(value, 1)


def format_period(start: date, end: date) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def _age_html(age: ChildAge, on: date | None = None) -> str:
    formats = i18n.formats()
    text = _esc(formats.age(age.chronological))
    if on is not None:
        text += " " + _esc(_tr("on {date}").format(date=format_date(on)))
    if age.corrected is not None:
        if age.corrected.total_days < 0:
            weeks = formats.weeks(-age.corrected.total_days // 7)
            corrected = _tr("{weeks} before the due date").format(weeks=weeks)
        else:
            corrected = formats.age(age.corrected)
        text += (
            "<br/><span class='muted'>"
            + _esc(_tr("corrected: {age}").format(age=corrected))
            + "</span>"
        )
    return text


def summary_title(report: SummaryReport) -> str:
    return _tr("Crawl Journal summary: {name}, {period}").format(
        name=report.child.name, period=format_period(report.start, report.end)
    )


def footer_note() -> str:
    return _tr("a parent's record, not a clinical assessment")


def page_label(page: int, pages: int) -> str:
    return _tr("Page {page} of {pages}").format(page=page, pages=pages)


class Sections:
    """Numbers the summary's sections in the order they are written: a section that is left
    out (no notes, no charts, no photos) takes no number, so the numbers never skip."""

    def __init__(self) -> None:
        self.count = 0

    def heading(self, title: str) -> str:
        """The next section's heading, "3. Milestones" (plain text, escaped here)."""
        self.count += 1
        # The number and the title of a section heading: "3. Milestones".
        text = _tr("{number}. {title}").format(number=self.count, title=title)
        return f"<h2>{_esc(text)}</h2>"


def _span(css_class: str, text: str) -> str:
    return f"<span class='{css_class}'>{_esc(text)}</span>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]) -> str:
    """An HTML table; ``rows`` hold HTML that is already escaped. ``widths`` in percent."""
    head = "".join(f"<th width='{w}%'>{_esc(h)}</th>" for h, w in zip(headers, widths, strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='2' "
        "style='border-collapse: collapse; border-color: #c5d0d5; border-style: solid;'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _header(report: SummaryReport) -> str:
    child = report.child
    born = format_date(child.birth_date)
    if report.gestation_days_at_birth is not None and child.due_date is not None:
        weeks, extra_days = divmod(report.gestation_days_at_birth, 7)
        born += " " + _tr("(born at {gestation}; due {due})").format(
            gestation=i18n.formats().gestation(weeks, extra_days),
            due=format_date(child.due_date),
        )
    days = (report.end - report.start).days + 1
    period = (
        format_period(report.start, report.end)
        + " "
        + ngettext(
            "({days} day; entries on {recorded})", "({days} days; entries on {recorded})", days
        ).format(days=days, recorded=report.days_recorded)
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
        f"<td width='8%' class='label'>{_esc(a)}</td><td width='36%'>{b}</td>"
        f"<td width='11%' class='label'>{_esc(c)}</td><td width='45%'>{d}</td>"
        "</tr>"
        for a, b, c, d in rows
    )
    kicker = _tr("MOVEMENT SUMMARY FOR THE DOCTOR")
    return (
        f"<p class='kicker'>{_esc(kicker)}</p>"
        f"<h1>{_esc(child.name)}</h1>"
        "<table width='100%' cellspacing='0' cellpadding='2' border='0' "
        f"style='margin-top: 4px;'>{cells}</table>"
        "<p class='small'>"
        + _esc(
            _tr(
                "Written from the journal a parent keeps at home of their child's crawling and "
                "early movement: a parent's record of what they saw, not a clinical assessment. "
                "Crawl Journal organises what the parent records and does not diagnose; its "
                "flags come from simple rules and are prompts for conversation only. If you are "
                "worried, talk to your child's doctor."
            )
        )
        + "</p>"
    )


def _flags(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Worth discussing"))
    if not report.flags:
        text = _tr("The journal's rules raised nothing to discuss for this period.")
        if not report.milestone_checks_ran:
            held = report.days_recorded_to_end
            text += " " + ngettext(
                "By {end} the journal held {days} recorded day, too few for the milestone "
                "checks (they need {least}): a milestone not yet noted was not taken as a sign "
                "of anything.",
                "By {end} the journal held {days} recorded days, too few for the milestone "
                "checks (they need {least}): a milestone not yet noted was not taken as a sign "
                "of anything.",
                held,
            ).format(end=format_date(report.end), days=held, least=MIN_DAYS_FOR_ABSENCE)
        return out + "<p>" + _esc(text) + "</p>"
    rows = []
    for flag in report.flags:
        marker = (
            _span("strong-flag", _tr("Please discuss"))
            if flag.strong
            else _span("flag", _tr("Worth mentioning"))
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
        return _tr("WHO: {low}–{high} months").format(
            low=format_number(line.who_window.p1_months),
            high=format_number(line.who_window.p99_months),
        )
    if line.cdc_months is not None:
        return _tr("CDC: by {months} months").format(months=line.cdc_months)
    return "–"


#: Marked for extraction; translated where they are printed.
_STANDING_WORDS = {
    MilestoneStanding.BEFORE_WINDOW: N_("reached before the window"),
    MilestoneStanding.IN_WINDOW: N_("within the window"),
    MilestoneStanding.AFTER_WINDOW: N_("reached after the window"),
    MilestoneStanding.REACHED: N_("reached"),
    MilestoneStanding.NOT_YET: N_("not recorded yet"),
    MilestoneStanding.NOT_YET_PAST_REFERENCE: N_("not recorded yet; past the reference age"),
    MilestoneStanding.NOT_RECORDED_BEFORE_JOURNAL: N_(
        "not recorded (the journal began on {began})"
    ),
    MilestoneStanding.SHOWN_BY_JOURNAL: N_("seen in the journal by {date} (first time not noted)"),
    MilestoneStanding.REACHED_BEFORE_JOURNAL: N_("reached before the journal (date not known)"),
}


def _milestones(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Milestones"))
    end_age = report.child.age_on(report.end)
    formats = i18n.formats()
    if end_age.corrected is not None and end_age.corrected.total_days >= 0:
        intro = _tr("Age on the last day of the period: {age} (corrected {corrected}).").format(
            age=formats.age(end_age.chronological), corrected=formats.age(end_age.corrected)
        )
    else:
        intro = _tr("Age on the last day of the period: {age}.").format(
            age=formats.age(end_age.chronological)
        )
    if end_age.corrected is not None:
        intro += " " + _tr("Milestones are compared using the corrected age.")
    if any(line.in_period for line in report.milestones):
        intro += " " + _tr("Dates in bold: reached in this period.")
    out += f"<p class='muted'>{_esc(intro)}</p>"
    rows = []
    for line in report.milestones:
        when = _esc(format_date(line.achieved_on)) if line.achieved_on else "–"
        if line.standing is MilestoneStanding.REACHED_BEFORE_JOURNAL:
            when = _esc(_tr("before the journal"))
        if line.in_period:
            when = f"<b>{when}</b>"
        age = _age_html(line.age_then) if line.age_then is not None else "–"
        standing = _esc(
            _tr(_STANDING_WORDS[line.standing]).format(
                date=format_date(line.shown_by) if line.shown_by else "",
                began=_short_date(report.journal_began) if report.journal_began else "",
            )
        )
        if line.standing in (
            MilestoneStanding.AFTER_WINDOW,
            MilestoneStanding.NOT_YET_PAST_REFERENCE,
        ):
            standing = f"<span class='late'>{standing}</span>"
        rows.append((_esc(line.milestone.label), when, age, _esc(_window_text(line)), standing))
    out += _table(
        (
            _tr("Milestone"),
            _tr("Date"),
            _tr("Age then"),
            _tr("Reference (WHO: 1st–99th pct.; CDC: most children by)"),
            _tr("Compared with it"),
        ),
        rows,
        (32, 14, 16, 22, 16),
    )
    return out


#: Marked for extraction; translated where they are printed.
_TREND_WORDS = {
    Trend.MORE_OFTEN: N_("seen more often"),
    Trend.LESS_OFTEN: N_("seen less often"),
    Trend.ABOUT_THE_SAME: N_("about the same"),
    Trend.ONLY_SECOND_HALF: N_("new in the second half"),
    Trend.ONLY_FIRST_HALF: N_("not seen in the second half"),
}


def _count(value: int | None) -> str:
    return str(value) if value is not None else _tr("not counted")


def _movement_row(line: MovementLine) -> tuple[str, ...]:
    if line.trend is not None:
        trend = _esc(_tr(_TREND_WORDS[line.trend]))
    else:
        trend = _esc(_tr("too few days to compare"))
    return (
        _esc(line.style.label),
        str(line.days_seen),
        _esc(_count(line.episodes)),
        _esc(_count(line.minutes)),
        _esc(_short_date(line.first_seen)),
        _esc(_short_date(line.last_seen)),
        f"{line.first_half_days} → {line.second_half_days}",
        trend,
    )


def _movements(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Movement styles in the period"))
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
        (26, 6, 8, 9, 8, 8, 13, 22),
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


def _charts(report: SummaryReport, charts: SummaryCharts | None, sections: Sections) -> str:
    if charts is None or (charts.movement is None and charts.windows is None):
        return ""
    out = sections.heading(_tr("Charts"))
    # The charts carry their own titles, legends and sources: no caption repeats them.
    if charts.movement is not None:
        out += f"<p><img src='{MOVEMENT_CHART_URL.toString()}' width='{CHART_WIDTH_PX}'/></p>"
    if charts.windows is not None:
        out += f"<p><img src='{WINDOWS_CHART_URL.toString()}' width='{CHART_WIDTH_PX}'/></p>"
    return out


def _tummy(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Tummy time"))
    tummy = report.tummy
    if tummy.average_minutes is None:
        return out + "<p>" + _esc(_tr("No tummy time was recorded in this period.")) + "</p>"
    text = ngettext(
        "Recorded on {days} day; on that day, {average} minutes. "
        "{reached} of those days reached {reference} minutes or more.",
        "Recorded on {days} days; on those days, {average} minutes a day on average. "
        "{reached} of those days reached {reference} minutes or more.",
        tummy.days_recorded,
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
    return out + f"<p>{_esc(text)} <span class='small'>{_esc(note)}</span></p>"


def _signs(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Warning signs logged"))
    if not report.warning_signs:
        return out + "<p>" + _esc(_tr("No warning signs were logged in this period.")) + "</p>"
    rows = [
        (
            _esc(format_date(s.day)),
            _esc(s.sign.label),
            _esc(s.sign.describe_side(s.side)) if s.side is not None else "–",
            f"<span class='typed'>{_esc(s.note)}</span>" if s.note else "–",
        )
        for s in report.warning_signs
    ]
    return out + _table(
        (_tr("Date"), _tr("Sign"), _tr("Side"), _tr("Parent's note")), rows, (14, 30, 12, 44)
    )


def _typed_rows(texts: Sequence[ParentText]) -> list[tuple[str, str]]:
    return [(_esc(format_date(t.day)), f"<span class='typed'>{_esc(t.text)}</span>") for t in texts]


def _questions(report: SummaryReport, sections: Sections) -> str:
    out = sections.heading(_tr("Questions for the doctor"))
    if report.questions:
        return out + _table(
            (_tr("Date"), _tr("Question the parent wrote down")),
            _typed_rows(report.questions),
            (14, 86),
        )
    return out + "<p>" + _esc(_tr("No questions were written down in this period.")) + "</p>"


def _notes(report: SummaryReport, sections: Sections) -> str:
    if not report.notes:
        return ""
    return sections.heading(_tr("Notes the parent chose to include")) + _table(
        (_tr("Date"), _tr("Note")), _typed_rows(report.notes), (14, 86)
    )


def _headline(report: SummaryReport) -> str:
    """One sentence of the period, drawn from the data (domain.headline)."""
    headline = report.headline
    if headline is None or report.is_empty:
        return ""
    names = ""
    if headline.new:
        shown = [m.label.lower() for m in headline.new[:MAX_HEADLINE_NEW]]
        if len(headline.new) > MAX_HEADLINE_NEW:
            shown.append(_tr("{n} more").format(n=len(headline.new) - MAX_HEADLINE_NEW))
        names = ", ".join(shown)
    # Whole sentences, so that each language orders them its own way.
    if headline.style is not None and headline.since is not None:
        fields = {
            "style": headline.style.label,
            "seen": headline.days_seen,
            "recorded": headline.days_recorded,
            "since": _short_date(headline.since),
            "names": names,
        }
        if names:
            sentence = _tr(
                "{style} on {seen} of {recorded} recorded days since {since}; "
                "new this period: {names}."
            ).format(**fields)
        else:
            sentence = _tr("{style} on {seen} of {recorded} recorded days since {since}.").format(
                **fields
            )
    elif names:
        sentence = _tr(
            "No one way of moving was seen on most recorded days; new this period: {names}."
        ).format(names=names)
    else:
        sentence = _tr("No one way of moving was seen on most recorded days.")
    return f"<p class='headline'>{_esc(sentence)}</p>"


#: The sources' titles (journal_app.domain.reference), marked here so that the summary cites
#: them by their published titles in each language (the WHO study keeps its English title).
_SOURCE_TITLES = (
    N_('CDC "Learn the Signs. Act Early." milestone checklists (2022 revision)'),
    N_(
        "WHO guidelines on physical activity, sedentary behaviour and sleep for children "
        "under 5 years of age (2019)"
    ),
)


def _about(report: SummaryReport) -> str:
    # What the summary is (and is not) opens page 1; the sources close the last page.
    sources = _tr("Sources: {who}. {cdc}. {tummy}.").format(
        who=i18n.translate(WHO_WINDOWS_SOURCE),
        cdc=i18n.translate(CDC_SOURCE),
        tummy=i18n.translate(WHO_TUMMY_SOURCE),
    )
    # The last words of the summary: small, and never a page of their own.
    return f"<p class='sources' style='margin-top: 6px;'>{_esc(sources)}</p>"


def summary_html(report: SummaryReport, charts: SummaryCharts | None) -> str:
    """The summary's HTML body, sections in the order a clinician reads them."""
    parts = [_header(report)]
    sections = Sections()
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
        parts += [_flags(report, sections), _milestones(report, sections), _about(report)]
    else:
        # Page 1: the picture of the period, what to discuss, the parent's questions.
        parts += [
            _headline(report),
            _flags(report, sections),
            _questions(report, sections),
            _milestones(report, sections),
            _movements(report, sections),
            _charts(report, charts, sections),
            _tummy(report, sections),
            _signs(report, sections),
            _notes(report, sections),
            media_html(charts.media if charts is not None else None, sections),
            _about(report),
        ]
    return "<html><body>" + "".join(parts) + "</body></html>"


#: OpenType features turned off in the document's fonts: with ligatures on, the PDF's text layer
#: holds "ﬁ" where "fi" is printed, and a search for "fisted" finds nothing.
_LIGATURE_FEATURES = ("liga", "clig", "dlig", "hlig")


def document_font() -> QFont:
    """The summary's font, ligatures off (the PDF's text says what is printed)."""
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Helvetica", "Arial", "sans-serif"])
    font.setPointSizeF(9.3)
    for feature in _LIGATURE_FEATURES:
        font.setFeature(QFont.Tag(feature), 0)
    return font
