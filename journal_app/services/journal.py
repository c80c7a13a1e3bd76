"""The journal use cases: children's profiles, saving and loading a day, the recent-days list.

Input is checked by the domain rules before anything is written; a failed check raises
:class:`ValidationFailed` and changes nothing. The queries are storage's
(:mod:`journal_app.storage.reads`, ``storage/children.py``, ``storage/days.py``); the wording of
what is refused is here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from journal_app.domain.dates import format_date
from journal_app.domain.entries import ChildProfile, DayEntry, DaySummaryRow, MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.domain.errors import ChildNotFound as ChildNotFound  # re-exported
from journal_app.domain.reference import milestones_to_ask
from journal_app.domain.validation import (
    FieldError,
    ValidationFailed,
    validate_child,
    validate_day,
)
from journal_app.i18n import translate
from journal_app.services import messages
from journal_app.storage import children as child_store
from journal_app.storage import days as day_store
from journal_app.storage.days import DeletedDay as DeletedDay  # re-exported (the UI's undo)
from journal_app.storage.reads import JournalReader

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine


class RestoreRefused(Exception):
    """A deleted day cannot be put back: what was recorded since takes its place (nothing changed)."""


def days_before_birth_error(first_day: date) -> FieldError:
    return FieldError(
        "birth_date", translate(messages.DAYS_BEFORE_BIRTH).format(first=format_date(first_day))
    )


def milestone_clash_error(clash: day_store.MilestoneClash) -> ValidationFailed:
    return ValidationFailed(
        [
            FieldError(
                "milestones",
                translate(messages.MILESTONE_ALREADY_RECORDED).format(
                    milestone=m.label, on=format_date(on)
                ),
            )
            for m, on in clash.clashes
        ]
    )


class JournalService:
    """Children and their journal days, over one journal file."""

    def __init__(self, engine: Engine, today: Callable[[], date] = date.today) -> None:
        self.engine = engine
        self.today = today
        #: The reads, in plain SQL (shared with the first screen, which runs before SQLAlchemy).
        self.reads = JournalReader.for_engine(engine)

    # -- children -------------------------------------------------------------------------

    def list_children(self) -> list[ChildProfile]:
        return self.reads.list_children()

    def get_child(self, child_id: int) -> ChildProfile:
        return self.reads.get_child(child_id)

    def find_child(self, name: str) -> ChildProfile | None:
        """The child with this name (case-insensitive), if exactly one matches."""
        matches = [c for c in self.list_children() if c.name.casefold() == name.strip().casefold()]
        return matches[0] if len(matches) == 1 else None

    def save_child(self, profile: ChildProfile) -> ChildProfile:
        """Add a child (``id`` None) or update one; returns the stored profile."""
        errors = validate_child(profile, self.today())
        if errors:
            raise ValidationFailed(errors)
        try:
            child_id = child_store.save_child(self.engine, profile)
        except child_store.DaysBeforeBirth as exc:
            raise ValidationFailed([days_before_birth_error(exc.first_day)]) from None
        return self.reads.get_child(child_id)

    def count_days(self, child_id: int) -> int:
        return self.reads.count_days(child_id)

    # -- what the child can already do ----------------------------------------------------

    def milestones_to_ask(self, child: ChildProfile, on: date | None = None) -> list[Milestone]:
        """:func:`~journal_app.domain.reference.milestones_to_ask` on ``on`` (today)."""
        return milestones_to_ask(child, on or self.today())

    def milestone_answers(self, child_id: int) -> list[MilestoneAnswer]:
        """What is stored for each milestone of the child, as the parent's answers."""
        return self.reads.milestone_answers(child_id)

    def save_milestone_answers(
        self, child_id: int, answers: list[MilestoneAnswer], asked: list[Milestone]
    ) -> None:
        """Store "what can the child already do?" (see ``storage.children``); a day before the
        birth date or after today is refused and nothing is saved."""
        errors = self.milestone_answer_errors(self.reads.get_child(child_id), answers)
        if errors:
            raise ValidationFailed(errors)
        child_store.save_milestone_answers(self.engine, child_id, answers, asked)

    def milestone_answer_errors(
        self, child: ChildProfile, answers: list[MilestoneAnswer]
    ) -> list[FieldError]:
        """What is wrong with the answers for ``child`` (a day before birth or after today), so
        a form can check them before it saves the child itself."""
        today = self.today()
        return [
            FieldError(
                f"milestone:{a.milestone.value}",
                translate(messages.MILESTONE_ANSWER_DATE).format(
                    milestone=a.milestone.label,
                    born=format_date(child.birth_date),
                    today=format_date(today),
                ),
            )
            for a in answers
            if a.on is not None and not child.birth_date <= a.on <= today
        ]

    def delete_child(self, child_id: int) -> None:
        child_store.delete_child(self.engine, child_id)

    # -- days -----------------------------------------------------------------------------

    def load_day(self, child_id: int, day: date) -> DayEntry:
        """The day as stored, or an empty entry for a day with nothing recorded."""
        return self.reads.load_day(child_id, day)

    def save_day(self, entry: DayEntry) -> None:
        """Store the day (replacing what was there); an entry with nothing in it removes the day."""
        child = self.get_child(entry.child_id)
        errors = validate_day(entry, child, self.today())
        if errors:
            raise ValidationFailed(errors)
        try:
            day_store.save_day(self.engine, entry)
        except day_store.MilestoneClash as clash:
            raise milestone_clash_error(clash) from None

    def recent_days(self, child_id: int, limit: int | None = None) -> list[DaySummaryRow]:
        """One summary line per recorded day, newest first."""
        return self.reads.recent_days(child_id, limit)

    def delete_day(self, child_id: int, day: date) -> DeletedDay:
        """Remove a day (with its milestones); the returned snapshot puts it back with :meth:`restore_day`."""
        return day_store.delete_day(self.engine, child_id, day)

    def restore_day(self, deleted: DeletedDay) -> None:
        """Put a day removed by :meth:`delete_day` back, all or nothing.

        Raises :class:`RestoreRefused` (and changes nothing) when the day was recorded again since,
        or one of its milestones was recorded on another day: what is in the journal now stays.
        """
        day = deleted.day
        try:
            day_store.restore_day(self.engine, deleted)
        except day_store.DayRecordedAgain:
            raise RestoreRefused(
                translate(messages.DAY_RECORDED_AGAIN).format(day=format_date(day))
            ) from None
        except day_store.MilestoneRecordedSince as exc:
            raise RestoreRefused(
                translate(messages.MILESTONE_RECORDED_SINCE).format(
                    milestone=exc.milestone.label, on=format_date(exc.on)
                )
            ) from None
        except day_store.JournalChangedSince as exc:
            raise RestoreRefused(
                translate(messages.DAY_NOT_PUT_BACK).format(day=format_date(day))
            ) from exc
