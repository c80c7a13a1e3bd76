"""Chart series from the journal: movement per day or week and milestones against the WHO windows.

The counting is done by SQLite (``GROUP BY`` day or week); the results are plain lists and
dataclasses with no matplotlib in sight, so the screen charts and the printed summary draw from
the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal_app.domain.ages import add_months, child_age
from journal_app.domain.entries import ChildProfile
from journal_app.domain.enums import WHO_MILESTONES, Milestone, MovementStyle
from journal_app.domain.journal_knowledge import Unrecorded, journal_began, unrecorded_standing
from journal_app.domain.reference import (
    WHO_WINDOW_BY_MILESTONE,
    WHO_WINDOWS_SOURCE,
    milestones_reached,
)
from journal_app.i18n import translate
from journal_app.storage.reads import JournalReader

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

BUCKET_DAY = "day"
BUCKET_WEEK = "week"
BUCKETS = (BUCKET_DAY, BUCKET_WEEK)
#: Ranges of this many days or fewer are shown per day when no bucket is asked for.
DAILY_UP_TO_DAYS = 31

MEASURE_EPISODES = "episodes"
MEASURE_DAYS_SEEN = "days_seen"
MEASURES = (MEASURE_EPISODES, MEASURE_DAYS_SEEN)

#: The periods the charts offer, as used by :meth:`ChartService.period`.
PERIOD_4_WEEKS = "4w"
PERIOD_3_MONTHS = "3m"
PERIOD_6_MONTHS = "6m"
PERIOD_ALL = "all"
PERIODS = (PERIOD_4_WEEKS, PERIOD_3_MONTHS, PERIOD_6_MONTHS, PERIOD_ALL)


@dataclass(frozen=True)
class MovementSeries:
    """Movement seen per bucket (day, or week starting Monday) between ``start`` and ``end``.

    ``counts`` holds only the styles seen at least once in the range, in the usual order of
    appearance; each list runs parallel to ``bucket_starts``. A week at either end of the range
    only counts the days inside the range, but its bucket still starts on the Monday.
    """

    child_id: int
    start: date
    end: date
    bucket: str
    measure: str
    bucket_starts: list[date]
    counts: dict[MovementStyle, list[int]]
    #: Average tummy minutes per day over the days in the bucket that have tummy time recorded.
    tummy_minutes: list[float | None]
    #: How many days of each bucket have an entry in the journal.
    days_recorded: list[int]
    #: First-time milestones reached inside the range, by date.
    milestones: list[tuple[date, Milestone]]

    @property
    def recorded_days(self) -> int:
        return sum(self.days_recorded)

    @property
    def is_empty(self) -> bool:
        return self.recorded_days == 0

    @property
    def bucket_days(self) -> int:
        return 1 if self.bucket == BUCKET_DAY else 7

    def total(self, style: MovementStyle) -> int:
        return sum(self.counts.get(style, []))


@dataclass(frozen=True)
class MilestoneWindowRow:
    """One WHO milestone: its window (months, as published) and when the child reached it."""

    milestone: Milestone
    p1_months: float
    p99_months: float
    achieved_on: date | None = None
    #: Age in months when reached: corrected age when it applied on that day.
    age_months: float | None = None
    age_is_corrected: bool = False
    #: Age since birth in months when reached (equal to ``age_months`` unless corrected).
    chronological_age_months: float | None = None
    #: Not ticked as a first time: ``achieved_on`` is the first day the journal shows it (a
    #: movement logged, or a later milestone that needs it), as the summary's table says.
    from_journal: bool = False
    #: Not reached in the journal, and its 99th-percentile age had passed before the journal
    #: began (``journal_began``): unknown, not late (domain.journal_knowledge).
    before_journal: bool = False
    #: Reached before the journal began on a day not known (the parent's answer): it counts as
    #: reached, with no age to place it at.
    reached_before_journal: bool = False

    @property
    def reached(self) -> bool:
        return self.achieved_on is not None or self.reached_before_journal


@dataclass(frozen=True)
class MilestoneWindowsData:
    """The six WHO milestones for one child, with the child's age on ``on``."""

    child_name: str
    on: date
    rows: list[MilestoneWindowRow]
    #: Age in months on ``on``: corrected age when it applies.
    current_age_months: float
    current_age_is_corrected: bool
    chronological_age_months: float
    source: str
    #: ``on`` is today (the charts tab), not the end of an earlier period (a summary).
    is_today: bool = True
    #: The journal's first day as far as its movements and milestones show (None: none yet).
    journal_began: date | None = None

    @property
    def any_corrected(self) -> bool:
        return self.current_age_is_corrected or any(r.age_is_corrected for r in self.rows)


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def choose_bucket(start: date, end: date) -> str:
    """Per day for ranges of :data:`DAILY_UP_TO_DAYS` days or fewer, else per week."""
    return BUCKET_DAY if (end - start).days + 1 <= DAILY_UP_TO_DAYS else BUCKET_WEEK


