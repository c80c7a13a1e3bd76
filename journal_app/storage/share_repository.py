"""The change log of a shared journal, in the journal file: the only SQL of the ``share_*`` tables.

Two parts (docs/sharing-format.md, "Wiring into the journal"):

- :func:`tracked`: wrapped around a transaction of a repository (children, days, tips and
  summaries, import), it adds a version of every child, day, milestone, tip or summary that the
  transaction saved or deleted to ``share_version``, in the same transaction, while sharing is on
  (a tombstone for a deleted one; a record recognised under several UUIDs gets a version under
  each). It watches the session (ORM objects and the bulk statements run through it), so the
  repositories need one line each.
- :class:`ShareStore`: what the sharing service reads and writes in one round's transaction: the
  settings, the versions, the cursors, the computers, the conflicts, the journal as records, and
  the merged records applied to the journal tables.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, event, func, insert, select, update
from sqlalchemy.orm import Session

from journal_app.domain.hlc import Hlc, HlcClock, wall_clock_ms
from journal_app.domain.sharing import Kind, Version
from journal_app.storage.models import (
    ChildRow,
    DayRow,
    MovementRow,
    ShareAliasRow,
    ShareConflictRow,
    ShareCursorRow,
    ShareDeviceRow,
    ShareSettingsRow,
    ShareVersionRow,
    WarningSignRow,
)
from journal_app.storage.share_journal import (
    KIND_OF_ROW as _KIND_OF_ROW,
)
from journal_app.storage.share_journal import (
    ROW_OF_KIND as _ROW_OF_KIND,
)
from journal_app.storage.share_journal import (
    ApplyPlan,
    apply_plan,
    journal_records,
    record_of,
    stamp_text,
)
from journal_app.storage.transaction import transaction

SETTINGS_ID = 1
_TABLE_KIND = {_ROW_OF_KIND[kind].__table__.name: kind for kind in _ROW_OF_KIND}
_DAY_PARTS = {"movement_observation", "warning_sign"}

#: The clock each journal stamps with (tests give a journal a clock that runs ahead).
_clocks: weakref.WeakKeyDictionary[Engine, Callable[[], int]] = weakref.WeakKeyDictionary()


def set_clock(engine: Engine, now_ms: Callable[[], int]) -> None:
    _clocks[engine] = now_ms


def clock_of(engine: Engine) -> Callable[[], int]:
    return _clocks.get(engine, wall_clock_ms)


# -- local saves and deletions become versions (the hook of the repositories) -------------------------


def _settings(s: Session) -> ShareSettingsRow | None:
    return s.get(ShareSettingsRow, SETTINGS_ID)


def _cursors(s: Session) -> dict[str, int]:
    return {d: n for d, n in s.execute(select(ShareCursorRow.device, ShareCursorRow.seq)).all()}


def record_local(
    s: Session,
    settings: ShareSettingsRow,
    changes: Iterable[tuple[Kind, str, dict[str, Any] | None]],
    now_ms: Callable[[], int],
) -> list[Version]:
    """Versions of records saved (a record) or deleted (None) on this computer: stamped by its
    clock, ``seen`` = the cursors, pending (``seq`` = ``next_seq``); a newer pending version of
    a record replaces the older one (an evening's edits are one change). A record recognised
    under several UUIDs gets a version under each (``Replica.save`` / ``Replica.delete``)."""
    device = settings.device
    clock = HlcClock(device, Hlc(settings.hlc_wall_ms, settings.hlc_counter, device), now_ms)
    seen = _cursors(s)
    seen_json = json.dumps(seen, sort_keys=True)
    aliases: dict[tuple[str, str], list[str]] = {}
    canonical_of: dict[tuple[str, str], str] = {}
    for kind, uuid, canonical in s.execute(
        select(ShareAliasRow.kind, ShareAliasRow.uuid, ShareAliasRow.canonical)
    ).all():
        aliases.setdefault((kind, canonical), []).append(uuid)
        canonical_of[(kind, uuid)] = canonical
    deleted_at = stamp_text(datetime.fromtimestamp(now_ms() / 1000, UTC))
    made: list[Version] = []
    for kind, uuid, record in changes:
        canonical = canonical_of.get((kind.value, uuid), uuid)
        members = [canonical, *sorted(aliases.get((kind.value, canonical), []))]
        for member in members:
            stamp = clock.tick()
            body = None if record is None else {**record, "uuid": member}
            s.execute(
                delete(ShareVersionRow).where(
                    ShareVersionRow.kind == kind.value,
                    ShareVersionRow.uuid == member,
                    ShareVersionRow.device == device,
                    ShareVersionRow.seq == settings.next_seq,
                )
            )
            s.add(
                ShareVersionRow(
                    kind=kind.value,
                    uuid=member,
                    device=device,
                    hlc_wall_ms=stamp.wall_ms,
                    hlc_counter=stamp.counter,
                    seq=settings.next_seq,
                    record_json=None if body is None else json.dumps(body, sort_keys=True),
                    deleted=deleted_at if body is None else None,
                    seen_json=seen_json,
                )
            )
            made.append(
                Version(
                    kind, member, stamp, settings.next_seq, seen, body, None if body else deleted_at
                )
            )
    last = clock.last
    settings.hlc_wall_ms, settings.hlc_counter = last.wall_ms, last.counter
    s.flush()
    return made


@dataclass
class _Touched:
    records: set[tuple[Kind, str]] = field(default_factory=set)
    day_ids: set[int] = field(default_factory=set)


def _touch_object(touched: _Touched, obj: Any, session: Session, *, dirty: bool) -> None:
    if dirty and not session.is_modified(obj, include_collections=False):
        return
    kind = _KIND_OF_ROW.get(type(obj))
    if kind is not None:
        if obj.uuid is not None:
            touched.records.add((kind, obj.uuid))
        return
    if isinstance(obj, (MovementRow, WarningSignRow)):
        if obj.journal_day is not None and obj.journal_day.uuid is not None:
            touched.records.add((Kind.DAY, obj.journal_day.uuid))
        elif obj.day_id is not None:
            touched.day_ids.add(obj.day_id)


def _touch_statement(touched: _Touched, state: Any) -> None:
    """Bulk statements run through the session (the import's INSERTs, a DELETE of a child)."""
    statement = state.statement
    table: Any = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if name is None or (name not in _TABLE_KIND and name not in _DAY_PARTS):
        return
    if state.is_insert:
        params = state.parameters
        rows = params if isinstance(params, list) else [params] if params else []
        for values in rows:
            if name in _DAY_PARTS:
                if values.get("day_id") is not None:
                    touched.day_ids.add(int(values["day_id"]))
            elif values.get("uuid"):
                touched.records.add((_TABLE_KIND[name], str(values["uuid"])))
        return
    if state.is_delete or state.is_update:
        where = statement.whereclause
        query = select(table.c.day_id if name in _DAY_PARTS else table.c.uuid)
        if where is not None:
            query = query.where(where)
        found = state.session.connection().execute(query).scalars().all()
        if name in _DAY_PARTS:
            touched.day_ids.update(int(v) for v in found)
        else:
            touched.records.update((_TABLE_KIND[name], str(v)) for v in found)


@contextmanager
def tracked(s: Session) -> Iterator[None]:
    """``with transaction(engine) as s, tracked(s):``: while sharing is on, every child, day,
    milestone, tip or summary the block saves or deletes gets a version in ``share_version`` in
    the same transaction (nothing when sharing is off)."""
    settings = _settings(s)
    if settings is None:
        yield
        return
    touched = _Touched()

    def after_flush(session: Session, _context: Any) -> None:
        for obj in session.new:
            _touch_object(touched, obj, session, dirty=False)
        for obj in session.dirty:
            _touch_object(touched, obj, session, dirty=True)
        for obj in session.deleted:
            _touch_object(touched, obj, session, dirty=False)

    def on_execute(state: Any) -> None:
        if not state.is_select:
            _touch_statement(touched, state)

    event.listen(s, "after_flush", after_flush)
    event.listen(s, "do_orm_execute", on_execute)
    try:
        yield
        s.flush()
    finally:
        event.remove(s, "after_flush", after_flush)
        event.remove(s, "do_orm_execute", on_execute)
    if touched.day_ids:
        touched.records.update(
            (Kind.DAY, str(u))
            for u in s.scalars(select(DayRow.uuid).where(DayRow.id.in_(touched.day_ids)))
        )
    changes = [(kind, uuid, record_of(s, kind, uuid)) for kind, uuid in sorted(touched.records)]
    if changes:
        record_local(s, settings, changes, clock_of(s.get_bind()))  # type: ignore[arg-type]


# -- what a round reads and writes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    folder: str
    device: str
    device_name: str
    hlc: Hlc
    next_seq: int
    last_round_at: datetime | None
    last_round_status: str
    rejoin: bool


@dataclass(frozen=True)
class Computer:
    device: str
    name: str
    forgotten: bool
    last_change_ms: int | None


@dataclass(frozen=True)
class ConflictRow:
    kind: Kind
    uuid: str
    loser: Version
    reason: str
    dismissed: bool


def _version(row: Any) -> Version:
    return Version(
        Kind(row.kind),
        row.uuid,
        Hlc(row.hlc_wall_ms, row.hlc_counter, row.device),
        row.seq,
        json.loads(row.seen_json),
        None if row.record_json is None else json.loads(row.record_json),
        row.deleted,
    )


def read_settings(engine: Engine) -> Settings | None:
    with transaction(engine) as s:
        return ShareStore(s).settings()


@contextmanager
def reading(engine: Engine) -> Iterator[ShareStore]:
    """A transaction that only reads (it never waits for a round that is writing)."""
    with transaction(engine) as s:
        yield ShareStore(s)


@contextmanager
def round_transaction(engine: Engine) -> Iterator[ShareStore]:
    """One transaction of the sharing service; it takes the write lock first, so that a save on
    another thread waits for the round instead of slipping in between its reads and writes."""
    with transaction(engine) as s:
        s.execute(update(ShareSettingsRow).where(ShareSettingsRow.id == -1).values(folder=""))
        yield ShareStore(s)


class ShareStore:
    """The ``share_*`` tables and the journal's tables, within one transaction."""

    def __init__(self, session: Session) -> None:
        self.s = session

    # settings ----------------------------------------------------------------------------------

    def settings(self) -> Settings | None:
        row = _settings(self.s)
        if row is None:
            return None
        return Settings(
            row.folder,
            row.device,
            row.device_name,
            Hlc(row.hlc_wall_ms, row.hlc_counter, row.device),
            row.next_seq,
            row.last_round_at,
            row.last_round_status,
            bool(row.rejoin),
        )

    def start(self, folder: str, device: str, device_name: str) -> None:
        """Sharing on, as a new device: whatever an earlier sharing left is cleared."""
        self.clear()
        self.s.add(
            ShareSettingsRow(
                id=SETTINGS_ID,
                folder=folder,
                device=device,
                device_name=device_name,
                hlc_wall_ms=0,
                hlc_counter=0,
                next_seq=1,
                last_round_status="",
                rejoin=False,
            )
        )
        self.s.flush()

    def clear(self) -> None:
        for table in (
            ShareSettingsRow,
            ShareVersionRow,
            ShareCursorRow,
            ShareDeviceRow,
            ShareConflictRow,
            ShareAliasRow,
        ):
            self.s.execute(delete(table))

    def update_settings(self, **values: Any) -> None:
        row = _settings(self.s)
        if row is None:
            return
        hlc = values.pop("hlc", None)
        if hlc is not None:
            values["hlc_wall_ms"], values["hlc_counter"] = hlc.wall_ms, hlc.counter
        for key, value in values.items():
            setattr(row, key, value)
        self.s.flush()

    # versions ----------------------------------------------------------------------------------

    def versions(self) -> list[Version]:
        return [_version(r) for r in self.s.execute(select(ShareVersionRow.__table__)).all()]

    def versions_of(self, kind: Kind) -> list[Version]:
        query = select(ShareVersionRow.__table__).where(ShareVersionRow.kind == kind.value)
        return [_version(r) for r in self.s.execute(query).all()]

    def version_count(self) -> int:
        return len(self.s.execute(select(ShareVersionRow.seq)).all())

    def pending_versions(self, device: str, seq: int) -> list[Version]:
        """This computer's versions of change file ``seq`` (not yet written when it is
        ``next_seq``)."""
        return [
            _version(r)
            for r in self.s.execute(
                select(ShareVersionRow.__table__).where(
                    ShareVersionRow.device == device, ShareVersionRow.seq == seq
                )
            ).all()
        ]

    def newest_version_of_device(self, device: str) -> int | None:
        return self.s.scalar(
            select(func.max(ShareVersionRow.hlc_wall_ms)).where(ShareVersionRow.device == device)
        )

    def capture_untracked(self, now_ms: Callable[[], int]) -> int:
        """Records of the journal that no version names yet (the whole journal, on joining):
        each becomes a version of this computer. Returns how many."""
        settings = _settings(self.s)
        if settings is None:
            return 0
        known = self.known_uuids()
        journal = journal_records(self.s)
        changes = [
            (kind, uuid, record)
            for kind in Kind
            for uuid, record in sorted(journal[kind].items())
            if (kind, uuid) not in known
        ]
        if changes:
            record_local(self.s, settings, changes, now_ms)
        return len(changes)

    def canonical(self, kind: Kind, uuid: str) -> str:
        found = self.s.scalar(
            select(ShareAliasRow.canonical).where(
                ShareAliasRow.kind == kind.value, ShareAliasRow.uuid == uuid
            )
        )
        return found or uuid

    def find_version(self, kind: Kind, uuid: str, stamp: Hlc) -> Version | None:
        row = self.s.execute(
            select(ShareVersionRow.__table__).where(
                ShareVersionRow.kind == kind.value,
                ShareVersionRow.uuid == uuid,
                ShareVersionRow.device == stamp.device,
                ShareVersionRow.hlc_wall_ms == stamp.wall_ms,
                ShareVersionRow.hlc_counter == stamp.counter,
            )
        ).first()
        return None if row is None else _version(row)

    def newest_version(self, kind: Kind, uuids: Iterable[str]) -> Version | None:
        row = self.s.execute(
            select(ShareVersionRow.__table__)
            .where(ShareVersionRow.kind == kind.value, ShareVersionRow.uuid.in_(list(uuids)))
            .order_by(
                ShareVersionRow.hlc_wall_ms.desc(),
                ShareVersionRow.hlc_counter.desc(),
                ShareVersionRow.device.desc(),
            )
            .limit(1)
        ).first()
        return None if row is None else _version(row)

    def known_uuids(self) -> set[tuple[Kind, str]]:
        return {
            (Kind(k), u)
            for k, u in self.s.execute(
                select(ShareVersionRow.kind, ShareVersionRow.uuid).distinct()
            )
        }

    def add_versions(self, versions: Iterable[Version]) -> None:
        """Versions read from another computer's change file (one already held is skipped)."""
        rows = [
            {
                "kind": v.kind.value,
                "uuid": v.uuid,
                "device": v.device,
                "hlc_wall_ms": v.hlc.wall_ms,
                "hlc_counter": v.hlc.counter,
                "seq": v.seq,
                "record_json": None
                if v.record is None
                else json.dumps(dict(v.record), sort_keys=True),
                "deleted": v.deleted if v.record is None else None,
                "seen_json": json.dumps(dict(v.seen), sort_keys=True),
            }
            for v in versions
        ]
        for start in range(0, len(rows), 500):
            self.s.execute(
                insert(ShareVersionRow).prefix_with("OR IGNORE"), rows[start : start + 500]
            )

    def renumber_pending(
        self, device: str, old_seq: int, new_seq: int, written: set[tuple[str, str, int, int]]
    ) -> None:
        """Own versions of ``old_seq`` that are not in the file just written (saved while the
        round ran) move on to ``new_seq``: they are still to be written."""
        for row in self.s.execute(
            select(
                ShareVersionRow.kind,
                ShareVersionRow.uuid,
                ShareVersionRow.hlc_wall_ms,
                ShareVersionRow.hlc_counter,
            ).where(ShareVersionRow.device == device, ShareVersionRow.seq == old_seq)
        ).all():
            if (row.kind, row.uuid, row.hlc_wall_ms, row.hlc_counter) not in written:
                self.s.execute(
                    update(ShareVersionRow)
                    .where(
                        ShareVersionRow.kind == row.kind,
                        ShareVersionRow.uuid == row.uuid,
                        ShareVersionRow.device == device,
                        ShareVersionRow.hlc_wall_ms == row.hlc_wall_ms,
                        ShareVersionRow.hlc_counter == row.hlc_counter,
                    )
                    .values(seq=new_seq)
                )

    def replace_pending(self, device: str, seq: int, versions: Iterable[Version]) -> None:
        """A rejoin under a new device id: the old pending versions go, the re-stamped ones come."""
        self.s.execute(
            delete(ShareVersionRow).where(
                ShareVersionRow.device == device, ShareVersionRow.seq == seq
            )
        )
        self.s.flush()
        self.add_versions(versions)

    def record_local(
        self, changes: Iterable[tuple[Kind, str, dict[str, Any] | None]], now_ms: Callable[[], int]
    ) -> list[Version]:
        settings = _settings(self.s)
        if settings is None:
            return []
        return record_local(self.s, settings, changes, now_ms)

    # cursors and computers -------------------------------------------------------------------------

    def cursors(self) -> dict[str, int]:
        return _cursors(self.s)

    def set_cursors(self, cursors: Mapping[str, int]) -> None:
        self.s.execute(delete(ShareCursorRow))
        if cursors:
            self.s.execute(
                insert(ShareCursorRow), [{"device": d, "seq": n} for d, n in cursors.items()]
            )

    def computers(self) -> list[Computer]:
        return [
            Computer(r.device, r.name, bool(r.forgotten), r.last_change_ms)
            for r in self.s.execute(select(ShareDeviceRow.__table__).order_by(ShareDeviceRow.name))
        ]

    def note_computer(self, device: str, name: str | None, last_change_ms: int | None) -> None:
        row = self.s.get(ShareDeviceRow, device)
        if row is None:
            row = ShareDeviceRow(device=device, name=name or "", forgotten=False)
            self.s.add(row)
        elif name is not None:
            row.name = name
        if last_change_ms is not None:
            row.last_change_ms = max(row.last_change_ms or 0, last_change_ms)
        self.s.flush()

    def forget(self, device: str) -> None:
        row = self.s.get(ShareDeviceRow, device)
        if row is not None:
            row.forgotten = True

    # aliases and conflicts -------------------------------------------------------------------------

    def set_aliases(self, aliases: Mapping[tuple[Kind, str], str]) -> None:
        self.s.execute(delete(ShareAliasRow))
        rows = [{"kind": k.value, "uuid": u, "canonical": c} for (k, u), c in aliases.items()]
        if rows:
            self.s.execute(insert(ShareAliasRow), rows)

    def conflicts(self, kind: Kind | None = None, uuid: str | None = None) -> list[ConflictRow]:
        query = select(ShareConflictRow.__table__)
        if kind is not None:
            query = query.where(ShareConflictRow.kind == kind.value)
        if uuid is not None:
            query = query.where(ShareConflictRow.uuid == uuid)
        out = []
        for r in self.s.execute(query).all():
            loser = self.find_version(
                Kind(r.kind), r.loser_uuid, Hlc(r.loser_wall_ms, r.loser_counter, r.loser_device)
            )
            if loser is not None:
                out.append(ConflictRow(Kind(r.kind), r.uuid, loser, r.reason, bool(r.dismissed)))
        return out

    def set_conflicts(self, conflicts: Iterable[tuple[Kind, str, Version, str]]) -> int:
        """The conflicts of the latest merge; a dismissed one stays dismissed. Returns how many
        are new."""
        old = {
            (r.kind, r.uuid, r.loser_uuid, r.loser_device, r.loser_wall_ms, r.loser_counter): bool(
                r.dismissed
            )
            for r in self.s.execute(select(ShareConflictRow.__table__)).all()
        }
        self.s.execute(delete(ShareConflictRow))
        rows = []
        new = 0
        for kind, uuid, loser, reason in conflicts:
            key = (kind.value, uuid, loser.uuid, loser.device, loser.hlc.wall_ms, loser.hlc.counter)
            if key not in old:
                new += 1
            rows.append(
                dict(
                    zip(
                        (
                            "kind",
                            "uuid",
                            "loser_uuid",
                            "loser_device",
                            "loser_wall_ms",
                            "loser_counter",
                        ),
                        key,
                        strict=True,
                    ),
                    reason=reason,
                    dismissed=old.get(key, False),
                )
            )
        unique = {
            tuple(
                r[k]
                for k in (
                    "kind",
                    "uuid",
                    "loser_uuid",
                    "loser_device",
                    "loser_wall_ms",
                    "loser_counter",
                )
            ): r
            for r in rows
        }
        if unique:
            self.s.execute(insert(ShareConflictRow), list(unique.values()))
        return new

    def drop_conflict(self, kind: Kind, uuid: str, loser: Version) -> None:
        self.s.execute(
            delete(ShareConflictRow).where(
                ShareConflictRow.kind == kind.value,
                ShareConflictRow.uuid == uuid,
                ShareConflictRow.loser_uuid == loser.uuid,
                ShareConflictRow.loser_device == loser.device,
                ShareConflictRow.loser_wall_ms == loser.hlc.wall_ms,
                ShareConflictRow.loser_counter == loser.hlc.counter,
            )
        )

    # the journal ---------------------------------------------------------------------------------

    def journal_records(self, kinds: Iterable[Kind] = tuple(Kind)) -> dict[Kind, dict[str, Any]]:
        return journal_records(self.s, kinds)

    def record(self, kind: Kind, uuid: str) -> dict[str, Any] | None:
        return record_of(self.s, kind, uuid)

    def day_uuid(self, child_id: int, on: date) -> str | None:
        return self.s.scalar(
            select(DayRow.uuid).where(DayRow.child_id == child_id, DayRow.day == on)
        )

    def child_uuid(self, child_id: int) -> str | None:
        return self.s.scalar(select(ChildRow.uuid).where(ChildRow.id == child_id))

    def aliases_of(self, kind: Kind, uuid: str) -> list[str]:
        return [
            uuid,
            *self.s.scalars(
                select(ShareAliasRow.uuid).where(
                    ShareAliasRow.kind == kind.value, ShareAliasRow.canonical == uuid
                )
            ),
        ]

    def apply(self, plan: ApplyPlan) -> None:
        apply_plan(self.s, plan)
