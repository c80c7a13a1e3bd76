"""The import's merge: the records of an export file, merged into the journal by UUID.

:class:`Merge` plans first (reads only: which record is new, which updates one of this journal,
which is left alone because this journal's copy is as new or newer), then applies the plan in the
caller's transaction. A record that cannot be merged raises :class:`MergeConflict`, naming the
record, the field and the conflict by a key; the service words it (``services/portability``).
The file's records (:class:`InChild` ...) are made by the service that reads and checks the file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.storage.days import day_columns, movement_columns, sign_columns
from journal_app.storage.merge_local import LocalDay
from journal_app.storage.merge_local import local_days as load_local_days
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
from journal_app.storage.share_repository import tracked
from journal_app.storage.transaction import transaction

if TYPE_CHECKING:
    from journal_app.storage.merge_media import InMedia

#: New days are inserted this many at a time (the UUIDs of a batch are looked up in one IN list).
BULK_ROWS = 500


class MergeConflict(Exception):
    """A record of the file clashes with this journal; ``conflict`` says how, ``values`` what."""

    def __init__(self, conflict: str, record: str, field: str, **values: Any) -> None:
        super().__init__(conflict, record, field)
        self.conflict = conflict
        self.record = record
        self.field = field
        self.values = values


class MergeFailed(Exception):
    """SQLite refused the merged rows (the journal changed meanwhile); nothing was written."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(slots=True)
