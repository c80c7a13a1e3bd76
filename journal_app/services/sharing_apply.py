"""What a merge changes in the journal, checked as import checks it, and the wording of sharing.

:func:`plan_merge` compares the journal (its records, as storage reads them) with what the merge
of every version says it should be, and returns the rows to write and delete. A record that
came from another computer is checked first with the import's own checks
(services/portability: the fields, the vocabularies, the dates, the domain's rules); one that
fails is not applied and is reported, the rest is (it is tried again next round: a day dated
"tomorrow" by a computer whose clock runs ahead applies once that day has come).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from journal_app.domain.enums import MovementStyle, WarningSign
from journal_app.domain.sharing import CHILD_PARTS, RECORD_FIELDS, Kind, Merged, Version
from journal_app.i18n import _, ngettext
from journal_app.services.portability.common import FORMAT_NAME, FORMAT_VERSION, ImportRefused
from journal_app.services.portability.reading import check_records, flatten, parse_document
from journal_app.services.sharing_media import Fetched, FetchStatus, damaged_text
from journal_app.storage.share_format import PauseReason, ProblemReason
from journal_app.storage.share_journal import ApplyPlan, normalized

#: The export's list of a child that holds each kind.
_EXPORT_LIST = {
    Kind.DAY: "days",
    Kind.MILESTONE: "milestones",
    Kind.TIP_TRIED: "tips_tried",
    Kind.SUMMARY_MADE: "summaries_made",
    Kind.MEDIA: "media",
}
_NEVER = datetime(9999, 12, 31)


def check_record(
    kind: Kind, record: Mapping[str, Any], child: Mapping[str, Any] | None, today: date
) -> str | None:
    """Why import would refuse this record (None when it would take it). ``child``: the record
    of its child, for what belongs to a child. The created/updated times are not held against
    the clock: on a shared journal the stamps, not those times, decide which version wins."""
    if kind is Kind.CHILD:
        child_doc = {name: record.get(name) for name in RECORD_FIELDS[Kind.CHILD]}
    else:
        if child is None:
            return _("its child is not in this journal.")
        child_doc = {name: child.get(name) for name in RECORD_FIELDS[Kind.CHILD]}
        part = {k: v for k, v in record.items() if k != "child_uuid"}
        child_doc[_EXPORT_LIST[kind]] = [part]
    for name in _EXPORT_LIST.values():
        child_doc.setdefault(name, [])
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "children": [child_doc]}
    try:
        check_records(flatten(parse_document(document)), today, _NEVER, lambda _done: None)
    except ImportRefused as refused:
        return str(refused)
    return None


@dataclass
class MergePlan:
    plan: ApplyPlan = field(default_factory=ApplyPlan)
    #: Records changed here by other computers: kind -> device -> how many.
    arrived: dict[Kind, Counter[str]] = field(default_factory=dict)
    #: (device, translated message) for remote records not applied.
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: Photos and videos whose file is not in the shared folder whole yet (tried again).
    waiting: int = 0


def _newest_by_uuid(versions: Sequence[Version]) -> dict[tuple[Kind, str], Version]:
    newest: dict[tuple[Kind, str], Version] = {}
    for v in versions:
        held = newest.get((v.kind, v.uuid))
        if held is None or held.hlc < v.hlc:
            newest[(v.kind, v.uuid)] = v
    return newest


def plan_merge(
    journal: Mapping[Kind, Mapping[str, Any]],
    merged: Merged,
    versions: Sequence[Version],
    own_device: str,
    today: date,
    media_files: Mapping[str, Fetched] | None = None,
) -> MergePlan:
    """The rows to write and delete so that the journal shows ``merged``. A photo or video is
    written only when its file is in this journal's media folder (``media_files``, by SHA-256:
    what :func:`journal_app.services.sharing_media.fetch_for_round` found)."""
    out = MergePlan()
    newest = _newest_by_uuid(versions)
    live_children = set(journal[Kind.CHILD])

    def arrived(kind: Kind, device: str) -> None:
        if device != own_device:
            out.arrived.setdefault(kind, Counter())[device] += 1

    for kind in (Kind.CHILD, *CHILD_PARTS):
        have = journal[kind]
        want = merged.records[kind]
        writes: list[tuple[str | None, dict[str, Any]]] = []
        deletes: list[str] = []
        claimed: set[str] = set()
        targets: list[tuple[str | None, str]] = []
        for uuid in sorted(have):
            target = uuid if uuid in want else merged.aliases.get(uuid)
            if target is None or target not in want:
                deletes.append(uuid)
                gone = newest.get((kind, uuid))
                if gone is not None and gone.is_tombstone:
                    arrived(kind, gone.device)
                continue
            if target != uuid and (target in have or target in claimed):
                deletes.append(uuid)
                continue
            claimed.add(target)
            if target == uuid and normalized(kind, have[uuid]) == normalized(kind, want[uuid]):
                continue
            targets.append((uuid, target))
        targets += [(None, c) for c in sorted(want) if c not in claimed and c not in have]
        for old, target in targets:
            record = want[target]
            winner = merged.winners[(kind, target)]
            if kind is not Kind.CHILD:
                parent = str(record.get("child_uuid"))
                if parent not in live_children:
                    continue  # its child could not be applied (reported with the child)
            if winner.device != own_device:
                child = merged.records[Kind.CHILD].get(str(record.get("child_uuid")))
                problem = check_record(kind, record, child, today)
                if problem is not None:
                    out.refused.append((winner.device, problem))
                    continue
            if kind is Kind.MEDIA:
                found = (media_files or {}).get(str(record.get("sha256")))
                if found is None or found.status is FetchStatus.WAITING:
                    out.waiting += 1
                    continue
                if found.status is FetchStatus.DAMAGED:
                    out.refused.append((winner.device, damaged_text(found.name)))
                    continue
            if kind is Kind.CHILD:
                live_children.add(target)
            writes.append((old, dict(record)))
            arrived(kind, winner.device)
        if kind is Kind.CHILD:
            live_children -= set(deletes)
        if writes:
            out.plan.writes[kind] = writes
        if deletes:
            out.plan.deletes[kind] = deletes
    return out


# -- wording ------------------------------------------------------------------------------------------


def pause_text(reason: str) -> str:
    """Why sharing is paused, to follow "Sharing paused: "."""
    texts = {
        PauseReason.FOLDER_MISSING: _("the shared folder is not there"),
        PauseReason.NOT_A_FOLDER: _("the shared folder is a file, not a folder"),
        PauseReason.UNREADABLE: _("the shared folder cannot be read"),
        PauseReason.OWN_FOLDER_MISSING: _(
            "this computer's folder inside the shared folder is gone; share the journal again "
            "to make it anew"
        ),
        PauseReason.WRITE_FAILED: _(
            "this computer's changes could not be written into the shared folder"
        ),
        PauseReason.DEVICE_ID_IN_USE: _("another computer writes in this computer's folder"),
    }
    try:
        return texts[PauseReason(reason)]
    except ValueError:
        return _("the shared folder cannot be used")


def problem_text(reason: ProblemReason, computer: str, name: str) -> str | None:
    """A problem with another computer's files worth telling (None: it sorts itself out)."""
    if reason is ProblemReason.NEWER_VERSION:
        return _(
            "{computer} uses a newer version of Crawl Journal: its changes wait until this app "
            "is updated."
        ).format(computer=computer)
    if reason in (ProblemReason.INCOMPLETE, ProblemReason.UNREADABLE, ProblemReason.FORK):
        return None
    if reason is ProblemReason.BAD_DEVICE_FILE:
        return _("The name of a computer in the shared folder cannot be read.")
    return _(
        "A change file of {computer} is damaged and was not applied ({name}); its later "
        "changes wait behind it."
    ).format(computer=computer, name=name)


