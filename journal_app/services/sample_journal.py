"""Realistic generated journals: the app's sample journal and the journals of the benchmarks."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.ages import DAYS_PER_MONTH, corrected_age_applies, due_date_from_gestation
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.validation import FieldError, ValidationFailed, validate_day
from journal_app.i18n import N_, translate
from journal_app.services import messages
from journal_app.services.context import JournalContext
from journal_app.services.journal import JournalService
from journal_app.storage import days as day_store

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

#: The one child of the sample journal (Help > Open Sample Journal, ``crawl-journal --demo``).
SAMPLE_CHILD_NAME = N_("Sample baby")  # translated when the sample is written
#: About six months of days.
SAMPLE_DAYS = 183
#: Journals with more days than this (all children together) are written in one transaction.
BATCH_ABOVE_DAYS = 400

_CHILD_NAMES = ("Maya", "Leo", "Zoë O'Brien", "Амира", "小明")

#: Things a parent might type in the notes; some with emoji, quotes, markup and other scripts.
#: Marked for translation and translated when the journal is generated (a Spanish sample journal
#: has Spanish notes; the words in other scripts stay as they are).
_NOTES = (
    N_("Pushed herself back under the sofa again and looked very pleased 😄"),
    N_('Grandma says "a little crab" – backwards all morning, forwards for a moment after lunch.'),
    N_("Бабушка приехала — and got a big smile and a wriggle towards her."),
    N_("公园的草地上玩了十分钟 (ten minutes on the grass in the park)."),
    N_("Tried the rug instead of the kitchen tiles; much better grip."),
    N_("<b>not bold</b> & a stray ampersand: this should show exactly as typed"),
    N_("Two lines today:\nmorning on the play mat, afternoon at the neighbours'."),
    N_("The whole family 👨‍👩‍👧 watched the crawling practice after dinner."),
    N_("يحب اللعب على السجادة (loves the rug)."),
    N_("Kept reaching for the ball just out of reach 🏀 and nearly got it."),
    N_("Tired and grumpy today, not much floor play."),
    N_("Big brother crawled next to him on the floor; he tried to follow!"),
    N_("Long day at daycare, they said lots of moving around."),
    N_("Ignored the toys, only interested in the cat's tail 🐈"),
    N_("First time on the new textured mat: stayed on it for ages."),
)
_QUESTIONS = (
    N_("Is it fine that she still mostly moves backwards?"),
    N_("He seems to push more with one arm: is that worth a look?"),
    N_("How much tummy time is enough now that she is on the move?"),
    N_('Should we worry that he skipped "proper" crawling?'),
    N_("When should we stop using corrected age?"),
)
_SIGN_NOTES = (
    "",
    "",
    N_("only noticed after the bath"),
    N_("seemed to drag one leg along"),
    N_("cried when we moved the arm"),
)

#: Weighted floor choices.
_FLOORS = (
    (FloorSurface.CARPET_OR_RUG, 0.4),
    (FloorSurface.PLAY_MAT, 0.35),
    (FloorSurface.SMOOTH_FLOOR, 0.2),
    (FloorSurface.OTHER, 0.05),
)


def _months(value: float) -> int:
    return round(value * DAYS_PER_MONTH)


@dataclass(frozen=True)
class _Pace:
    """One child's development, as ages in days (corrected age for babies born early)."""

    starts: dict[MovementStyle, int]
    stops: dict[MovementStyle, int]
    milestones: dict[Milestone, int]
    walks_alone: int
    crawls_forward: int | None


