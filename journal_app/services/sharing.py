"""Sharing a journal with another computer through a folder the family already syncs.

The use cases below the window and the command line (docs/sharing-format.md, "Wiring into the
journal"): join (or start) sharing through a folder, run a sync round (this computer's changes
written first, then the others' read, merged and applied to the journal in one transaction),
the status, the computers, and the conflicts kept on a day ("Also written on Dad's laptop").

The change log lives in the journal file (storage/share_repository.py: every save and delete
records its version in the same transaction while sharing is on); the files in the shared
folder are storage/share_folder.py's; the merge and the clock are domain/sharing.py and
domain/hlc.py. No SQL and no Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal_app import APP_NAME, __version__
from journal_app.domain.hlc import HlcClock, wall_clock_ms
from journal_app.domain.sharing import Kind, Replica, Version, merge
from journal_app.domain.sharing import SharingError as SharingError  # re-exported
from journal_app.i18n import _, formats, ngettext
from journal_app.services.sharing_apply import (
    another_computer,
    check_record,
    clock_ahead_text,
    day_summary,
    pause_text,
    plan_merge,
    problem_text,
    refused_text,
)
from journal_app.services.sharing_media import (
    fetch_for_round,
    media_store_of,
    send_outbox,
    waiting_text,
)
from journal_app.storage import share_repository as store
from journal_app.storage.share_folder import (
    MAX_DEVICE_NAME_LENGTH,
    Paused,
    PauseReason,
    RoundReport,
    ShareFolder,
    new_device_id,
    sync_round,
)
from journal_app.storage.share_journal import ApplyPlan, parse_stamp, stamp_text

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

#: ``last_round_status`` of a round after which some records of others wait (tried again).
_REFUSED = "refused"


@dataclass(frozen=True)
class ComputerInfo:
    device_id: str
    name: str
    is_this_computer: bool
    #: Its newest change seen here.
    last_change_at: datetime | None
    forgotten: bool


def _local_time(moment: datetime) -> str:
    return formats().date_time(moment.astimezone())


@dataclass(frozen=True)
class SharingStatus:
    active: bool
    folder: Path | None
    device_name: str | None
    last_in_step_at: datetime | None
    in_step_with: tuple[str, ...]
    #: Translated ("the shared folder is not there"); None when sharing runs.
    paused_reason: str | None

    def describe(self) -> str:
        """The status bar's words ("" when sharing is off)."""
        if not self.active:
            return ""
        if self.paused_reason is not None:
            return _("Sharing paused: {reason}").format(reason=self.paused_reason)
        if self.last_in_step_at is None:
            return _("Shared; not in step yet")
        when = _local_time(self.last_in_step_at)
        if not self.in_step_with:
            return _("Shared; no other computer has written yet (looked at {time})").format(
                time=when
            )
        return _("In step with {computers} at {time}").format(
            computers=", ".join(self.in_step_with), time=when
        )


