"""Export and import on real journals: round trips, merging by UUID, CSV, files and progress."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.validation import forbidden_name_character
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.portability import ImportRefused
from journal_app.storage.models import (
    DayRow,
    MilestoneRow,
    SummaryMadeRow,
    TipTriedRow,
    utc_now,
)
from journal_app.storage.transaction import transaction
from tests.helpers.constants import TODAY
from tests.helpers.journals import big_export, journal_bytes

ODD_TEXTS = [
    "Maya 👶🏽 crawled backwards 🐢",
    "She said \"ba\" 'ba' `ba`",
    "<b>bold?</b> <script>alert(1)</script> &amp; &lt;",
    "مايا تزحف إلى الخلف",
    "玛雅向后爬行",
    "Zoë Ångström-Łukasiewicz",
    "line one\nline two\r\nline three\ttab",
    "=SUM(A1:A3), -1; @here",
    "\\ backslash / slash \u200b zero-width \u00a0 nbsp",
    "long " * 20_000,
]


@pytest.fixture
def other(tmp_path: Path) -> Iterator[JournalContext]:
    ctx = open_context(JournalPaths(tmp_path / "other"), lambda: TODAY)
    yield ctx
    ctx.close()


def add_extras(
    ctx: JournalContext,
    child_id: int,
    tips: list[tuple[str, date]],
    summaries: list[tuple[date, date, date]],
) -> None:
    with transaction(ctx.engine) as s:
        for tip_id, tried_on in tips:
            s.add(TipTriedRow(child_id=child_id, tip_id=tip_id, tried_on=tried_on))
        for made_on, start, end in summaries:
            s.add(
                SummaryMadeRow(
                    child_id=child_id, made_on=made_on, period_start=start, period_end=end
                )
            )


def full_day(
    child_id: int, on: date, notes: str = "rolled and pushed back", milestone: bool = True
) -> DayEntry:
    return DayEntry(
        child_id,
        on,
        movements={
            MovementStyle.BACKWARD: MovementCount(4, None),
            MovementStyle.FORWARD: MovementCount(None, 10),
        },
        tummy_minutes=25,
        floor=FloorSurface.PLAY_MAT,
        milestones=[Milestone.FIRST_BACKWARD_CRAWL] if milestone else [],
        warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, "left arm")],
        notes=notes,
        questions="Is pushing backwards normal?",
        notes_in_summary=True,
    )


def export(ctx: JournalContext, path: Path) -> dict[str, Any]:
    ctx.portability.export_json(path)
    return json.loads(path.read_text(encoding="utf-8"))


# -- round trip ------------------------------------------------------------------------------------

_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(ODD_TEXTS),
)
_name = st.one_of(
    st.sampled_from(["Maya", "Leo", "Noor 🌙", "أمير", "Zoë <i>", 'Sam "Bear"']),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zs")), min_size=1, max_size=30),
)


@st.composite
def journals(draw: st.DrawFn) -> list[dict[str, Any]]:
    children = []
    for _ in range(draw(st.integers(1, 3))):
        birth = TODAY - timedelta(days=draw(st.integers(0, 900)))
        due_offset = draw(st.one_of(st.none(), st.integers(-28, 140)))
        due = None if due_offset is None else birth + timedelta(days=due_offset)
        offsets = draw(st.sets(st.integers(0, (TODAY - birth).days), max_size=6))
        days = []
        for offset in sorted(offsets):
            styles = draw(st.sets(st.sampled_from(list(MovementStyle)), max_size=4))
            counts = {
                style: MovementCount(
                    draw(st.one_of(st.none(), st.integers(0, 500))),
                    draw(st.one_of(st.none(), st.integers(0, 1440))),
                )
                for style in styles
            }
            signs = [
                WarningSignEntry(
                    sign,
                    draw(st.one_of(st.none(), st.sampled_from(list(Side))))
                    if sign.side_applies
                    else None,
                    draw(_text),
                )
                for sign in draw(st.sets(st.sampled_from(list(WarningSign)), max_size=2))
            ]
            days.append(
                dict(
                    day=birth + timedelta(days=offset),
                    movements=counts,
                    tummy=draw(st.one_of(st.none(), st.integers(0, 1440))),
                    floor=draw(st.one_of(st.none(), st.sampled_from(list(FloorSurface)))),
                    signs=signs,
                    notes=draw(_text),
                    questions=draw(_text),
                    in_summary=draw(st.booleans()),
                )
            )
        milestones = {
            kind: birth + timedelta(days=draw(st.integers(0, (TODAY - birth).days)))
            for kind in draw(st.sets(st.sampled_from(list(Milestone)), max_size=3))
        }
        tips = [
            (tip, birth + timedelta(days=draw(st.integers(0, (TODAY - birth).days))))
            for tip in draw(st.sets(st.text("abcdefgh-", min_size=1, max_size=64), max_size=2))
        ]
        name = draw(
            _name.filter(
                lambda n: 0 < len(n.strip()) <= 100 and forbidden_name_character(n) is None
            )
        )
        children.append(
            dict(
                name=name,
                birth=birth,
                due=due,
                days=days,
                milestones=milestones,
                tips=tips,
                summaries=[(TODAY, birth, TODAY)] if draw(st.booleans()) else [],
            )
        )
    return children


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty journal file to copy (migrating once keeps the property test fast)."""
    folder = tmp_path_factory.mktemp("template")
    open_context(JournalPaths(folder), lambda: TODAY).close()
    return folder / "journal.sqlite3"