def _make_pace(rng: random.Random, backward_first: bool) -> _Pace:
    """A plausible timetable; ``backward_first``: a long backward-crawling phase for sure."""
    pace = rng.uniform(0.88, 1.15)
    forward = _months(rng.uniform(7.0, 10.0)) if backward_first or rng.random() > 0.05 else None
    backward = _months(5.8 * pace) if backward_first or rng.random() < 0.75 else None
    if backward_first and forward is not None:
        forward = max(forward, _months(8.5))
    belly = _months(6.3 * pace) if rng.random() < 0.6 else None
    scooting = _months(8.0 * pace) if forward is None or rng.random() < 0.1 else None
    pull_up = _months(8.4 * pace)
    cruising = pull_up + _months(rng.uniform(0.6, 1.4))
    walk_help = cruising + _months(rng.uniform(0.3, 0.8))
    walks_alone = max(_months(rng.uniform(11.5, 15.0)), walk_help + _months(0.8))
    crawl_until = walks_alone + _months(3)
    starts: dict[MovementStyle, int] = {MovementStyle.ROLLING: _months(4.0 * pace)}
    stops: dict[MovementStyle, int] = {MovementStyle.ROLLING: walks_alone + _months(2)}
    if backward is not None:
        starts[MovementStyle.BACKWARD] = backward
        stops[MovementStyle.BACKWARD] = (forward or backward + _months(4)) + _months(1.5)
    if belly is not None:
        starts[MovementStyle.BELLY] = belly
        stops[MovementStyle.BELLY] = (forward or belly + _months(3)) + _months(1)
    if forward is not None:
        starts[MovementStyle.FORWARD] = forward
        stops[MovementStyle.FORWARD] = crawl_until
        if rng.random() < 0.3:
            starts[MovementStyle.BEAR] = forward + _months(2.5)
            stops[MovementStyle.BEAR] = crawl_until
    if scooting is not None:
        starts[MovementStyle.BOTTOM_SCOOTING] = scooting
        stops[MovementStyle.BOTTOM_SCOOTING] = walks_alone + _months(1)
    starts[MovementStyle.PULLING_TO_STAND] = pull_up
    stops[MovementStyle.PULLING_TO_STAND] = walks_alone + _months(4)
    starts[MovementStyle.CRUISING] = cruising
    stops[MovementStyle.CRUISING] = walks_alone + _months(3)
    starts[MovementStyle.WALKING_WITH_HELP] = walk_help
    stops[MovementStyle.WALKING_WITH_HELP] = walks_alone + _months(1)
    starts[MovementStyle.WALKING_ALONE] = walks_alone
    stops[MovementStyle.WALKING_ALONE] = 10**6
    milestones = {
        Milestone.PUSHES_UP_ON_ARMS: _months(3.5 * pace),
        Milestone.LEANS_ON_HANDS_SITTING: _months(5.2 * pace),
        Milestone.ROLLS_TUMMY_TO_BACK: starts[MovementStyle.ROLLING],
        Milestone.SITTING_WITHOUT_SUPPORT: _months(6.0 * pace),
        Milestone.STANDING_WITH_ASSISTANCE: _months(7.6 * pace),
        Milestone.GETS_TO_SITTING: _months(7.8 * pace),
        Milestone.PULLS_TO_STAND: pull_up,
        Milestone.CRUISING: cruising,
        Milestone.WALKING_WITH_ASSISTANCE: walk_help,
        Milestone.STANDING_ALONE: walks_alone - _months(0.7),
        Milestone.FIRST_STEPS_ALONE: walks_alone - _months(0.3),
        Milestone.WALKING_ALONE: walks_alone + _months(0.5),
    }
    if backward is not None:
        milestones[Milestone.FIRST_BACKWARD_CRAWL] = backward
    if belly is not None:
        milestones[Milestone.FIRST_BELLY_CRAWL] = belly
    if forward is not None:
        milestones[Milestone.HANDS_AND_KNEES_CRAWLING] = forward
    return _Pace(starts, stops, milestones, walks_alone, forward)


