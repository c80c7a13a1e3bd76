"""Tips ranked from the last 14 days of the journal, and honest "worth mentioning" flags.

The rules are small pure functions over a :class:`JournalSnapshot` (plain data read from SQL in one
transaction). Each returns the tips or flags it finds, each with its reason in plain words; the
wording itself lives in ``resources/guidance.toml``. Milestone comparisons use the corrected age
when it applies. Nothing here diagnoses: flags say what the journal shows and what the published
reference figures are.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal_app.domain.ages import DAYS_PER_MONTH, Age, ChildAge
from journal_app.domain.entries import ChildProfile, DayEntry, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.journal_knowledge import journal_began, may_count_as_missed
from journal_app.domain.reference import (
    BACKWARD_CRAWL_CONCERN_MONTHS,
    CDC_CHECKPOINTS,
    WHO_TUMMY_MINUTES_PER_DAY,
    WHO_WINDOWS,
    WhoWindow,
    milestones_reached,
)
from journal_app.i18n import formats, translate
from journal_app.services.guidance_content import (  # re-exported: the UI and summary use them
    MAX_LISTED_DATES as MAX_LISTED_DATES,
)
from journal_app.services.guidance_content import REMINDER_TIPS as REMINDER_TIPS
from journal_app.services.guidance_content import TIP_SCORES as TIP_SCORES
from journal_app.services.guidance_content import ContentError as ContentError
from journal_app.services.guidance_content import ContentItem as ContentItem
from journal_app.services.guidance_content import Flag as Flag
from journal_app.services.guidance_content import Guidance as Guidance
from journal_app.services.guidance_content import GuidanceContent as GuidanceContent
from journal_app.services.guidance_content import RankedTip as RankedTip
from journal_app.services.guidance_content import TipSuggestion as TipSuggestion
from journal_app.services.guidance_content import format_day as format_day
from journal_app.services.guidance_content import format_days as format_days
from journal_app.services.guidance_content import load_content as load_content
from journal_app.services.guidance_content import parse_content as parse_content
from journal_app.storage.reads import JournalReader

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

#: Tips look at this many days, ending today.
WINDOW_DAYS = 14
#: Fewer days recorded in the window than this: invite to keep recording, draw no conclusions.
MIN_DAYS_FOR_PATTERNS = 5
#: A milestone missing from the journal only means something once the journal has this many
#: recorded days; before that it more likely means "not written down yet".
MIN_DAYS_FOR_ABSENCE = 14
#: Smooth floor on at least this many backward-crawling days brings up the textured-floor tip.
MIN_SMOOTH_FLOOR_DAYS = 2
#: The same warning sign on at least this many days makes its flag strong.
SEVERAL_DAYS = 3

#: A warning sign seen on fewer than :data:`SEVERAL_DAYS` days leaves the tips panel this many days
#: after it was last seen (see :func:`fades_from_panel`).
FADE_AFTER_DAYS = 28

#: Ways of getting about that count against backward crawling being "the main movement".
_OTHER_LOCOMOTION = frozenset(
    {
        MovementStyle.BELLY,
        MovementStyle.FORWARD,
        MovementStyle.BEAR,
        MovementStyle.BOTTOM_SCOOTING,
        MovementStyle.CRUISING,
        MovementStyle.WALKING_WITH_HELP,
        MovementStyle.WALKING_ALONE,
    }
)
#: Reached within their WHO window, these show a child who skipped crawling is on the move.
_MOVING_ON_WITHOUT_CRAWLING = (
    Milestone.WALKING_WITH_ASSISTANCE,
    Milestone.STANDING_ALONE,
    Milestone.WALKING_ALONE,
)

# -- the journal as plain data ----------------------------------------------------------------


@dataclass(frozen=True)
class JournalDay:
    """One recorded day, as the rules see it."""

    day: date
    movements: frozenset[MovementStyle] = frozenset()
    tummy_minutes: int | None = None
    floor: FloorSurface | None = None
    warning_signs: tuple[WarningSignEntry, ...] = ()


def journal_day(entry: DayEntry) -> JournalDay:
    """A stored day as the rules see it."""
    return JournalDay(
        day=entry.day,
        movements=frozenset(entry.movements),
        tummy_minutes=entry.tummy_minutes,
        floor=entry.floor,
        warning_signs=tuple(entry.warning_signs),
    )


@dataclass(frozen=True)
class JournalSnapshot:
    """A child's journal up to ``on`` (today, or the end of a summary period).

    ``days`` may reach back before ``start``: those days still show which milestones were reached,
    but patterns and warning signs are read from ``start``..``on`` only.
    """

    child: ChildProfile
    on: date
    days: tuple[JournalDay, ...] = ()
    milestones: Mapping[Milestone, date] = field(default_factory=dict)
    start: date | None = None
    #: The real today, when ``on`` may be an earlier day (a summary); None: ``on`` is today.
    today: date | None = None
    #: Milestones the parent said the child has not reached yet ("What can ... already do?").
    said_not_reached: frozenset[Milestone] = frozenset()

    def in_period(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and day <= self.on

    @property
    def name(self) -> str:
        return self.child.name

    @property
    def age(self) -> ChildAge:
        return self.child.age_on(self.on)

    def recent(self, window: int = WINDOW_DAYS) -> list[JournalDay]:
        """The recorded days among the last ``window`` days ending on ``on``."""
        first = self.on - timedelta(days=window - 1)
        return [d for d in self.days if first <= d.day and self.in_period(d.day)]

    def reached(self) -> dict[Milestone, date]:
        """When each milestone was reached by ``on``: recorded, shown by a movement, or implied."""
        first_seen: dict[MovementStyle, date] = {}
        for day in self.days:
            if day.day > self.on:
                continue
            for style in day.movements:
                if day.day < first_seen.get(style, date.max):
                    first_seen[style] = day.day
        recorded = {m: d for m, d in self.milestones.items() if d <= self.on}
        return milestones_reached(recorded, first_seen)


def _share(count: int, logged: int, window: int = WINDOW_DAYS) -> str:
    content = load_content()
    if logged >= window:
        return content.reason("share_all", count=count, window=window)
    return content.reason("share_some", count=count, logged=logged, window=window)


def _past_months(age: Age, months: int) -> bool:
    """True when ``age`` is strictly past ``months`` whole months (exactly 12 months is not)."""
    return age.months > months or (age.months == months and age.days > 0)


def _past_p99(age: Age, window: WhoWindow) -> bool:
    """True when ``age`` is strictly past the window's 99th-percentile age (decimal months)."""
    return age.total_days > window.p99_months * DAYS_PER_MONTH