@dataclass(frozen=True)
class SyncReport:
    status: SharingStatus
    days: int
    children: int
    conflicts: int
    refused: tuple[str, ...]
    from_computers: tuple[str, ...]
    #: Translated remarks, such as a computer whose clock runs ahead.
    notes: tuple[str, ...] = ()
    #: Photos and videos that arrived (or changed: a caption, a removal).
    media: int = 0

    @property
    def paused(self) -> bool:
        return self.status.paused_reason is not None

    def describe(self) -> str:
        """What arrived: "3 days from Dad's laptop, 1 kept as a conflict" / "Nothing new."."""
        if self.paused:
            return self.status.describe()
        computers = ", ".join(self.from_computers) or another_computer()
        lines: list[str] = []
        if self.days:
            line = ngettext(
                "{n} day from {computers}", "{n} days from {computers}", self.days
            ).format(n=self.days, computers=computers)
            if self.conflicts:
                line = ngettext(
                    "{what}, {n} kept as a conflict",
                    "{what}, {n} kept as conflicts",
                    self.conflicts,
                ).format(what=line, n=self.conflicts)
            lines.append(line)
        elif self.conflicts:
            lines.append(
                ngettext(
                    "{n} change kept as a conflict", "{n} changes kept as conflicts", self.conflicts
                ).format(n=self.conflicts)
            )
        if self.children:
            lines.append(
                ngettext(
                    "{n} child's profile from {computers}",
                    "{n} children's profiles from {computers}",
                    self.children,
                ).format(n=self.children, computers=computers)
            )
        if self.media:
            lines.append(
                ngettext(
                    "{n} photo or video from {computers}",
                    "{n} photos or videos from {computers}",
                    self.media,
                ).format(n=self.media, computers=computers)
            )
        if self.refused:
            lines.append(
                ngettext(
                    "{n} change not applied", "{n} changes not applied", len(self.refused)
                ).format(n=len(self.refused))
            )
        if not lines:
            return _("Nothing new.")
        return "; ".join(lines)


@dataclass(frozen=True)
class DayConflict:
    #: Opaque, for :meth:`SharingService.keep` and :meth:`SharingService.dismiss`.
    key: str
    device_name: str
    written_at: datetime
    #: One translated line describing that other version.
    summary: str


_INACTIVE = SharingStatus(False, None, None, None, (), None)


def _key(kind: Kind, uuid: str, loser: Any) -> str:
    return "|".join(
        (kind.value, uuid, loser.uuid, loser.device, str(loser.hlc.wall_ms), str(loser.hlc.counter))
    )


def mark_restored(engine: Engine) -> None:
    """After a restore: a journal that was shared rejoins under a new device id before its next
    round (``Replica.restored_as``), so that nothing deleted since comes back and nothing written
    since is lost."""
    with store.round_transaction(engine) as s:
        s.update_settings(rejoin=True)