def refused_text(computer: str, problem: str) -> str:
    return _("A change from {computer} was not applied: {problem}").format(
        computer=computer, problem=problem
    )


def clock_ahead_text(computer: str, ahead_ms: int) -> str:
    """A computer whose clock runs ahead (its changes still merge rightly, docs "Time")."""
    hours = ahead_ms // 3_600_000
    if hours >= 24:
        days = hours // 24
        return ngettext(
            "{computer}'s clock seems to be {n} day ahead of this computer's.",
            "{computer}'s clock seems to be {n} days ahead of this computer's.",
            days,
        ).format(computer=computer, n=days)
    if hours >= 1:
        return ngettext(
            "{computer}'s clock seems to be {n} hour ahead of this computer's.",
            "{computer}'s clock seems to be {n} hours ahead of this computer's.",
            hours,
        ).format(computer=computer, n=hours)
    minutes = max(ahead_ms // 60_000, 1)
    return ngettext(
        "{computer}'s clock seems to be {n} minute ahead of this computer's.",
        "{computer}'s clock seems to be {n} minutes ahead of this computer's.",
        minutes,
    ).format(computer=computer, n=minutes)


def another_computer() -> str:
    return _("another computer")


def day_summary(record: Mapping[str, Any]) -> str:
    """One line describing a version of a day: "Tummy time 25 min; Backward crawling 4 times;
    notes: ..."."""
    parts: list[str] = []
    minutes = record.get("tummy_minutes")
    if isinstance(minutes, int):
        parts.append(_("tummy time {minutes} min").format(minutes=minutes))
    for movement in record.get("movements") or []:
        try:
            label = MovementStyle(movement.get("style")).label
        except ValueError:
            continue
        episodes = movement.get("episodes")
        if isinstance(episodes, int):
            parts.append(
                ngettext("{movement}: {n} time", "{movement}: {n} times", episodes).format(
                    movement=_(label), n=episodes
                )
            )
        else:
            parts.append(_(label))
    for sign in record.get("warning_signs") or []:
        try:
            parts.append(_(WarningSign(sign.get("sign")).label))
        except ValueError:
            continue
    notes = str(record.get("notes") or "").strip()
    if notes:
        short = notes if len(notes) <= 60 else notes[:59] + "…"
        parts.append(_("notes: {notes}").format(notes=short))
    if not parts:
        return _("nothing recorded")
    return "; ".join(parts)
