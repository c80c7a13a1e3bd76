"""The journal's own days as the import's merge compares them: plain values, not ORM objects.

Loading every day of a big journal as ORM objects (with their movements and warning signs) took
over a gigabyte when a whole journal was imported again (issue 13, point 12); the merge needs only
these values to plan, and loads as an ORM object only a day it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal_app.storage.models import DayRow, MovementRow, WarningSignRow


@dataclass(slots=True, eq=False)
class LocalDay:
    """A day of this journal: its keys, its values and those of its movements and signs."""

    id: int
    uuid: str
    child_id: int
    day: date
    updated_at: datetime
    #: (tummy_minutes, floor_surface, notes, questions, notes_in_summary), as ``InDay.values``.
    values: tuple[Any, ...]
    #: (style, episodes, minutes) of each movement, as ``InMovement.values``.
    movements: list[tuple[Any, ...]] = field(default_factory=list)
    #: (sign, side, note) of each warning sign, as ``InSign.values``.
    signs: list[tuple[Any, ...]] = field(default_factory=list)
    movement_uuids: list[str] = field(default_factory=list)
    sign_uuids: list[str] = field(default_factory=list)


def local_days(s: Session) -> list[LocalDay]:
    """Every day of the journal, with its movements and warning signs (three plain queries)."""
    days: dict[int, LocalDay] = {}
    for row in s.execute(
        select(
            DayRow.id,
            DayRow.uuid,
            DayRow.child_id,
            DayRow.day,
            DayRow.updated_at,
            DayRow.tummy_minutes,
            DayRow.floor_surface,
            DayRow.notes,
            DayRow.questions,
            DayRow.notes_in_summary,
        )
    ):
        days[row[0]] = LocalDay(
            row[0], row[1], row[2], row[3], row[4], (row[5], row[6], row[7], row[8], bool(row[9]))
        )
    for day_id, uuid, *values in s.execute(
        select(
            MovementRow.day_id,
            MovementRow.uuid,
            MovementRow.style,
            MovementRow.episodes,
            MovementRow.minutes,
        )
    ):
        days[day_id].movements.append(tuple(values))
        days[day_id].movement_uuids.append(uuid)
    for day_id, uuid, *values in s.execute(
        select(
            WarningSignRow.day_id,
            WarningSignRow.uuid,
            WarningSignRow.sign,
            WarningSignRow.side,
            WarningSignRow.note,
        )
    ):
        days[day_id].signs.append(tuple(values))
        days[day_id].sign_uuids.append(uuid)
    return list(days.values())
