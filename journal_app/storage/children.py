"""Writing children's profiles (through the ORM); reading them is :mod:`journal_app.storage.reads`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, delete, func, select

from journal_app.domain.entries import ChildProfile
from journal_app.storage.errors import ChildNotFound
from journal_app.storage.models import ChildRow, DayRow
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
    with transaction(engine) as s:
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
    with transaction(engine) as s:
        s.execute(delete(ChildRow).where(ChildRow.id == child_id))