def _movement_count(rng: random.Random, style: MovementStyle, days_in: int) -> MovementCount:
    """How often / how long, growing over the first weeks of a style; either may be missing."""
    ramp = min(1.0, 0.25 + days_in / 45)
    if style is MovementStyle.WALKING_ALONE:
        minutes = max(1, round(rng.uniform(20, 150) * ramp))
        return MovementCount(None, minutes) if rng.random() < 0.7 else MovementCount(None, None)
    episodes = max(1, round(rng.uniform(1, 14) * ramp))
    minutes = max(1, round(rng.uniform(2, 40) * ramp))
    kind = rng.random()
    if kind < 0.5:
        return MovementCount(episodes, None)
    if kind < 0.75:
        return MovementCount(None, minutes)
    if kind < 0.95:
        return MovementCount(episodes, minutes)
    return MovementCount(None, None)


def _style_chance(style: MovementStyle, age: int, pace: _Pace) -> float:
    if style is MovementStyle.WALKING_ALONE:
        return 0.95
    if age >= pace.walks_alone:
        return 0.15
    if style is MovementStyle.ROLLING and pace.crawls_forward and age >= pace.crawls_forward:
        return 0.15
    if style in (MovementStyle.FORWARD, MovementStyle.CRUISING):
        return 0.8
    return 0.6


def _pick_floor(rng: random.Random) -> FloorSurface:
    return rng.choices([f for f, _ in _FLOORS], weights=[w for _, w in _FLOORS])[0]


def _child_days(
    rng: random.Random, child: ChildProfile, start: date, end: date, backward_first: bool
) -> Iterator[DayEntry]:
    """The journal days of ``child`` from ``start`` to ``end``, skipping a few."""
    assert child.id is not None
    pace = _make_pace(rng, backward_first)
    reference = child.birth_date
    if child.due_date is not None and corrected_age_applies(
        child.birth_date, child.due_date, start
    ):
        reference = child.due_date
    milestone_days = {reference + timedelta(days=age): m for m, age in pace.milestones.items()}
    # Milestones from before the journal began, noted from memory when it was started (as a
    # parent does), so that the checklists of the earlier months are complete.
    for earlier in sorted(d for d in milestone_days if child.birth_date <= d < start):
        yield DayEntry(child_id=child.id, day=earlier, milestones=[milestone_days[earlier]])
    day = start
    while day <= end:
        age = (day - reference).days
        milestone = milestone_days.get(day)
        if milestone is None and rng.random() < 0.06:
            day += timedelta(days=1)
            continue
        entry = DayEntry(child_id=child.id, day=day)
        for style in MovementStyle:
            begins = pace.starts.get(style)
            if begins is None or not begins <= age < pace.stops[style]:
                continue
            if rng.random() < _style_chance(style, age, pace):
                entry.movements[style] = _movement_count(rng, style, age - begins)
        if age < pace.walks_alone:
            mobile = pace.crawls_forward is not None and age >= pace.crawls_forward
            if rng.random() < (0.3 if mobile else 0.9):
                usual = min(50.0, 4 + age * 0.3)  # building up to 30 minutes and more
                entry.tummy_minutes = max(2, round(usual + rng.uniform(-6, 10)))
        if rng.random() < 0.7:
            entry.floor = _pick_floor(rng)
        if milestone is not None:
            entry.milestones.append(milestone)
        if age >= _months(3) and rng.random() < 0.012:
            sign = rng.choice(list(WarningSign))
            side = rng.choice(list(Side)) if sign.side_applies and rng.random() < 0.8 else None
            entry.warning_signs.append(
                WarningSignEntry(sign, side, translate(rng.choice(_SIGN_NOTES)))
            )
        if rng.random() < 0.15:
            entry.notes = translate(rng.choice(_NOTES))
            entry.notes_in_summary = rng.random() < 0.3
        if rng.random() < 0.025:
            entry.questions = translate(rng.choice(_QUESTIONS))
        if entry.is_empty:
            entry.floor = _pick_floor(rng)
        yield entry
        day += timedelta(days=1)


