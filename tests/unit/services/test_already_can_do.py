"""'What can the child already do?': answers stored, exported (format 2), imported, summarised."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal_app.domain.entries import ChildProfile, DayEntry, MilestoneAnswer, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.validation import ValidationFailed
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.summary import MilestoneStanding
from tests.helpers.constants import TODAY

ROLLS, PUSHES = Milestone.ROLLS_TUMMY_TO_BACK, Milestone.PUSHES_UP_ON_ARMS


def begun_late(ctx: JournalContext) -> ChildProfile:
    """Ines, 8 months 22 days old on TODAY, with a journal begun three days ago (rolling)."""
    ines = ctx.journal.save_child(ChildProfile("Ines", date(2026, 3, 1)))
    assert ines.id is not None
    for n in range(3):
        ctx.journal.save_day(
            DayEntry(
                ines.id,
                TODAY - timedelta(days=n),
                movements={MovementStyle.BELLY: MovementCount(episodes=2)},
            )
        )
    return ines


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def lines(ctx: JournalContext, child_id: int) -> dict[Milestone, MilestoneStanding]:
    report = ctx.summary.build(child_id, TODAY - timedelta(days=2), TODAY)
    return {line.milestone: line.standing for line in report.milestones}


def test_the_milestones_asked_about_follow_the_age(context: JournalContext) -> None:
    ines = begun_late(context)
    asked = context.journal.milestones_to_ask(ines)
    assert ROLLS in asked and Milestone.SITTING_WITHOUT_SUPPORT in asked
    assert Milestone.FIRST_STEPS_ALONE not in asked  # the CDC 15-month item: not yet
    newborn = ChildProfile("Newborn", TODAY - timedelta(days=10))
    assert context.journal.milestones_to_ask(newborn) == []


def test_a_journal_begun_late_yes_date_not_known_counts_as_reached(
    context: JournalContext,
) -> None:
    ines = begun_late(context)
    assert ines.id is not None
    # Without an answer the journal cannot know: not recorded, never past.
    before = lines(context, ines.id)
    assert before[ROLLS] is MilestoneStanding.NOT_RECORDED_BEFORE_JOURNAL
    assert before[PUSHES] is MilestoneStanding.NOT_RECORDED_BEFORE_JOURNAL
    context.journal.save_milestone_answers(
        ines.id,
        [MilestoneAnswer(ROLLS, True), MilestoneAnswer(PUSHES, False)],
        context.journal.milestones_to_ask(ines),
    )
    after = lines(context, ines.id)
    assert after[ROLLS] is MilestoneStanding.REACHED_BEFORE_JOURNAL
    # "not yet" said by the parent: the late rule applies again (past the CDC 6-month age).
    assert after[PUSHES] is MilestoneStanding.NOT_YET_PAST_REFERENCE
    window = {r.milestone: r for r in context.charts.milestone_windows(ines.id).rows}
    assert not window[Milestone.SITTING_WITHOUT_SUPPORT].reached
    flags = context.guidance.flags_for(ines.id)
    assert not any("rolls_tummy_to_back" in f.id for f in flags)


def test_a_date_outside_the_childs_life_is_refused_and_nothing_saved(
    context: JournalContext,
) -> None:
    ines = begun_late(context)
    assert ines.id is not None
    with pytest.raises(ValidationFailed):
        context.journal.save_milestone_answers(
            ines.id, [MilestoneAnswer(ROLLS, True, date(2026, 2, 1))], [ROLLS]
        )
    assert context.journal.milestone_answers(ines.id) == []


def test_a_tick_in_the_journal_takes_over_an_answer_without_a_day(
    context: JournalContext,
) -> None:
    ines = begun_late(context)
    assert ines.id is not None
    context.journal.save_milestone_answers(ines.id, [MilestoneAnswer(PUSHES, False)], [PUSHES])
    context.journal.save_day(DayEntry(ines.id, TODAY, milestones=[PUSHES]))
    assert context.journal.milestone_answers(ines.id) == [MilestoneAnswer(PUSHES, True, TODAY)]


def test_already_can_do_round_trip_through_json_and_the_summary_pdf(
    context: JournalContext, tmp_path: Path
) -> None:
    from journal_app.ui.printing.summary_pdf import write_summary_pdf_headless

    ines = begun_late(context)
    assert ines.id is not None
    answers = [
        MilestoneAnswer(ROLLS, True),
        MilestoneAnswer(PUSHES, False),
        MilestoneAnswer(Milestone.SITTING_WITHOUT_SUPPORT, True, date(2026, 10, 2)),
    ]
    context.journal.save_milestone_answers(ines.id, answers, [a.milestone for a in answers])
    exported = tmp_path / "ines.json"
    context.portability.export_json(exported)
    document = json.loads(exported.read_text("utf-8"))
    assert document["version"] == 3
    stored = {
        m["milestone"]: (m["achieved_on"], m["status"])
        for m in document["children"][0]["milestones"]
    }
    assert stored == {
        "rolls_tummy_to_back": (None, "reached"),
        "pushes_up_on_arms": (None, "not_reached"),
        "sitting_without_support": ("2026-10-02", "reached"),
    }
    other = open_context(JournalPaths(tmp_path / "other"), lambda: TODAY)
    try:
        other.portability.import_json(exported)
        copy = other.journal.find_child("Ines")
        assert copy is not None and copy.id is not None
        assert other.journal.milestone_answers(copy.id) == sorted(
            answers, key=lambda a: list(Milestone).index(a.milestone)
        )
        again = tmp_path / "again.json"
        other.portability.export_json(again)
        assert again.read_bytes() == exported.read_bytes()
        out = tmp_path / "ines.pdf"
        write_summary_pdf_headless(other, copy, TODAY - timedelta(days=2), TODAY, out)
        text = pdf_text(out)
        assert "before the journal" in text
        assert "reached before the journal (date not known)" in text
    finally:
        other.close()


def test_a_version_1_file_still_imports(context: JournalContext, tmp_path: Path) -> None:
    ines = begun_late(context)
    assert ines.id is not None
    context.journal.save_day(DayEntry(ines.id, TODAY, milestones=[Milestone.FIRST_BELLY_CRAWL]))
    exported = tmp_path / "v2.json"
    context.portability.export_json(exported)
    document = json.loads(exported.read_text("utf-8"))
    document["version"] = 1
    for child in document["children"]:
        for m in child["milestones"]:
            del m["status"]
    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps(document), "utf-8")
    other = open_context(JournalPaths(tmp_path / "other"), lambda: TODAY)
    try:
        other.portability.import_json(v1)
        copy = other.journal.find_child("Ines")
        assert copy is not None and copy.id is not None
        assert other.journal.milestone_answers(copy.id) == [
            MilestoneAnswer(Milestone.FIRST_BELLY_CRAWL, True, TODAY)
        ]
    finally:
        other.close()
    document["version"] = 2  # a version-2 file must say the status
    v1.write_text(json.dumps(document), "utf-8")
    from journal_app.services.portability import ImportRefused

    with pytest.raises(ImportRefused):
        context.portability.import_json(v1)


def test_not_yet_lets_the_tips_panel_flag_a_milestone_whose_age_passed_before_the_journal(
    context: JournalContext,
) -> None:
    """Ines's journal begins at 8 months with 20 recorded days: the CDC 6-month 'pushes up on
    arms' passed before it began, so it is not flagged; once the parent says 'not yet', it is."""
    ines = context.journal.save_child(ChildProfile("Ines", date(2026, 3, 1)))
    assert ines.id is not None
    for n in range(20):
        context.journal.save_day(
            DayEntry(
                ines.id,
                TODAY - timedelta(days=n),
                movements={MovementStyle.BELLY: MovementCount(episodes=2)},
            )
        )

    def pushes_flagged() -> bool:
        assert ines.id is not None
        return any(
            f.id.startswith("cdc:") and PUSHES.value in f.id
            for f in context.guidance.flags_for(ines.id)
        )

    assert not pushes_flagged()
    context.journal.save_milestone_answers(
        ines.id, [MilestoneAnswer(PUSHES, False)], context.journal.milestones_to_ask(ines)
    )
    assert pushes_flagged()