def last_day_within_window(window: WhoWindow) -> int:
    """The oldest age in days that is still within the window (not past its 99th percentile)."""
    return math.floor(window.p99_months * DAYS_PER_MONTH)


def _describe_age(age: ChildAge) -> str:
    content = load_content()
    if age.corrected is not None and age.corrected.total_days >= 0:
        return content.flag_text(
            "age_corrected", age=age.chronological.describe(), corrected=age.corrected.describe()
        )
    return content.flag_text("age", age=age.chronological.describe())


def _age_on_the_day(journal: JournalSnapshot) -> str:
    """ "is 9 months old" on today; "was 8 months 20 days old on 15 Oct 2026" for a summary of
    an earlier period, so a reason never gives an old age as the present one."""
    content = load_content()
    age = _describe_age(journal.age)
    if journal.today is None or journal.on >= journal.today:
        return content.flag_text("is_age", age=age)
    return content.flag_text("was_age_on", age=age, date=format_day(journal.on, journal.today))


def _count_days(count: int) -> str:
    content = load_content()
    return (
        content.flag_text("days_one") if count == 1 else content.flag_text("days_many", count=count)
    )


# -- tip rules --------------------------------------------------------------------------------


def rule_few_days_logged(journal: JournalSnapshot) -> list[TipSuggestion]:
    """Few days recorded lately: an invitation to keep recording, and no conclusions."""
    count = len(journal.recent())
    if count >= MIN_DAYS_FOR_PATTERNS:
        return []
    content = load_content()
    if count == 0:
        reason = content.reason("few_days_none", name=journal.name, window=WINDOW_DAYS)
    else:
        reason = content.reason("few_days", count=count, window=WINDOW_DAYS, name=journal.name)
    return [TipSuggestion("keep_recording", reason, TIP_SCORES["keep_recording"])]


