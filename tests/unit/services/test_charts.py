"""ChartService: movement series and WHO milestone windows from a hand-built journal."""

from __future__ import annotations

from datetime import date

import pytest

from journal_app.domain.ages import DAYS_PER_MONTH
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.services.charts import (
    BUCKET_DAY,
    BUCKET_WEEK,
    MEASURE_DAYS_SEEN,
    MEASURE_EPISODES,
    PERIOD_3_MONTHS,
    PERIOD_4_WEEKS,
    PERIOD_6_MONTHS,
    PERIOD_ALL,
    choose_bucket,
)
from journal_app.services.context import JournalContext

B, BE, F = MovementStyle.BACKWARD, MovementStyle.BELLY, MovementStyle.FORWARD

#: The windows exactly as published (WHO Motor Development Study, 2006), typed out again here.
PUBLISHED = [
    (Milestone.SITTING_WITHOUT_SUPPORT, 3.8, 9.2),
    (Milestone.STANDING_WITH_ASSISTANCE, 4.8, 11.4),
    (Milestone.HANDS_AND_KNEES_CRAWLING, 5.2, 13.5),
    (Milestone.WALKING_WITH_ASSISTANCE, 5.9, 13.7),
    (Milestone.STANDING_ALONE, 6.9, 16.9),
    (Milestone.WALKING_ALONE, 8.2, 17.6),
]


def save(ctx: JournalContext, child_id: int, day: date, **kwargs: object) -> None:
    ctx.journal.save_day(DayEntry(child_id=child_id, day=day, **kwargs))  # type: ignore[arg-type]


@pytest.fixture
def journal(context: JournalContext, child: ChildProfile) -> int:
    """Four weeks, Monday 26 Oct to Sunday 22 Nov 2026, with one week left empty."""
    assert child.id is not None
    cid = child.id
    save(context, cid, date(2026, 10, 29), movements={B: MovementCount(4), BE: MovementCount()},
         tummy_minutes=20)  # fmt: skip
    save(context, cid, date(2026, 10, 31), movements={B: MovementCount(2)}, tummy_minutes=40)
    # Sunday, the last day of the first week
    save(context, cid, date(2026, 11, 1), movements={B: MovementCount(1), F: MovementCount(1)})
    # Monday, the first day of the second week
    save(context, cid, date(2026, 11, 2), movements={F: MovementCount(3, 10)},
         milestones=[Milestone.HANDS_AND_KNEES_CRAWLING])  # fmt: skip
    save(context, cid, date(2026, 11, 4), notes="a quiet day", tummy_minutes=15)
    save(context, cid, date(2026, 11, 17), movements={F: MovementCount(5)})
    # Another child's day in the same weeks must not leak in.
    other = context.journal.save_child(ChildProfile("Sam", date(2026, 1, 5)))
    assert other.id is not None
    save(context, other.id, date(2026, 11, 2), movements={B: MovementCount(9)}, tummy_minutes=90)
    return cid


def test_weekly_episodes_match_the_journal(context: JournalContext, journal: int) -> None:
    # 28 days would be shown per day unless weeks are asked for
    s = context.charts.movement_series(
        journal, date(2026, 10, 26), date(2026, 11, 22), bucket=BUCKET_WEEK
    )
    assert s.bucket == BUCKET_WEEK and s.measure == MEASURE_EPISODES
    assert s.bucket_starts == [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9),
                               date(2026, 11, 16)]  # fmt: skip
    assert list(s.counts) == [B, BE, F]  # only styles seen, in the usual order
    assert s.counts[B] == [7, 0, 0, 0]
    assert s.counts[BE] == [1, 0, 0, 0]  # seen with no count: counts once
    assert s.counts[F] == [1, 3, 0, 5]
    assert s.days_recorded == [3, 2, 0, 1]
    assert s.recorded_days == 6
    assert s.tummy_minutes == [30.0, 15.0, None, None]  # average of the days with tummy time
    assert s.milestones == [(date(2026, 11, 2), Milestone.HANDS_AND_KNEES_CRAWLING)]
    assert not s.is_empty


