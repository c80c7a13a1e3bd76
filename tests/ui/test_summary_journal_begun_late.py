"""A journal begun late never invents a delay: the summary, both charts and the flags follow one
rule (domain/journal_knowledge), and what the journal shows (rolling ticked) counts everywhere."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.services.context import JournalContext
from journal_app.ui.charts.figures import draw_milestone_windows_chart, draw_movement_chart
from journal_app.ui.printing.summary_pdf import write_summary_pdf
from tests.helpers.constants import TODAY

BEGAN = TODAY - timedelta(days=19)  # 4 Nov 2026: 20 days, enough for the milestone checks
LATE_WORDS = re.compile(r"\b(past|late|later than|delay\w*|behind)\b", re.IGNORECASE)


@pytest.fixture
def ines(context: JournalContext) -> ChildProfile:
    """Ines, 10 months old; her journal began 20 days ago, rolling and belly crawling every day."""
    child = context.journal.save_child(ChildProfile("Ines", date(2026, 1, 20)))
    assert child.id is not None
    for n in range(20):
        movements = {
            MovementStyle.ROLLING: MovementCount(2),
            MovementStyle.BELLY: MovementCount(1),
        }
        day = BEGAN + timedelta(days=n)
        context.journal.save_day(DayEntry(child_id=child.id, day=day, movements=movements))
    return child


def pdf_text(path: Path) -> str:
    pages = [p.extract_text() or "" for p in PdfReader(path).pages]
    return " ".join(" ".join(unicodedata.normalize("NFC", t).split()) for t in pages)


def figure_texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]


def test_the_summary_says_not_recorded_never_past(
    context: JournalContext, ines: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "ines.pdf"
    write_summary_pdf(context, ines, BEGAN, TODAY, out)
    text = pdf_text(out)
    assert not LATE_WORDS.search(text), LATE_WORDS.search(text)
    assert "not recorded (the journal began on 4 Nov)" in text
    # Rolling ticked shows she rolls: not "not recorded".
    assert re.search(r"Rolls from tummy to back .*?seen in the journal by 4 Nov 2026", text)
    report = context.summary.build(ines.id or 0, BEGAN, TODAY)
    rolls = next(m for m in report.milestones if m.milestone is Milestone.ROLLS_TUMMY_TO_BACK)
    assert rolls.shown_by == BEGAN


def test_no_milestone_flag_for_ages_passed_before_the_journal(
    context: JournalContext, ines: ChildProfile
) -> None:
    flags = context.guidance.flags_for(ines.id or 0)
    assert [f.id for f in flags if f.id.startswith(("cdc:", "who_late:"))] == []
    # The panel reads the same guidance: rolling counts as reached there too.
    snapshot = context.guidance.snapshot(ines.id or 0)
    assert snapshot.reached()[Milestone.ROLLS_TUMMY_TO_BACK] == BEGAN


def test_a_milestone_whose_age_passed_while_the_journal_was_kept_is_still_flagged(
    context: JournalContext,
) -> None:
    child = context.journal.save_child(ChildProfile("Noa", date(2026, 2, 10)))
    assert child.id is not None
    for n in range(20):  # from 4 months on: the 6-month checklist age passed in the journal
        day = date(2026, 6, 20) + timedelta(days=n * 7)
        context.journal.save_day(DayEntry(child_id=child.id, day=day, notes="a day"))
    ids = {f.id for f in context.guidance.flags_for(child.id)}
    assert "cdc:6:rolls_tummy_to_back" in ids


def test_the_windows_chart_says_not_recorded_never_late(
    context: JournalContext, ines: ChildProfile
) -> None:
    data = context.charts.milestone_windows(ines.id or 0)
    sitting = next(r for r in data.rows if r.milestone is Milestone.SITTING_WITHOUT_SUPPORT)
    assert sitting.before_journal and not sitting.reached
    figure = Figure(figsize=(8, 4))
    draw_milestone_windows_chart(figure, data)
    gid = "not-reached:sitting_without_support"
    (label,) = [t for t in figure.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == gid)]
    assert label.get_text() == "not recorded (the journal began on 4 Nov)"
    crawling = next(r for r in data.rows if r.milestone is Milestone.HANDS_AND_KNEES_CRAWLING)
    assert not crawling.before_journal  # 13.5 months is still ahead
    movement = Figure(figsize=(8, 4))
    draw_movement_chart(movement, context.charts.movement_series(ines.id or 0, BEGAN, TODAY))
    for text in figure_texts(figure) + figure_texts(movement):
        assert not LATE_WORDS.search(text), text


def test_a_period_early_in_a_long_journal_says_what_is_true(
    context: JournalContext, tmp_path: Path
) -> None:
    child = context.journal.save_child(ChildProfile("Ada", date(2025, 11, 1)))
    assert child.id is not None
    for n in range(91):
        day = TODAY - timedelta(days=90 - n)
        context.journal.save_day(DayEntry(child_id=child.id, day=day, notes="a day"))
    first = TODAY - timedelta(days=90)
    out = tmp_path / "early.pdf"
    write_summary_pdf(context, child, first, first + timedelta(days=6), out)
    text = pdf_text(out)
    assert "fewer than 14" not in text
    assert "By 31 Aug 2026 the journal held 7 recorded days" in text


def test_a_period_before_birth_is_refused_by_the_service(
    context: JournalContext, ines: ChildProfile
) -> None:
    from journal_app.services.summary import SummaryPeriodError

    with pytest.raises(SummaryPeriodError, match="before Ines was born"):
        context.summary.build(ines.id or 0, date(2025, 12, 1), TODAY)


def test_the_default_period_of_a_young_journal_starts_at_its_first_entry(
    context: JournalContext, ines: ChildProfile
) -> None:
    assert context.summary.default_period(ines.id or 0) == (BEGAN, TODAY)


def test_the_text_layer_has_no_ligatures_and_no_nul(
    context: JournalContext, ines: ChildProfile, tmp_path: Path
) -> None:
    context.journal.save_day(
        DayEntry(
            child_id=ines.id or 0,
            day=TODAY,
            questions="She fisted both hands; efficient office, a waffle and a shuffle 😄",
        )
    )
    out = tmp_path / "text.pdf"
    write_summary_pdf(context, ines, BEGAN, TODAY, out)
    raw = "".join(p.extract_text() or "" for p in PdfReader(out).pages)
    assert "\x00" not in raw
    assert not any(0xFB00 <= ord(ch) <= 0xFB06 for ch in raw)  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    flat = " ".join(raw.split())
    for word in ("fisted", "efficient", "office", "waffle", "shuffle"):
        assert word in flat, word


def test_the_period_dialog_cannot_start_before_birth(
    qtbot: QtBot, context: JournalContext, ines: ChildProfile
) -> None:
    from PySide6.QtCore import QDate

    from journal_app.ui.dialogs.summary_dialog import SummaryPeriodDialog

    dialog = SummaryPeriodDialog(context, [ines], ines.id, "Save")
    qtbot.addWidget(dialog)
    assert dialog.period() == (BEGAN, TODAY)  # the journal is younger than 3 months
    dialog.start_edit.setDate(QDate(2025, 6, 1))  # before 20 Jan 2026
    assert dialog.period()[0] == ines.birth_date
