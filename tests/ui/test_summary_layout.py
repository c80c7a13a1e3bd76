"""The summary's layout read back: two pages for an ordinary 3-month summary on A4 and Letter,
page 1 first (header, headline, flags, questions), headings kept with what follows, dates whole."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize, QTextDocument

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.headline import period_headline
from journal_app.services.context import JournalContext
from journal_app.services.sample_journal import generate_journal
from journal_app.ui.printing.pagination import keep_rows_together
from journal_app.ui.printing.summary_document import build_summary_document
from journal_app.ui.printing.summary_pdf import (
    prepare_summary,
    write_document_pdf,
)
from tests.helpers.constants import TODAY

PAPERS = {
    "A4": QPageSize(QPageSize.PageSizeId.A4),
    "Letter": QPageSize(QPageSize.PageSizeId.Letter),
}
START = TODAY - timedelta(days=91)
DATE = re.compile(r"\d{1,2}\u00a0[A-Z][a-z]{2}(\u00a0\d{4})?")


@pytest.fixture
def two_years(context: JournalContext) -> ChildProfile:
    (child,) = generate_journal(context, days=730, seed=3)
    return child


def pdf_pages(context: JournalContext, child: ChildProfile, paper: str, out: Path) -> list[str]:
    prepared = prepare_summary(context, child, START, TODAY)
    document = build_summary_document(*prepared, page_size=PAPERS[paper])
    write_document_pdf(document, "summary", out, PAPERS[paper])
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]


@pytest.mark.parametrize("paper", PAPERS)
def test_three_months_of_an_ordinary_journal_fit_on_two_pages(
    context: JournalContext, two_years: ChildProfile, paper: str, tmp_path: Path
) -> None:
    pages = pdf_pages(context, two_years, paper, tmp_path / f"{paper}.pdf")
    assert len(pages) == 2, [p[:80] for p in pages]
    first = pages[0]
    # Page 1: header, the headline, the flags and the parent's questions, in that order.
    order = ["MOVEMENT SUMMARY FOR THE DOCTOR", "recorded days since", "1. Worth discussing",
             "2. Questions for the doctor", "3. Milestones"]  # fmt: skip
    positions = [first.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Sources:" in pages[-1]


@pytest.mark.parametrize("paper", PAPERS)
def test_only_long_chosen_notes_add_a_page(
    context: JournalContext, two_years: ChildProfile, paper: str, tmp_path: Path
) -> None:
    # Longer than the slightly smaller print that fits a summary on two pages can hold.
    note = " ".join(["She pushed back across the rug and laughed, again and again."] * 120)
    context.journal.save_day(
        DayEntry(
            child_id=two_years.id or 0,
            day=TODAY - timedelta(days=3),
            notes=note,
            notes_in_summary=True,
        )
    )
    pages = pdf_pages(context, two_years, paper, tmp_path / f"{paper}-note.pdf")
    assert len(pages) == 3
    assert "8. Notes the parent chose to include" in " ".join(pages[1:])


def laid_out(context: JournalContext, child: ChildProfile, paper: str) -> QTextDocument:
    prepared = prepare_summary(context, child, START, TODAY)
    document = build_summary_document(*prepared, page_size=PAPERS[paper])
    keep_rows_together(document)
    return document


@pytest.mark.parametrize("paper", PAPERS)
def test_no_heading_ends_a_page_and_no_date_wraps(
    context: JournalContext, two_years: ChildProfile, paper: str
) -> None:
    document = laid_out(context, two_years, paper)
    layout = document.documentLayout()
    height = document.pageSize().height()
    block = document.begin()
    headings = dates = 0
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if block.blockFormat().headingLevel() > 0 and block.next().isValid():
            headings += 1
            after = layout.blockBoundingRect(block.next())
            first_line = after.top() + (block.next().layout().lineAt(0).height() or 1)
            assert rect.top() // height == first_line // height, block.text()
        for match in DATE.finditer(block.text()):
            dates += 1
            text_layout = block.layout()
            start = text_layout.lineForTextPosition(match.start()).lineNumber()
            end = text_layout.lineForTextPosition(match.end() - 1).lineNumber()
            assert start == end, f"{match.group()!r} wraps in {block.text()!r}"
        block = block.next()
    assert headings >= 7 and dates > 20


def test_the_headline_is_drawn_from_the_data() -> None:
    f, c = MovementStyle.FORWARD, MovementStyle.CRUISING
    days = [(date(2026, 7, d), frozenset({MovementStyle.BACKWARD})) for d in range(1, 15)]
    days += [(date(2026, 7, d), frozenset({f})) for d in range(15, 31)]
    days += [(date(2026, 7, 31), frozenset({f, c}))]
    headline = period_headline(days, [Milestone.PULLS_TO_STAND, Milestone.CRUISING])
    # Cruising was seen once: forward crawling stands for the period, since its first day.
    assert headline.style is f and headline.since == date(2026, 7, 15)
    assert (headline.days_seen, headline.days_recorded) == (17, 17)
    assert headline.new == (Milestone.PULLS_TO_STAND, Milestone.CRUISING)
    assert period_headline([], []).style is None


def test_the_headline_is_printed_on_page_1(context: JournalContext, tmp_path: Path) -> None:
    child = context.journal.save_child(ChildProfile("Ines", date(2025, 12, 1)))
    assert child.id is not None
    for n in range(20):
        context.journal.save_day(
            DayEntry(
                child_id=child.id,
                day=TODAY - timedelta(days=n),
                movements={MovementStyle.FORWARD: MovementCount(3)},
                milestones=[Milestone.HANDS_AND_KNEES_CRAWLING] if n == 19 else [],
            )
        )
    prepared = prepare_summary(context, child, TODAY - timedelta(days=19), TODAY)
    document = build_summary_document(*prepared, page_size=PAPERS["A4"])
    write_document_pdf(document, "summary", tmp_path / "i.pdf", PAPERS["A4"])
    first = " ".join((PdfReader(tmp_path / "i.pdf").pages[0].extract_text() or "").split())
    first = re.sub(r"-\s+", "-", first)  # a line may break after a hyphen
    expected = (
        "Forward hands-and-knees crawling on 20 of 20 recorded days since 4 Nov; "
        "new this period: crawls on hands and knees, pushes up on straight arms on the tummy."
    )
    assert expected in first
