"""The merge rules of a shared journal, on plain records (no database, no files).

Each computer shares *versions*: one record (a child, a day with its movements and warning signs,
a milestone, a tip tried, a summary made) as it was saved, or a *tombstone* saying it was deleted,
stamped with a hybrid logical clock (:mod:`journal_app.domain.hlc`) and the change file it came
in (device, sequence number, and what that computer had already read: ``seen``).

:func:`merge` turns the *set* of versions a computer holds into the journal it shows. It is a
pure function of that set (the order versions arrived in does not matter), so two computers that
hold the same versions show the same journal. The rules (docs/sharing-format.md, "Merge rules"):

- The newest stamp wins, for an edit and for a deletion alike: a deletion beats older edits and
  loses to newer ones (a day recorded again after it was deleted elsewhere comes back).
- Nothing is lost silently. A version that lost without its winner's computer having seen it
  (two computers changed the same day between two syncs) is kept as a :class:`Conflict`
  ("also written on Dad's laptop at 20:14"), unless it says the same as the winner.
- The same child or day under another UUID (journals started separately) is recognised by the
  keys import uses (services/portability.py): a child by name (ignoring case and outer spaces)
  and birth date, when no computer made two such children; a day by child and date; a milestone
  by child and kind; a tip by child and tip id; a summary by child and period; a photo or video
  by child, day and SHA-256. The recognised
  records are one: the UUID of the one made first is kept, the newest content wins.
- A deleted child hides its days, milestones, tips and summaries (they come back if a newer
  edit brings the child back); one of them changed where the deletion had not been seen yet is
  kept as a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from journal_app.domain.hlc import Hlc, HlcClock


class Kind(StrEnum):
    """What a version is about; the codes are the ``kind`` of a change in a change file."""

    CHILD = "child"
    DAY = "day"
    MILESTONE = "milestone"
    TIP_TRIED = "tip_tried"
    SUMMARY_MADE = "summary_made"
    #: A photo or video on a child's day (its file travels in the sender's ``media/`` subfolder).
    MEDIA = "media"


#: The kinds that belong to a child (their records carry ``child_uuid``).
CHILD_PARTS = (Kind.DAY, Kind.MILESTONE, Kind.TIP_TRIED, Kind.SUMMARY_MADE, Kind.MEDIA)

#: The fields of a record of each kind in a change file: the export format's fields (without the
#: nested lists of a child), plus ``child_uuid`` for what belongs to a child.
_STAMPS = ("uuid", "created", "updated")
RECORD_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.CHILD: (*_STAMPS, "name", "birth_date", "due_date"),
    Kind.DAY: (
        *_STAMPS,
        "child_uuid",
        "date",
        "tummy_minutes",
        "floor",
        "notes",
        "questions",
        "notes_in_summary",
        "movements",
        "warning_signs",
    ),
    Kind.MILESTONE: (*_STAMPS, "child_uuid", "milestone", "achieved_on", "status"),
    Kind.TIP_TRIED: (*_STAMPS, "child_uuid", "tip_id", "tried_on"),
    Kind.SUMMARY_MADE: (*_STAMPS, "child_uuid", "made_on", "period_start", "period_end"),
    Kind.MEDIA: (
        *_STAMPS,
        "child_uuid",
        "day",
        "file_name",
        "kind",
        "size",
        "sha256",
        "caption",
        "added",
        "taken",
        "taken_source",
    ),
}
MOVEMENT_FIELDS = (*_STAMPS, "style", "episodes", "minutes")
SIGN_FIELDS = (*_STAMPS, "sign", "side", "note")

Record = Mapping[str, Any]


class SharingError(ValueError):
    """Sharing refused something the parent asked (a folder, a name); ``str()`` is the
    parent-facing, translated message."""


@dataclass(frozen=True, eq=False)
class Version:
    """One record as one computer saved it (``record``), or its deletion (``record`` is None).

    ``seq`` is the number of the change file it came in, from ``hlc.device``; ``seen`` is what
    that computer had read when it wrote the file: for each other device, the highest sequence
    number up to which it had applied every file.
    """

    kind: Kind
    uuid: str
    hlc: Hlc
    seq: int
    seen: Mapping[str, int]
    record: Record | None
    #: For a tombstone: when it was deleted (UTC text, for display); else None.
    deleted: str | None = None

    @property
    def device(self) -> str:
        return self.hlc.device

    @property
    def is_tombstone(self) -> bool:
        return self.record is None

    @property
    def key(self) -> tuple[Kind, str, Hlc]:
        """The identity of a version: the same version read twice counts once."""
        return (self.kind, self.uuid, self.hlc)

    def knows(self, other: Version) -> bool:
        """Had the computer that wrote this version applied ``other`` before writing it?"""
        if other.device == self.device:
            # A computer knows every version it made before.
            return other.hlc < self.hlc
        return self.seen.get(other.device, 0) >= other.seq


class ConflictReason(StrEnum):
    #: Two computers changed the same record between two syncs; this one is the older.
    CONCURRENT_EDIT = "concurrent_edit"
    #: Deleted on one computer while changed on another that had not seen the deletion yet.
    EDITED_BUT_DELETED = "edited_but_deleted"
    #: Its child was deleted on a computer that had not seen this change yet.
    CHILD_DELETED = "child_deleted"


@dataclass(frozen=True)
class Conflict:
    """A version that lost but is kept: shown on its record ("Also written on ... at ...")."""

    kind: Kind
    #: The record it belongs to in the merged journal (the recognised record's UUID).
    uuid: str
    loser: Version
    #: The stamp of the version shown instead (a tombstone when the record was deleted).
    winner: Hlc
    reason: ConflictReason


@dataclass
class Merged:
    """The journal a computer shows after merging, plus what the wiring needs to keep it."""

    #: Live records by kind and (recognised) UUID, in the change-file record shape; the
    #: ``uuid`` and ``child_uuid`` fields are the recognised ones.
    records: dict[Kind, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {kind: {} for kind in Kind}
    )
    #: The version each live record shows (its device says where it was last changed).
    winners: dict[tuple[Kind, str], Version] = field(default_factory=dict)
    #: Every UUID that was recognised as another record: UUID -> the record's UUID.
    aliases: dict[str, str] = field(default_factory=dict)
    #: UUIDs whose newest version is a deletion.
    deleted: dict[Kind, set[str]] = field(default_factory=lambda: {kind: set() for kind in Kind})
    conflicts: list[Conflict] = field(default_factory=list)

    def members(self, kind: Kind, uuid: str) -> list[str]:
        """The UUIDs that are this record (itself first): a deletion must name all of them."""
        canonical = self.aliases.get(uuid, uuid)
        return [canonical, *sorted(u for u, c in self.aliases.items() if c == canonical)]

    def conflicts_of(self, kind: Kind, uuid: str) -> list[Conflict]:
        canonical = self.aliases.get(uuid, uuid)
        return [c for c in self.conflicts if c.kind == kind and c.uuid == canonical]


# -- content and keys ------------------------------------------------------------------------------


def _entries(items: Any, fields: tuple[str, ...]) -> tuple[tuple[Any, ...], ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        sorted(
            (tuple(repr(item.get(f)) for f in fields[len(_STAMPS) :]) for item in items),
        )
    )


def content(kind: Kind, record: Record) -> tuple[Any, ...]:
    """What a parent sees of a record: its fields without UUIDs and times. Two versions with the
    same content are the same as far as a conflict goes."""
    skip = {*_STAMPS, "child_uuid", "movements", "warning_signs"}
    if kind is Kind.MEDIA:
        # The same file on the same day: what the parent compares is its caption, not the name
        # it had on each computer or when each added it.
        skip |= {"file_name", "added", "taken", "taken_source"}
    values: tuple[Any, ...] = tuple(record.get(f) for f in RECORD_FIELDS[kind] if f not in skip)
    if kind is Kind.DAY:
        values += (
            _entries(record.get("movements"), MOVEMENT_FIELDS),
            _entries(record.get("warning_signs"), SIGN_FIELDS),
        )
    return values


def child_key(record: Record) -> tuple[str, str]:
    """Mirrors import: name ignoring case and outer spaces, and birth date."""
    return (str(record.get("name", "")).strip().casefold(), str(record.get("birth_date")))


_PART_KEYS: dict[Kind, Callable[[Record], tuple[Any, ...]]] = {
    Kind.DAY: lambda r: (r.get("date"),),
    Kind.MILESTONE: lambda r: (r.get("milestone"),),
    Kind.TIP_TRIED: lambda r: (r.get("tip_id"),),
    Kind.SUMMARY_MADE: lambda r: (r.get("made_on"), r.get("period_start"), r.get("period_end")),
    # The same file on the same day of the same child is one photo or video (as import says).
    Kind.MEDIA: lambda r: (r.get("day"), r.get("sha256")),
}


# -- the merge -------------------------------------------------------------------------------------


class _Entity:
    """All versions of one UUID."""

    def __init__(self, kind: Kind, uuid: str) -> None:
        self.kind = kind
        self.uuid = uuid
        self.versions: dict[Hlc, Version] = {}

    @property
    def newest(self) -> Version:
        return self.versions[max(self.versions)]

    @property
    def first(self) -> Hlc:
        return min(self.versions)

    @property
    def live(self) -> bool:
        return not self.newest.is_tombstone

    @property
    def creator(self) -> str:
        return self.first.device


def _heads(versions: Iterable[Version]) -> list[Version]:
    """The versions no other version knows: the ones still standing (sorted, newest first)."""
    pool = sorted(versions, key=lambda v: v.hlc, reverse=True)
    return [v for v in pool if not any(u is not v and u.knows(v) for u in pool)]


def merge(versions: Iterable[Version]) -> Merged:
    """The journal the set ``versions`` makes (order does not matter; repeats count once)."""
    entities: dict[tuple[Kind, str], _Entity] = {}
    for version in versions:
        entity = entities.get((version.kind, version.uuid))
        if entity is None:
            entity = entities[(version.kind, version.uuid)] = _Entity(version.kind, version.uuid)
        entity.versions.setdefault(version.hlc, version)
    merged = Merged()
    for (kind, uuid), entity in entities.items():
        if not entity.live:
            merged.deleted[kind].add(uuid)
    child_of = _merge_kind(merged, entities, Kind.CHILD, None)
    for kind in CHILD_PARTS:
        _merge_kind(merged, entities, kind, child_of)
    merged.conflicts.sort(key=lambda c: (c.kind, c.uuid, c.loser.hlc))
    return merged


def _merge_kind(
    merged: Merged,
    entities: Mapping[tuple[Kind, str], _Entity],
    kind: Kind,
    parents: Mapping[str, tuple[str | None, Version | None]] | None,
) -> dict[str, tuple[str | None, Version | None]]:
    """Merges one kind; returns, for every UUID of it, (the recognised UUID if live, else None;
    the winning tombstone if deleted). ``parents`` is that map for children."""
    own = sorted((e for (k, _), e in entities.items() if k is kind), key=lambda e: e.uuid)
    result: dict[str, tuple[str | None, Version | None]] = {}
    groups: dict[tuple[Any, ...], list[_Entity]] = defaultdict(list)
    for entity in own:
        newest = entity.newest
        if newest.record is None:
            result[entity.uuid] = (None, newest)
            _keep_losers(merged, kind, entity.uuid, list(entity.versions.values()), newest)
            continue
        if parents is None:
            groups[child_key(newest.record)].append(entity)
            continue
        parent_uuid = str(newest.record.get("child_uuid"))
        canonical_parent, parent_tombstone = parents.get(parent_uuid, (None, None))
        if canonical_parent is None:
            # Its child is deleted (or never arrived): hidden; edits the deletion did not know of
            # are kept.
            result[entity.uuid] = (None, None)
            if parent_tombstone is not None:
                for head in _heads(entity.versions.values()):
                    if head.record is not None and not parent_tombstone.knows(head):
                        merged.conflicts.append(
                            Conflict(
                                kind,
                                entity.uuid,
                                head,
                                parent_tombstone.hlc,
                                ConflictReason.CHILD_DELETED,
                            )
                        )
            continue
        groups[(canonical_parent, *_PART_KEYS[kind](newest.record))].append(entity)
    for key in sorted(groups, key=repr):
        members = groups[key]
        if kind is Kind.CHILD and len({m.creator for m in members}) < len(members):
            # One computer made two such children: like import, do not guess which is which.
            clusters = [[m] for m in members]
        else:
            clusters = [members]
        for cluster in clusters:
            _merge_cluster(merged, kind, cluster, parents, result)
    return result


def _merge_cluster(
    merged: Merged,
    kind: Kind,
    cluster: list[_Entity],
    parents: Mapping[str, tuple[str | None, Version | None]] | None,
    result: dict[str, tuple[str | None, Version | None]],
) -> None:
    canonical = min(cluster, key=lambda e: e.first).uuid
    pool = [v for e in cluster for v in e.versions.values()]
    winner = max(pool, key=lambda v: v.hlc)
    assert winner.record is not None
    for entity in cluster:
        result[entity.uuid] = (canonical, None)
        if entity.uuid != canonical:
            merged.aliases[entity.uuid] = canonical
    record = dict(winner.record)
    record["uuid"] = canonical
    if parents is not None:
        record["child_uuid"] = parents[str(winner.record.get("child_uuid"))][0]
    merged.records[kind][canonical] = record
    merged.winners[(kind, canonical)] = winner
    _keep_losers(merged, kind, canonical, pool, winner)


def _keep_losers(
    merged: Merged, kind: Kind, uuid: str, pool: list[Version], winner: Version
) -> None:
    winning = content(kind, winner.record) if winner.record is not None else None
    for head in _heads(pool):
        if head is winner or head.record is None:
            continue
        if winning is not None and content(kind, head.record) == winning:
            continue
        reason = (
            ConflictReason.EDITED_BUT_DELETED
            if winner.record is None
            else ConflictReason.CONCURRENT_EDIT
        )
        merged.conflicts.append(Conflict(kind, uuid, head, winner.hlc, reason))


# -- helpers for the wiring ------------------------------------------------------------------------


def lost_versions(versions: Iterable[Version], merged: Merged) -> list[Version]:
    """Versions that disappeared without a trace: not shown, not the same as what is shown, not
    kept as a conflict, and not known to a later version of the same record, of a record
    recognised as it, or to its child's deletion. Always empty; tests and the status report
    check it."""
    pool = {v.key: v for v in versions}
    by_record: dict[tuple[Kind, str], list[Version]] = defaultdict(list)
    for v in pool.values():
        by_record[(v.kind, merged.aliases.get(v.uuid, v.uuid))].append(v)
    kept = {c.loser.key for c in merged.conflicts}
    child_versions: dict[str, list[Version]] = defaultdict(list)
    for v in pool.values():
        if v.kind is Kind.CHILD:
            child_versions[v.uuid].append(v)
    lost: list[Version] = []
    for v in pool.values():
        if v.record is None or v.key in kept:
            continue
        canonical = merged.aliases.get(v.uuid, v.uuid)
        winner = merged.winners.get((v.kind, canonical))
        if winner is not None and (
            winner is v or content(v.kind, v.record) == content(v.kind, winner.record or {})
        ):
            continue
        related = list(by_record[(v.kind, canonical)])
        if v.kind is not Kind.CHILD:
            parent = str(v.record.get("child_uuid"))
            related += child_versions.get(parent, [])
            related += child_versions.get(merged.aliases.get(parent, parent), [])
        if any(u is not v and u.knows(v) for u in related):
            continue
        lost.append(v)
    return lost


# -- one computer's side ---------------------------------------------------------------------------


class Replica:
    """One computer's share of the journal, in memory: every version it holds (its own and those
    read), its clock, its cursors (for each other device, the highest sequence number up to which
    every file is applied) and its changes not yet written. The journal it shows is
    :meth:`view`. The wiring keeps the same four things in the journal file (docs/sharing-format.md,
    "Wiring into the journal")."""

    def __init__(self, device: str, clock: HlcClock | None = None) -> None:
        self.device = device
        self.clock = clock if clock is not None else HlcClock(device)
        self.versions: dict[tuple[Kind, str, Hlc], Version] = {}
        self.cursors: dict[str, int] = {}
        #: The number the next change file of this computer gets.
        self.next_seq = 1
        self.pending: dict[tuple[Kind, str], Version] = {}
        self._view: Merged | None = None
        self._last_view: Merged | None = None

    def _add(self, version: Version) -> None:
        self.versions[version.key] = version
        self._view = None

    def save(self, kind: Kind, record: Record) -> Version:
        """A record saved here (new or changed): a new version, to be written next round. A
        record recognised under several UUIDs is saved under each, so that a change of the keys
        it was recognised by (a child's name or birth date) does not split it again."""
        uuid = str(record["uuid"])
        # The last merge says which UUIDs are one record (merging again for every save of an
        # import would cost a merge per record; recognition changes only when files are read).
        known = self._last_view if self._last_view is not None else self.view()
        members = known.members(kind, uuid)
        canonical = members[0]
        for alias in members[1:]:
            self._stamp(kind, alias, {**record, "uuid": alias}, None)
        return self._stamp(kind, canonical, {**record, "uuid": canonical}, None)

    def delete(self, kind: Kind, uuid: str, when: str) -> list[Version]:
        """A record deleted here: a tombstone for it and every UUID recognised as it."""
        return [self._stamp(kind, u, None, when) for u in self.view().members(kind, uuid)]

    def _stamp(self, kind: Kind, uuid: str, record: Record | None, when: str | None) -> Version:
        version = Version(
            kind, uuid, self.clock.tick(), self.next_seq, dict(self.cursors), record, when
        )
        older = self.pending.pop((kind, uuid), None)
        if older is not None:
            # Never shared: the newer version replaces it (an evening's edits are one change).
            del self.versions[older.key]
        self.pending[(kind, uuid)] = version
        self._add(version)
        return version

    def outbox(self) -> tuple[int, dict[str, int], list[Version]]:
        """What the next change file holds: its number, ``seen`` and versions (may be empty)."""
        versions = sorted(self.pending.values(), key=lambda v: v.hlc)
        return self.next_seq, dict(self.cursors), versions

    def written(self, seq: int) -> None:
        """The change file ``seq`` is in the shared folder."""
        if seq != self.next_seq:
            raise ValueError(f"expected change file {self.next_seq}, not {seq}")
        self.pending.clear()
        self.next_seq += 1

    def apply(self, device: str, seq: int, versions: Iterable[Version]) -> None:
        """Another computer's change file ``seq``: only the next one of that device (or a second
        file with the number just applied, when two computers write as one)."""
        if device == self.device:
            raise ValueError("a computer does not read its own change files")
        cursor = self.cursors.get(device, 0)
        if not cursor <= seq <= cursor + 1 or seq < 1:
            raise ValueError(f"change file {seq} of {device} out of order (cursor {cursor})")
        if self.pending:
            # What this computer wrote knew only what it had read before: write first, then read.
            raise ValueError("write this computer's changes before applying others'")
        for version in versions:
            if version.device != device or version.seq != seq:
                raise ValueError("a change file holds only its own device's versions")
            self.clock.receive(version.hlc)
            self._add(version)
        self.cursors[device] = seq

    def view(self) -> Merged:
        if self._view is None:
            self._view = self._last_view = merge(self.versions.values())
        return self._view

    def copy(self) -> Replica:
        """An independent copy (what a backup of the journal file holds)."""
        other = Replica(self.device, HlcClock(self.device, self.clock.last, self.clock.now_ms))
        other.versions = dict(self.versions)
        other.cursors = dict(self.cursors)
        other.next_seq = self.next_seq
        other.pending = dict(self.pending)
        return other

    def restored_as(self, device: str) -> Replica:
        """This replica (a restored backup) rejoining as the new device ``device``: its old
        device's files, written after the backup, are read like another computer's, so nothing
        it wrote since is lost and nothing deleted since comes back; its own old numbers are
        never reused. Changes not yet written are stamped again under the new device."""
        if device == self.device:
            raise ValueError("a restored journal rejoins under a new device id")
        other = Replica(device, HlcClock(device, self.clock.last, self.clock.now_ms))
        other.versions = dict(self.versions)
        other.cursors = {**self.cursors, self.device: self.next_seq - 1}
        for version in self.pending.values():
            del other.versions[version.key]
        for version in sorted(self.pending.values(), key=lambda v: v.hlc):
            other._stamp(version.kind, version.uuid, version.record, version.deleted)
        return other
