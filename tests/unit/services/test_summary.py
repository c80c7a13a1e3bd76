"""SummaryService: the doctor-visit report from a hand-built journal, and its default period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app import __version__
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import WHO_MILESTONES, Milestone, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.services.summary import (
    MilestoneStanding,
    SummaryPeriodError,
    Trend,
    compare_halves,
    split_period,
)
from tests.helpers.constants import TODAY

B, BE, F = MovementStyle.BACKWARD, MovementStyle.BELLY, MovementStyle.FORWARD
START, END = date(2026, 9, 1), date(2026, 11, 20)  # 81 days; first half ends 10 Oct


def save(ctx: JournalContext, child_id: int, day: date, **kwargs: object) -> None:
    ctx.journal.save_day(DayEntry(child_id=child_id, day=day, **kwargs))  # type: ignore[arg-type]


@pytest.fixture
def leo(context: JournalContext, preterm_child: ChildProfile) -> int:
    """Leo (born 1 Mar 2026 at 32 weeks): a journal from September to November 2026."""
    assert preterm_child.id is not None
    cid = preterm_child.id
    # Reached before the period: sitting (at 5 months 30 days, corrected 4 months 5 days).
    save(context, cid, date(2026, 9, 1) - timedelta(days=1), milestones=[
        Milestone.SITTING_WITHOUT_SUPPORT])  # fmt: skip
    # First half: backward crawling on 3 days, counted; belly crawl once, not counted.
    save(context, cid, date(2026, 9, 3), movements={B: MovementCount(4)}, tummy_minutes=20)
    save(context, cid, date(2026, 9, 10), movements={B: MovementCount(2), BE: MovementCount()},
         tummy_minutes=40)  # fmt: skip
    save(context, cid, date(2026, 10, 1), movements={B: MovementCount(3, 5)})
    # Second half: backward on 1 day, forward on 4 days (new), the milestone, a sign, notes.
    save(context, cid, date(2026, 10, 12), movements={B: MovementCount(1), F: MovementCount(2)},
         milestones=[Milestone.HANDS_AND_KNEES_CRAWLING], tummy_minutes=30)  # fmt: skip
    save(context, cid, date(2026, 10, 20), movements={F: MovementCount(5, 12)},
         warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT,
                                         "pushes with <b>one</b> arm")])  # fmt: skip
    save(
        context,
        cid,
        date(2026, 11, 2),
        movements={F: MovementCount(6)},
        questions="Is the one-sided pushing worth a look?",
        notes="not for the doctor",
    )
    save(context, cid, date(2026, 11, 19), movements={F: MovementCount(7)},
         notes="Crawled to Grandma 😄 — 小明", notes_in_summary=True)  # fmt: skip
    # Outside the period, and another child: neither may appear.
    save(context, cid, date(2026, 11, 22), movements={B: MovementCount(50)}, questions="later")
    other = context.journal.save_child(ChildProfile("Sam", date(2026, 1, 5)))
    assert other.id is not None
    save(context, other.id, date(2026, 10, 2), movements={B: MovementCount(9)}, tummy_minutes=90)
    return cid


def test_header_facts(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, START, END)
    assert report.child.name == "Leo"
    assert (report.start, report.end, report.made_on) == (START, END, TODAY)
    assert report.app_version == __version__
    assert report.age_on_made.chronological.describe() == "8 months 22 days"
    assert report.age_on_made.corrected is not None
    assert report.age_on_made.corrected.describe() == "6 months 28 days"
    assert report.gestation_days_at_birth == 32 * 7
    assert report.days_recorded == 7
    assert not report.is_empty


def test_full_term_child_has_no_gestation_or_corrected_age(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    report = context.summary.build(child.id, START, END)
    assert report.gestation_days_at_birth is None
    assert report.age_on_made.corrected is None


def test_milestones_with_ages_then_and_who_windows(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, START, END)
    by_kind = {line.milestone: line for line in report.milestones}
    sitting = by_kind[Milestone.SITTING_WITHOUT_SUPPORT]
    assert sitting.achieved_on == date(2026, 8, 31)
    assert sitting.age_then is not None and sitting.age_then.corrected is not None
    assert sitting.age_then.chronological.describe() == "5 months 30 days"
    assert sitting.age_then.corrected.describe() == "4 months 5 days"
    assert sitting.who_window is not None and sitting.who_window.p1_months == 3.8
    assert sitting.standing is MilestoneStanding.IN_WINDOW
    assert not sitting.in_period
    crawling = by_kind[Milestone.HANDS_AND_KNEES_CRAWLING]
    assert crawling.in_period and crawling.achieved_on == date(2026, 10, 12)
    assert crawling.who_window is not None and crawling.who_window.p99_months == 13.5
    # Reached ones first, by date; then the WHO milestones not reached, marked as such.
    assert [line.milestone for line in report.milestones[:2]] == [
        Milestone.SITTING_WITHOUT_SUPPORT,
        Milestone.HANDS_AND_KNEES_CRAWLING,
    ]
    missing = [line for line in report.milestones if line.achieved_on is None]
    reached = {Milestone.SITTING_WITHOUT_SUPPORT, Milestone.HANDS_AND_KNEES_CRAWLING}
    assert {line.milestone for line in missing} >= set(WHO_MILESTONES) - reached
    assert len(report.milestones) == len(set(by_kind))  # each milestone once
    assert all(line.standing is not MilestoneStanding.IN_WINDOW for line in missing)
    assert by_kind[Milestone.WALKING_ALONE].standing is MilestoneStanding.NOT_YET
    # CDC 6-month items not recorded: Leo's corrected age (6 months 25 days on 20 Nov) is past 6.
    assert by_kind[Milestone.ROLLS_TUMMY_TO_BACK].standing is (
        MilestoneStanding.NOT_YET_PAST_REFERENCE
    )
    assert by_kind[Milestone.ROLLS_TUMMY_TO_BACK].cdc_months == 6


def test_milestone_reached_after_the_period_is_not_counted(
    context: JournalContext, leo: int
) -> None:
    report = context.summary.build(leo, START, date(2026, 10, 11))
    crawling = next(
        m for m in report.milestones if m.milestone is Milestone.HANDS_AND_KNEES_CRAWLING
    )
    assert crawling.achieved_on is None


def test_movement_table_counts_and_trends(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, START, END)
    assert report.first_half_end == date(2026, 10, 10)
    lines = {line.style: line for line in report.movements}
    assert list(lines) == [B, BE, F]  # the usual order of the styles
    back = lines[B]
    assert (back.days_seen, back.episodes, back.minutes) == (4, 10, 5)
    assert (back.first_seen, back.last_seen) == (date(2026, 9, 3), date(2026, 10, 12))
    assert (back.first_half_days, back.second_half_days) == (3, 1)
    assert back.trend is Trend.LESS_OFTEN
    belly = lines[BE]
    assert (belly.days_seen, belly.episodes, belly.minutes) == (1, None, None)
    assert belly.trend is Trend.ONLY_FIRST_HALF
    forward = lines[F]
    assert (forward.days_seen, forward.episodes, forward.minutes) == (4, 20, 12)
    assert forward.trend is Trend.ONLY_SECOND_HALF


def test_tummy_time_average_over_days_recorded(context: JournalContext, leo: int) -> None:
    tummy = context.summary.build(leo, START, END).tummy
    assert tummy.days_recorded == 3
    assert tummy.average_minutes == pytest.approx(30.0)
    assert tummy.days_at_reference == 2
    assert tummy.reference_minutes == 30


def test_warning_signs_questions_and_chosen_notes(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, START, END)
    assert len(report.warning_signs) == 1
    sign = report.warning_signs[0]
    assert (sign.day, sign.sign, sign.side) == (
        date(2026, 10, 20),
        WarningSign.FAVOURS_ONE_SIDE,
        Side.LEFT,
    )
    assert sign.note == "pushes with <b>one</b> arm"  # exactly as typed
    assert [(q.day, q.text) for q in report.questions] == [
        (date(2026, 11, 2), "Is the one-sided pushing worth a look?")
    ]
    # Only the note the parent chose to include.
    assert [(n.day, n.text) for n in report.notes] == [
        (date(2026, 11, 19), "Crawled to Grandma 😄 — 小明")
    ]


def test_flags_come_from_the_guidance_rules(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, START, END)
    flag = next(f for f in report.flags if f.id == "warning_sign:favours_one_side")
    assert flag.dates == (date(2026, 10, 20),)
    assert flag.title == WarningSign.FAVOURS_ONE_SIDE.label
    assert flag.reason


def test_empty_period_still_lists_milestones(context: JournalContext, leo: int) -> None:
    report = context.summary.build(leo, date(2026, 11, 21), date(2026, 11, 21))
    assert report.is_empty
    assert report.movements == () and report.warning_signs == () and report.questions == ()
    assert report.tummy.average_minutes is None
    assert any(m.milestone is Milestone.SITTING_WITHOUT_SUPPORT for m in report.milestones)


def test_period_that_starts_after_it_ends_is_refused(context: JournalContext, leo: int) -> None:
    with pytest.raises(SummaryPeriodError, match="starts"):
        context.summary.build(leo, END, START)


def test_default_period_is_three_months_then_since_the_last_summary(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    summary = context.summary
    assert summary.default_period(child.id) == (date(2026, 8, 23), TODAY)
    summary.record_made(child.id, date(2026, 8, 23), date(2026, 10, 31))
    assert summary.default_period(child.id) == (date(2026, 11, 1), TODAY)
    # Made again today up to today: the same period is offered again (reprinting).
    summary.record_made(child.id, date(2026, 11, 1), TODAY)
    assert summary.default_period(child.id) == (date(2026, 11, 1), TODAY)


def test_default_period_never_starts_before_birth(context: JournalContext) -> None:
    baby = context.journal.save_child(ChildProfile("Ava", date(2026, 10, 1)))
    assert baby.id is not None
    assert context.summary.default_period(baby.id) == (date(2026, 10, 1), TODAY)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (0, 3, Trend.ONLY_SECOND_HALF),
        (3, 0, Trend.ONLY_FIRST_HALF),
        (2, 6, Trend.MORE_OFTEN),
        (6, 2, Trend.LESS_OFTEN),
        (5, 6, Trend.ABOUT_THE_SAME),
        (1, 2, Trend.ABOUT_THE_SAME),  # one day more is not a trend
    ],
)
def test_compare_halves(first: int, second: int, expected: Trend) -> None:
    assert compare_halves(first, second, 40, 41) is expected


def test_split_period_halves() -> None:
    assert split_period(date(2026, 1, 1), date(2026, 1, 10)) == date(2026, 1, 5)
    assert split_period(date(2026, 1, 1), date(2026, 1, 1)) == date(2026, 1, 1)


def test_milestones_the_journal_shows_are_not_called_unrecorded(
    context: JournalContext, child: ChildProfile
) -> None:
    """Forward crawling logged but never ticked, and pulling up to stand: the summary says the
    journal shows them (and from when), instead of "not recorded yet; past the reference age"."""
    assert child.id is not None
    save(context, child.id, date(2026, 10, 5), movements={F: MovementCount(2)})
    save(context, child.id, date(2026, 10, 9), movements={F: MovementCount(1)})
    save(
        context,
        child.id,
        date(2026, 11, 2),
        movements={MovementStyle.PULLING_TO_STAND: MovementCount(1)},
    )
    report = context.summary.build(child.id, START, END)
    lines = {line.milestone: line for line in report.milestones}
    crawling = lines[Milestone.HANDS_AND_KNEES_CRAWLING]
    assert crawling.standing is MilestoneStanding.SHOWN_BY_JOURNAL
    assert crawling.shown_by == date(2026, 10, 5) and crawling.achieved_on is None
    standing = lines[Milestone.STANDING_WITH_ASSISTANCE]  # pulling up needs standing with help
    assert standing.standing is MilestoneStanding.SHOWN_BY_JOURNAL
    assert standing.shown_by == date(2026, 11, 2)
    assert lines[Milestone.WALKING_ALONE].standing is MilestoneStanding.NOT_YET
    # A period that ends before the journal shows it: not shown yet.
    early = context.summary.build(child.id, START, date(2026, 10, 4))
    early_lines = {line.milestone: line for line in early.milestones}
    assert early_lines[Milestone.HANDS_AND_KNEES_CRAWLING].shown_by is None


def test_a_period_in_the_future_or_before_birth_is_refused(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    with pytest.raises(SummaryPeriodError, match="after today"):
        context.summary.build(child.id, START, TODAY + timedelta(days=1))
    with pytest.raises(SummaryPeriodError, match="before Maya was born"):
        context.summary.build(child.id, date(2025, 1, 1), date(2026, 2, 1))


def test_no_trend_is_invented_from_a_journal_begun_late_in_the_period(
    context: JournalContext, child: ChildProfile
) -> None:
    """Three months asked for, a journal of two days at the end: days seen are given, but no
    "new in the second half" (nothing was recorded in the first half to compare with)."""
    assert child.id is not None
    save(context, child.id, date(2026, 11, 19), movements={F: MovementCount(1)})
    save(context, child.id, date(2026, 11, 20), movements={F: MovementCount(2)})
    report = context.summary.build(child.id, START, END)
    assert report.half_days_recorded == (0, 2)
    (forward,) = report.movements
    assert forward.days_seen == 2 and forward.trend is None
    # With three recorded days in each half, the trend is read from their shares.
    for day in (date(2026, 9, 2), date(2026, 9, 9), date(2026, 9, 16)):
        save(context, child.id, day, tummy_minutes=10)
    save(context, child.id, date(2026, 11, 18), tummy_minutes=10)
    report = context.summary.build(child.id, START, END)
    assert report.half_days_recorded == (3, 3)
    (forward,) = report.movements
    assert forward.trend is Trend.ONLY_SECOND_HALF
