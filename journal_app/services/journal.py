"""The journal use cases: children's profiles, saving and loading a day, the recent-days list.

Every method is one short transaction. Input is checked by the domain rules before anything is
written; a failed check raises :class:`ValidationFailed` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError

from journal_app.domain.dates import format_date
from journal_app.domain.entries import (
    ChildProfile,
    DayEntry,
    DaySummaryRow,
)
from journal_app.domain.enums import Milestone
from journal_app.domain.errors import ChildNotFound as ChildNotFound  # re-exported
from journal_app.domain.validation import (
    FieldError,
    ValidationFailed,
    validate_child,
    validate_day,
)
from journal_app.services.transaction import transaction
from journal_app.storage.models import (
    ChildRow,
    DayRow,
    MilestoneRow,
    MovementRow,
    WarningSignRow,
    utc_now,
)
from journal_app.storage.reads import JournalReader


@dataclass(frozen=True)
class DeletedDay:
    """Everything a deleted day held, to put it back exactly (same UUIDs) on undo."""

    child_id: int
    day: date
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class RestoreRefused(Exception):
    """A deleted day cannot be put back: what was recorded since takes its place (nothing changed)."""


def _columns(row: Any, *, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def _to_profile(row: ChildRow) -> ChildProfile:
    return ChildProfile(
        name=row.name, birth_date=row.birth_date, due_date=row.due_date, id=row.id, uuid=row.uuid
    )


class JournalService:
    """Children and their journal days, over one journal file."""

    def __init__(self, engine: Engine, today: Callable[[], date] = date.today) -> None:
        self.engine = engine
        self.today = today
        #: The reads, in plain SQL (shared with the first screen, which runs before SQLAlchemy).
        self.reads = JournalReader(Path(str(engine.url.database)))

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
        with transaction(self.engine) as s:
            if profile.id is None:
                row = ChildRow(
                    name=profile.name.strip(),
                    birth_date=profile.birth_date,
                    due_date=profile.due_date,
                )
                s.add(row)
            else:
                found = s.get(ChildRow, profile.id)
                if found is None:
                    raise ChildNotFound(profile.id)
                row = found
                first_day = s.scalar(select(func.min(DayRow.day)).where(DayRow.child_id == row.id))
                if first_day is not None and first_day < profile.birth_date:
                    raise ValidationFailed(
                        [
                            FieldError(
                                "birth_date",
                                f"The journal has days from {format_date(first_day)}, before this birth date.",
                            )
                        ]
                    )
                row.name = profile.name.strip()
                row.birth_date = profile.birth_date
                row.due_date = profile.due_date
            s.flush()
            return _to_profile(row)

    def count_days(self, child_id: int) -> int:
        return self.reads.count_days(child_id)

    def delete_child(self, child_id: int) -> None:
        with transaction(self.engine) as s:
            s.execute(delete(ChildRow).where(ChildRow.id == child_id))

    # -- days -----------------------------------------------------------------------------

    def milestones(self, child_id: int) -> dict[Milestone, date]:
        return self.reads.milestones(child_id)

    def load_day(self, child_id: int, day: date) -> DayEntry:
        """The day as stored, or an empty entry for a day with nothing recorded."""
        return self.reads.load_day(child_id, day)

    def save_day(self, entry: DayEntry) -> None:
        """Store the day (replacing what was there); an entry with nothing in it removes the day."""
        child = self.get_child(entry.child_id)
        errors = validate_day(entry, child, self.today())
        if errors:
            raise ValidationFailed(errors)
        with transaction(self.engine) as s:
            recorded = dict(
                s.execute(
                    select(MilestoneRow.kind, MilestoneRow.achieved_on).where(
                        MilestoneRow.child_id == entry.child_id
                    )
                ).all()
            )
            clashes = [
                FieldError(
                    "milestones",
                    f"{m.label} was already recorded on {format_date(recorded[m.value])}.",
                )
                for m in entry.milestones
                if m.value in recorded and recorded[m.value] != entry.day
            ]
            if clashes:
                raise ValidationFailed(clashes)
            self._write_milestones(s, entry)
            row = s.scalar(
                select(DayRow).where(DayRow.child_id == entry.child_id, DayRow.day == entry.day)
            )
            if entry.is_empty:
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                row = DayRow(child_id=entry.child_id, day=entry.day)
                s.add(row)
            row.tummy_minutes = entry.tummy_minutes
            row.floor_surface = entry.floor.value if entry.floor else None
            row.notes = entry.notes
            row.questions = entry.questions
            row.notes_in_summary = entry.notes_in_summary
            self._write_movements(row, entry)
            self._write_signs(row, entry)
            row.updated_at = utc_now()  # the day changed even if only its observations did

    @staticmethod
    def _write_milestones(s: Any, entry: DayEntry) -> None:
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
        for kind in wanted - existing.keys():
            s.add(MilestoneRow(child_id=entry.child_id, kind=kind, achieved_on=entry.day))

    @staticmethod
    def _write_movements(row: DayRow, entry: DayEntry) -> None:
        by_style = {m.style: m for m in row.movements}
        keep = {s.value: c for s, c in entry.movements.items()}
        for style, gone in by_style.items():
            if style not in keep:
                row.movements.remove(gone)
        for style, count in keep.items():
            existing = by_style.get(style)
            if existing is None:
                row.movements.append(
                    MovementRow(style=style, episodes=count.episodes, minutes=count.minutes)
                )
            elif (existing.episodes, existing.minutes) != (count.episodes, count.minutes):
                existing.episodes, existing.minutes = count.episodes, count.minutes

    @staticmethod
    def _write_signs(row: DayRow, entry: DayEntry) -> None:
        by_sign = {w.sign: w for w in row.warning_signs}
        keep = {w.sign.value: w for w in entry.warning_signs}
        for sign, gone in by_sign.items():
            if sign not in keep:
                row.warning_signs.remove(gone)
        for sign, wanted in keep.items():
            side = wanted.side.value if wanted.side else None
            existing = by_sign.get(sign)
            if existing is None:
                row.warning_signs.append(WarningSignRow(sign=sign, side=side, note=wanted.note))
            elif (existing.side, existing.note) != (side, wanted.note):
                existing.side, existing.note = side, wanted.note

    def days_with_entries(self, child_id: int, start: date, end: date) -> set[date]:
        return self.reads.days_with_entries(child_id, start, end)

    def recent_days(self, child_id: int, limit: int | None = None) -> list[DaySummaryRow]:
        """One summary line per recorded day, newest first."""
        return self.reads.recent_days(child_id, limit)

    def delete_day(self, child_id: int, day: date) -> DeletedDay:
        """Remove a day (with its milestones); the returned snapshot puts it back with :meth:`restore_day`."""
        with transaction(self.engine) as s:
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

    def restore_day(self, deleted: DeletedDay) -> None:
        """Put a day removed by :meth:`delete_day` back, all or nothing.

        Raises :class:`RestoreRefused` (and changes nothing) when the day was recorded again since,
        or one of its milestones was recorded on another day: what is in the journal now stays.
        """
        child_id, day = deleted.child_id, deleted.day
        milestones = deleted.rows.get("milestone", [])
        with transaction(self.engine) as s:
            if deleted.rows.get("day") and s.scalar(
                select(DayRow.id).where(DayRow.child_id == child_id, DayRow.day == day)
            ):
                raise RestoreRefused(
                    f"{format_date(day)} has been recorded again since it was deleted."
                )
            kinds = [values["kind"] for values in milestones]
            clash = s.execute(
                select(MilestoneRow.kind, MilestoneRow.achieved_on).where(
                    MilestoneRow.child_id == child_id, MilestoneRow.kind.in_(kinds)
                )
            ).first()
            if clash is not None:
                raise RestoreRefused(
                    f"{Milestone(clash.kind).label} has been recorded on "
                    f"{format_date(clash.achieved_on)} since."
                )
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
                raise RestoreRefused(
                    f"{format_date(day)} could not be put back: the journal has changed since."
                ) from exc