def _enough_days(journal: JournalSnapshot) -> bool:
    return len(journal.recent()) >= MIN_DAYS_FOR_PATTERNS


def rule_mostly_backward(journal: JournalSnapshot) -> list[TipSuggestion]:
    """Backward or belly crawling on at least half the recorded days, forward on under a third."""
    if not _enough_days(journal):
        return []
    days = journal.recent()
    backward = sum(MovementStyle.BACKWARD in d.movements for d in days)
    belly = sum(MovementStyle.BELLY in d.movements for d in days)
    either = sum(bool({MovementStyle.BACKWARD, MovementStyle.BELLY} & d.movements) for d in days)
    forward = sum(MovementStyle.FORWARD in d.movements for d in days)
    if either * 2 < len(days) or forward * 3 >= len(days):
        return []
    content = load_content()
    if belly == 0:
        movement = content.reason("movement_backward")
    elif backward == 0:
        movement = content.reason("movement_belly")
    else:
        movement = content.reason("movement_backward_or_belly")
    share = _share(either, len(days))
    return [
        TipSuggestion(
            tip,
            content.reason(
                f"mostly_backward_{tip}", movement=movement, share=share, name=journal.name
            ),
            TIP_SCORES[tip],
        )
        for tip in ("toy_ahead", "show_how", "weight_bearing_play")
    ]


def _crawls_forward_or_walks(journal: JournalSnapshot) -> bool:
    on_the_move = {
        MovementStyle.FORWARD,
        MovementStyle.BEAR,
        MovementStyle.CRUISING,
        MovementStyle.WALKING_WITH_HELP,
        MovementStyle.WALKING_ALONE,
    }
    if any(on_the_move & d.movements for d in journal.recent()):
        return True
    reached = journal.reached()
    return any(
        m in reached
        for m in (Milestone.HANDS_AND_KNEES_CRAWLING, Milestone.CRUISING, Milestone.WALKING_ALONE)
    )


def rule_tummy_time_low(journal: JournalSnapshot) -> list[TipSuggestion]:
    """Average tummy time under WHO's 30 minutes a day, for a child not yet crawling forward."""
    recorded = [d.tummy_minutes for d in journal.recent() if d.tummy_minutes is not None]
    if len(recorded) < MIN_DAYS_FOR_PATTERNS or _crawls_forward_or_walks(journal):
        return []
    average = sum(recorded) / len(recorded)
    if average >= WHO_TUMMY_MINUTES_PER_DAY:
        return []
    reason = load_content().reason(
        "tummy_time_low",
        name=journal.name,
        average=math.floor(average),  # 29.8 is under 30: never shown as "30"
        count=len(recorded),
        window=WINDOW_DAYS,
        target=WHO_TUMMY_MINUTES_PER_DAY,
    )
    return [TipSuggestion("tummy_time", reason, TIP_SCORES["tummy_time"])]


