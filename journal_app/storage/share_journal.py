"""A shared journal's records and the journal's tables: the rows as records in the change-file
shape (docs/sharing-format.md), and the merge written back into the rows (:func:`apply_plan`).
Used by :mod:`journal_app.storage.share_repository` only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from journal_app.domain.sharing import CHILD_PARTS, Kind
from journal_app.storage.models import (
    ChildRow,
    DayRow,
    MediaRow,
    MilestoneRow,
    MovementRow,
    SummaryMadeRow,
    TipTriedRow,
    WarningSignRow,
)

KIND_OF_ROW: dict[type, Kind] = {
    ChildRow: Kind.CHILD,
    DayRow: Kind.DAY,
    MilestoneRow: Kind.MILESTONE,
    TipTriedRow: Kind.TIP_TRIED,
    SummaryMadeRow: Kind.SUMMARY_MADE,
    MediaRow: Kind.MEDIA,
}
ROW_OF_KIND: dict[Kind, Any] = {kind: row for row, kind in KIND_OF_ROW.items()}


def stamp_text(moment: datetime) -> str:
    """The export's form of a time: ``2026-05-31T18:02:03.000000Z`` (UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep="T", timespec="microseconds") + "Z"


def parse_stamp(text: str) -> datetime:
    """A record's time as the journal stores it (naive UTC)."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


# -- the journal's rows as records (the change-file shape) -------------------------------------------


def _tracked(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "created": stamp_text(row.created_at),
        "updated": stamp_text(row.updated_at),
    }


def _movement(m: Any) -> dict[str, Any]:
    return {**_tracked(m), "style": m.style, "episodes": m.episodes, "minutes": m.minutes}


def _sign(w: Any) -> dict[str, Any]:
    return {**_tracked(w), "sign": w.sign, "side": w.side, "note": w.note}


def _part_record(kind: Kind, row: Any, child_uuid: str) -> dict[str, Any]:
    out = {**_tracked(row), "child_uuid": child_uuid}
    if kind is Kind.MILESTONE:
        out.update(milestone=row.kind, achieved_on=_iso(row.achieved_on), status=row.status)
    elif kind is Kind.TIP_TRIED:
        out.update(tip_id=row.tip_id, tried_on=_iso(row.tried_on))
    elif kind is Kind.SUMMARY_MADE:
        out.update(
            made_on=_iso(row.made_on),
            period_start=_iso(row.period_start),
            period_end=_iso(row.period_end),
        )
    elif kind is Kind.MEDIA:
        out.update(
            day=_iso(row.day),
            file_name=row.original_name,
            kind=row.kind,
            size=row.size_bytes,
            sha256=row.sha256,
            caption=row.caption,
            added=stamp_text(row.added_at),
            taken=row.taken_at.isoformat(sep="T", timespec="microseconds")
            if row.taken_at
            else None,
            taken_source=row.taken_source,
        )
    return out


def _child_record(row: Any) -> dict[str, Any]:
    return {
        **_tracked(row),
        "name": row.name,
        "birth_date": _iso(row.birth_date),
        "due_date": _iso(row.due_date),
    }


def _day_record(
    row: Any, child_uuid: str, movements: Iterable[Any], signs: Iterable[Any]
) -> dict[str, Any]:
    return {
        **_tracked(row),
        "child_uuid": child_uuid,
        "date": _iso(row.day),
        "tummy_minutes": row.tummy_minutes,
        "floor": row.floor_surface,
        "notes": row.notes,
        "questions": row.questions,
        "notes_in_summary": bool(row.notes_in_summary),
        "movements": sorted((_movement(m) for m in movements), key=lambda m: m["style"]),
        "warning_signs": sorted((_sign(w) for w in signs), key=lambda w: w["sign"]),
    }


def _same_stamps(item: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(item)
    for name in ("created", "updated"):
        value = out.get(name)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                out[name] = stamp_text(parse_stamp(value))
    return out


def normalized(kind: Kind, record: Mapping[str, Any]) -> dict[str, Any]:
    """A record with its times in one spelling and its lists in a stable order, to compare what
    the journal holds with what the merge says it should."""
    out = _same_stamps(record)
    if kind is Kind.MEDIA and isinstance(out.get("added"), str):
        with contextlib.suppress(ValueError):
            out["added"] = stamp_text(parse_stamp(out["added"]))
    if kind is Kind.DAY:
        out["movements"] = sorted(
            (_same_stamps(m) for m in out.get("movements") or []), key=lambda m: str(m.get("style"))
        )
        out["warning_signs"] = sorted(
            (_same_stamps(w) for w in out.get("warning_signs") or []),
            key=lambda w: str(w.get("sign")),
        )
    return out


def journal_records(s: Session, kinds: Iterable[Kind] = tuple(Kind)) -> dict[Kind, dict[str, Any]]:
    """The whole journal as records by kind and UUID (read with plain selects: a two-year journal
    in milliseconds)."""
    wanted = set(kinds)
    out: dict[Kind, dict[str, Any]] = {kind: {} for kind in Kind}
    children = s.execute(select(ChildRow.__table__)).all()
    child_uuid = {c.id: c.uuid for c in children}
    if Kind.CHILD in wanted:
        out[Kind.CHILD] = {c.uuid: _child_record(c) for c in children}
    if Kind.DAY in wanted:
        movements: dict[int, list[Any]] = {}
        for m in s.execute(select(MovementRow.__table__)).all():
            movements.setdefault(m.day_id, []).append(m)
        signs: dict[int, list[Any]] = {}
        for w in s.execute(select(WarningSignRow.__table__)).all():
            signs.setdefault(w.day_id, []).append(w)
        out[Kind.DAY] = {
            d.uuid: _day_record(
                d, child_uuid[d.child_id], movements.get(d.id, []), signs.get(d.id, [])
            )
            for d in s.execute(select(DayRow.__table__)).all()
        }
    for kind in (Kind.MILESTONE, Kind.TIP_TRIED, Kind.SUMMARY_MADE, Kind.MEDIA):
        if kind in wanted:
            table = ROW_OF_KIND[kind].__table__
            out[kind] = {
                r.uuid: _part_record(kind, r, child_uuid[r.child_id])
                for r in s.execute(select(table)).all()
            }
    return out


def record_of(s: Session, kind: Kind, uuid: str) -> dict[str, Any] | None:
    """One record as the journal holds it now, or None when it is not there."""
    row = s.execute(
        select(ROW_OF_KIND[kind].__table__).where(ROW_OF_KIND[kind].uuid == uuid)
    ).first()
    if row is None:
        return None
    if kind is Kind.CHILD:
        return _child_record(row)
    parent = s.scalar(select(ChildRow.uuid).where(ChildRow.id == row.child_id))
    if kind is Kind.DAY:
        movements = s.execute(
            select(MovementRow.__table__).where(MovementRow.day_id == row.id)
        ).all()
        signs = s.execute(
            select(WarningSignRow.__table__).where(WarningSignRow.day_id == row.id)
        ).all()
        return _day_record(row, str(parent), movements, signs)
    return _part_record(kind, row, str(parent))


@dataclass
class ApplyPlan:
    """What to write into the journal's tables: by kind, (the UUID of the row to change, or None
    for a new row; the record as it is to be) and the UUIDs of rows to delete."""

    writes: dict[Kind, list[tuple[str | None, dict[str, Any]]]] = field(default_factory=dict)
    deletes: dict[Kind, list[str]] = field(default_factory=dict)


def apply_plan(s: Session, plan: ApplyPlan) -> None:
    """Write the merge into the journal's tables, in an order no unique key trips over:
    parts deleted, children written, parts written, children deleted (their leftovers go
    with them)."""
    for kind in CHILD_PARTS:
        uuids = plan.deletes.get(kind, [])
        if uuids:
            table = ROW_OF_KIND[kind]
            for start in range(0, len(uuids), 500):
                s.execute(delete(table).where(table.uuid.in_(uuids[start : start + 500])))
    for old_uuid, record in plan.writes.get(Kind.CHILD, []):
        values = {
            "uuid": record["uuid"],
            "name": record["name"],
            "birth_date": _day(record["birth_date"]),
            "due_date": _day(record.get("due_date")),
            "created_at": parse_stamp(record["created"]),
            "updated_at": parse_stamp(record["updated"]),
        }
        if old_uuid is None:
            s.execute(insert(ChildRow), [values])
        else:
            s.execute(update(ChildRow).where(ChildRow.uuid == old_uuid).values(**values))
    child_ids = {u: i for i, u in s.execute(select(ChildRow.id, ChildRow.uuid)).all()}
    for kind in CHILD_PARTS:
        for old_uuid, record in plan.writes.get(kind, []):
            _write_part(s, kind, old_uuid, record, child_ids[record["child_uuid"]])
    uuids = plan.deletes.get(Kind.CHILD, [])
    if uuids:
        s.execute(delete(ChildRow).where(ChildRow.uuid.in_(uuids)))
    s.flush()


def _write_part(
    s: Session, kind: Kind, old_uuid: str | None, record: Mapping[str, Any], child_id: int
) -> None:
    values: dict[str, Any] = {
        "uuid": record["uuid"],
        "child_id": child_id,
        "created_at": parse_stamp(record["created"]),
        "updated_at": parse_stamp(record["updated"]),
    }
    if kind is Kind.DAY:
        values.update(
            day=_day(record["date"]),
            tummy_minutes=record.get("tummy_minutes"),
            floor_surface=record.get("floor"),
            notes=record.get("notes") or "",
            questions=record.get("questions") or "",
            notes_in_summary=bool(record.get("notes_in_summary")),
        )
    elif kind is Kind.MILESTONE:
        values.update(
            kind=record["milestone"],
            achieved_on=_day(record.get("achieved_on")),
            status=record.get("status") or "reached",
        )
    elif kind is Kind.TIP_TRIED:
        values.update(tip_id=record["tip_id"], tried_on=_day(record["tried_on"]))
    elif kind is Kind.MEDIA:
        taken = record.get("taken")
        values.update(
            day=_day(record["day"]),
            kind=record["kind"],
            original_name=record["file_name"],
            size_bytes=record["size"],
            sha256=record["sha256"],
            caption=record.get("caption") or "",
            added_at=parse_stamp(record["added"]),
            taken_at=datetime.fromisoformat(taken) if isinstance(taken, str) else None,
            taken_source=record.get("taken_source"),
        )
    else:
        values.update(
            made_on=_day(record["made_on"]),
            period_start=_day(record["period_start"]),
            period_end=_day(record["period_end"]),
        )
    table = ROW_OF_KIND[kind]
    if old_uuid is None:
        s.execute(insert(table), [values])
    else:
        s.execute(update(table).where(table.uuid == old_uuid).values(**values))
    if kind is not Kind.DAY:
        return
    day_id = s.scalar(select(DayRow.id).where(DayRow.uuid == record["uuid"]))
    s.execute(delete(MovementRow).where(MovementRow.day_id == day_id))
    s.execute(delete(WarningSignRow).where(WarningSignRow.day_id == day_id))
    movements = [
        {
            "day_id": day_id,
            "uuid": m["uuid"],
            "style": m["style"],
            "episodes": m.get("episodes"),
            "minutes": m.get("minutes"),
            "created_at": parse_stamp(m["created"]),
            "updated_at": parse_stamp(m["updated"]),
        }
        for m in record.get("movements") or []
    ]
    signs = [
        {
            "day_id": day_id,
            "uuid": w["uuid"],
            "sign": w["sign"],
            "side": w.get("side"),
            "note": w.get("note") or "",
            "created_at": parse_stamp(w["created"]),
            "updated_at": parse_stamp(w["updated"]),
        }
        for w in record.get("warning_signs") or []
    ]
    if movements:
        s.execute(insert(MovementRow), movements)
    if signs:
        s.execute(insert(WarningSignRow), signs)
