"""Writing children's profiles (through the ORM); reading them is :mod:`journal_app.storage.reads`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine, delete, func, select

from journal_app.domain.entries import (
    MILESTONE_NOT_REACHED,
    MILESTONE_REACHED,
    ChildProfile,
    MilestoneAnswer,
)
from journal_app.domain.enums import Milestone
from journal_app.storage.errors import ChildNotFound
from journal_app.storage.models import ChildRow, DayRow, MilestoneRow
from journal_app.storage.share_repository import tracked
from journal_app.storage.transaction import transaction


class DaysBeforeBirth(Exception):
    """The new birth date comes after days already in the journal (nothing was changed)."""

    def __init__(self, first_day: date) -> None:
        super().__init__(first_day)
        self.first_day = first_day


def save_child(engine: Engine, profile: ChildProfile) -> int:
    """Add the child (``id`` None) or update it, name stripped; returns its id.

    Raises :class:`ChildNotFound` for an id that is not there and :class:`DaysBeforeBirth` when
    the journal has days before the new birth date.
    """
    with transaction(engine) as s, tracked(s):
        if profile.id is None:
            row = ChildRow(
                name=profile.name.strip(), birth_date=profile.birth_date, due_date=profile.due_date
            )
            s.add(row)
        else:
            found = s.get(ChildRow, profile.id)
            if found is None:
                raise ChildNotFound(profile.id)
            row = found
            first_day = s.scalar(select(func.min(DayRow.day)).where(DayRow.child_id == row.id))
            if first_day is not None and first_day < profile.birth_date:
                raise DaysBeforeBirth(first_day)
            row.name = profile.name.strip()
            row.birth_date = profile.birth_date
            row.due_date = profile.due_date
        s.flush()
        return row.id


def delete_child(engine: Engine, child_id: int) -> None:
    """Remove the child and everything recorded for it (nothing happens for an unknown id)."""
    with transaction(engine) as s, tracked(s):
        s.execute(delete(ChildRow).where(ChildRow.id == child_id))


def save_milestone_answers(
    engine: Engine, child_id: int, answers: Iterable[MilestoneAnswer], asked: Iterable[Milestone]
) -> None:
    """Store the parent's answers to "what can the child already do?" for the milestones
    ``asked``: each answer replaces that milestone's row (a tick on a journal day included); a
    milestone asked but left unanswered loses an earlier answer that had no day (an undated
    "yes" or a "not yet"); a dated milestone stays. Raises :class:`ChildNotFound`."""
    by_milestone = {a.milestone: a for a in answers}
    with transaction(engine) as s, tracked(s):
        if s.get(ChildRow, child_id) is None:
            raise ChildNotFound(child_id)
        rows = {
            r.kind: r
            for r in s.scalars(select(MilestoneRow).where(MilestoneRow.child_id == child_id))
        }
        for milestone in set(asked) | by_milestone.keys():
            row = rows.get(milestone.value)
            answer = by_milestone.get(milestone)
            if answer is None:
                if row is not None and row.achieved_on is None:
                    s.delete(row)
                continue
            status = MILESTONE_REACHED if answer.reached else MILESTONE_NOT_REACHED
            if row is None:
                s.add(
                    MilestoneRow(
                        child_id=child_id,
                        kind=milestone.value,
                        achieved_on=answer.on,
                        status=status,
                    )
                )
            elif (row.achieved_on, row.status) != (answer.on, status):
                row.achieved_on, row.status = answer.on, status
