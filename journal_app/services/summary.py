"""The doctor-visit summary as plain data: profile, flags, milestones, movements, tummy time, notes.

:class:`SummaryService` reads the journal and returns a :class:`SummaryReport` of dataclasses and
enums. It chooses no wording beyond what the guidance rules and the vocabularies already carry; the
printed document (``ui/printing/summary_document.py``) words and lays it out. Build it inside
``with i18n.speaking(...)`` for a summary in another language than the app's (the flags' texts
come from the guidance content of the current language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from journal_app import __version__, i18n
from journal_app.domain.ages import (
    PRETERM_THRESHOLD_DAYS,
    ChildAge,
    gestation_days_at_birth,
)
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.domain.enums import WHO_MILESTONES, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.errors import ChildNotFound
from journal_app.domain.headline import PeriodHeadline, period_headline
from journal_app.domain.journal_knowledge import (
    Unrecorded,
    default_period_start,
    journal_began,
    unrecorded_standing,
)
from journal_app.domain.reference import (
    CDC_CHECKPOINTS,
    WHO_TUMMY_MINUTES_PER_DAY,
    WHO_WINDOW_BY_MILESTONE,
    WhoWindow,
)
from journal_app.i18n import _
from journal_app.services.guidance_content import Flag
from journal_app.storage.reads import JournalReader

if TYPE_CHECKING:
    from journal_app.services.guidance import GuidanceService
    from journal_app.storage.transaction import Engine

#: The default period when no summary was made before: this many months up to today.
DEFAULT_PERIOD_MONTHS = 3

#: The CDC checklist age (months) by which most children do a milestone, where the checklist has it.
CDC_MONTHS_BY_MILESTONE: dict[Milestone, int] = {c.milestone: c.months for c in CDC_CHECKPOINTS}


class MilestoneStanding(StrEnum):
    """Where a milestone stands against its reference (WHO window or CDC checklist age)."""

    BEFORE_WINDOW = "before_window"
    IN_WINDOW = "in_window"
    AFTER_WINDOW = "after_window"
    #: Reached; no WHO window for this milestone.
    REACHED = "reached"
    NOT_YET = "not_yet"
    #: Not recorded and the child (corrected age) is past the WHO 99th-percentile / CDC age,
    #: which passed while the journal was kept.
    NOT_YET_PAST_REFERENCE = "not_yet_past_reference"
    #: Not recorded, and the reference age had passed before the journal began: unknown.
    NOT_RECORDED_BEFORE_JOURNAL = "not_recorded_before_journal"
    #: Not ticked, but the journal shows it by a date: a movement logged (forward crawling shows
    #: crawling on hands and knees) or a later milestone that needs it (walking shows standing).
    SHOWN_BY_JOURNAL = "shown_by_journal"
    #: Reached before the journal began, on a day not known (the parent's answer when the child
    #: was added): counts as reached, never late.
    REACHED_BEFORE_JOURNAL = "reached_before_journal"


class Trend(StrEnum):
    """How often a style was seen in the second half of the period compared with the first."""

    MORE_OFTEN = "more_often"
    LESS_OFTEN = "less_often"
    ABOUT_THE_SAME = "about_the_same"
    ONLY_SECOND_HALF = "only_second_half"
    ONLY_FIRST_HALF = "only_first_half"


#: A guidance flag worth discussing, as raised by the guidance rules (the same type).
SummaryFlag = Flag


@dataclass(frozen=True)
class MilestoneLine:
    milestone: Milestone
    achieved_on: date | None
    #: The child's age (and corrected age) on the day it was reached.
    age_then: ChildAge | None
    who_window: WhoWindow | None
    cdc_months: int | None
    standing: MilestoneStanding
    #: Reached within the summary's period.
    in_period: bool
    #: Not ticked: the first day the journal shows it (see ``SHOWN_BY_JOURNAL``).
    shown_by: date | None = None


@dataclass(frozen=True)
class MovementLine:
    style: MovementStyle
    days_seen: int
    #: Total episodes counted; None when the parent never counted them.
    episodes: int | None
    minutes: int | None
    first_seen: date
    last_seen: date
    first_half_days: int
    second_half_days: int
    #: None when the period is a single day.
    trend: Trend | None


@dataclass(frozen=True)
class TummyTimeSummary:
    days_recorded: int
    average_minutes: float | None
    days_at_reference: int
    reference_minutes: int = WHO_TUMMY_MINUTES_PER_DAY


@dataclass(frozen=True)
class WarningSignLine:
    day: date
    sign: WarningSign
    side: Side | None
    note: str


@dataclass(frozen=True)
class ParentText:
    """Text the parent typed on a day (a question for the doctor, or a note to include)."""

    day: date
    text: str


@dataclass(frozen=True)
class SummaryReport:
    child: ChildProfile
    start: date
    end: date
    made_on: date
    app_version: str
    #: The child's age on the day the summary is made.
    age_on_made: ChildAge
    #: Gestational age at birth in days, for a baby born more than 3 weeks early; else None.
    gestation_days_at_birth: int | None
    days_recorded: int
    #: The last day of the first half of the period (for the trend column's caption).
    first_half_end: date
    #: Days recorded in the first and in the second half of the period.
    half_days_recorded: tuple[int, int]
    flags: tuple[SummaryFlag, ...]
    #: The journal is long enough for the milestone checks among the flags (see guidance).
    milestone_checks_ran: bool
    milestones: tuple[MilestoneLine, ...]
    movements: tuple[MovementLine, ...]
    tummy: TummyTimeSummary
    warning_signs: tuple[WarningSignLine, ...]
    questions: tuple[ParentText, ...]
    notes: tuple[ParentText, ...]
    #: The journal's first recorded day (up to the period's end); None when it holds none.
    journal_began: date | None = None
    #: Days the journal holds from its first day up to the period's end.
    days_recorded_to_end: int = 0
    #: The period in one sentence's worth of facts (domain.headline).
    headline: PeriodHeadline | None = None

    @property
    def is_empty(self) -> bool:
        """True when no journal day was recorded in the period."""
        return self.days_recorded == 0


class SummaryPeriodError(ValueError):
    """The period asked for is not usable (it starts after it ends or before the birth date, or
    ends after today)."""


def split_period(start: date, end: date) -> date:
    """The last day of the first half of ``start``..``end`` (the halves differ by at most a day)."""
    length = (end - start).days + 1
    return start + timedelta(days=max(length // 2, 1) - 1)


#: Each half of the period needs this many recorded days for a trend to be given.
MIN_DAYS_FOR_TREND = 3


def compare_halves(first: int, second: int, first_len: int, second_len: int) -> Trend:
    """The trend between days seen in each half, as a share of each half's recorded days
    (``first_len``, ``second_len``), so a half with fewer entries does not look like less."""
    if first == 0 and second > 0:
        return Trend.ONLY_SECOND_HALF
    if second == 0 and first > 0:
        return Trend.ONLY_FIRST_HALF
    rate_first = first / max(first_len, 1)
    rate_second = second / max(second_len, 1)
    if rate_second >= rate_first * 1.25 and second - first >= 2:
        return Trend.MORE_OFTEN
    if rate_second <= rate_first * 0.8 and first - second >= 2:
        return Trend.LESS_OFTEN
    return Trend.ABOUT_THE_SAME


def _unrecorded_standing(
    child: ChildProfile,
    window: WhoWindow | None,
    cdc: int | None,
    on: date,
    began: date | None,
    said_not_reached: bool = False,
) -> MilestoneStanding:
    """A milestone with no record on ``on``, by the domain's one rule (journal_knowledge)."""
    reference = window.p99_months if window is not None else cdc
    standing = unrecorded_standing(child, reference, on, began, said_not_reached)
    if standing is Unrecorded.BEFORE_JOURNAL:
        return MilestoneStanding.NOT_RECORDED_BEFORE_JOURNAL
    if standing is Unrecorded.PAST_REFERENCE:
        return MilestoneStanding.NOT_YET_PAST_REFERENCE
    return MilestoneStanding.NOT_YET


