"""A corpus of broken imports: each is refused with a message naming what and where, and the
journal file stays byte-for-byte as it was."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal_app.domain.entries import DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.services.portability import FORMAT_VERSION, ImportRefused
from tests.helpers.journals import journal_bytes

Doc = dict[str, Any]


def _day(doc: Doc) -> Doc:
    return doc["children"][0]["days"][0]


def _as_json(change: Callable[[Doc], object]) -> Callable[[Doc], bytes]:
    def build(doc: Doc) -> bytes:
        broken = copy.deepcopy(doc)
        change(broken)
        return json.dumps(broken, ensure_ascii=False).encode("utf-8")

    return build


def _set(path: Callable[[Doc], Doc], key: str, value: object) -> Callable[[Doc], bytes]:
    return _as_json(lambda d: path(d).__setitem__(key, value))


def _set_ascii(path: Callable[[Doc], Doc], key: str, value: str) -> Callable[[Doc], bytes]:
    """Like :func:`_set`, written as ASCII JSON: a lone surrogate is spelled ``\\ud800``, which is
    valid JSON (and cannot be written as UTF-8 at all)."""

    def build(doc: Doc) -> bytes:
        broken = copy.deepcopy(doc)
        path(broken)[key] = value
        return json.dumps(broken, ensure_ascii=True).encode("ascii")

    return build


def _second_child_same_uuid(doc: Doc) -> None:
    twin = copy.deepcopy(doc["children"][0])
    twin["name"] = "Someone else"
    doc["children"].append(twin)


def _same_date_twice(doc: Doc) -> None:
    again = copy.deepcopy(_day(doc))
    again["uuid"] = "7d4b9e1c-0000-4000-8000-000000000001"
    again["movements"] = []
    again["warning_signs"] = []
    doc["children"][0]["days"].append(again)


def _tip(tried_on: str) -> Doc:
    stamp = "2026-11-01T00:00:00.000000Z"
    return {
        "uuid": "6b1f3a1e-1111-4111-8111-111111111111",
        "created": stamp,
        "updated": stamp,
        "tip_id": "toy-ahead",
        "tried_on": tried_on,
    }


def _summary(made_on: str, period_start: str, period_end: str) -> Doc:
    stamp = "2026-11-01T00:00:00.000000Z"
    return {
        "uuid": "6b1f3a1e-2222-4111-8111-111111111111",
        "created": stamp,
        "updated": stamp,
        "made_on": made_on,
        "period_start": period_start,
        "period_end": period_end,
    }


def _with(key: str, record: Doc) -> Callable[[Doc], bytes]:
    return _as_json(lambda d: d["children"][0][key].append(record))


def _csv(_doc: Doc) -> bytes:
    return (
        "\ufeffChild,Date,Age,Movement\r\nMaya,2026-10-01,7 months,Backward crawling\r\n".encode()
    )


def _junk(_doc: Doc) -> bytes:
    return random.Random(7).randbytes(50 * 1024 * 1024)


#: (id, how to break the file, words the message must contain, the field it must name)
CORPUS: list[tuple[str, Callable[[Doc], bytes], list[str], str | None]] = [
    (
        "truncated",
        lambda d: json.dumps(d).encode()[: len(json.dumps(d)) // 2],
        ["not valid JSON", "cut short"],
        None,
    ),
    ("empty", lambda d: b"", ["is empty"], None),
    ("csv given as json", _csv, ["looks like a CSV"], None),
    ("zip given as json", lambda d: b"PK\x03\x04" + b"\0" * 100, ["zip archive"], None),
    ("50 MB of junk", _junk, ["not a text file"], None),
    ("a list, not an export", lambda d: b"[1, 2, 3]", ["not a Crawl Journal export"], None),
    (
        "wrong format name",
        _set(lambda d: d, "format", "baby-tracker"),
        ["not a Crawl Journal export", "baby-tracker"],
        None,
    ),
    (
        "newer version",
        _set(lambda d: d, "version", FORMAT_VERSION + 1),
        ["newer version", "update the app"],
        None,
    ),
    (
        "version as text",
        _set(lambda d: d, "version", "1"),
        ["top of the file", "version number"],
        "version",
    ),
    (
        "missing field",
        _as_json(lambda d: _day(d).pop("notes")),
        ["days[0]", "2026-10-01", "missing"],
        "notes",
    ),
    ("missing children", _as_json(lambda d: d.pop("children")), ["missing"], "children"),
    (
        "wrong type",
        _set(_day, "tummy_minutes", "25"),
        ["days[0]", "whole number", '"25"'],
        "tummy_minutes",
    ),
    (
        "true as a number",
        _as_json(lambda d: _day(d)["movements"][0].__setitem__("episodes", True)),
        ["movements[0]", "whole number"],
        "episodes",
    ),
    ("impossible date", _set(_day, "date", "2026-02-30"), ["days[0]", "not a real date"], "date"),
    (
        "birth date not a date",
        _set(lambda d: d["children"][0], "birth_date", 20260301),
        ["Maya", "date like"],
        "birth_date",
    ),
    (
        "unknown movement style",
        _as_json(lambda d: _day(d)["movements"][0].__setitem__("style", "flying")),
        ["movements[0]", '"flying"', "not a known movement style"],
        "style",
    ),
    ("unknown floor", _set(_day, "floor", "lava"), ["not a known floor"], "floor"),
    (
        "unknown milestone",
        _as_json(lambda d: d["children"][0]["milestones"][0].__setitem__("milestone", "juggling")),
        ["milestones[0]", "not a known milestone"],
        "milestone",
    ),
    ("bad uuid", _set(_day, "uuid", "not-a-uuid"), ["days[0]", "not a UUID"], "uuid"),
    ("bad timestamp", _set(_day, "updated", "yesterday"), ["days[0]", "ISO 8601"], "updated"),
    (
        "time in the future",
        _as_json(lambda d: _day(d)["movements"][0].__setitem__("updated", "2099-01-01T00:00:00Z")),
        ["movements[0]", "2099-01-01T00:00:00.000000Z", "in the future"],
        "updated",
    ),
    ("day in the future", _set(_day, "date", "2026-12-25"), ["days[0]", "in the future"], "day"),
    ("day before birth", _set(_day, "date", "2026-02-01"), ["before Maya's birth date"], "day"),
    (
        "tip tried in the future",
        _with("tips_tried", _tip("2026-11-24")),
        ["tips_tried[0]", "in the future"],
        "tried_on",
    ),
    (
        "summary made in the future",
        _with("summaries_made", _summary("2099-01-01", "2026-08-01", "2026-10-31")),
        ["summaries_made[0]", "in the future"],
        "made_on",
    ),
    (
        "negative tummy time",
        _set(_day, "tummy_minutes", -5),
        ["Tummy time cannot be negative"],
        "tummy_minutes",
    ),
    (
        "too many minutes",
        _as_json(lambda d: _day(d)["movements"][0].__setitem__("minutes", 2000)),
        ["more than 24 hours"],
        "movement.backward_crawl",
    ),
    (
        "side where none applies",
        _as_json(lambda d: _day(d)["warning_signs"][0].update(sign="little_interest_in_exploring")),
        ["a side does not apply"],
        "warning_signs.0",
    ),
    (
        "empty name",
        _set(lambda d: d["children"][0], "name", "  "),
        ["children[0]", "must not be empty"],
        "name",
    ),
    (
        "duplicate uuid, conflicting children",
        _as_json(_second_child_same_uuid),
        ["used by two different children", "Someone else"],
        "uuid",
    ),
    (
        "same date twice",
        _as_json(_same_date_twice),
        ["A day is recorded twice", "days[0]", "days[1]"],
        None,
    ),
    (
        "duplicate key",
        lambda d: (
            json.dumps(d)
            .replace(
                '"format": "crawl-journal"', '"format": "crawl-journal", "format": "crawl-journal"'
            )
            .encode()
        ),
        ["appears twice"],
        None,
    ),
    (
        "lone surrogate in notes",
        _set_ascii(_day, "notes", "bad \ud800 text"),
        ["days[0]", "invalid character", "\\ud800", "at character 5"],
        "notes",
    ),
    (
        "lone surrogate in a name",
        _set_ascii(lambda d: d["children"][0], "name", "Ma\udc00ya"),
        ["children[0]", "invalid character", "\\udc00"],
        "name",
    ),
    (
        "lone surrogate in a code",
        _set_ascii(_day, "floor", "\ud800"),
        ['"\\ud800" is not a known floor'],
        "floor",
    ),
    (
        "NaN",
        lambda d: json.dumps(d).replace('"tummy_minutes": 25', '"tummy_minutes": NaN').encode(),
        ["NaN is not allowed"],
        None,
    ),
]


@pytest.fixture
def good_export(context: JournalContext, child, tmp_path: Path) -> Doc:
    """A valid export of Maya's journal; the journal itself then holds a day the tests keep an eye on."""
    context.journal.save_day(
        DayEntry(
            child.id,
            date(2026, 10, 1),
            movements={MovementStyle.BACKWARD: MovementCount(4, 3)},
            tummy_minutes=25,
            floor=FloorSurface.PLAY_MAT,
            warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, "left arm")],
            notes="here before the import",
        )
    )
    from journal_app.storage.models import MilestoneRow
    from journal_app.storage.transaction import transaction

    with transaction(context.engine) as s:
        s.add(
            MilestoneRow(
                child_id=child.id, kind="first_backward_crawl", achieved_on=date(2026, 10, 1)
            )
        )
    context.portability.export_json(tmp_path / "good.json")
    return json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("build", "words", "field"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS]
)
def test_broken_file_is_refused_with_a_clear_message_and_the_journal_is_untouched(
    context: JournalContext,
    good_export: Doc,
    tmp_path: Path,
    build,
    words: list[str],
    field: str | None,
) -> None:
    # Maya is removed first, so an import that were accepted would visibly add her back.
    path = tmp_path / "broken.json"
    path.write_bytes(build(good_export))
    context.journal.delete_child(context.journal.find_child("Maya").id)
    before = journal_bytes(context)
    with pytest.raises(ImportRefused) as refused:
        context.portability.import_json(path)
    message = str(refused.value)
    message.encode("utf-8")  # the message can be shown (printed, put in a dialog)
    for word in words:
        assert word in message, message
    assert refused.value.field == field
    if field is not None:
        assert message.startswith("In ") and f'field "{field}"' in message
    assert journal_bytes(context) == before
    assert context.journal.list_children() == []