def test_weekly_days_seen(context: JournalContext, journal: int) -> None:
    s = context.charts.movement_series(
        journal,
        date(2026, 10, 26),
        date(2026, 11, 22),
        bucket=BUCKET_WEEK,
        measure=MEASURE_DAYS_SEEN,
    )
    assert s.measure == MEASURE_DAYS_SEEN
    assert s.counts == {B: [3, 0, 0, 0], BE: [1, 0, 0, 0], F: [1, 1, 0, 1]}


def test_range_starting_mid_week_counts_only_days_inside(
    context: JournalContext, journal: int
) -> None:
    # Saturday 31 Oct to Sunday 8 Nov: the first week is cut to its weekend.
    s = context.charts.movement_series(
        journal, date(2026, 10, 31), date(2026, 11, 8), bucket=BUCKET_WEEK
    )
    assert s.bucket_starts == [date(2026, 10, 26), date(2026, 11, 2)]
    assert s.counts == {B: [3, 0], F: [1, 3]}  # Thursday's belly crawl is outside the range
    assert s.days_recorded == [2, 2]
    assert s.tummy_minutes == [40.0, 15.0]


def test_daily_buckets_include_days_with_nothing(context: JournalContext, journal: int) -> None:
    s = context.charts.movement_series(journal, date(2026, 11, 1), date(2026, 11, 5))
    assert s.bucket == BUCKET_DAY
    assert s.bucket_starts == [date(2026, 11, d) for d in range(1, 6)]
    assert s.counts == {B: [1, 0, 0, 0, 0], F: [1, 3, 0, 0, 0]}
    assert s.days_recorded == [1, 1, 0, 1, 0]
    assert s.tummy_minutes == [None, None, None, 15.0, None]


def test_empty_range_and_unknown_arguments(context: JournalContext, journal: int) -> None:
    s = context.charts.movement_series(journal, date(2026, 9, 1), date(2026, 9, 30))
    assert s.is_empty and s.counts == {} and s.milestones == []
    assert s.bucket_starts[0] == date(2026, 9, 1) and len(s.bucket_starts) == 30
    with pytest.raises(ValueError):
        context.charts.movement_series(journal, date(2026, 9, 1), date(2026, 9, 2), bucket="year")
    with pytest.raises(ValueError):
        context.charts.movement_series(journal, date(2026, 9, 1), date(2026, 9, 2), measure="x")


def test_bucket_choice_switches_to_weeks_after_31_days() -> None:
    assert choose_bucket(date(2026, 1, 1), date(2026, 1, 31)) == BUCKET_DAY
    assert choose_bucket(date(2026, 1, 1), date(2026, 2, 1)) == BUCKET_WEEK


def test_periods_end_today(context: JournalContext, journal: int) -> None:
    charts = context.charts
    today = date(2026, 11, 23)
    assert charts.period(journal, PERIOD_4_WEEKS) == (date(2026, 10, 27), today)
    assert charts.period(journal, PERIOD_3_MONTHS) == (date(2026, 8, 24), today)
    assert charts.period(journal, PERIOD_6_MONTHS) == (date(2026, 5, 24), today)
    assert charts.period(journal, PERIOD_ALL) == (date(2026, 10, 29), today)
    four_weeks = charts.movement_series(journal, *charts.period(journal, PERIOD_4_WEEKS))
    assert four_weeks.bucket == BUCKET_DAY and len(four_weeks.bucket_starts) == 28
    three_months = charts.movement_series(journal, *charts.period(journal, PERIOD_3_MONTHS))
    assert three_months.bucket == BUCKET_WEEK
    assert three_months.bucket_starts[0] == date(2026, 8, 24)  # a Monday
    assert three_months.bucket_starts[-1] == date(2026, 11, 23)


