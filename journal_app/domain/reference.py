"""Reference figures: WHO windows of achievement, CDC movement checkpoints, tummy-time guidance.

Figures are exactly as published; see ``../shared/DOMAIN.md`` and the sources named below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.i18n import N_

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile

#: The sources, marked for translation: callers show them with ``i18n.translate(...)`` (the WHO
#: study keeps its published English title; the CDC programme and the WHO 2019 guideline have
#: official Spanish titles).
WHO_WINDOWS_SOURCE = N_(
    "WHO Multicentre Growth Reference Study Group. WHO Motor Development Study: windows of "
    "achievement for six gross motor development milestones. Acta Paediatrica Suppl "
    "2006;450:86-95. doi:10.1111/j.1651-2227.2006.tb02379.x"
)
WHO_WINDOWS_SOURCE_SHORT = N_("WHO Motor Development Study, Acta Paediatrica Suppl 2006;450:86-95")
CDC_SOURCE = N_('CDC "Learn the Signs. Act Early." milestone checklists (2022 revision)')
WHO_TUMMY_SOURCE = N_(
    "WHO guidelines on physical activity, sedentary behaviour and sleep for children under 5 "
    "years of age (2019)"
)

#: WHO: infants not yet mobile, at least 30 minutes a day on the tummy.
WHO_TUMMY_MINUTES_PER_DAY = 30
#: Forward crawling usually starts between these ages (months).
FORWARD_CRAWL_TYPICAL_MONTHS = (7, 10)
#: Backward crawling as the main movement past this age is worth mentioning to the doctor.
BACKWARD_CRAWL_CONCERN_MONTHS = 12


@dataclass(frozen=True)
class WhoWindow:
    """The 1st to 99th percentile ages (months) at which children achieved a milestone."""

    milestone: Milestone
    p1_months: float
    p99_months: float


WHO_WINDOWS: tuple[WhoWindow, ...] = (
    WhoWindow(Milestone.SITTING_WITHOUT_SUPPORT, 3.8, 9.2),
    WhoWindow(Milestone.STANDING_WITH_ASSISTANCE, 4.8, 11.4),
    WhoWindow(Milestone.HANDS_AND_KNEES_CRAWLING, 5.2, 13.5),
    WhoWindow(Milestone.WALKING_WITH_ASSISTANCE, 5.9, 13.7),
    WhoWindow(Milestone.STANDING_ALONE, 6.9, 16.9),
    WhoWindow(Milestone.WALKING_ALONE, 8.2, 17.6),
)

WHO_WINDOW_BY_MILESTONE: dict[Milestone, WhoWindow] = {w.milestone: w for w in WHO_WINDOWS}


@dataclass(frozen=True)
class CdcCheckpoint:
    """A CDC checklist movement item: most children (75% or more) do it by ``months``. The
    ``wording`` is English, marked for translation: show it with ``i18n.translate(wording)``."""

    months: int
    milestone: Milestone
    wording: str


CDC_CHECKPOINTS: tuple[CdcCheckpoint, ...] = (
    CdcCheckpoint(6, Milestone.ROLLS_TUMMY_TO_BACK, N_("rolls from tummy to back")),
    CdcCheckpoint(
        6, Milestone.PUSHES_UP_ON_ARMS, N_("pushes up on straight arms when on the tummy")
    ),
    CdcCheckpoint(6, Milestone.LEANS_ON_HANDS_SITTING, N_("leans on hands when sitting")),
    CdcCheckpoint(9, Milestone.GETS_TO_SITTING, N_("gets to a sitting position alone")),
    CdcCheckpoint(9, Milestone.SITTING_WITHOUT_SUPPORT, N_("sits without support")),
    CdcCheckpoint(12, Milestone.PULLS_TO_STAND, N_("pulls up to stand")),
    CdcCheckpoint(12, Milestone.CRUISING, N_("walks holding on to furniture")),
    CdcCheckpoint(15, Milestone.FIRST_STEPS_ALONE, N_("takes a few steps alone")),
    CdcCheckpoint(18, Milestone.WALKING_ALONE, N_("walks without holding on")),
)


# -- what a journal shows was reached ------------------------------------------------------------

#: A movement logged on a day shows the matching milestone was reached by that day.
MOVEMENT_SHOWS_MILESTONE: dict[MovementStyle, Milestone] = {
    MovementStyle.ROLLING: Milestone.ROLLS_TUMMY_TO_BACK,
    MovementStyle.FORWARD: Milestone.HANDS_AND_KNEES_CRAWLING,
    MovementStyle.PULLING_TO_STAND: Milestone.PULLS_TO_STAND,
    MovementStyle.CRUISING: Milestone.CRUISING,
    MovementStyle.WALKING_WITH_HELP: Milestone.WALKING_WITH_ASSISTANCE,
    MovementStyle.WALKING_ALONE: Milestone.WALKING_ALONE,
}
#: A milestone reached shows these were within the child's reach by then too (applied in turn:
#: walking alone shows standing alone, which shows sitting). Only where the later one needs the
#: earlier ability, so that a child who walks is not asked whether she can stand with help.
MILESTONE_IMPLIES: dict[Milestone, tuple[Milestone, ...]] = {
    Milestone.WALKING_ALONE: (
        Milestone.FIRST_STEPS_ALONE,
        Milestone.STANDING_ALONE,
        Milestone.WALKING_WITH_ASSISTANCE,
        Milestone.CRUISING,
        Milestone.PULLS_TO_STAND,
    ),
    Milestone.FIRST_STEPS_ALONE: (Milestone.STANDING_ALONE,),
    Milestone.STANDING_ALONE: (
        Milestone.STANDING_WITH_ASSISTANCE,
        Milestone.SITTING_WITHOUT_SUPPORT,
        Milestone.GETS_TO_SITTING,
    ),
    Milestone.WALKING_WITH_ASSISTANCE: (Milestone.STANDING_WITH_ASSISTANCE,),
    Milestone.CRUISING: (Milestone.STANDING_WITH_ASSISTANCE,),
    Milestone.PULLS_TO_STAND: (Milestone.STANDING_WITH_ASSISTANCE,),
    Milestone.HANDS_AND_KNEES_CRAWLING: (Milestone.PUSHES_UP_ON_ARMS,),
    Milestone.GETS_TO_SITTING: (Milestone.SITTING_WITHOUT_SUPPORT,),
    Milestone.SITTING_WITHOUT_SUPPORT: (Milestone.LEANS_ON_HANDS_SITTING,),
}


def milestones_reached(
    recorded: Mapping[Milestone, date], first_seen: Mapping[MovementStyle, date]
) -> dict[Milestone, date]:
    """When each milestone was reached, at the latest: the date recorded, else the first day a
    movement showing it was logged, else the date of a later milestone that needs it (applied
    in turn: walking alone shows standing alone, which shows sitting)."""
    result = dict(recorded)
    for style, day in first_seen.items():
        milestone = MOVEMENT_SHOWS_MILESTONE.get(style)
        if milestone is not None and day < result.get(milestone, date.max):
            result[milestone] = day
    changed = True
    while changed:  # until nothing more follows (the table is short and has no cycles)
        changed = False
        for later, earlier_ones in MILESTONE_IMPLIES.items():
            if later not in result:
                continue
            for earlier in earlier_ones:
                if result[later] < result.get(earlier, date.max):
                    result[earlier] = result[later]
                    changed = True
    return result


def milestones_to_ask(child: ChildProfile, on: date) -> list[Milestone]:
    """The milestones to ask a parent about ("What can ... already do?") for the child's age on
    ``on`` (corrected where it applies): the WHO ones whose window has opened and the CDC ones
    whose checklist age has come, in the order of the milestones."""
    months = child.age_on(on).for_milestones.decimal_months
    due = {w.milestone for w in WHO_WINDOWS if months >= w.p1_months}
    due |= {c.milestone for c in CDC_CHECKPOINTS if months >= c.months}
    return [m for m in Milestone if m in due]