def rule_smooth_floor_while_backward(journal: JournalSnapshot) -> list[TipSuggestion]:
    """A smooth floor logged on days of backward crawling: a textured mat or rug."""
    days = [
        d.day
        for d in journal.recent()
        if d.floor is FloorSurface.SMOOTH_FLOOR and MovementStyle.BACKWARD in d.movements
    ]
    if len(days) < MIN_SMOOTH_FLOOR_DAYS:
        return []
    reason = load_content().reason(
        "smooth_floor", count=len(days), name=journal.name, dates=format_days(days, journal.on)
    )
    return [TipSuggestion("textured_floor", reason, TIP_SCORES["textured_floor"])]


def rule_forward_established(journal: JournalSnapshot) -> list[TipSuggestion]:
    """Forward crawling on at least half the recorded days: praise, and what comes next."""
    if not _enough_days(journal):
        return []
    days = journal.recent()
    forward = sum(MovementStyle.FORWARD in d.movements for d in days)
    if forward * 2 < len(days):
        return []
    content = load_content()
    share = _share(forward, len(days))
    praise = TipSuggestion(
        "praise",
        content.reason("forward_praise", share=share, name=journal.name),
        TIP_SCORES["praise"],
    )
    if Milestone.CRUISING in journal.reached():
        return [praise]  # pulling up and cruising are not "next" any more: they are here
    next_steps = TipSuggestion(
        "next_steps",
        content.reason("forward_next_steps", share=share, name=journal.name),
        TIP_SCORES["next_steps"],
    )
    return [next_steps, praise]


def rule_every_stage(journal: JournalSnapshot) -> list[TipSuggestion]:
    """Two reminders that suit every stage, always at the bottom of the list."""
    content = load_content()
    return [
        TipSuggestion(tip, content.reason(f"every_stage_{tip}", name=journal.name), TIP_SCORES[tip])
        for tip in ("patience", "limit_walkers")
    ]


TIP_RULES: tuple[Callable[[JournalSnapshot], list[TipSuggestion]], ...] = (
    rule_few_days_logged,
    rule_tummy_time_low,
    rule_mostly_backward,
    rule_smooth_floor_while_backward,
    rule_forward_established,
    rule_every_stage,
)


def rank_tips(
    suggestions: Iterable[TipSuggestion],
    tried: Mapping[str, date] | None = None,
    content: GuidanceContent | None = None,
) -> list[RankedTip]:
    """One entry per tip (its best reason), untried before tried, then by score, best first."""
    content = content or load_content()
    tried = tried or {}
    best: dict[str, TipSuggestion] = {}
    for suggestion in suggestions:
        if suggestion.tip_id not in best or suggestion.score > best[suggestion.tip_id].score:
            best[suggestion.tip_id] = suggestion
    order = list(content.tips)
    ranked = sorted(
        best.values(),
        key=lambda s: (s.tip_id in tried, -s.score, order.index(s.tip_id)),
    )
    return [
        RankedTip(
            id=s.tip_id,
            title=content.tips[s.tip_id].title,
            text=content.tips[s.tip_id].text,
            source=content.tips[s.tip_id].source,
            reason=s.reason,
            score=s.score,
            tried_on=tried.get(s.tip_id),
        )
        for s in ranked
    ]


def suggest_tips(journal: JournalSnapshot) -> list[TipSuggestion]:
    return [s for rule in TIP_RULES for s in rule(journal)]


# -- flag rules -------------------------------------------------------------------------------


def flag_backward_past_12_months(journal: JournalSnapshot) -> list[Flag]:
    """Backward crawling still the main way of moving, on days after 12 months of age."""
    birth = journal.child

    def past_12(day: date) -> bool:
        return _past_months(birth.age_on(day).for_milestones, BACKWARD_CRAWL_CONCERN_MONTHS)

    days = [d for d in journal.recent() if past_12(d.day)]
    if len(days) < MIN_DAYS_FOR_PATTERNS:  # a day or two says nothing about "the main movement"
        return []
    backward = [d.day for d in days if MovementStyle.BACKWARD in d.movements]
    others = Counter(style for d in days for style in d.movements & _OTHER_LOCOMOTION)
    if not backward or len(backward) * 2 < len(days):
        return []
    if any(count >= len(backward) for count in others.values()):
        return []
    content = load_content()
    reason = content.flag_text(
        "backward_past_12_months.reason",
        name=journal.name,
        is_age=_age_on_the_day(journal),
        share=_share(len(backward), len(days)),
        dates=format_days(backward, journal.on),
    )
    return [
        Flag(
            id="backward_past_12_months",
            title=content.flag_text("backward_past_12_months.title"),
            reason=reason,
            dates=tuple(backward),
            strong=False,
        )
    ]