class SharingService:
    """Sharing of one journal file. Rounds are one at a time (a lock), safe on a worker thread."""

    def __init__(
        self,
        engine: Engine,
        today: Callable[[], date] = date.today,
        now_ms: Callable[[], int] | None = None,
    ) -> None:
        self.engine = engine
        self.today = today
        self.now_ms = now_ms or wall_clock_ms
        store.set_clock(engine, self.now_ms)
        self._lock = threading.Lock()
        self.media = media_store_of(engine)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.now_ms() / 1000, UTC)

    # -- status -----------------------------------------------------------------------------------

    def status(self) -> SharingStatus:
        settings = store.read_settings(self.engine)
        if settings is None:
            return _INACTIVE
        paused = ShareFolder(Path(settings.folder), settings.device).check()
        reason: str | None = None
        if paused is not None:
            reason = pause_text(paused.reason)
        elif settings.last_round_status in {r.value for r in PauseReason}:
            reason = pause_text(settings.last_round_status)
        with store.reading(self.engine) as s:
            names = tuple(c.name or another_computer() for c in s.computers() if not c.forgotten)
        last = settings.last_round_at
        return SharingStatus(
            True,
            Path(settings.folder),
            settings.device_name,
            last.replace(tzinfo=UTC) if last is not None else None,
            names,
            reason,
        )

    def computers(self) -> list[ComputerInfo]:
        settings = store.read_settings(self.engine)
        if settings is None:
            return []
        with store.reading(self.engine) as s:
            others = s.computers()
            own = s.newest_version_of_device(settings.device)

        def moment(ms: int | None) -> datetime | None:
            return datetime.fromtimestamp(ms / 1000, UTC) if ms else None

        out = [ComputerInfo(settings.device, settings.device_name, True, moment(own), False)]
        out += [
            ComputerInfo(
                c.device, c.name or another_computer(), False, moment(c.last_change_ms), c.forgotten
            )
            for c in others
            if c.device != settings.device
        ]
        return out

    def forget(self, device_id: str) -> None:
        """No longer listed among the computers this journal is in step with (what it wrote
        stays in the journal, and its files are still read)."""
        with store.round_transaction(self.engine) as s:
            s.forget(device_id)

    def watched_folders(self) -> list[Path]:
        settings = store.read_settings(self.engine)
        if settings is None:
            return []
        root = Path(settings.folder)
        try:
            if not root.is_dir():
                return []
            subfolders = sorted(p for p in root.iterdir() if p.is_dir() and len(p.name) == 32)
        except OSError:
            return []
        return [root, *subfolders]

    # -- joining and stopping ---------------------------------------------------------------------

    def join(self, folder: Path, device_name: str) -> SyncReport:
        """Start (or join) sharing through ``folder`` as ``device_name``, then run a round.
        Raises :class:`SharingError` (nothing changed) for a folder or name that cannot be used."""
        name = device_name.strip()
        if not name:
            raise SharingError(_('Please give this computer a name, such as "Mum\'s laptop".'))
        if len(name) > MAX_DEVICE_NAME_LENGTH:
            raise SharingError(
                _("The computer's name is too long: at most {n} characters.").format(
                    n=MAX_DEVICE_NAME_LENGTH
                )
            )
        folder = Path(folder).expanduser()
        try:
            is_dir = folder.is_dir()
            root = folder.resolve()
        except OSError:
            is_dir = False
            root = folder
        if not is_dir:
            raise SharingError(
                _(
                    "The folder {folder} is not there. Choose a folder that the family's sync "
                    "tool keeps in step (or a USB stick)."
                ).format(folder=str(folder))
            )
        journal = Path(self.engine.url.database or "").resolve()
        if journal.parent == root or journal.parent.is_relative_to(root):
            raise SharingError(
                _(
                    "The folder {folder} holds this journal itself. Choose another folder: the "
                    "journal file must never be in a synced folder."
                ).format(folder=str(folder))
            )
        if root.is_relative_to(journal.parent):
            raise SharingError(
                _(
                    "The folder {folder} is inside the journal's own folder. Choose a folder "
                    "that the family's sync tool keeps in step."
                ).format(folder=str(folder))
            )
        settings = store.read_settings(self.engine)
        if settings is not None and Path(settings.folder) == root:
            if not (root / settings.device).is_dir():
                # This computer's subfolder is gone (emptied by the sync tool): its history with
                # it. Never write into it again: a new device id, the journal written out anew.
                with store.round_transaction(self.engine) as s:
                    s.update_settings(device_name=name, rejoin=True, last_round_status="")
                return self.sync()
            paused = ShareFolder(root, settings.device).join(name)
            if paused is not None:
                raise SharingError(pause_text(paused.reason))
            with store.round_transaction(self.engine) as s:
                s.update_settings(device_name=name, last_round_status="")
            return self.sync()
        device = new_device_id()
        paused = ShareFolder(root, device).join(name)
        if paused is not None:
            raise SharingError(pause_text(paused.reason))
        with store.round_transaction(self.engine) as s:
            s.start(str(root), device, name)
        return self.sync()

    def stop(self) -> None:
        """Stop sharing on this computer; its subfolder stays (the others keep its history)."""
        with self._lock, store.round_transaction(self.engine) as s:
            s.clear()

    # -- a round ----------------------------------------------------------------------------------

    def _replica(self, s: store.ShareStore, settings: store.Settings) -> Replica:
        """This computer's side, as much as a round needs: its pending versions and cursors."""
        replica = Replica(settings.device, HlcClock(settings.device, settings.hlc, self.now_ms))
        pending = s.pending_versions(settings.device, settings.next_seq)
        replica.versions = {v.key: v for v in pending}
        replica.pending = {(v.kind, v.uuid): v for v in pending}
        replica.cursors = s.cursors()
        replica.next_seq = settings.next_seq
        return replica

    def _rejoin(self, settings: store.Settings) -> store.Settings:
        """A new device id (after a restore, or another computer writing as this one): the old
        device's files are read like another computer's; its pending changes are stamped again."""
        device = new_device_id()
        lost = not (Path(settings.folder) / settings.device).is_dir()
        paused = ShareFolder(Path(settings.folder), device).join(settings.device_name)
        if paused is not None:
            return settings
        with store.round_transaction(self.engine) as s:
            old = self._replica(s, settings)
            new = old.restored_as(device)
            s.replace_pending(settings.device, settings.next_seq, new.pending.values())
            s.set_cursors(new.cursors)
            s.note_computer(settings.device, settings.device_name, None)
            s.forget(settings.device)  # this computer's old self is not "another computer"
            s.update_settings(
                device=device, next_seq=new.next_seq, hlc=new.clock.last, rejoin=False
            )
            if lost:
                # The old subfolder's files are gone: what they said is written again (every
                # record as it stands, every deletion), so a computer joining later gets it.
                versions = s.versions()
                merged = merge(versions)
                s.record_local(
                    [(k, u, r) for k, records in merged.records.items() for u, r in records.items()]
                    + [(k, u, None) for k, uuids in merged.deleted.items() for u in sorted(uuids)],
                    self.now_ms,
                )
        fresh = store.read_settings(self.engine)
        assert fresh is not None
        return fresh

    def sync(self) -> SyncReport:
        """One round. A missing folder gives a paused report (the journal unchanged), never an
        exception for what is in the folder."""
        with self._lock:
            settings = store.read_settings(self.engine)
            if settings is None:
                return SyncReport(_INACTIVE, 0, 0, 0, (), ())
            if settings.rejoin:
                settings = self._rejoin(settings)
            with store.round_transaction(self.engine) as s:
                s.capture_untracked(self.now_ms)
            report, replica, outbox = self._round(settings)
            if report.paused is not None and report.paused.reason is PauseReason.DEVICE_ID_IN_USE:
                settings = self._rejoin(settings)
                report, replica, outbox = self._round(settings)
            return self._keep_round(settings, report, replica, outbox)

    def _round(self, settings: store.Settings) -> tuple[RoundReport, Replica, list[Version]]:
        """The round itself (files only; the journal file is written by :meth:`_keep_round`).
        Also returns the versions it was to write (a save made meanwhile is not among them)."""
        with store.reading(self.engine) as s:
            replica = self._replica(s, s.settings() or settings)
        outbox = list(replica.outbox()[2])
        folder = ShareFolder(Path(settings.folder), replica.device, f"{APP_NAME} {__version__}")
        try:
            # The files of its photos and videos are in the folder before the change file is.
            send_outbox(Path(settings.folder), replica.device, self.media, outbox)
        except OSError as exc:
            return RoundReport(Paused(PauseReason.WRITE_FAILED, str(exc))), replica, outbox
        report = sync_round(folder, replica, stamp_text(self._now()), self.now_ms())
        return report, replica, outbox

    def _keep_round(
        self,
        settings: store.Settings,
        report: RoundReport,
        replica: Replica,
        outbox: list[Version],
    ) -> SyncReport:
        """What the round wrote and read goes into the journal file, and the merge into the
        journal's tables: one transaction."""
        device = replica.device
        refused: list[str] = []
        arrived: dict[Kind, dict[str, int]] = {}
        new_conflicts = 0
        waiting = 0
        files = {}
        if report.paused is None:
            # Copied into the media folder before the transaction (a video takes a while).
            arrived_versions = [v for f in report.applied for v in f.versions]
            files = fetch_for_round(
                self.engine, Path(settings.folder), self.media, arrived_versions
            )
        with store.round_transaction(self.engine) as s:
            current = s.settings() or settings
            if report.written is not None:
                written = {(v.kind.value, v.uuid, v.hlc.wall_ms, v.hlc.counter) for v in outbox}
                s.renumber_pending(device, replica.next_seq - 1, replica.next_seq, written)
                s.add_versions(outbox)  # one a save replaced meanwhile is in the file all the same
                s.update_settings(next_seq=replica.next_seq)
            s.add_versions(v for f in report.applied for v in f.versions)
            if report.applied:
                s.set_cursors(replica.cursors)
            clock = max(current.hlc, replica.clock.last)
            for other, info in report.read.devices.items():
                s.note_computer(other, info.name, None)
            for f in report.applied:
                newest = max((v.hlc.wall_ms for v in f.versions), default=None)
                s.note_computer(f.device, None, newest)
            if report.paused is not None:
                s.update_settings(hlc=clock, last_round_status=report.paused.reason.value)
            else:
                must_merge = (
                    bool(report.applied)
                    or current.last_round_status == _REFUSED
                    or current.last_round_at is None
                )
                if must_merge:
                    versions = s.versions()
                    merged = merge(versions)
                    plan = plan_merge(
                        s.journal_records(), merged, versions, device, self.today(), files
                    )
                    s.apply(plan.plan)
                    kind_of = {v.uuid: v.kind for v in versions}
                    s.set_aliases({(kind_of[a], a): c for a, c in merged.aliases.items()})
                    new_conflicts = s.set_conflicts(
                        (c.kind, c.uuid, c.loser, c.reason.value) for c in merged.conflicts
                    )
                    arrived = {k: dict(v) for k, v in plan.arrived.items()}
                    names = self._names(s)
                    refused += [
                        refused_text(names.get(d, another_computer()), p) for d, p in plan.refused
                    ]
                    waiting = plan.waiting
                    status = _REFUSED if plan.refused or waiting else ""
                else:
                    status = ""
                s.update_settings(
                    hlc=clock,
                    last_round_at=self._now().replace(tzinfo=None),
                    last_round_status=status,
                )
            names = self._names(s)
        for problem in report.read.problems:
            text = problem_text(
                problem.reason, names.get(problem.device, another_computer()), problem.name
            )
            if text is not None and text not in refused:
                refused.append(text)
        devices = sorted({d for counts in arrived.values() for d in counts})
        notes = tuple(
            clock_ahead_text(names.get(d, another_computer()), ms)
            for d, ms in sorted(report.read.clock_ahead_ms.items())
        ) + ((waiting_text(waiting),) if waiting else ())
        return SyncReport(
            self.status(),
            sum(arrived.get(Kind.DAY, {}).values()),
            sum(arrived.get(Kind.CHILD, {}).values()),
            new_conflicts,
            tuple(refused),
            tuple(names.get(d, another_computer()) for d in devices),
            notes,
            sum(arrived.get(Kind.MEDIA, {}).values()),
        )

    @staticmethod
    def _names(s: store.ShareStore) -> dict[str, str]:
        names = {c.device: c.name for c in s.computers() if c.name}
        own = s.settings()
        if own is not None:
            names[own.device] = own.device_name
        return names

    # -- a day: where it was changed, and its conflicts ---------------------------------------------

    def day_changed_on(self, child_id: int, day: date) -> str | None:
        """The other computer's name when the day shown was last changed there, else None."""
        settings = store.read_settings(self.engine)
        if settings is None:
            return None
        with store.reading(self.engine) as s:
            uuid = s.day_uuid(child_id, day)
            if uuid is None:
                return None
            newest = s.newest_version(Kind.DAY, s.aliases_of(Kind.DAY, uuid))
            if newest is None or newest.device == settings.device:
                return None
            return self._names(s).get(newest.device, another_computer())

    def day_conflicts(self, child_id: int, day: date) -> list[DayConflict]:
        """The other versions of the day kept as conflicts ("Also written on ... at ...")."""
        if store.read_settings(self.engine) is None:
            return []
        out: list[DayConflict] = []
        with store.reading(self.engine) as s:
            child = s.child_uuid(child_id)
            if child is None:
                return []
            children = set(s.aliases_of(Kind.CHILD, child))
            names = self._names(s)
            for c in s.conflicts(Kind.DAY):
                record = c.loser.record
                if c.dismissed or record is None:
                    continue
                if (
                    record.get("date") != day.isoformat()
                    or record.get("child_uuid") not in children
                ):
                    continue
                try:
                    written = parse_stamp(str(record.get("updated"))).replace(tzinfo=UTC)
                except ValueError:
                    written = datetime.fromtimestamp(c.loser.hlc.wall_ms / 1000, UTC)
                out.append(
                    DayConflict(
                        _key(c.kind, c.uuid, c.loser),
                        names.get(c.loser.device, another_computer()),
                        written,
                        day_summary(record),
                    )
                )
        return sorted(out, key=lambda d: d.written_at)

    def _conflict(self, s: store.ShareStore, key: str) -> store.ConflictRow:
        try:
            kind_code, uuid, loser_uuid, device, wall, counter = key.split("|")
            kind = Kind(kind_code)
            stamp = (int(wall), int(counter))
        except ValueError:
            raise SharingError(_("This other version is no longer kept.")) from None
        for c in s.conflicts(kind, uuid):
            if (c.loser.uuid, c.loser.device, c.loser.hlc.wall_ms, c.loser.hlc.counter) == (
                loser_uuid,
                device,
                *stamp,
            ):
                return c
        raise SharingError(_("This other version is no longer kept."))

    def keep(self, key: str) -> None:
        """That other version becomes the record (an edit here, so the conflict is gone on every
        computer). Raises :class:`SharingError` when it cannot be put in the journal."""
        with self._lock, store.round_transaction(self.engine) as s:
            c = self._conflict(s, key)
            assert c.loser.record is not None
            record = dict(c.loser.record)
            record["uuid"] = c.uuid
            record["updated"] = stamp_text(self._now())
            journal = s.journal_records()
            child: dict[str, Any] | None = None
            if c.kind is not Kind.CHILD:
                parent = s.canonical(Kind.CHILD, str(record.get("child_uuid")))
                child = journal[Kind.CHILD].get(parent)
                if child is None:
                    raise SharingError(_("This version's child is no longer in the journal."))
                record["child_uuid"] = parent
            problem = check_record(c.kind, record, child, self.today())
            if problem is not None:
                raise SharingError(problem)
            plan = ApplyPlan()
            old = self._row_for(journal, c.kind, record)
            plan.writes[c.kind] = [(old, record)]
            s.apply(plan)
            s.record_local([(c.kind, c.uuid, s.record(c.kind, c.uuid))], self.now_ms)
            s.drop_conflict(c.kind, c.uuid, c.loser)

    @staticmethod
    def _row_for(journal: Any, kind: Kind, record: dict[str, Any]) -> str | None:
        """The row a kept version replaces: the record's own, or the one at its place (a day of
        that child and date) that was recorded since."""
        have = journal[kind]
        if record["uuid"] in have:
            return str(record["uuid"])
        keys = {
            Kind.DAY: ("child_uuid", "date"),
            Kind.MILESTONE: ("child_uuid", "milestone"),
            Kind.TIP_TRIED: ("child_uuid", "tip_id"),
        }.get(kind)
        if keys is None:
            return None
        for uuid, held in have.items():
            if all(held.get(k) == record.get(k) for k in keys):
                return str(uuid)
        return None

    def dismiss(self, key: str) -> None:
        """Keep the version shown (an edit of it, which knows the other), the conflict gone."""
        with self._lock, store.round_transaction(self.engine) as s:
            c = self._conflict(s, key)
            s.record_local([(c.kind, c.uuid, s.record(c.kind, c.uuid))], self.now_ms)
            s.drop_conflict(c.kind, c.uuid, c.loser)
