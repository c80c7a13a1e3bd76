"""Import files on the edges: times at the ends of the calendar, numbers of thousands of digits,
UTF-16 text, files over the size limit. Each is refused with a message that names what and where
(or what to do), and the journal file stays byte for byte as it was."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.services.context import JournalContext
from journal_app.services.portability import MAX_IMPORT_BYTES, ImportRefused
from tests.helpers.constants import TODAY


def _files(ctx: JournalContext) -> tuple[bytes, bytes]:
    wal = ctx.paths.journal.with_name(ctx.paths.journal.name + "-wal")
    return ctx.paths.journal.read_bytes(), wal.read_bytes() if wal.exists() else b""


@pytest.fixture
def export(context: JournalContext, child: ChildProfile, tmp_path: Path) -> dict[str, Any]:
    assert child.id is not None
    context.journal.save_day(
        DayEntry(child.id, TODAY, movements={MovementStyle.BACKWARD: MovementCount(3)})
    )
    path = tmp_path / "good.json"
    context.portability.export_json(path)
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _refusal(context: JournalContext, path: Path) -> ImportRefused:
    before = _files(context)
    with pytest.raises(ImportRefused) as caught:
        context.portability.import_json(path)
    assert _files(context) == before
    assert "Traceback" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_time_beyond_the_calendar_in_utc_is_refused_naming_record_and_field(
    context: JournalContext, export: dict[str, Any], tmp_path: Path, moment: str
) -> None:
    export["children"][0]["days"][0]["created"] = moment
    path = tmp_path / "edge.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    refused = _refusal(context, path)
    assert refused.field == "created"
    assert refused.record is not None and "days[0]" in refused.record
    assert moment in str(refused) and "years 1 to 9999" in str(refused)


def test_a_number_of_5000_digits_is_refused_naming_record_and_field(
    context: JournalContext, export: dict[str, Any], tmp_path: Path
) -> None:
    text = json.dumps(export).replace('"tummy_minutes": null', '"tummy_minutes": ' + "7" * 5000, 1)
    assert "7" * 5000 in text
    path = tmp_path / "digits.json"
    path.write_text(text, encoding="utf-8")
    refused = _refusal(context, path)
    assert refused.field == "tummy_minutes"
    assert refused.record is not None and "days[0]" in refused.record
    assert "a number of 5000 digits" in str(refused)
    assert "4300" not in str(refused)  # not Python's own message


def test_a_long_number_where_text_belongs_is_not_taken_as_text(
    context: JournalContext, export: dict[str, Any], tmp_path: Path
) -> None:
    text = json.dumps(export).replace('"notes": ""', '"notes": ' + "1" * 40, 1)
    path = tmp_path / "number-notes.json"
    path.write_text(text, encoding="utf-8")
    refused = _refusal(context, path)
    assert refused.field == "notes" and "expected text" in str(refused)


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
        ("utf-16-le", b"", "UTF-16"),
        ("utf-16-be", b"", "UTF-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
    ],
)
def test_a_utf16_file_is_told_as_utf16_with_what_to_do(
    context: JournalContext,
    export: dict[str, Any],
    tmp_path: Path,
    codec: str,
    bom: bytes,
    name: str,
) -> None:
    path = tmp_path / "wide.json"
    path.write_bytes(bom + json.dumps(export, indent=2).encode(codec))
    message = str(_refusal(context, path))
    assert f"is {name} text" in message and "save it again as UTF-8" in message
    assert "byte 0" not in message


def test_a_file_over_the_limit_is_told_the_limit_and_what_to_do(
    context: JournalContext, export: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    with path.open("r+b") as handle:  # sparse: no 100 MB written to the disk
        handle.truncate(MAX_IMPORT_BYTES + 1)
    message = str(_refusal(context, path))
    assert f"up to {MAX_IMPORT_BYTES // (1024 * 1024)} MB" in message
    assert "one child at a time" in message