def bucket_starts(start: date, end: date, bucket: str) -> list[date]:
    if end < start:
        return []
    if bucket == BUCKET_DAY:
        return [start + timedelta(days=i) for i in range((end - start).days + 1)]
    first = week_start(start)
    return [first + timedelta(weeks=i) for i in range((week_start(end) - first).days // 7 + 1)]


class ChartService:
    """Plain series for the charts; every method is one short read-only transaction."""

    def __init__(self, engine: Engine, today: Callable[[], date]) -> None:
        self.engine = engine
        self.today = today
        self.reads = JournalReader.for_engine(engine)

    def period(self, child_id: int, period: str) -> tuple[date, date]:
        """The (start, end) dates of one of :data:`PERIODS`, ending today.

        "all" runs from the first day in the journal (today when there is none) to today, or to
        the last day recorded if that is later.
        """
        today = self.today()
        if period == PERIOD_4_WEEKS:
            return today - timedelta(days=27), today
        if period == PERIOD_3_MONTHS:
            return add_months(today, -3) + timedelta(days=1), today
        if period == PERIOD_6_MONTHS:
            return add_months(today, -6) + timedelta(days=1), today
        if period == PERIOD_ALL:
            recorded = self.reads.first_and_last_day(child_id)
            if recorded is None:
                return today, today
            first, last = recorded
            return first, max(today, last)
        raise ValueError(f"unknown period {period!r}")

    def movement_series(
        self,
        child_id: int,
        start: date,
        end: date,
        *,
        bucket: str | None = None,
        measure: str = MEASURE_EPISODES,
    ) -> MovementSeries:
        """Movement per style, tummy time and milestones from ``start`` to ``end`` (inclusive)."""
        if bucket is None:
            bucket = choose_bucket(start, end)
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}")
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        starts = bucket_starts(start, end, bucket)
        n = len(starts)
        index = {d: i for i, d in enumerate(starts)}

        totals = self.reads.movement_totals(
            child_id,
            start,
            end,
            weekly=bucket == BUCKET_WEEK,
            episodes=measure == MEASURE_EPISODES,
        )
        counts_by_style: dict[MovementStyle, list[int]] = {}
        for bucket_start, style, amount in totals.by_style:
            row = counts_by_style.setdefault(style, [0] * n)
            row[index[bucket_start]] = amount
        tummy: list[float | None] = [None] * n
        days_recorded = [0] * n
        for bucket_start, days, minutes in totals.by_bucket:
            i = index[bucket_start]
            days_recorded[i] = days
            tummy[i] = minutes
        milestones = [(day, milestone) for day, milestone in totals.milestones]
        counts = {
            style: counts_by_style[style] for style in MovementStyle if style in counts_by_style
        }
        return MovementSeries(
            child_id=child_id,
            start=start,
            end=end,
            bucket=bucket,
            measure=measure,
            bucket_starts=starts,
            counts=counts,
            tummy_minutes=tummy,
            days_recorded=days_recorded,
            milestones=milestones,
        )

    def milestone_windows(self, child_id: int, on: date | None = None) -> MilestoneWindowsData:
        """The six WHO windows with the child's age at each milestone reached by ``on`` (today)."""
        on = self.today() if on is None else on
        child, recorded, first_seen = self.reads.milestone_evidence(child_id, on)
        undated, said_not_reached = self.reads.milestones_undated(child_id)
        name, birth, due = child.name, child.birth_date, child.due_date
        # The same rules as the flags and the summary: what the journal shows counts as reached.
        reached = milestones_reached(recorded, first_seen)
        profile = ChildProfile(name, birth, due)
        began = journal_began([*first_seen.values(), *recorded.values()])
        rows: list[MilestoneWindowRow] = []
        for milestone in WHO_MILESTONES:
            window = WHO_WINDOW_BY_MILESTONE[milestone]
            # The first time the parent noted comes first; else the day the journal shows it.
            day = recorded.get(milestone) or reached.get(milestone)
            if day is None and milestone in undated:
                rows.append(
                    MilestoneWindowRow(
                        milestone, window.p1_months, window.p99_months, reached_before_journal=True
                    )
                )
                continue
            if day is None:
                standing = unrecorded_standing(
                    profile, window.p99_months, on, began, milestone in said_not_reached
                )
                rows.append(
                    MilestoneWindowRow(
                        milestone,
                        window.p1_months,
                        window.p99_months,
                        before_journal=standing is Unrecorded.BEFORE_JOURNAL,
                    )
                )
                continue
            age = child_age(birth, due, day)
            rows.append(
                MilestoneWindowRow(
                    milestone,
                    window.p1_months,
                    window.p99_months,
                    achieved_on=day,
                    age_months=age.for_milestones.decimal_months,
                    age_is_corrected=age.corrected is not None,
                    chronological_age_months=age.chronological.decimal_months,
                    from_journal=milestone not in recorded,
                )
            )
        now = child_age(birth, due, on)
        return MilestoneWindowsData(
            child_name=name,
            on=on,
            rows=rows,
            current_age_months=now.for_milestones.decimal_months,
            current_age_is_corrected=now.corrected is not None,
            chronological_age_months=now.chronological.decimal_months,
            source=translate(WHO_WINDOWS_SOURCE),
            is_today=on == self.today(),
            journal_began=began,
        )
