"""Writing journal days (through the ORM); reading them is :mod:`journal_app.storage.reads`.

:func:`day_columns`, :func:`movement_columns` and :func:`sign_columns` are the one place a
:class:`~journal_app.domain.entries.DayEntry` is turned into rows: saving a day, writing many new
days at once (the sample journal, the benchmarks) and the import merge all use them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from journal_app.domain.entries import MILESTONE_REACHED, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.storage.models import DayRow, MilestoneRow, MovementRow, WarningSignRow, utc_now
from journal_app.storage.share_repository import tracked
from journal_app.storage.transaction import transaction

# -- a day into rows ------------------------------------------------------------------------------


def day_columns(entry: DayEntry) -> dict[str, Any]:
    """The ``journal_day`` columns of a day (its movements, signs and milestones are rows of
    their own)."""
    return {
        "tummy_minutes": entry.tummy_minutes,
        "floor_surface": entry.floor.value if entry.floor else None,
        "notes": entry.notes,
        "questions": entry.questions,
        "notes_in_summary": entry.notes_in_summary,
    }


def movement_columns(style: MovementStyle, count: MovementCount) -> dict[str, Any]:
    return {"style": style.value, "episodes": count.episodes, "minutes": count.minutes}


def sign_columns(sign: WarningSignEntry) -> dict[str, Any]:
    return {
        "sign": sign.sign.value,
        "side": sign.side.value if sign.side else None,
        "note": sign.note,
    }


def new_day_row(entry: DayEntry, **tracked: Any) -> DayRow:
    """A new row for the day with its movements and signs (``tracked``: uuid and times, when
    they come from elsewhere, as on import)."""
    row = DayRow(child_id=entry.child_id, day=entry.day, **day_columns(entry), **tracked)
    row.movements = [MovementRow(**movement_columns(s, c)) for s, c in entry.movements.items()]
    row.warning_signs = [WarningSignRow(**sign_columns(w)) for w in entry.warning_signs]
    return row


# -- saving -----------------------------------------------------------------------------------------


class MilestoneClash(Exception):
    """Milestones of the day already recorded on other days: (milestone, the day it is on)."""

    def __init__(self, clashes: list[tuple[Milestone, date]]) -> None:
        super().__init__(clashes)
        self.clashes = clashes


class ChildHasDays(Exception):
    """:func:`save_new_days` was given a child that already has days or milestones."""


def save_day(engine: Engine, entry: DayEntry) -> None:
    """Store the day (replacing what was there); an entry with nothing in it removes the day.

    Raises :class:`MilestoneClash` (nothing written) when one of its milestones is recorded on
    another day.
    """
    with transaction(engine) as s, tracked(s):
        recorded = {
            kind: on
            for kind, on in s.execute(
                select(MilestoneRow.kind, MilestoneRow.achieved_on).where(
                    MilestoneRow.child_id == entry.child_id
                )
            ).all()
            if on is not None  # an answer without a day gives way to the tick
        }
        clashes = [
            (m, recorded[m.value])
            for m in entry.milestones
            if m.value in recorded and recorded[m.value] != entry.day
        ]
        if clashes:
            raise MilestoneClash(clashes)
        _write_milestones(s, entry)
        row = s.scalar(
            select(DayRow).where(DayRow.child_id == entry.child_id, DayRow.day == entry.day)
        )
        if entry.is_empty:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            s.add(new_day_row(entry))
            return
        for key, value in day_columns(entry).items():
            setattr(row, key, value)
        _write_movements(row, entry)
        _write_signs(row, entry)
        row.updated_at = utc_now()  # the day changed even if only its observations did


def _write_milestones(s: Session, entry: DayEntry) -> None:
    existing = {
        r.kind: r
        for r in s.scalars(
            select(MilestoneRow).where(
                MilestoneRow.child_id == entry.child_id, MilestoneRow.achieved_on == entry.day
            )
        )
    }
    wanted = {m.value for m in entry.milestones}
    for kind, r in existing.items():
        if kind not in wanted:
            s.delete(r)
    # A milestone the parent answered without a day ("yes, date not known" or "not yet") that
    # is now ticked on this day: the tick is what the journal knows, it takes the row over.
    undated = {
        r.kind: r
        for r in s.scalars(
            select(MilestoneRow).where(
                MilestoneRow.child_id == entry.child_id, MilestoneRow.achieved_on.is_(None)
            )
        )
    }
    for kind in wanted - existing.keys():
        row = undated.get(kind)
        if row is not None:
            row.achieved_on, row.status = entry.day, MILESTONE_REACHED
        else:
            s.add(MilestoneRow(child_id=entry.child_id, kind=kind, achieved_on=entry.day))


def _write_movements(row: DayRow, entry: DayEntry) -> None:
    """Update the day's movement rows in place: unchanged ones keep their UUID and times."""
    by_style = {m.style: m for m in row.movements}
    keep = {s.value: movement_columns(s, c) for s, c in entry.movements.items()}
    for style, gone in by_style.items():
        if style not in keep:
            row.movements.remove(gone)
    for style, columns in keep.items():
        existing = by_style.get(style)
        if existing is None:
            row.movements.append(MovementRow(**columns))
        elif (existing.episodes, existing.minutes) != (columns["episodes"], columns["minutes"]):
            existing.episodes, existing.minutes = columns["episodes"], columns["minutes"]