class MergeCounts:
    """What a merge did: each record of the file counts once, as added, updated or unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Records of this journal dropped because the newer version of their day no longer has them.
    removed: int = 0
    #: Records that had another UUID here and were recognised by child and date (or kind).
    matched_without_uuid: int = 0


# -- the file's records -----------------------------------------------------------------------------


@dataclass(slots=True)
class Stamped(ABC):
    record: str
    uuid: str
    created: datetime
    updated: datetime

    @abstractmethod
    def content(self) -> tuple[Any, ...]:
        """What the record holds: two records with the same UUID must hold the same."""


@dataclass(slots=True)
class InMovement(Stamped):
    day_uuid: str
    style: MovementStyle
    episodes: int | None
    minutes: int | None

    def content(self) -> tuple[Any, ...]:
        return (self.day_uuid, self.style, self.episodes, self.minutes, self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (self.style.value, self.episodes, self.minutes)


@dataclass(slots=True)
class InSign(Stamped):
    day_uuid: str
    sign: WarningSign
    side: Side | None
    note: str

    def content(self) -> tuple[Any, ...]:
        return (self.day_uuid, self.sign, self.side, self.note, self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (self.sign.value, self.side.value if self.side else None, self.note)


@dataclass(slots=True)
class InDay(Stamped):
    child_uuid: str
    day: date
    tummy_minutes: int | None
    floor: FloorSurface | None
    notes: str
    questions: str
    notes_in_summary: bool
    movements: list[InMovement]
    signs: list[InSign]

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, self.day, *self.values(), self.created, self.updated)

    def entry(self, child_id: int = 0) -> DayEntry:
        """The day as the domain sees it (for the day rules and for its rows)."""
        return DayEntry(
            child_id=child_id,
            day=self.day,
            movements={m.style: MovementCount(m.episodes, m.minutes) for m in self.movements},
            tummy_minutes=self.tummy_minutes,
            floor=self.floor,
            warning_signs=[WarningSignEntry(w.sign, w.side, w.note) for w in self.signs],
            notes=self.notes,
            questions=self.questions,
            notes_in_summary=self.notes_in_summary,
        )

    def values(self) -> tuple[Any, ...]:
        return (
            self.tummy_minutes,
            self.floor.value if self.floor else None,
            self.notes,
            self.questions,
            self.notes_in_summary,
        )


@dataclass(slots=True)
class InMilestone(Stamped):
    child_uuid: str
    milestone: Milestone
    #: None: reached on a day not known, or not reached (``status``).
    achieved_on: date | None
    #: "reached" or "not_reached" (version-1 files hold only "reached").
    status: str = "reached"

    def content(self) -> tuple[Any, ...]:
        return (
            self.child_uuid,
            self.milestone,
            self.achieved_on,
            self.status,
            self.created,
            self.updated,
        )


@dataclass(slots=True)
class InTip(Stamped):
    child_uuid: str
    tip_id: str
    tried_on: date

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, self.tip_id, self.tried_on, self.created, self.updated)


@dataclass(slots=True)
class InSummary(Stamped):
    child_uuid: str
    made_on: date
    period_start: date
    period_end: date

    def content(self) -> tuple[Any, ...]:
        return (
            self.child_uuid,
            self.made_on,
            self.period_start,
            self.period_end,
            self.created,
            self.updated,
        )


@dataclass(slots=True)
class InChild(Stamped):
    name: str
    birth_date: date
    due_date: date | None
    days: list[InDay] = field(default_factory=list)
    milestones: list[InMilestone] = field(default_factory=list)
    tips: list[InTip] = field(default_factory=list)
    summaries: list[InSummary] = field(default_factory=list)
    media: list[InMedia] = field(default_factory=list)
    #: The name as the file's messages quote it (shortened, control characters spelled out).
    label: str = ""

    def content(self) -> tuple[Any, ...]:
        return (self.name, self.birth_date, self.due_date, self.created, self.updated)

    def profile(self) -> ChildProfile:
        return ChildProfile(self.name, self.birth_date, self.due_date)


@dataclass(slots=True)
class ImportRecords:
    """Every record of the file by kind, each UUID once (exact repeats are dropped)."""

    children: list[InChild]
    days: list[InDay]
    movements: list[InMovement]
    signs: list[InSign]
    milestones: list[InMilestone]
    tips: list[InTip]
    summaries: list[InSummary]
    media: list[InMedia] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(x)
            for x in (
                self.children,
                self.days,
                self.movements,
                self.signs,
                self.milestones,
                self.tips,
                self.summaries,
                self.media,
            )
        )


# -- merging ---------------------------------------------------------------------------------------


def _name_key(name: str, birth: date) -> tuple[str, date]:
    return (name.strip().casefold(), birth)


class Merge:
    """Plans the merge of the file's records into the journal (reads only), then applies it."""

    def __init__(self, session: Session, records: ImportRecords, today: date) -> None:
        self.s = session
        self.records = records
        self.today = today
        self.report = MergeCounts()
        self.actions: list[Callable[[], None]] = []
        #: file child UUID -> the journal's row (existing or new)
        self.child_rows: dict[str, ChildRow] = {}
        #: Days new to this journal, with their child's row: inserted in bulk (:meth:`apply`).
        self.new_days: list[tuple[InDay, ChildRow]] = []
        #: file child UUID -> the birth date the child will have after the merge
        self.final_birth: dict[str, date] = {}

    # -- planning ----------------------------------------------------------------------------------

    def plan(self) -> None:
        s = self.s
        local_children = list(s.scalars(select(ChildRow)))
        local_days = load_local_days(s)  # plain values: an ORM object only for a day replaced
        self._plan_children(local_children)
        self._plan_days(local_days)
        self._plan_simple(
            self.records.milestones,
            MilestoneRow,
            lambda r: (r.child_id, r.kind),
            lambda m: (self.child_rows[m.child_uuid].id, m.milestone.value),
            lambda r: (r.kind, r.achieved_on, r.status),
            lambda m: (m.milestone.value, m.achieved_on, m.status),
            self._milestone_values,
            "milestone",
        )
        self._plan_simple(
            self.records.tips,
            TipTriedRow,
            lambda r: (r.child_id, r.tip_id),
            lambda t: (self.child_rows[t.child_uuid].id, t.tip_id),
            lambda r: (r.tip_id, r.tried_on),
            lambda t: (t.tip_id, t.tried_on),
            self._tip_values,
            "tip",
        )
        self._plan_simple(
            self.records.summaries,
            SummaryMadeRow,
            lambda r: (r.child_id, r.made_on, r.period_start, r.period_end),
            lambda m: (self.child_rows[m.child_uuid].id, m.made_on, m.period_start, m.period_end),
            lambda r: (r.made_on, r.period_start, r.period_end),
            lambda m: (m.made_on, m.period_start, m.period_end),
            self._summary_values,
            "summary",
        )
        from journal_app.storage.merge_media import assign_media, media_row_values

        self._plan_simple(
            self.records.media,
            MediaRow,
            lambda r: (r.child_id, r.day, r.sha256),
            lambda m: (self.child_rows[m.child_uuid].id, m.day, m.sha256),
            media_row_values,
            lambda m: m.values(),
            assign_media,
            "photo or video",
        )
        self._check_birth_dates(local_days)

    def _plan_children(self, local: list[ChildRow]) -> None:
        by_uuid = {c.uuid: c for c in local}
        local_keys = Counter(_name_key(c.name, c.birth_date) for c in local)
        file_keys = Counter(_name_key(c.name, c.birth_date) for c in self.records.children)
        by_key = {_name_key(c.name, c.birth_date): c for c in local}
        # A child of this journal claimed by UUID is not also matched by name to another one.
        claimed = {by_uuid[c.uuid].id for c in self.records.children if c.uuid in by_uuid}
        for child in self.records.children:
            row = by_uuid.get(child.uuid)
            key = _name_key(child.name, child.birth_date)
            if (
                row is None
                and local_keys[key] == 1
                and file_keys[key] == 1
                and by_key[key].id not in claimed
            ):
                row = by_key[key]
                self.report.matched_without_uuid += 1
            self.final_birth[child.uuid] = child.birth_date
            if row is None:
                new = ChildRow(
                    uuid=child.uuid,
                    name=child.name,
                    birth_date=child.birth_date,
                    due_date=child.due_date,
                    created_at=child.created,
                    updated_at=child.updated,
                )
                self.child_rows[child.uuid] = new
                self.actions.append(partial(self.s.add, new))
                self.report.added += 1
                continue
            self.child_rows[child.uuid] = row
            if (row.name, row.birth_date, row.due_date) == (
                child.name,
                child.birth_date,
                child.due_date,
            ):
                self.report.unchanged += 1
            elif child.updated > row.updated_at:
                self.actions.append(partial(self._update_child, row, child))
                self.report.updated += 1
            else:
                self.final_birth[child.uuid] = row.birth_date
                self.report.unchanged += 1

    @staticmethod
    def _update_child(row: ChildRow, child: InChild) -> None:
        row.uuid = child.uuid
        row.name, row.birth_date, row.due_date = child.name, child.birth_date, child.due_date
        row.updated_at = child.updated

    def _plan_days(self, local: list[LocalDay]) -> None:
        by_uuid = {d.uuid: d for d in local}
        by_key = {(d.child_id, d.day): d for d in local}
        movement_days = {u: d for d in local for u in d.movement_uuids}
        sign_days = {u: d for d in local for u in d.sign_uuids}
        for day in self.records.days:
            child_row = self.child_rows[day.child_uuid]
            row = by_uuid.get(day.uuid)
            if row is not None:
                if child_row.id is None or row.child_id != child_row.id:
                    raise MergeConflict("day_of_another_child", day.record, "uuid")
                if row.day != day.day:
                    raise MergeConflict(
                        "day_dated_otherwise", day.record, "date", here=row.day, there=day.day
                    )
            elif child_row.id is not None:
                row = by_key.get((child_row.id, day.day))
                if row is not None:
                    self.report.matched_without_uuid += 1
            for sub, owners in ((day.movements, movement_days), (day.signs, sign_days)):
                for item in sub:
                    owner = owners.get(item.uuid)
                    if owner is not None and owner is not row:
                        raise MergeConflict(
                            "entry_of_another_day", item.record, "uuid", day=owner.day
                        )
            if row is None:
                self._plan_new_day(day, child_row)
            else:
                self._plan_existing_day(day, row)

    def _plan_new_day(self, day: InDay, child_row: ChildRow) -> None:
        self.new_days.append((day, child_row))
        self.report.added += 1 + len(day.movements) + len(day.signs)

    def _plan_existing_day(self, day: InDay, local: LocalDay) -> None:
        local_values = local.values
        local_movements = {m[0]: m for m in local.movements}
        local_signs = {w[0]: w for w in local.signs}
        same = (
            local_values == day.values()
            and set(local_movements.values()) == {m.values() for m in day.movements}
            and set(local_signs.values()) == {w.values() for w in day.signs}
        )
        if same or day.updated <= local.updated_at:
            self.report.unchanged += 1 + len(day.movements) + len(day.signs)
            return
        self.report.updated += 1
        for m in day.movements:
            self._count_sub(local_movements.get(m.style.value), m.values())
        for w in day.signs:
            self._count_sub(local_signs.get(w.sign.value), w.values())
        self.report.removed += len(local_movements.keys() - {m.style.value for m in day.movements})
        self.report.removed += len(local_signs.keys() - {w.sign.value for w in day.signs})

        def replace() -> None:
            row = self.s.get_one(DayRow, local.id)
            row.movements.clear()
            row.warning_signs.clear()
            self.s.flush()
            row.uuid = day.uuid
            for key, value in day_columns(day.entry()).items():
                setattr(row, key, value)
            row.movements = [self._movement_row(m) for m in day.movements]
            row.warning_signs = [self._sign_row(w) for w in day.signs]
            row.updated_at = day.updated

        self.actions.append(replace)

    def _count_sub(self, old: tuple[Any, ...] | None, new: tuple[Any, ...]) -> None:
        if old is None:
            self.report.added += 1
        elif old == new:
            self.report.unchanged += 1
        else:
            self.report.updated += 1

    @staticmethod
    def _movement_row(m: InMovement) -> MovementRow:
        return MovementRow(
            uuid=m.uuid,
            **movement_columns(m.style, MovementCount(m.episodes, m.minutes)),
            created_at=m.created,
            updated_at=m.updated,
        )

    @staticmethod
    def _sign_row(w: InSign) -> WarningSignRow:
        return WarningSignRow(
            uuid=w.uuid,
            **sign_columns(WarningSignEntry(w.sign, w.side, w.note)),
            created_at=w.created,
            updated_at=w.updated,
        )

    def _milestone_values(self, row: MilestoneRow, m: InMilestone) -> None:
        row.kind, row.achieved_on, row.status = m.milestone.value, m.achieved_on, m.status

    def _tip_values(self, row: TipTriedRow, t: InTip) -> None:
        row.tip_id, row.tried_on = t.tip_id, t.tried_on

    def _summary_values(self, row: SummaryMadeRow, m: InSummary) -> None:
        row.made_on, row.period_start, row.period_end = m.made_on, m.period_start, m.period_end

    def _plan_simple(
        self,
        records: Sequence[Any],
        model: type[Any],
        row_key: Callable[[Any], Any],
        record_key: Callable[[Any], Any],
        row_values: Callable[[Any], Any],
        record_values: Callable[[Any], Any],
        assign: Callable[[Any, Any], None],
        what: str,
    ) -> None:
        """Milestones, tips tried, summaries: match by UUID, else by child and kind; newer wins."""
        if not records:
            return
        local = list(self.s.scalars(select(model)))
        by_uuid = {r.uuid: r for r in local}
        by_key = {row_key(r): r for r in local}
        for record in records:
            child_row = self.child_rows[record.child_uuid]
            row = by_uuid.get(record.uuid)
            if row is not None:
                if row.child_id != child_row.id:
                    raise MergeConflict("of_another_child", record.record, "uuid", what=what)
                if child_row.id is not None and row_key(row) != record_key(record):
                    clash = by_key.get(record_key(record))
                    if clash is not None and clash is not row:
                        raise MergeConflict("uuid_of_another", record.record, "uuid", what=what)
            elif child_row.id is not None:
                row = by_key.get(record_key(record))
                if row is not None:
                    self.report.matched_without_uuid += 1
            if row is None:
                new = model(uuid=record.uuid, created_at=record.created, updated_at=record.updated)
                assign(new, record)

                def add(new: Any = new, child_row: ChildRow = child_row) -> None:
                    if child_row.id is None:
                        self.s.flush()
                    new.child_id = child_row.id
                    self.s.add(new)

                self.actions.append(add)
                self.report.added += 1
            elif row_values(row) == record_values(record) or record.updated <= row.updated_at:
                self.report.unchanged += 1
            else:

                def update(row: Any = row, record: Any = record) -> None:
                    row.uuid = record.uuid
                    assign(row, record)
                    row.updated_at = record.updated

                self.actions.append(update)
                self.report.updated += 1

    def _check_birth_dates(self, local_days: list[LocalDay]) -> None:
        """After the merge every day must still be on or after its child's birth date."""
        earliest: dict[int, date] = {}
        for d in local_days:
            earliest[d.child_id] = min(d.day, earliest.get(d.child_id, d.day))
        for child in self.records.children:
            row = self.child_rows[child.uuid]
            first = earliest.get(row.id) if row.id is not None else None
            birth = self.final_birth[child.uuid]
            if first is not None and first < birth:
                raise MergeConflict(
                    "birth_after_days",
                    child.record,
                    "birth_date",
                    birth=birth,
                    day=first,
                    name=row.name,
                )
        for day in self.records.days:
            birth = self.final_birth[day.child_uuid]
            if day.day < birth:
                raise MergeConflict("day_before_birth", day.record, "date", birth=birth)

    # -- applying ----------------------------------------------------------------------------------

    def apply(self, progress: Callable[[int], None]) -> None:
        total = len(self.actions) + len(self.new_days)
        done = 0
        for index, action in enumerate(self.actions, 1):
            action()
            if index % 200 == 0:
                self.s.flush()
                progress(round(index / total * self.records.count))
        self.s.flush()  # new children have their ids now
        done = len(self.actions)
        for start in range(0, len(self.new_days), BULK_ROWS):
            chunk = self.new_days[start : start + BULK_ROWS]
            self._insert_days(chunk)
            done += len(chunk)
            progress(round(done / total * self.records.count))
        progress(self.records.count)

    def _insert_days(self, chunk: Sequence[tuple[InDay, ChildRow]]) -> None:
        """New days with their movements and signs, as plain multi-row INSERTs: the ORM's
        bookkeeping per object is what made importing tens of thousands of days slow."""
        self.s.execute(
            insert(DayRow),
            [
                {
                    "child_id": child_row.id,
                    "uuid": day.uuid,
                    "day": day.day,
                    **day_columns(day.entry()),
                    "created_at": day.created,
                    "updated_at": day.updated,
                }
                for day, child_row in chunk
            ],
        )
        ids = dict(
            self.s.execute(
                select(DayRow.uuid, DayRow.id).where(DayRow.uuid.in_([d.uuid for d, _ in chunk]))
            ).all()
        )
        movements = [
            {
                "day_id": ids[day.uuid],
                "uuid": m.uuid,
                **movement_columns(m.style, MovementCount(m.episodes, m.minutes)),
                "created_at": m.created,
                "updated_at": m.updated,
            }
            for day, _ in chunk
            for m in day.movements
        ]
        signs = [
            {
                "day_id": ids[day.uuid],
                "uuid": w.uuid,
                **sign_columns(WarningSignEntry(w.sign, w.side, w.note)),
                "created_at": w.created,
                "updated_at": w.updated,
            }
            for day, _ in chunk
            for w in day.signs
        ]
        if movements:
            self.s.execute(insert(MovementRow), movements)
        if signs:
            self.s.execute(insert(WarningSignRow), signs)


def merge_records(
    engine: Engine, records: ImportRecords, today: date, progress: Callable[[int], None]
) -> MergeCounts:
    """Merge ``records`` into the journal in one transaction, all or nothing; ``progress`` gets
    the number of records merged so far."""
    try:
        with transaction(engine) as s, tracked(s):
            merge = Merge(s, records, today)
            merge.plan()
            merge.apply(progress)
            return merge.report
    except IntegrityError as exc:
        raise MergeFailed(str(exc.orig)) from exc