def _describe_sides(sides: list[Side | None], sign: WarningSign | None = None) -> str:
    content = load_content()
    # For one-sidedness the side noted is the one used less, and the reason says so.
    less = "_used_less" if sign is WarningSign.FAVOURS_ONE_SIDE else ""
    words = {
        Side.LEFT: content.flag_text(f"side_left{less}"),
        Side.RIGHT: content.flag_text(f"side_right{less}"),
        Side.BOTH: content.flag_text("side_both"),
    }
    counts = Counter(s for s in sides if s is not None)
    if not counts:
        return ""
    if len(counts) == 1 and sum(counts.values()) == len(sides):
        return content.flag_text("side_one", side=words[next(iter(counts))])
    parts = ", ".join(
        content.flag_text("side_part", side=words[side], days=_count_days(n))
        for side, n in sorted(
            counts.items(), key=lambda item: (-item[1], list(Side).index(item[0]))
        )
    )
    return content.flag_text("side_mixed", parts=parts)


def flag_warning_signs(journal: JournalSnapshot) -> list[Flag]:
    """Each warning sign logged, strong when logged on several days; most frequent first."""
    by_sign: dict[WarningSign, list[tuple[date, Side | None]]] = {}
    for day in journal.days:
        if not journal.in_period(day.day):
            continue
        for entry in day.warning_signs:
            by_sign.setdefault(entry.sign, []).append((day.day, entry.side))
    content = load_content()
    flags = []
    for sign, seen in by_sign.items():
        dates = tuple(sorted(d for d, _ in seen))
        strong = len(dates) >= SEVERAL_DAYS
        reason = content.flag_text(
            "warning_sign.reason_strong" if strong else "warning_sign.reason",
            name=journal.name,
            days=_count_days(len(dates)),
            dates=format_days(dates, journal.on),
            sides=_describe_sides([side for _, side in seen], sign),
        )
        flags.append(Flag(f"warning_sign:{sign.value}", sign.label, reason, dates, strong))
    order = list(WarningSign)
    flags.sort(key=lambda f: (-len(f.dates), order.index(WarningSign(f.id.split(":", 1)[1]))))
    return flags


def _skipped_crawling_but_moving_on(
    journal: JournalSnapshot, reached: dict[Milestone, date]
) -> bool:
    windows = {w.milestone: w for w in WHO_WINDOWS}
    for milestone in _MOVING_ON_WITHOUT_CRAWLING:
        when = reached.get(milestone)
        if when is not None:
            age = journal.child.age_on(when).for_milestones
            if not _past_p99(age, windows[milestone]):
                return True
    return False


def has_history(journal: JournalSnapshot) -> bool:
    """True when the journal is long enough for a missing milestone to say something."""
    return sum(1 for d in journal.days if d.day <= journal.on) >= MIN_DAYS_FOR_ABSENCE