def fresh_journal(template: Path, root: Path) -> JournalContext:
    paths = JournalPaths(root).ensure()
    shutil.copyfile(template, paths.journal)
    return open_context(paths, lambda: TODAY)


def fill(ctx: JournalContext, journal: list[dict[str, Any]]) -> None:
    for child in journal:
        profile = ctx.journal.save_child(ChildProfile(child["name"], child["birth"], child["due"]))
        assert profile.id is not None
        for day in child["days"]:
            ctx.journal.save_day(
                DayEntry(
                    profile.id,
                    day["day"],
                    movements=day["movements"],
                    tummy_minutes=day["tummy"],
                    floor=day["floor"],
                    warning_signs=day["signs"],
                    notes=day["notes"],
                    questions=day["questions"],
                    notes_in_summary=day["in_summary"],
                )
            )
        with transaction(ctx.engine) as s:
            for kind, achieved in child["milestones"].items():
                s.add(MilestoneRow(child_id=profile.id, kind=kind.value, achieved_on=achieved))
        add_extras(ctx, profile.id, child["tips"], child["summaries"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(journal=journals())
def test_export_import_export_gives_identical_json(
    journal: list[dict[str, Any]], empty_journal: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("roundtrip")
    first = fresh_journal(empty_journal, root / "first")
    second = fresh_journal(empty_journal, root / "second")
    try:
        fill(first, journal)
        first.portability.export_json(root / "first.json")
        report = second.portability.import_json(root / "first.json")
        second.portability.export_json(root / "second.json")
        assert (root / "first.json").read_bytes() == (root / "second.json").read_bytes()
        document = json.loads((root / "first.json").read_text(encoding="utf-8"))
        assert [c["name"] for c in document["children"]] == sorted(
            c["name"].strip() for c in journal
        )
        records = sum(
            1
            + len(c["milestones"])
            + len(c["tips_tried"])
            + len(c["summaries_made"])
            + sum(1 + len(d["movements"]) + len(d["warning_signs"]) for d in c["days"])
            for c in document["children"]
        )
        assert (report.added, report.updated, report.unchanged) == (records, 0, 0)
        again = second.portability.import_json(root / "first.json")
        assert (again.added, again.updated, again.unchanged) == (0, 0, records)
    finally:
        first.close()
        second.close()


def test_every_kind_of_record_survives_the_round_trip(context, other, child, tmp_path) -> None:
    context.journal.save_day(full_day(child.id, date(2026, 10, 1), notes=ODD_TEXTS[2]))
    add_extras(
        context,
        child.id,
        [("toy-ahead", date(2026, 10, 2))],
        [(date(2026, 11, 1), date(2026, 8, 1), date(2026, 10, 31))],
    )
    export(context, tmp_path / "a.json")
    other.portability.import_json(tmp_path / "a.json")
    copy = other.journal.find_child("Maya")
    assert copy is not None and copy.uuid == child.uuid
    assert other.journal.load_day(copy.id, date(2026, 10, 1)) == full_day(
        copy.id, date(2026, 10, 1), notes=ODD_TEXTS[2]
    )
    document = export(other, tmp_path / "b.json")
    maya = document["children"][0]
    assert maya["tips_tried"][0]["tip_id"] == "toy-ahead"
    assert maya["summaries_made"][0]["period_end"] == "2026-10-31"
    assert maya["milestones"][0]["milestone"] == "first_backward_crawl"
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_export_of_one_child_leaves_the_others_out(context, child, preterm_child, tmp_path) -> None:
    context.journal.save_day(full_day(preterm_child.id, date(2026, 10, 1)))
    context.portability.export_json(tmp_path / "leo.json", child_id=preterm_child.id)
    document = json.loads((tmp_path / "leo.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in document["children"]] == ["Leo"]
    assert document["children"][0]["due_date"] == "2026-04-26"
    assert (document["format"], document["version"]) == ("crawl-journal", 3)


@pytest.mark.posix
def test_exported_files_are_private_and_progress_is_reported(context, child, tmp_path) -> None:
    for offset in range(5):
        on = date(2026, 10, 1) + timedelta(days=offset)
        context.journal.save_day(full_day(child.id, on, milestone=offset == 0))
    seen: list[tuple[int, int]] = []
    context.portability.export_json(tmp_path / "a.json", progress=lambda d, t: seen.append((d, t)))
    context.portability.export_csv(tmp_path / "a.zip")
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert os.stat(tmp_path / "a.json").st_mode & 0o777 == 0o600
    assert os.stat(tmp_path / "a.zip").st_mode & 0o777 == 0o600
    steps: list[tuple[int, int]] = []
    other_dir = tmp_path / "o"
    with_other = open_context(JournalPaths(other_dir), lambda: TODAY)
    try:
        with_other.portability.import_json(
            tmp_path / "a.json", progress=lambda d, t: steps.append((d, t))
        )
    finally:
        with_other.close()
    assert steps[-1][0] == steps[-1][1] > 0
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)


def test_a_failed_export_leaves_no_file(context, child, tmp_path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder already has the name: the final rename fails
    (target / "keep.txt").write_text("x")
    with pytest.raises(OSError):
        context.portability.export_json(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", "taken"]
    with pytest.raises(OSError):
        context.portability.export_json(tmp_path / "missing-folder" / "a.json")
    assert not (tmp_path / "missing-folder").exists()


def test_csv_zip_opens_in_a_spreadsheet(context, preterm_child, tmp_path) -> None:
    context.journal.save_day(full_day(preterm_child.id, date(2026, 10, 1), notes=ODD_TEXTS[0]))
    context.journal.save_day(DayEntry(preterm_child.id, date(2026, 10, 2), notes='said "ba"'))
    context.portability.export_csv(tmp_path / "leo.zip")
    with zipfile.ZipFile(tmp_path / "leo.zip") as archive:
        assert sorted(archive.namelist()) == [
            "days.csv",
            "milestones.csv",
            "movements.csv",
            "warning_signs.csv",
        ]
        tables = {}
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith(codecs.BOM_UTF8)
            tables[name] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    movements = tables["movements.csv"]
    assert movements[0] == ["Child", "Date", "Age", "Corrected age", "Movement", "Times", "Minutes"]
    assert movements[1:] == [
        ["Leo", "2026-10-01", "7 months", "5 months 5 days", "Backward crawling", "4", ""],
        [
            "Leo",
            "2026-10-01",
            "7 months",
            "5 months 5 days",
            "Forward hands-and-knees crawling",
            "",
            "10",
        ],
        ["Leo", "2026-10-02", "7 months 1 day", "5 months 6 days", "", "", ""],
    ]
    days = tables["days.csv"]
    assert days[1][4:] == [
        "25",
        "Play mat",
        "Backward crawling; Forward hands-and-knees crawling",
        "1",
        ODD_TEXTS[0],
        "Is pushing backwards normal?",
    ]
    assert days[2][-2] == 'said "ba"'
    assert tables["milestones.csv"][1][:3] == ["Leo", "First backward crawl", "2026-10-01"]
    assert tables["warning_signs.csv"][1][3:] == [
        "Uses one side more than the other",
        "Left",
        "left arm",
    ]


def read_tables(path: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))
            for name in archive.namelist()
        }


FORMULA_TEXTS = [
    '=HYPERLINK("http://example.com/x","Click for tips")',
    "+1 555 0100 (clinic)",
    "-2 kg? ask",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]


@pytest.mark.parametrize("typed", FORMULA_TEXTS)
def test_csv_cells_that_would_open_as_formulas_start_with_a_quote(context, tmp_path, typed) -> None:
    child = context.journal.save_child(ChildProfile(typed, date(2026, 3, 1)))
    on = date(2026, 10, 1)
    entry = full_day(child.id, on, notes=typed)
    entry.questions = typed
    entry.warning_signs = [WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, typed)]
    context.journal.save_day(entry)
    context.portability.export_csv(tmp_path / "a.zip")
    tables = read_tables(tmp_path / "a.zip")
    quoted = "'" + typed
    name = "'" + child.name  # a name is saved without spaces around it; it still starts with =
    days = tables["days.csv"]
    assert days[1][0] == name
    assert days[1][-2:] == [quoted, quoted]
    assert days[1][4] == "25"  # numbers are not touched
    assert tables["warning_signs.csv"][1][0] == name
    assert tables["warning_signs.csv"][1][-1] == quoted
    assert tables["movements.csv"][1][0] == name
    assert tables["movements.csv"][1][5] == "4"
    assert tables["milestones.csv"][1][0] == name
    # The JSON export keeps exactly what was typed.
    document = export(context, tmp_path / "a.json")
    assert document["children"][0]["name"] == child.name
    day = document["children"][0]["days"][0]
    assert (day["notes"], day["questions"]) == (typed, typed)
    assert day["warning_signs"][0]["note"] == typed


def test_csv_text_that_is_not_formula_like_is_written_as_typed(context, child, tmp_path) -> None:
    texts = ["a = b + c - d @ e", "'already quoted", " =1+1 (space first)", "5 - 3", "😀=1"]
    for offset, typed in enumerate(texts):
        context.journal.save_day(DayEntry(child.id, date(2026, 10, 1 + offset), notes=typed))
    context.portability.export_csv(tmp_path / "a.zip")
    assert [row[-2] for row in read_tables(tmp_path / "a.zip")["days.csv"][1:]] == texts


# -- merging ---------------------------------------------------------------------------------------


def later() -> datetime:
    """A time after any record the test just saved, yet one an import accepts (not a day ahead of
    the computer's clock): the other computer's newer change."""
    return utc_now() + timedelta(hours=12)


def later_stamp() -> str:
    return later().isoformat() + "Z"


def set_updated(ctx: JournalContext, on: date, moment: datetime) -> None:
    with transaction(ctx.engine) as s:
        row = s.scalar(select(DayRow).where(DayRow.day == on))
        assert row is not None
        row.updated_at = moment


def test_import_twice_changes_nothing(context, other, child, tmp_path) -> None:
    context.journal.save_day(full_day(child.id, date(2026, 10, 1)))
    export(context, tmp_path / "a.json")
    first = other.portability.import_json(tmp_path / "a.json")
    before = journal_bytes(other)
    second = other.portability.import_json(tmp_path / "a.json")
    # the child, the day, two movements, a warning sign, a milestone
    assert (first.added, first.updated, first.unchanged) == (6, 0, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 6)
    assert "0 added, 0 updated, 6 left alone" in second.describe()
    export(other, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert journal_bytes(other) == before


def test_newer_day_in_the_file_wins_and_older_is_left_alone(
    context, other, child, tmp_path
) -> None:
    on = date(2026, 10, 1)
    context.journal.save_day(full_day(child.id, on))
    export(context, tmp_path / "a.json")
    other.portability.import_json(tmp_path / "a.json")
    copy = other.journal.find_child("Maya")
    # The other computer changes the day later: drops forward crawling, changes the notes.
    changed = full_day(copy.id, on, notes="changed over there")
    del changed.movements[MovementStyle.FORWARD]
    changed.movements[MovementStyle.BACKWARD] = MovementCount(6, None)
    other.journal.save_day(changed)
    set_updated(other, on, later())
    export(other, tmp_path / "newer.json")
    report = context.portability.import_json(tmp_path / "newer.json")
    assert context.journal.load_day(child.id, on) == dataclasses.replace(changed, child_id=child.id)
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 2, 3, 1)
    # Now this journal's version is newer: importing the older file leaves it alone.
    context.journal.save_day(full_day(child.id, on, notes="changed here, later still"))
    set_updated(context, on, datetime(2031, 1, 1))
    report = context.portability.import_json(tmp_path / "newer.json")
    assert (report.added, report.updated) == (0, 0)
    assert context.journal.load_day(child.id, on).notes == "changed here, later still"


def test_newer_child_details_win(context, other, child, tmp_path) -> None:
    export(context, tmp_path / "a.json")
    other.portability.import_json(tmp_path / "a.json")
    copy = other.journal.find_child("Maya")
    other.journal.save_child(
        ChildProfile("Maya Rose", copy.birth_date, date(2026, 3, 20), id=copy.id)
    )
    export(other, tmp_path / "b.json")
    document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    document["children"][0]["updated"] = later_stamp()
    (tmp_path / "b.json").write_text(json.dumps(document), encoding="utf-8")
    report = context.portability.import_json(tmp_path / "b.json")
    assert report.updated == 1
    assert context.journal.get_child(child.id).name == "Maya Rose"
    assert context.journal.get_child(child.id).due_date == date(2026, 3, 20)


def test_same_child_and_day_under_other_uuids_are_merged_not_duplicated(
    context, other, child, tmp_path
) -> None:
    on = date(2026, 10, 1)
    context.journal.save_day(full_day(child.id, on, notes="here"))
    # The same child entered separately on another computer: other UUIDs, same name and date.
    twin = other.journal.save_child(ChildProfile("maya", child.birth_date))
    other.journal.save_day(full_day(twin.id, on, notes="there"))
    other.journal.save_day(DayEntry(twin.id, on + timedelta(days=1), tummy_minutes=5))
    set_updated(other, on, later())
    export(other, tmp_path / "there.json")
    report = context.portability.import_json(tmp_path / "there.json")
    # One child, not two; the file's details are newer, so its spelling of the name wins.
    assert [(c.id, c.name) for c in context.journal.list_children()] == [(child.id, "maya")]
    assert context.journal.load_day(child.id, on).notes == "there"
    assert context.journal.load_day(child.id, on + timedelta(days=1)).tummy_minutes == 5
    assert context.reads.milestones(child.id) == {Milestone.FIRST_BACKWARD_CRAWL: on}
    assert report.matched_without_uuid == 3  # the child, the day, and the milestone's twin day
    assert "under another ID" in report.describe()
    again = context.portability.import_json(tmp_path / "there.json")
    assert (again.added, again.updated) == (0, 0)
    assert context.backups.check().ok


def test_import_into_a_journal_with_other_children_keeps_them(
    context, other, child, tmp_path
) -> None:
    context.journal.save_day(full_day(child.id, date(2026, 10, 1)))
    other.journal.save_child(ChildProfile("Leo", date(2025, 1, 1)))
    export(context, tmp_path / "a.json")
    other.portability.import_json(tmp_path / "a.json")
    assert [c.name for c in other.journal.list_children()] == ["Leo", "Maya"]


# -- the JSON Schema -------------------------------------------------------------------------------


def _check_schema(value: Any, schema: dict[str, Any], defs: dict[str, Any], where: str) -> None:
    """A small validator for the parts of JSON Schema our schema uses (no jsonschema dependency)."""
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[-1]]
        _check_schema(
            value, {**target, **{k: v for k, v in schema.items() if k != "$ref"}}, defs, where
        )
        return
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                _check_schema(value, option, defs, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: no option matched: {errors}")
    if "const" in schema:
        assert value == schema["const"], where
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r}"
    types = schema.get("type")
    if types is not None:
        names = {
            "object": dict,
            "array": list,
            "string": str,
            "integer": int,
            "boolean": bool,
            "null": type(None),
        }
        allowed = [types] if isinstance(types, str) else types
        assert any(
            isinstance(value, names[t]) and not (t == "integer" and isinstance(value, bool))
            for t in allowed
        ), f"{where}: {value!r} is not {allowed}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{where}: {key} missing"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            assert set(value) <= set(props), f"{where}: extra {set(value) - set(props)}"
        for key, item in value.items():
            if key in props:
                _check_schema(item, props[key], defs, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check_schema(item, schema["items"], defs, f"{where}[{index}]")
    if isinstance(value, str) and "pattern" in schema:
        import re

        assert re.search(schema["pattern"], value), f"{where}: {value!r}"
    if isinstance(value, int) and not isinstance(value, bool):
        assert schema.get("minimum", value) <= value <= schema.get("maximum", value), where


def test_exports_follow_the_shipped_json_schema(context, child, preterm_child, tmp_path) -> None:
    schema = json.loads(
        files("journal_app.resources")
        .joinpath("journal-export.schema.json")
        .read_text(encoding="utf-8")
    )
    context.journal.save_day(full_day(child.id, date(2026, 10, 1)))
    context.journal.save_day(DayEntry(preterm_child.id, date(2026, 10, 1), notes="only notes"))
    add_extras(
        context,
        child.id,
        [("toy-ahead", date(2026, 10, 2))],
        [(date(2026, 11, 1), date(2026, 8, 1), date(2026, 10, 31))],
    )
    document = export(context, tmp_path / "a.json")
    _check_schema(document, schema, schema["$defs"], "$")
    broken = json.loads(json.dumps(document))
    del broken["children"][0]["days"][0]["notes"]
    with pytest.raises(AssertionError):
        _check_schema(broken, schema, schema["$defs"], "$")


def test_import_refuses_a_birth_date_after_days_already_here(
    context, other, child, tmp_path
) -> None:
    export(context, tmp_path / "a.json")
    other.portability.import_json(tmp_path / "a.json")
    copy = other.journal.find_child("Maya")
    other.journal.save_day(DayEntry(copy.id, date(2026, 3, 2), notes="early"))
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    document["children"][0]["birth_date"] = "2026-04-01"
    document["children"][0]["updated"] = later_stamp()
    (tmp_path / "later.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        other.portability.import_json(tmp_path / "later.json")
    assert refused.value.field == "birth_date"
    assert "2026-03-02" in str(refused.value)
    assert other.journal.get_child(copy.id).birth_date == date(2026, 3, 1)


def test_a_big_import_is_counted_and_reported_in_steps(context, tmp_path) -> None:
    (tmp_path / "big.json").write_text(json.dumps(big_export(1500)), encoding="utf-8")
    steps: list[int] = []
    report = context.portability.import_json(
        tmp_path / "big.json", progress=lambda d, t: steps.append(d)
    )
    assert report.added == 1 + 1500 * 3
    assert len(steps) > 10
    assert context.journal.count_days(context.journal.find_child("Big").id) == 1500


def test_a_child_claimed_by_uuid_is_not_matched_again_by_name(context, child, tmp_path) -> None:
    document = export(context, tmp_path / "a.json")
    renamed = document["children"][0]
    renamed.update(name="Maya Rose", updated=later_stamp())
    namesake = {**copy_of(renamed), "uuid": "7d4b9e1c-0000-4000-8000-0000000000bb", "name": "Maya"}
    document["children"].append(namesake)
    (tmp_path / "b.json").write_text(json.dumps(document), encoding="utf-8")
    report = context.portability.import_json(tmp_path / "b.json")
    assert (report.added, report.updated, report.matched_without_uuid) == (1, 1, 0)
    assert sorted(c.name for c in context.journal.list_children()) == ["Maya", "Maya Rose"]
    assert context.journal.get_child(child.id).name == "Maya Rose"


def copy_of(record: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(record))
