"""The journal's records as plain dataclasses, shared by services, the UI and the importers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal_app.domain.ages import ChildAge, child_age, corrected_age_applies
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign


@dataclass(frozen=True)
class ChildProfile:
    """A child whose movement is journalled. ``id`` is None until saved."""

    name: str
    birth_date: date
    due_date: date | None = None
    id: int | None = None
    uuid: str | None = None

    def age_on(self, on: date) -> ChildAge:
        return child_age(self.birth_date, self.due_date, on)

    def corrected_age_applies(self, on: date) -> bool:
        return corrected_age_applies(self.birth_date, self.due_date, on)


@dataclass(frozen=True)
class MovementCount:
    """A movement style seen on a day, with how often (episodes) and/or how long (minutes),
    either of which may be left out when the parent did not count."""

    episodes: int | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class WarningSignEntry:
    sign: WarningSign
    side: Side | None = None
    note: str = ""


@dataclass
class DayEntry:
    """Everything recorded for one child on one date."""

    child_id: int
    day: date
    #: The styles seen that day; a style not in the dict was not seen.
    movements: dict[MovementStyle, MovementCount] = field(default_factory=dict)
    tummy_minutes: int | None = None
    floor: FloorSurface | None = None
    milestones: list[Milestone] = field(default_factory=list)
    warning_signs: list[WarningSignEntry] = field(default_factory=list)
    notes: str = ""
    questions: str = ""
    notes_in_summary: bool = False

    @property
    def is_empty(self) -> bool:
        """True when nothing at all is recorded (an empty day is not stored)."""
        return (
            not self.movements
            and self.tummy_minutes is None
            and self.floor is None
            and not self.milestones
            and not self.warning_signs
            and not self.notes
            and not self.questions
        )


#: How a milestone is stored: reached (with a day, or on a day not known) or not reached yet.
MILESTONE_REACHED = "reached"
MILESTONE_NOT_REACHED = "not_reached"
MILESTONE_STATUSES = (MILESTONE_REACHED, MILESTONE_NOT_REACHED)


@dataclass(frozen=True)
class MilestoneAnswer:
    """The parent's answer to "what can the child already do?" for one milestone: reached on
    about ``on``, reached on a day not known (``on`` None), or not reached yet."""

    milestone: Milestone
    reached: bool
    on: date | None = None

    def __post_init__(self) -> None:
        if not self.reached and self.on is not None:
            raise ValueError("a milestone not reached has no date")


@dataclass(frozen=True)
class DaySummaryRow:
    """One line of the recent-days list."""

    day: date
    summary: str
    notes: str
    tummy_minutes: int | None
    has_warning_signs: bool