def _children(count: int, days: int, end: date, rng: random.Random) -> list[ChildProfile]:
    """Profiles with journals of ``days`` days ending at ``end``; short ones start at ~4 months."""
    start = end - timedelta(days=days - 1)
    start_age = max(14, 300 - days)
    profiles = []
    for index in range(count):
        name = _CHILD_NAMES[index] if index < len(_CHILD_NAMES) else f"Child {index + 1}"
        birth = start - timedelta(days=start_age + 37 * index + rng.randint(0, 20))
        due = due_date_from_gestation(birth, 32) if index == 1 else None
        profiles.append(ChildProfile(name, birth, due))
    return profiles


def save_new_days(
    service: JournalService, child: ChildProfile, entries: Sequence[DayEntry]
) -> None:
    """Write many days of a child with no days yet in one transaction, row for row as
    :meth:`JournalService.save_day` would (same checks, same rows; empty entries are skipped)."""
    assert child.id is not None
    today = service.today()
    errors: list[FieldError] = []
    seen: dict[Milestone, date] = {}
    for entry in entries:
        if entry.child_id != child.id:
            raise ValueError("every entry must belong to the child")
        errors += validate_day(entry, child, today)
        for milestone in entry.milestones:
            if seen.setdefault(milestone, entry.day) != entry.day:
                errors.append(
                    FieldError(
                        "milestones",
                        translate(messages.MILESTONE_LISTED_TWICE).format(
                            milestone=milestone.label
                        ),
                    )
                )
    if errors:
        raise ValidationFailed(errors)
    try:
        day_store.save_new_days(service.engine, child.id, entries)
    except day_store.ChildHasDays:
        raise ValueError("save_new_days is for a child with no days yet; use save_day") from None


def generate_journal(
    context_or_engine: JournalContext | Engine,
    *,
    children: int = 1,
    days: int = 183,
    seed: int = 0,
    end: date | None = None,
    names: Sequence[str] | None = None,
    batch: bool | None = None,
) -> list[ChildProfile]:
    """Add ``children`` children, each with a journal of about ``days`` days ending at ``end``.

    Written through :class:`JournalService`: ``save_child``, then ``save_day`` per day, or for
    big journals (``batch`` None: more than :data:`BATCH_ABOVE_DAYS` days) :func:`save_new_days`.
    The same ``seed`` gives the same journal. Returns the saved profiles.
    """
    if days < 1 or children < 1:
        raise ValueError("children and days must be at least 1")
    if isinstance(context_or_engine, JournalContext):
        today: Callable[[], date] = context_or_engine.today
        last = end or today()
        engine = context_or_engine.engine
    else:
        last = end or date.today()
        today = lambda: last  # noqa: E731
        engine = context_or_engine
    service = JournalService(engine, today)
    rng = random.Random(seed)
    use_batch = batch if batch is not None else children * days > BATCH_ABOVE_DAYS
    saved: list[ChildProfile] = []
    for index, profile in enumerate(_children(children, days, last, rng)):
        if names is not None and index < len(names):
            profile = ChildProfile(names[index], profile.birth_date, profile.due_date)
        child = service.save_child(profile)
        first = last - timedelta(days=days - 1)
        entries = _child_days(random.Random(rng.random()), child, first, last, index == 0)
        if use_batch:
            save_new_days(service, child, list(entries))
        else:
            for entry in entries:
                service.save_day(entry)
        saved.append(child)
    return saved


def write_sample_journal(data_dir: Path, today: date | None = None) -> None:
    """Create the sample journal in ``data_dir``: one sample child, about six months of days
    ending ``today`` (the real date when not given)."""
    from journal_app.paths import JournalPaths
    from journal_app.services.context import open_context

    last = today or date.today()
    context = open_context(JournalPaths(data_dir), lambda: last, is_sample=True)
    try:
        generate_journal(context, days=SAMPLE_DAYS, names=[translate(SAMPLE_CHILD_NAME)])
    finally:
        context.close()
