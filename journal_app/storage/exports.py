"""Everything stored for the children, with UUIDs and created/updated times, for the export.

The records keep the stored codes as text (``style``, ``sign`` ...): the export writes what is
stored, and orders it (``services/portability``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import selectinload

from journal_app.storage.errors import ChildNotFound
from journal_app.storage.models import ChildRow, DayRow, MediaRow, SummaryMadeRow, TipTriedRow
from journal_app.storage.transaction import transaction


@dataclass(frozen=True)
class Stamp:
    uuid: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class StoredMovement:
    stamp: Stamp
    style: str
    episodes: int | None
    minutes: int | None


@dataclass(frozen=True)
class StoredSign:
    stamp: Stamp
    sign: str
    side: str | None
    note: str


@dataclass(frozen=True)
class StoredDay:
    stamp: Stamp
    day: date
    tummy_minutes: int | None
    floor: str | None
    notes: str
    questions: str
    notes_in_summary: bool
    movements: list[StoredMovement]
    signs: list[StoredSign]


@dataclass(frozen=True)
class StoredMilestone:
    stamp: Stamp
    kind: str
    #: None: reached on a day not known, or not reached (``status``).
    achieved_on: date | None
    #: "reached" or "not_reached" (see ``storage/models.py``).
    status: str = "reached"


@dataclass(frozen=True)
class StoredTip:
    stamp: Stamp
    tip_id: str
    tried_on: date


@dataclass(frozen=True)
class StoredSummary:
    stamp: Stamp
    made_on: date
    period_start: date
    period_end: date


@dataclass(frozen=True)
class StoredMedia:
    """A photo or video record (the file is ``media/<sha[:2]>/<sha>.<ext>``)."""

    stamp: Stamp
    day: date
    kind: str
    original_name: str
    size_bytes: int
    sha256: str
    caption: str
    added_at: datetime
    taken_at: datetime | None
    taken_source: str | None


@dataclass(frozen=True)
class StoredChild:
    stamp: Stamp
    name: str
    birth_date: date
    due_date: date | None
    days: list[StoredDay]
    milestones: list[StoredMilestone]
    tips: list[StoredTip]
    summaries: list[StoredSummary]
    media: list[StoredMedia] = field(default_factory=list)


def _stamp(row: Any) -> Stamp:
    return Stamp(row.uuid, row.created_at, row.updated_at)


def _day(row: DayRow) -> StoredDay:
    return StoredDay(
        _stamp(row),
        row.day,
        row.tummy_minutes,
        row.floor_surface,
        row.notes,
        row.questions,
        bool(row.notes_in_summary),
        [StoredMovement(_stamp(m), m.style, m.episodes, m.minutes) for m in row.movements],
        [StoredSign(_stamp(w), w.sign, w.side, w.note) for w in row.warning_signs],
    )


def stored_children(engine: Engine, child_id: int | None = None) -> list[StoredChild]:
    """All children (or the one with ``child_id``: :class:`ChildNotFound` if it is not there)
    with everything recorded for them, read in one transaction; in no particular order."""
    query = select(ChildRow).options(
        selectinload(ChildRow.days).selectinload(DayRow.movements),
        selectinload(ChildRow.days).selectinload(DayRow.warning_signs),
        selectinload(ChildRow.milestones),
    )
    if child_id is not None:
        query = query.where(ChildRow.id == child_id)
    with transaction(engine) as s:
        rows = list(s.scalars(query))
        if child_id is not None and not rows:
            raise ChildNotFound(child_id)
        ids = [c.id for c in rows]
        tips: dict[int, list[StoredTip]] = {i: [] for i in ids}
        for tip in s.scalars(select(TipTriedRow).where(TipTriedRow.child_id.in_(ids))):
            tips[tip.child_id].append(StoredTip(_stamp(tip), tip.tip_id, tip.tried_on))
        summaries: dict[int, list[StoredSummary]] = {i: [] for i in ids}
        for made in s.scalars(select(SummaryMadeRow).where(SummaryMadeRow.child_id.in_(ids))):
            summaries[made.child_id].append(
                StoredSummary(_stamp(made), made.made_on, made.period_start, made.period_end)
            )
        media: dict[int, list[StoredMedia]] = {i: [] for i in ids}
        for m in s.scalars(select(MediaRow).where(MediaRow.child_id.in_(ids))):
            media[m.child_id].append(
                StoredMedia(
                    _stamp(m),
                    m.day,
                    m.kind,
                    m.original_name,
                    m.size_bytes,
                    m.sha256,
                    m.caption,
                    m.added_at,
                    m.taken_at,
                    m.taken_source,
                )
            )
        return [
            StoredChild(
                _stamp(c),
                c.name,
                c.birth_date,
                c.due_date,
                [_day(d) for d in c.days],
                [StoredMilestone(_stamp(m), m.kind, m.achieved_on, m.status) for m in c.milestones],
                tips[c.id],
                summaries[c.id],
                media[c.id],
            )
            for c in rows
        ]
