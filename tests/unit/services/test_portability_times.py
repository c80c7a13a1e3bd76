"""Created/updated times in exports: always ISO 8601 with a 4-digit year; on import, times later
than the computer's clock and a day of leeway are refused, old ones (a wrong clock) let in."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from journal_app.domain.entries import ChildProfile
from journal_app.services.context import JournalContext
from journal_app.services.portability import ImportRefused, PortabilityService
from journal_app.services.portability.json_export import export_document
from journal_app.storage.models import ChildRow, utc_now
from journal_app.storage.transaction import transaction
from tests.helpers.constants import TODAY
from tests.helpers.journals import journal_bytes

STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


def test_times_are_written_with_a_four_digit_year(
    context: JournalContext, child: ChildProfile
) -> None:
    with transaction(context.engine) as s:
        s.execute(
            update(ChildRow).values(
                created_at=datetime(999, 1, 2, 3, 4, 5), updated_at=datetime(2026, 5, 31, 18, 2, 3)
            )
        )
    [out] = export_document(context.engine)["children"]
    assert out["created"] == "0999-01-02T03:04:05.000000Z"  # strftime("%Y") would write "999"
    assert out["updated"] == "2026-05-31T18:02:03.000000Z"
    assert STAMP.match(out["created"]) and STAMP.match(out["updated"])


def _export_with_updated(context: JournalContext, tmp_path: Path, updated: datetime) -> Path:
    context.portability.export_json(tmp_path / "maya.json")
    document: dict[str, Any] = json.loads((tmp_path / "maya.json").read_text(encoding="utf-8"))
    document["children"][0]["updated"] = updated.isoformat() + "Z"
    path = tmp_path / f"maya-{updated:%Y%m%d%H%M%S}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_time_later_than_the_clock_and_a_day_is_refused(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    clock = utc_now().replace(microsecond=0)  # stopped: the records were all made before it
    service = PortabilityService(context.engine, lambda: TODAY, clock=lambda: clock)
    too_late = _export_with_updated(context, tmp_path, clock + timedelta(days=1, seconds=1))
    just_in = _export_with_updated(context, tmp_path, clock + timedelta(hours=23))
    context.journal.delete_child(child.id or 0)
    before = journal_bytes(context)
    with pytest.raises(ImportRefused) as refused:
        service.import_json(too_late)
    assert refused.value.field == "updated" and "in the future" in str(refused.value)
    assert f"{clock + timedelta(days=1, seconds=1):%Y-%m-%dT%H:%M:%S}.000000Z" in str(refused.value)
    assert journal_bytes(context) == before
    assert service.import_json(just_in).added == 1  # another computer's clock a little ahead


def test_a_journal_written_under_a_wrong_clock_still_moves(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    """A computer whose clock said 1970 (or year 999) wrote those times: the journal imports, and
    exports again with the same times."""
    with transaction(context.engine) as s:
        s.execute(
            update(ChildRow).values(created_at=datetime(999, 1, 1), updated_at=datetime(1970, 1, 1))
        )
    context.portability.export_json(tmp_path / "old.json")
    context.journal.delete_child(child.id or 0)
    report = context.portability.import_json(tmp_path / "old.json")
    assert report.added >= 1
    [out] = export_document(context.engine)["children"]
    assert (out["created"], out["updated"]) == (
        "0999-01-01T00:00:00.000000Z",
        "1970-01-01T00:00:00.000000Z",
    )