def _write_signs(row: DayRow, entry: DayEntry) -> None:
    by_sign = {w.sign: w for w in row.warning_signs}
    keep = {w.sign.value: sign_columns(w) for w in entry.warning_signs}
    for sign, gone in by_sign.items():
        if sign not in keep:
            row.warning_signs.remove(gone)
    for sign, columns in keep.items():
        existing = by_sign.get(sign)
        if existing is None:
            row.warning_signs.append(WarningSignRow(**columns))
        elif (existing.side, existing.note) != (columns["side"], columns["note"]):
            existing.side, existing.note = columns["side"], columns["note"]


def save_new_days(engine: Engine, child_id: int, entries: Sequence[DayEntry]) -> None:
    """Write many days of a child with no days yet in one transaction, row for row as
    :func:`save_day` would (empty entries are skipped, their milestones kept); raises
    :class:`ChildHasDays` if the child already has days or milestones."""
    with transaction(engine) as s, tracked(s):
        held = s.scalar(select(func.count()).where(DayRow.child_id == child_id))
        held_milestones = s.scalar(select(func.count()).where(MilestoneRow.child_id == child_id))
        if held or held_milestones:
            raise ChildHasDays(child_id)
        for entry in entries:
            for milestone in entry.milestones:
                s.add(MilestoneRow(child_id=child_id, kind=milestone.value, achieved_on=entry.day))
            if not entry.is_empty:
                s.add(new_day_row(entry))


# -- delete and undo --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeletedDay:
    """Everything a deleted day held, to put it back exactly (same UUIDs) on undo."""

    child_id: int
    day: date
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class DayRecordedAgain(Exception):
    """The deleted day has been recorded again since."""


class MilestoneRecordedSince(Exception):
    """One of the deleted day's milestones has been recorded on another day since."""

    def __init__(self, milestone: Milestone, on: date) -> None:
        super().__init__(milestone, on)
        self.milestone = milestone
        self.on = on


class JournalChangedSince(Exception):
    """Something else recorded since stands in the way of putting the day back."""


def _columns(row: Any, *, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def delete_day(engine: Engine, child_id: int, day: date) -> DeletedDay:
    """Remove a day (with its milestones); the returned snapshot puts it back with
    :func:`restore_day`."""
    with transaction(engine) as s, tracked(s):
        rows: dict[str, list[dict[str, Any]]] = {
            "milestone": [],
            "day": [],
            "movement": [],
            "sign": [],
        }
        for m in s.scalars(
            select(MilestoneRow).where(
                MilestoneRow.child_id == child_id, MilestoneRow.achieved_on == day
            )
        ):
            rows["milestone"].append(_columns(m))
            s.delete(m)
        row = s.scalar(select(DayRow).where(DayRow.child_id == child_id, DayRow.day == day))
        if row is not None:
            rows["day"].append(_columns(row))
            rows["movement"] = [_columns(m, skip=("id", "day_id")) for m in row.movements]
            rows["sign"] = [_columns(w, skip=("id", "day_id")) for w in row.warning_signs]
            s.delete(row)
    return DeletedDay(child_id, day, rows)


def restore_day(engine: Engine, deleted: DeletedDay) -> None:
    """Put a day removed by :func:`delete_day` back, all or nothing.

    Raises (changing nothing) :class:`DayRecordedAgain`, :class:`MilestoneRecordedSince` or
    :class:`JournalChangedSince`: what is in the journal now stays.
    """
    child_id, day = deleted.child_id, deleted.day
    milestones = deleted.rows.get("milestone", [])
    with transaction(engine) as s, tracked(s):
        if deleted.rows.get("day") and s.scalar(
            select(DayRow.id).where(DayRow.child_id == child_id, DayRow.day == day)
        ):
            raise DayRecordedAgain(day)
        kinds = [values["kind"] for values in milestones]
        clash = s.execute(
            select(MilestoneRow.kind, MilestoneRow.achieved_on).where(
                MilestoneRow.child_id == child_id,
                MilestoneRow.kind.in_(kinds),
                MilestoneRow.achieved_on.is_not(None),
            )
        ).first()
        if clash is not None:
            raise MilestoneRecordedSince(Milestone(clash.kind), clash.achieved_on)
        for values in milestones:
            s.add(MilestoneRow(**values))
        for values in deleted.rows.get("day", []):
            day_row = DayRow(**values)
            day_row.movements = [MovementRow(**v) for v in deleted.rows.get("movement", [])]
            day_row.warning_signs = [WarningSignRow(**v) for v in deleted.rows.get("sign", [])]
            s.add(day_row)
        try:
            s.flush()
        except IntegrityError as exc:  # anything else in its way: nothing is written
            raise JournalChangedSince(day) from exc