def _standing(
    window: WhoWindow | None, cdc: int | None, months: float, reached: bool
) -> MilestoneStanding:
    if reached:
        if window is None:
            return MilestoneStanding.REACHED
        if months < window.p1_months:
            return MilestoneStanding.BEFORE_WINDOW
        if months > window.p99_months:
            return MilestoneStanding.AFTER_WINDOW
        return MilestoneStanding.IN_WINDOW
    limit = window.p99_months if window is not None else cdc
    if limit is not None and months > limit:
        return MilestoneStanding.NOT_YET_PAST_REFERENCE
    return MilestoneStanding.NOT_YET


class SummaryService:
    """Builds the doctor-visit summary's content and remembers which summaries were made."""

    def __init__(
        self,
        engine: Engine,
        today: Callable[[], date] = date.today,
        guidance: GuidanceService | None = None,
    ) -> None:
        self.engine = engine
        self.today = today
        self._guidance = guidance
        self.reads = JournalReader.for_engine(engine)

    @property
    def guidance(self) -> GuidanceService:
        if self._guidance is None:
            from journal_app.services.guidance import GuidanceService

            self._guidance = GuidanceService(self.engine, self.today)
        return self._guidance

    def default_period(self, child_id: int) -> tuple[date, date]:
        """Since the last summary made for the child (the same period if it was made today), else
        the last 3 months, or from the first entry when the journal is younger; never before the
        birth date."""
        today = self.today()
        try:
            birth: date | None = self.reads.get_child(child_id).birth_date
        except ChildNotFound:
            birth = None
        last_period = self.reads.last_summary_period(child_id)
        if last_period is not None and last_period[1] >= today:
            start, end = last_period[0], min(last_period[1], today)
        elif last_period is not None:
            start, end = last_period[1] + timedelta(days=1), today
        else:
            # The journal's first recorded day (one small read, not the whole journal).
            span = self.reads.first_and_last_day(child_id) if birth is not None else None
            first = span[0] if span is not None else None
            born = birth if birth is not None else today
            start = default_period_start(today, born, first, DEFAULT_PERIOD_MONTHS)
            end = today
        if birth is not None and start < birth:
            start = min(birth, end)
        return start, end

    def record_made(self, child_id: int, start: date, end: date) -> None:
        """Remember that a summary of ``start``..``end`` was printed or saved today."""
        from journal_app.storage import tips_and_summaries  # the ORM, on first write

        tips_and_summaries.record_summary_made(self.engine, child_id, self.today(), start, end)

    def check_period(self, child: ChildProfile, start: date, end: date) -> None:
        """Raise :class:`SummaryPeriodError`, with a message for the parent in the current
        language, when ``start``..``end`` cannot be summarised for ``child``."""
        date_text = i18n.formats().date
        if start > end:
            raise SummaryPeriodError(
                _("The period starts ({start}) after it ends ({end}).").format(
                    start=date_text(start), end=date_text(end)
                )
            )
        today = self.today()
        if end > today:
            raise SummaryPeriodError(
                _(
                    "The period ends ({end}) after today ({today}); "
                    "a summary covers days already lived."
                ).format(end=date_text(end), today=date_text(today))
            )
        if start < child.birth_date:
            raise SummaryPeriodError(
                _("The period starts ({start}) before {name} was born ({born}).").format(
                    start=date_text(start), name=child.name, born=date_text(child.birth_date)
                )
            )

    def build(self, child_id: int, start: date, end: date) -> SummaryReport:
        """The summary of ``start``..``end`` (both included) for the child."""
        child = self.reads.get_child(child_id)
        self.check_period(child, start, end)
        today = self.today()
        days = self.reads.child_journal(child_id, end, start).days
        first_half_end = split_period(start, end)
        recorded_first = sum(1 for d in days if d.day <= first_half_end)
        half_days = (recorded_first, len(days) - recorded_first)
        movements = self._movements(days, first_half_end, half_days)
        tummy = self._tummy(days)
        signs = tuple(
            WarningSignLine(d.day, w.sign, w.side, w.note) for d in days for w in d.warning_signs
        )
        questions = tuple(ParentText(d.day, d.questions) for d in days if d.questions.strip())
        notes = tuple(
            ParentText(d.day, d.notes) for d in days if d.notes_in_summary and d.notes.strip()
        )
        day_count = len(days)
        day_styles = [(d.day, frozenset(d.movements)) for d in days]
        # The guidance rules read the same journal: their flags, and what it shows was reached.
        from journal_app.services.guidance import all_flags, has_history

        journal = self.guidance.snapshot(child_id, start, end)
        flags = tuple(all_flags(journal))
        # The parent's answers without a day: reached on a day not known, or not reached yet.
        undated, said_not_reached = self.reads.milestones_undated(child_id)
        # Ticked by the parent on a day, up to the period's end.
        reached = {m: on for m, on in journal.milestones.items() if m not in undated}
        days_to_end = [d.day for d in journal.days if d.day <= end]
        began = journal_began(days_to_end)
        shown = journal.reached()
        milestone_lines = self._milestones(
            child, reached, start, end, shown, began, undated, said_not_reached
        )
        new = [
            line.milestone
            for line in milestone_lines
            if line.in_period or (line.shown_by is not None and start <= line.shown_by <= end)
        ]
        gestation: int | None = None
        if (
            child.due_date is not None
            and (child.due_date - child.birth_date).days > PRETERM_THRESHOLD_DAYS
        ):
            gestation = gestation_days_at_birth(child.birth_date, child.due_date)
        return SummaryReport(
            child=child,
            start=start,
            end=end,
            made_on=today,
            app_version=__version__,
            age_on_made=child.age_on(today),
            gestation_days_at_birth=gestation,
            days_recorded=day_count,
            first_half_end=first_half_end,
            half_days_recorded=half_days,
            flags=flags,
            milestone_checks_ran=has_history(journal),
            milestones=milestone_lines,
            movements=movements,
            tummy=tummy,
            warning_signs=signs,
            questions=questions,
            notes=notes,
            journal_began=began,
            days_recorded_to_end=len(days_to_end),
            headline=period_headline(day_styles, new),
        )

    @staticmethod
    def _milestones(
        child: ChildProfile,
        reached: dict[Milestone, date],
        start: date,
        end: date,
        shown: dict[Milestone, date] | None = None,
        began: date | None = None,
        undated: frozenset[Milestone] = frozenset(),
        said_not_reached: frozenset[Milestone] = frozenset(),
    ) -> tuple[MilestoneLine, ...]:
        """Milestones reached before the journal on a day not known, ticked milestones by date,
        then the WHO and due CDC ones not ticked: shown by the journal (with the first day it
        shows them), or not recorded yet (past its reference age only by the domain's rule,
        which counts the parent's "not yet")."""
        shown = shown or {}
        undated = frozenset(m for m in undated if m not in reached)
        lines: list[MilestoneLine] = [
            MilestoneLine(
                m,
                None,
                None,
                WHO_WINDOW_BY_MILESTONE.get(m),
                CDC_MONTHS_BY_MILESTONE.get(m),
                MilestoneStanding.REACHED_BEFORE_JOURNAL,
                False,
            )
            for m in Milestone
            if m in undated
        ]
        reached_or_before = {**{m: child.birth_date for m in undated}, **reached}
        for milestone, on in sorted(reached.items(), key=lambda item: (item[1], item[0].value)):
            age = child.age_on(on)
            window = WHO_WINDOW_BY_MILESTONE.get(milestone)
            cdc = CDC_MONTHS_BY_MILESTONE.get(milestone)
            standing = _standing(window, cdc, age.for_milestones.decimal_months, reached=True)
            lines.append(
                MilestoneLine(milestone, on, age, window, cdc, standing, start <= on <= end)
            )
        months_at_end = child.age_on(end).for_milestones.decimal_months
        not_yet = [m for m in WHO_MILESTONES if m not in reached_or_before]
        not_yet += [
            c.milestone
            for c in CDC_CHECKPOINTS
            if c.milestone not in reached_or_before
            and c.milestone not in not_yet
            and months_at_end >= c.months
        ]
        for milestone in not_yet:
            window = WHO_WINDOW_BY_MILESTONE.get(milestone)
            cdc = CDC_MONTHS_BY_MILESTONE.get(milestone)
            by = shown.get(milestone)
            if by is not None and by <= end:
                lines.append(
                    MilestoneLine(
                        milestone,
                        None,
                        None,
                        window,
                        cdc,
                        MilestoneStanding.SHOWN_BY_JOURNAL,
                        False,
                        shown_by=by,
                    )
                )
                continue
            standing = _unrecorded_standing(
                child, window, cdc, end, began, milestone in said_not_reached
            )
            lines.append(MilestoneLine(milestone, None, None, window, cdc, standing, False))
        return tuple(lines)

    @staticmethod
    def _movements(
        days: Sequence[DayEntry], first_half_end: date, half_days: tuple[int, int]
    ) -> tuple[MovementLine, ...]:
        """Days seen per style, and a trend between the halves only when each half has
        :data:`MIN_DAYS_FOR_TREND` recorded days: a journal begun late in the period, or a
        handful of entries, gives no trend rather than an invented one."""
        recorded_first, recorded_second = half_days
        comparable = min(recorded_first, recorded_second) >= MIN_DAYS_FOR_TREND
        seen: dict[MovementStyle, list[tuple[date, int | None, int | None]]] = {}
        for d in days:
            for style, count in d.movements.items():
                seen.setdefault(style, []).append((d.day, count.episodes, count.minutes))
        lines: list[MovementLine] = []
        for style in MovementStyle:
            records = seen.get(style)
            if not records:
                continue
            dates = [r[0] for r in records]
            episodes = [r[1] for r in records if r[1] is not None]
            minutes = [r[2] for r in records if r[2] is not None]
            first = sum(1 for day in dates if day <= first_half_end)
            second = len(dates) - first
            lines.append(
                MovementLine(
                    style=style,
                    days_seen=len(dates),
                    episodes=sum(episodes) if episodes else None,
                    minutes=sum(minutes) if minutes else None,
                    first_seen=min(dates),
                    last_seen=max(dates),
                    first_half_days=first,
                    second_half_days=second,
                    trend=compare_halves(first, second, recorded_first, recorded_second)
                    if comparable
                    else None,
                )
            )
        return tuple(lines)

    @staticmethod
    def _tummy(days: Sequence[DayEntry]) -> TummyTimeSummary:
        minutes = [d.tummy_minutes for d in days if d.tummy_minutes is not None]
        if not minutes:
            return TummyTimeSummary(0, None, 0)
        return TummyTimeSummary(
            days_recorded=len(minutes),
            average_minutes=sum(minutes) / len(minutes),
            days_at_reference=sum(1 for m in minutes if m >= WHO_TUMMY_MINUTES_PER_DAY),
        )
