"""The JSON export: the whole journal (or one child) as the document of ``docs/export-format.md``,
in a stable order."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal_app import APP_NAME, __version__
from journal_app.domain.enums import Milestone, MovementStyle, WarningSign
from journal_app.services.messages import NO_CHILD_WITH_ID
from journal_app.services.portability.common import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Progress,
    code_order,
    report_progress,
    stamp_text,
)
from journal_app.storage.errors import ChildNotFound
from journal_app.storage.exports import (
    Stamp,
    StoredChild,
    StoredDay,
    StoredMedia,
    stored_children,
)
from journal_app.storage.files import write_private_bytes

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine


def _tracked(stamp: Stamp) -> dict[str, Any]:
    return {
        "uuid": stamp.uuid,
        "created": stamp_text(stamp.created),
        "updated": stamp_text(stamp.updated),
    }


def _day_document(day: StoredDay) -> dict[str, Any]:
    doc = _tracked(day.stamp)
    doc.update(
        {
            "date": day.day.isoformat(),
            "tummy_minutes": day.tummy_minutes,
            "floor": day.floor,
            "notes": day.notes,
            "questions": day.questions,
            "notes_in_summary": day.notes_in_summary,
            "movements": [
                {
                    **_tracked(m.stamp),
                    "style": m.style,
                    "episodes": m.episodes,
                    "minutes": m.minutes,
                }
                for m in sorted(day.movements, key=lambda m: code_order(MovementStyle, m.style))
            ],
            "warning_signs": [
                {**_tracked(w.stamp), "sign": w.sign, "side": w.side, "note": w.note}
                for w in sorted(day.signs, key=lambda w: code_order(WarningSign, w.sign))
            ],
        }
    )
    return doc


def _media_document(m: StoredMedia) -> dict[str, Any]:
    return {
        **_tracked(m.stamp),
        "day": m.day.isoformat(),
        "file_name": m.original_name,
        "kind": m.kind,
        "size": m.size_bytes,
        "sha256": m.sha256,
        "caption": m.caption,
        "added": stamp_text(m.added_at),
        "taken": m.taken_at.isoformat(sep="T", timespec="microseconds") if m.taken_at else None,
        "taken_source": m.taken_source,
    }


def _child_document(child: StoredChild, days: list[dict[str, Any]]) -> dict[str, Any]:
    out = _tracked(child.stamp)
    out.update(
        {
            "name": child.name,
            "birth_date": child.birth_date.isoformat(),
            "due_date": child.due_date.isoformat() if child.due_date else None,
            "days": days,
            "milestones": [
                {
                    **_tracked(m.stamp),
                    "milestone": m.kind,
                    "achieved_on": m.achieved_on.isoformat() if m.achieved_on else None,
                    "status": m.status,
                }
                for m in sorted(
                    child.milestones,
                    key=lambda m: (
                        m.achieved_on is not None,  # the answers without a day first
                        m.achieved_on or date.min,
                        code_order(Milestone, m.kind),
                        m.stamp.uuid,
                    ),
                )
            ],
            "tips_tried": [
                {**_tracked(t.stamp), "tip_id": t.tip_id, "tried_on": t.tried_on.isoformat()}
                for t in sorted(child.tips, key=lambda t: (t.tried_on, t.tip_id, t.stamp.uuid))
            ],
            "summaries_made": [
                {
                    **_tracked(m.stamp),
                    "made_on": m.made_on.isoformat(),
                    "period_start": m.period_start.isoformat(),
                    "period_end": m.period_end.isoformat(),
                }
                for m in sorted(
                    child.summaries,
                    key=lambda m: (m.made_on, m.period_start, m.period_end, m.stamp.uuid),
                )
            ],
            "media": [
                _media_document(m)
                for m in sorted(child.media, key=lambda m: (m.day, m.added_at, m.stamp.uuid))
            ],
        }
    )
    return out


def export_document(
    engine: Engine, child_id: int | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The whole journal (or one child) as the JSON export's document, in a stable order."""
    try:
        stored = stored_children(engine, child_id)
    except ChildNotFound:
        raise LookupError(NO_CHILD_WITH_ID.format(child_id=child_id)) from None
    children = sorted(stored, key=lambda c: (c.name, c.birth_date, c.stamp.uuid))
    total = sum(len(c.days) for c in children)
    done = 0
    report_progress(progress, done, total)
    out_children = []
    for child in children:
        days = []
        for day in sorted(child.days, key=lambda d: d.day):
            days.append(_day_document(day))
            done += 1
            report_progress(progress, done, total)
        out_children.append(_child_document(child, days))
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_by": f"{APP_NAME} {__version__}",
        "children": out_children,
    }


def json_bytes(document: dict[str, Any]) -> bytes:
    """The document as the export's UTF-8 text."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Write the document to ``path`` (atomically, mode 0600)."""
    write_private_bytes(Path(path), json_bytes(document))