def test_the_good_file_itself_imports(
    context: JournalContext, good_export: Doc, tmp_path: Path
) -> None:
    """The corpus is built from a file that is fine: only the breakage causes each refusal."""
    context.journal.delete_child(context.journal.find_child("Maya").id)
    path = tmp_path / "again.json"
    path.write_text(json.dumps(good_export), encoding="utf-8")
    report = context.portability.import_json(path)
    assert (report.added, report.updated, report.unchanged) == (5, 0, 0)
    assert context.journal.find_child("Maya") is not None


def test_tips_and_summaries_on_the_edges_of_what_is_possible_import(
    context: JournalContext, good_export: Doc, tmp_path: Path
) -> None:
    """The date rules refuse only what would mislead; bookkeeping the app itself can have written
    is let in, so a journal is never stranded by it: a tip on the birth day or before it (the
    birth date corrected since), a summary made today, one whose period ran past the day it was
    made (earlier versions allowed it)."""
    child = good_export["children"][0]
    child["tips_tried"].append(_tip(child["birth_date"]))
    child["tips_tried"].append(
        {**_tip("1990-01-01"), "uuid": "6b1f3a1e-3333-4111-8111-111111111111", "tip_id": "praise"}
    )
    today = context.today().isoformat()
    child["summaries_made"].append(_summary(today, child["birth_date"], today))
    child["summaries_made"].append(
        {
            **_summary("2026-11-01", "2026-08-01", "2026-11-20"),
            "uuid": "6b1f3a1e-4444-4111-8111-111111111111",
        }
    )
    context.journal.delete_child(context.journal.find_child("Maya").id)
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(good_export), encoding="utf-8")
    report = context.portability.import_json(path)
    assert (report.added, report.updated, report.unchanged) == (9, 0, 0)


def test_a_missing_file_is_refused(context: JournalContext, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="There is no file"):
        context.portability.import_json(tmp_path / "nowhere.json")


def test_a_refused_merge_rolls_back_everything(
    context: JournalContext, child, tmp_path: Path
) -> None:
    """A file that passes the checks but clashes with this journal while merging changes nothing."""
    context.journal.save_day(DayEntry(child.id, date(2026, 10, 1), notes="mine"))
    context.portability.export_json(tmp_path / "mine.json")
    document = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    # A new second child, and then a day that this journal has under Maya claimed by it.
    other = copy.deepcopy(document["children"][0])
    other.update(uuid="7d4b9e1c-0000-4000-8000-0000000000aa", name="Leo")
    document["children"].insert(0, other)
    document["children"][1]["days"] = []
    (tmp_path / "clash.json").write_text(json.dumps(document), encoding="utf-8")
    before = journal_bytes(context)
    with pytest.raises(ImportRefused, match="belongs to another child"):
        context.portability.import_json(tmp_path / "clash.json")
    assert journal_bytes(context) == before
    assert [c.name for c in context.journal.list_children()] == ["Maya"]