def test_period_all_of_an_empty_journal_is_today(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    today = date(2026, 11, 23)
    assert context.charts.period(child.id, PERIOD_ALL) == (today, today)
    assert context.charts.movement_series(child.id, today, today).is_empty


def test_who_windows_are_the_published_figures(context: JournalContext, journal: int) -> None:
    data = context.charts.milestone_windows(journal)
    assert [(r.milestone, r.p1_months, r.p99_months) for r in data.rows] == PUBLISHED
    assert "Acta Paediatrica" in data.source and "2006" in data.source
    assert data.child_name == "Maya"


def test_child_ages_at_milestones_and_now(context: JournalContext, journal: int) -> None:
    save(context, journal, date(2026, 9, 1), milestones=[Milestone.SITTING_WITHOUT_SUPPORT])
    data = context.charts.milestone_windows(journal)
    by = {r.milestone: r for r in data.rows}
    sitting = by[Milestone.SITTING_WITHOUT_SUPPORT]
    assert sitting.reached and sitting.achieved_on == date(2026, 9, 1)
    assert sitting.age_months == pytest.approx(184 / DAYS_PER_MONTH)  # 1 Mar to 1 Sep
    assert sitting.age_is_corrected is False
    crawling = by[Milestone.HANDS_AND_KNEES_CRAWLING]
    assert crawling.age_months == pytest.approx(246 / DAYS_PER_MONTH)
    walking = by[Milestone.WALKING_ALONE]
    assert not walking.reached and walking.age_months is None
    assert data.current_age_months == pytest.approx(267 / DAYS_PER_MONTH)
    assert data.current_age_is_corrected is False and not data.any_corrected
    # Looking back to a date before the crawling milestone: it was not reached yet.
    earlier = context.charts.milestone_windows(journal, on=date(2026, 10, 1))
    assert not {r.milestone: r for r in earlier.rows}[Milestone.HANDS_AND_KNEES_CRAWLING].reached
    assert earlier.current_age_months == pytest.approx(214 / DAYS_PER_MONTH)


def test_corrected_age_moves_the_childs_point(
    context: JournalContext, preterm_child: ChildProfile
) -> None:
    assert preterm_child.id is not None
    save(context, preterm_child.id, date(2026, 11, 2),
         milestones=[Milestone.HANDS_AND_KNEES_CRAWLING])  # fmt: skip
    data = context.charts.milestone_windows(preterm_child.id)
    crawling = {r.milestone: r for r in data.rows}[Milestone.HANDS_AND_KNEES_CRAWLING]
    # Born 1 March at 32 weeks, due 26 April: 246 days old, 190 days from the due date.
    assert crawling.age_is_corrected is True
    assert crawling.age_months == pytest.approx(190 / DAYS_PER_MONTH)
    assert crawling.chronological_age_months == pytest.approx(246 / DAYS_PER_MONTH)
    assert data.current_age_is_corrected is True
    assert data.current_age_months == pytest.approx(211 / DAYS_PER_MONTH)
    assert data.chronological_age_months == pytest.approx(267 / DAYS_PER_MONTH)


def test_windows_count_what_the_journal_shows_as_the_summary_does(
    context: JournalContext, child: ChildProfile
) -> None:
    """Forward crawling logged but never ticked, walking with help ticked: the chart shows
    crawling reached on the first day it was logged (marked as seen in the journal), and standing
    with help reached with walking with help (it needs it), as the summary's table says."""
    assert child.id is not None
    save(context, child.id, date(2026, 10, 20), movements={MovementStyle.FORWARD: MovementCount(2)})
    save(context, child.id, date(2026, 11, 2), milestones=[Milestone.WALKING_WITH_ASSISTANCE])
    by = {r.milestone: r for r in context.charts.milestone_windows(child.id).rows}
    crawling = by[Milestone.HANDS_AND_KNEES_CRAWLING]
    assert crawling.achieved_on == date(2026, 10, 20) and crawling.from_journal
    walking = by[Milestone.WALKING_WITH_ASSISTANCE]
    assert walking.achieved_on == date(2026, 11, 2) and not walking.from_journal
    standing = by[Milestone.STANDING_WITH_ASSISTANCE]
    assert standing.achieved_on == date(2026, 11, 2) and standing.from_journal
    assert not by[Milestone.WALKING_ALONE].reached
    report = context.summary.build(child.id, date(2026, 9, 1), date(2026, 11, 23))
    lines = {line.milestone: line for line in report.milestones}
    assert lines[Milestone.HANDS_AND_KNEES_CRAWLING].shown_by == crawling.achieved_on
