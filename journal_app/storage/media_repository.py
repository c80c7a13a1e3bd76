"""The media records of the journal: the only place with SQL about photos and videos (issue 19).

A record names a file in the media folder by its SHA-256 (:mod:`.media_store`); the file is made
durable before its record is written (the service's order), so a record never points at nothing
that was not there once. Removing deletes the row; :func:`restore` puts the same row back (the
undo), so the file is kept until the sweep at the next opening (:func:`referenced_hashes_raw`).

While the journal is shared, every write here records its version in the same transaction
(``tracked``, storage/share_repository.py): an attach, a caption, a removal (a tombstone) and a
restore travel to the other computers (docs/sharing-format.md, "Photos and videos").
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from journal_app.domain.media import MediaKind, MediaRecord, TakenSource
from journal_app.storage.models import ChildRow, MediaRow
from journal_app.storage.share_repository import tracked
from journal_app.storage.transaction import Engine, transaction


@dataclass(frozen=True)
class ChildMedia:
    """A record with the child's row id (what the window and the commands address it by)."""

    child_id: int
    record: MediaRecord


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def _record(row: MediaRow, child_uuid: str) -> ChildMedia:
    return ChildMedia(
        row.child_id,
        MediaRecord(
            uuid=row.uuid,
            child_uuid=child_uuid,
            day=row.day,
            kind=MediaKind(row.kind),
            original_name=row.original_name,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            added_at=_aware(row.added_at),
            caption=row.caption,
            taken_at=row.taken_at,
            taken_source=TakenSource(row.taken_source) if row.taken_source else None,
        ),
    )


def _row(child_id: int, record: MediaRecord) -> MediaRow:
    return MediaRow(
        uuid=record.uuid,
        child_id=child_id,
        day=record.day,
        kind=record.kind.value,
        original_name=record.original_name,
        size_bytes=record.size_bytes,
        sha256=record.sha256,
        caption=record.caption,
        added_at=_naive_utc(record.added_at),
        taken_at=record.taken_at,
        taken_source=record.taken_source.value if record.taken_source else None,
    )


def add_records(engine: Engine, child_id: int, records: Sequence[MediaRecord]) -> None:
    """Insert the records in one transaction (their files are already in the media folder)."""
    with transaction(engine) as s, tracked(s):
        for record in records:
            s.add(_row(child_id, record))


def _select(s: Session, *where: Any) -> list[ChildMedia]:
    rows = s.execute(
        select(MediaRow, ChildRow.uuid)
        .join(ChildRow, ChildRow.id == MediaRow.child_id)
        .where(*where)
        .order_by(MediaRow.child_id, MediaRow.day, MediaRow.added_at, MediaRow.id)
    ).all()
    return [_record(row, child_uuid) for row, child_uuid in rows]


def list_for_period(engine: Engine, child_id: int, start: date, end: date) -> list[ChildMedia]:
    """The child's media from ``start`` to ``end`` (both included), by day then time added."""
    with transaction(engine) as s:
        return _select(s, MediaRow.child_id == child_id, MediaRow.day >= start, MediaRow.day <= end)


def list_all(engine: Engine, child_id: int | None = None) -> list[ChildMedia]:
    """Every record (of one child, or of all), by child, day and time added."""
    with transaction(engine) as s:
        if child_id is None:
            return _select(s)
        return _select(s, MediaRow.child_id == child_id)


def get(engine: Engine, uuid: str) -> ChildMedia | None:
    with transaction(engine) as s:
        found = _select(s, MediaRow.uuid == uuid)
    return found[0] if found else None


def days_with_media(engine: Engine, child_id: int) -> set[date]:
    with transaction(engine) as s:
        return set(s.scalars(select(MediaRow.day).where(MediaRow.child_id == child_id).distinct()))


def last_day(engine: Engine, child_id: int, kinds: Iterable[MediaKind]) -> date | None:
    """The latest day with media of one of ``kinds`` (None when there is none)."""
    values = [k.value for k in kinds]
    with transaction(engine) as s:
        found: date | None = s.scalar(
            select(func.max(MediaRow.day)).where(
                MediaRow.child_id == child_id, MediaRow.kind.in_(values)
            )
        )
    return found


def hashes_on_day(engine: Engine, child_id: int, day: date) -> set[str]:
    with transaction(engine) as s:
        return set(
            s.scalars(
                select(MediaRow.sha256).where(MediaRow.child_id == child_id, MediaRow.day == day)
            )
        )


def hashes_for_child(engine: Engine, child_id: int) -> set[str]:
    with transaction(engine) as s:
        return set(s.scalars(select(MediaRow.sha256).where(MediaRow.child_id == child_id)))


def set_caption(engine: Engine, uuid: str, caption: str) -> bool:
    """Store ``caption`` exactly; False when no record has that UUID."""
    with transaction(engine) as s, tracked(s):
        row = s.scalar(select(MediaRow).where(MediaRow.uuid == uuid))
        if row is None:
            return False
        row.caption = caption
    return True


def remove(engine: Engine, uuid: str) -> ChildMedia | None:
    """Delete the record (the file stays until swept); what it held, for :func:`restore`."""
    with transaction(engine) as s, tracked(s):
        found = _select(s, MediaRow.uuid == uuid)
        if not found:
            return None
        row = s.scalar(select(MediaRow).where(MediaRow.uuid == uuid))
        s.delete(row)
    return found[0]


def restore(engine: Engine, removed: ChildMedia) -> bool:
    """Put a removed record back with its UUID; False when it is already there."""
    with transaction(engine) as s, tracked(s):
        if s.scalar(select(MediaRow.id).where(MediaRow.uuid == removed.record.uuid)) is not None:
            return False
        s.add(_row(removed.child_id, removed.record))
    return True


def referenced_hashes(engine: Engine) -> set[str]:
    with transaction(engine) as s:
        return set(s.scalars(select(MediaRow.sha256).distinct()))


def new_record(
    *,
    child_uuid: str,
    day: date,
    kind: MediaKind,
    original_name: str,
    size_bytes: int,
    sha256: str,
    caption: str = "",
    taken_at: datetime | None = None,
    taken_source: TakenSource | None = None,
    uuid: str | None = None,
    added_at: datetime | None = None,
) -> MediaRecord:
    return MediaRecord(
        uuid=uuid or str(uuid_module.uuid4()),
        child_uuid=child_uuid,
        day=day,
        kind=kind,
        original_name=original_name,
        size_bytes=size_bytes,
        sha256=sha256,
        added_at=added_at or datetime.now(UTC),
        caption=caption,
        taken_at=taken_at,
        taken_source=taken_source,
    )


def child_name_and_birth(engine: Engine, child_id: int) -> tuple[str, date] | None:
    """The child's name and birth date (what "Add from a folder" checks dates against)."""
    with transaction(engine) as s:
        found = s.execute(
            select(ChildRow.name, ChildRow.birth_date).where(ChildRow.id == child_id)
        ).first()
    return (str(found[0]), found[1]) if found is not None else None


def child_uuid(engine: Engine, child_id: int) -> str | None:
    with transaction(engine) as s:
        return s.scalar(select(ChildRow.uuid).where(ChildRow.id == child_id))