def flag_who_milestone_late(journal: JournalSnapshot) -> list[Flag]:
    """A WHO milestone not reached by its 99th-percentile age (corrected age when it applies).

    A child who skips crawling but walks or stands within the windows gets no crawling flag.
    """
    reached = journal.reached()
    age_now = journal.age.for_milestones
    began = journal_began(d.day for d in journal.days)
    content = load_content()
    flags = []
    for window in WHO_WINDOWS:
        milestone = window.milestone
        when = reached.get(milestone)
        if when is None:
            if not _past_p99(age_now, window) or not has_history(journal):
                continue
            said = milestone in journal.said_not_reached
            if not may_count_as_missed(journal.child, window.p99_months, journal.on, began, said):
                continue  # its age passed before the journal began: unknown, not missed
            if milestone is Milestone.HANDS_AND_KNEES_CRAWLING and _skipped_crawling_but_moving_on(
                journal, reached
            ):
                continue
            title = content.flag_text("who_late.title", milestone=milestone.label)
            crawling = milestone is Milestone.HANDS_AND_KNEES_CRAWLING
            reason = content.flag_text(
                "who_late.reason_crawling" if crawling else "who_late.reason",
                name=journal.name,
                is_age=_age_on_the_day(journal),
                milestone=milestone.label,
                p99=formats().number(window.p99_months),
            )
            dates: tuple[date, ...] = ()
        else:
            # Only a recorded milestone dates the first time; a movement in the journal (or a
            # later milestone) only shows it was reached by then.
            recorded = journal.milestones.get(milestone)
            if recorded is None or recorded != when:
                continue
            age_then = journal.child.age_on(when)
            if not _past_p99(age_then.for_milestones, window):
                continue
            title = content.flag_text("who_late.title_reached_late", milestone=milestone.label)
            reason = content.flag_text(
                "who_late.reason_reached_late",
                name=journal.name,
                age=_describe_age(age_then),
                milestone=milestone.label,
                date=format_day(when, journal.on),
                p99=formats().number(window.p99_months),
            )
            dates = (when,)
        flags.append(Flag(f"who_late:{milestone.value}", title, reason, dates, strong=False))
    return flags


def flag_cdc_checkpoint_passed(journal: JournalSnapshot) -> list[Flag]:
    """A CDC checklist age passed (strictly) without the matching milestone recorded.

    Only for a journal with some history (:func:`has_history`): in a new journal, a milestone not
    yet ticked is no sign of anything.
    """
    if not has_history(journal):
        return []
    reached = journal.reached()
    age_now = journal.age.for_milestones
    began = journal_began(d.day for d in journal.days)
    content = load_content()
    flags = []
    for checkpoint in CDC_CHECKPOINTS:
        if checkpoint.milestone in reached or not _past_months(age_now, checkpoint.months):
            continue
        said = checkpoint.milestone in journal.said_not_reached
        if not may_count_as_missed(journal.child, checkpoint.months, journal.on, began, said):
            continue  # its age passed before the journal began: unknown, not missed
        values = {"months": checkpoint.months, "wording": translate(checkpoint.wording)}
        flags.append(
            Flag(
                id=f"cdc:{checkpoint.months}:{checkpoint.milestone.value}",
                title=content.flag_text("cdc.title", **values),
                reason=content.flag_text(
                    "cdc.reason", name=journal.name, is_age=_age_on_the_day(journal), **values
                ),
                dates=(),
                strong=False,
            )
        )
    return flags


def all_flags(journal: JournalSnapshot) -> list[Flag]:
    """Every flag: warning signs (strong first), backward crawling, WHO, then CDC.

    A CDC item whose milestone already has a WHO flag is left out, so it is not said twice.
    """
    signs = flag_warning_signs(journal)
    signs.sort(key=lambda f: not f.strong)
    who = flag_who_milestone_late(journal)
    who_milestones = {f.id.split(":", 1)[1] for f in who}
    cdc = [
        f for f in flag_cdc_checkpoint_passed(journal) if f.id.split(":")[2] not in who_milestones
    ]
    return signs + flag_backward_past_12_months(journal) + who + cdc


def fades_from_panel(flag: Flag, today: date) -> bool:
    """Whether ``flag`` has faded out of the tips panel on ``today``.

    The rule: a warning sign seen on fewer than :data:`SEVERAL_DAYS` days (not a strong flag) is
    shown for :data:`FADE_AFTER_DAYS` days after the last day it was seen, then leaves the panel;
    seen again, it is back (its last day moves), and seen on several days it stays.

    Why: the panel is about the child now. One tired or unwell afternoon noted four months ago
    would otherwise sit at the top of it forever and worry a parent every evening, though it never
    came again; four weeks covers the usual wait for a check-up, so it is still there to mention.
    A sign that keeps coming back is a pattern the doctor should hear about, so it does not fade.
    Nothing is forgotten: summaries of the period (``all_flags``, :meth:`GuidanceService.flags_for`)
    still show every sign, faded or not. Flags other than warning signs (milestone ages) do not fade.
    """
    if not flag.id.startswith("warning_sign:") or flag.strong or not flag.dates:
        return False
    return (today - max(flag.dates)).days > FADE_AFTER_DAYS


def panel_flags(flags: Iterable[Flag], today: date) -> list[Flag]:
    """The flags the tips panel shows on ``today``: all but those that faded."""
    return [flag for flag in flags if not fades_from_panel(flag, today)]


# -- the service ------------------------------------------------------------------------------


class UnknownTip(ValueError):
    """A tip id that is not in the guidance content."""


class GuidanceService:
    """Tips and flags for a child, read from one journal file."""

    def __init__(self, engine: Engine, today: Callable[[], date]) -> None:
        self.engine = engine
        self.today = today
        self.reads = JournalReader.for_engine(engine)

    def snapshot(
        self, child_id: int, start: date | None = None, end: date | None = None
    ) -> JournalSnapshot:
        """The child's journal from ``start`` (or the beginning) to ``end`` (or today)."""
        on = end if end is not None else self.today()
        # Days before ``start`` are read too: they show milestones reached before the period.
        journal = self.reads.child_journal(child_id, on)
        days = tuple(journal_day(entry) for entry in journal.days)
        return JournalSnapshot(
            journal.child,
            on,
            days,
            journal.reached_for_checks(),
            start,
            self.today(),
            said_not_reached=journal.said_not_reached,
        )

    def tried_tips(self, child_id: int) -> dict[str, date]:
        return self.reads.tried_tips(child_id)

    def guidance_for(self, child_id: int) -> Guidance:
        """Ranked tips from the last 14 days, the flags over the whole journal but those that
        faded (:func:`fades_from_panel`), and the content."""
        journal = self.snapshot(child_id)
        content = load_content()
        return Guidance(
            child_name=journal.name,
            tips=rank_tips(suggest_tips(journal), self.tried_tips(child_id), content),
            flags=panel_flags(all_flags(journal), journal.on),
            about=list(content.about),
            disclaimer=content.disclaimer,
            worried=content.worried,
            no_flags=content.no_flags if has_history(journal) else content.no_flags_new_journal,
            days_recorded=len(journal.recent()),
        )

    def flags_for(
        self, child_id: int, start: date | None = None, end: date | None = None
    ) -> list[Flag]:
        """Flags over the journal or over ``start``..``end``; ages taken on ``end`` (or today)."""
        return all_flags(self.snapshot(child_id, start, end))

    def mark_tried(self, child_id: int, tip_id: str, on: date | None = None) -> None:
        """Remember that a tip was tried (on ``on``, or today); marking again moves the date."""
        if tip_id not in load_content().tips:
            raise UnknownTip(tip_id)
        tried_on = on if on is not None else self.today()
        from journal_app.storage import tips_and_summaries  # the ORM, on first write

        tips_and_summaries.mark_tip_tried(self.engine, child_id, tip_id, tried_on)

    def unmark_tried(self, child_id: int, tip_id: str) -> None:
        from journal_app.storage import tips_and_summaries  # the ORM, on first write

        tips_and_summaries.unmark_tip_tried(self.engine, child_id, tip_id)
