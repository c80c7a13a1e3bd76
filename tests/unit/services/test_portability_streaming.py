"""The import reads its file a record at a time (issue 13, point 12). Compared here with reading
the whole document: the same records for every order of the keys, the same refusal (message,
line and column) for thousands of damaged files, read in windows small enough to cut every value;
and the window never holds more than a few chunks of a big file."""

from __future__ import annotations

import copy
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from journal_app.services.portability.common import ImportRefused
from journal_app.services.portability.reading import document_from_bytes, parse_document
from journal_app.services.portability.stream_reading import (
    children_from_bytes,
    children_from_stream,
    read_children,
)
from tests.helpers.journals import big_export

PATH = Path("journal.json")
STAMP = "2026-01-01T00:00:00.000000Z"


def _tracked(n: int) -> dict[str, str]:
    return {"uuid": f"00000000-0000-4000-8000-{n:012d}", "created": STAMP, "updated": STAMP}


def _document() -> dict[str, Any]:
    """Two children with days, movements, signs, milestones, tips, summaries and a photo."""
    children = []
    for ci, name in enumerate(("Maya", "Leo")):
        base = 1000 * (ci + 1)
        days = [
            {
                **_tracked(base + 10 * i),
                "date": f"2026-0{3 + i}-1{i}",
                "tummy_minutes": 10 + i,
                "floor": "play_mat" if i else None,
                "notes": "the rug, «ça va» ✓" if i == 1 else "",
                "questions": "",
                "notes_in_summary": i == 1,
                "movements": [
                    {
                        **_tracked(base + 10 * i + 1),
                        "style": "rolling",
                        "episodes": i,
                        "minutes": None,
                    }
                ],
                "warning_signs": (
                    [
                        {
                            **_tracked(base + 10 * i + 2),
                            "sign": "favours_one_side",
                            "side": "left",
                            "note": "",
                        }
                    ]
                    if i == 2
                    else []
                ),
            }
            for i in range(3)
        ]
        children.append(
            {
                **_tracked(base),
                "name": name,
                "birth_date": "2026-01-05",
                "due_date": None if ci else "2026-01-20",
                "days": days,
                "milestones": [
                    {
                        **_tracked(base + 500),
                        "milestone": "rolls_tummy_to_back",
                        "achieved_on": "2026-04-01",
                        "status": "reached",
                    }
                ],
                "tips_tried": [
                    {**_tracked(base + 600), "tip_id": "tummy-time", "tried_on": "2026-03-03"}
                ],
                "summaries_made": [
                    {
                        **_tracked(base + 700),
                        "made_on": "2026-05-01",
                        "period_start": "2026-03-01",
                        "period_end": "2026-04-30",
                    }
                ],
                "media": [
                    {
                        **_tracked(base + 800),
                        "day": "2026-03-10",
                        "file_name": "rug.jpg",
                        "kind": "jpeg",
                        "size": 1234,
                        "sha256": "ab" * 32,
                        "caption": "",
                        "added": STAMP,
                        "taken": None,
                        "taken_source": None,
                    }
                ],
            }
        )
    return {"format": "crawl-journal", "version": 3, "exported_by": "test", "children": children}


def _whole(raw: bytes) -> Any:
    """What reading the whole document gives: the children, or the refusal's text."""
    try:
        return parse_document(document_from_bytes(raw, PATH))
    except ImportRefused as refused:
        return f"refused: {refused}"


def _streamed(raw: bytes, chunk: int) -> Any:
    try:
        return children_from_bytes(raw, PATH, chunk=chunk)
    except ImportRefused as refused:
        return f"refused: {refused}"


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def test_the_records_are_those_of_the_whole_document() -> None:
    raw = json.dumps(_document(), ensure_ascii=False, indent=2).encode("utf-8")
    whole = _whole(raw)
    assert not isinstance(whole, str) and len(whole) == 2 and len(whole[1].media) == 1
    for chunk in (1, 7, 64, 1 << 20):
        assert _streamed(raw, chunk) == whole


@pytest.mark.parametrize("seed", range(12))
def test_keys_in_any_order_give_the_same_records(seed: int) -> None:
    rng = random.Random(seed)
    document = _shuffled(_document(), rng)
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    assert (
        _streamed(raw, rng.choice((3, 50, 4096)))
        == _whole(raw)
        == _whole(json.dumps(_document()).encode("utf-8"))
    )


def test_days_before_the_name_and_children_before_the_format() -> None:
    document = _document()
    child = document["children"][0]
    reordered = {"days": child["days"], "media": child["media"], **child}
    top = {
        "children": [reordered, document["children"][1]],
        "version": 3,
        "format": "crawl-journal",
    }
    raw = json.dumps(top).encode("utf-8")
    streamed = _streamed(raw, 16)
    assert not isinstance(streamed, str)
    assert [len(c.days) for c in streamed] == [3, 3]
    assert streamed == _whole(json.dumps(document).encode("utf-8"))


def _two_errors(document: dict[str, Any], order: list[str]) -> bytes:
    """A bad milestone and a bad day; the child's keys in ``order`` first."""
    child = document["children"][0]
    child["milestones"][0]["milestone"] = "flies"
    child["days"][1]["tummy_minutes"] = "lots"
    document["children"][0] = {**{k: child[k] for k in order}, **child}
    return json.dumps(document).encode("utf-8")


@pytest.mark.parametrize(
    "order", [[], ["milestones", "days"], ["media", "milestones", "name"], ["days", "uuid"]]
)
def test_the_first_refusal_is_the_same_whatever_the_order(order: list[str]) -> None:
    raw = _two_errors(_document(), order)
    whole = _whole(raw)
    assert "days[1]" in whole and "tummy_minutes" in whole  # the days are checked first
    assert _streamed(raw, 5) == _streamed(raw, 1 << 20) == whole


_BITS = ["{", "}", "[", "]", ",", ":", '"', "x", "1", "-", ".", "e", " ", "\\", "NaN", "\n", "é"]


@pytest.mark.parametrize("seed", range(4))
def test_damaged_files_are_refused_as_the_whole_reading_refuses_them(seed: int) -> None:
    """Characters deleted, inserted, the file cut short, a key repeated: the same message (the
    same line and column) as reading the whole document, for windows that cut every value."""
    rng = random.Random(seed)
    text = json.dumps(_document(), ensure_ascii=False, indent=rng.choice((None, 1, 2)))
    refused = 0
    for _ in range(150):
        at = rng.randrange(len(text))
        kind = rng.randrange(4)
        if kind == 0:
            damaged = text[:at] + text[at + 1 :]
        elif kind == 1:
            damaged = text[:at] + rng.choice(_BITS) + text[at:]
        elif kind == 2:
            damaged = text[:at]
        else:
            cut = text.find('"', at)
            damaged = text if cut < 0 else text[:cut] + '"uuid": 1, ' + text[cut:]
        raw = damaged.encode("utf-8")
        whole = _whole(raw)
        refused += isinstance(whole, str)
        for chunk in (rng.randrange(1, 40), 1 << 20):
            assert _streamed(raw, chunk) == whole, (damaged, chunk)
    assert refused > 100


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \n ",
        b"\xef\xbb\xbf" + json.dumps(_document()).encode(),
        b'{"format": "crawl-journal", "version": 3, "children": []} x',
        b'[{"format": "crawl-journal"}]',
        b"date,notes\n2026-01-01,rug\n",
        b"hello",
        b'{"a": "\xff"}',
        b'{"a": "ok"}' + b" " * 100 + b"\xc3",
        '{"a": "é"}'.encode("utf-16"),
        b'{"format": "crawl-journal", "version": 3, "children": [], "children": []}',
        b'{"format": "crawl-journal", "version": 3, "children": [{"days": [1], "days": []}]}',
        b'{"format": "crawl-journal", "version": 99, "children": "x"}',
        b'{"version": 3, "children": [], "format": "other"}',
        b'{"format": "crawl-journal", "version": 3}',
        b'{"format": "crawl-journal", "version": 3, "children": [7, {"name": 1}]}',
        b'{"format": "crawl-journal", "version": 3, "children": [{"days": [NaN]}]}',
        b'{"format": "crawl-journal", "version": 3, "children": ['
        + b"[" * 5000
        + b"]" * 5000
        + b"]}",
        b'{"format": "crawl-journal", "version": ' + b"9" * 5000 + b', "children": []}',
    ],
)
def test_odd_files_are_refused_alike(raw: bytes) -> None:
    whole = _whole(raw)
    assert isinstance(whole, list | str)
    assert _streamed(raw, 3) == _streamed(raw, 1 << 20) == whole


def test_the_window_stays_small_while_a_big_file_is_read(tmp_path: Path) -> None:
    document = big_export(6000)
    raw = json.dumps(document, indent=2).encode("utf-8")
    assert len(raw) > 2_000_000
    window: list[int] = []
    children = children_from_stream(io.BytesIO(raw), PATH, chunk=16 * 1024, window=window)
    assert len(children[0].days) == 6000
    assert window[0] < 3 * 16 * 1024  # a few chunks, never the file
    path = tmp_path / "big.json"
    path.write_bytes(raw)
    steps: list[tuple[int, int]] = []
    assert read_children(path, lambda done, total: steps.append((done, total))) == children
    assert len(steps) > 3 and steps == sorted(steps) and steps[-1][1] == len(raw)


def test_a_day_cut_by_every_window_size_reads_whole() -> None:
    document = _document()
    document["children"][0]["days"][0]["notes"] = "x" * 5000 + "\\u00e9"
    raw = json.dumps(copy.deepcopy(document)).encode("utf-8")
    for chunk in (1, 2, 63, 64, 65, 4999):
        assert _streamed(raw, chunk) == _whole(raw)


def test_a_file_with_its_keys_reversed_imports_whole_and_again_unchanged(tmp_path: Path) -> None:
    """Through the service into a real journal: every record arrives, progress goes one way to
    its end, and the same file again changes nothing (the merge's plain-value comparison)."""
    from journal_app.paths import JournalPaths
    from journal_app.services.context import open_context
    from tests.helpers.constants import TODAY

    def reversed_keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reversed_keys(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reversed_keys(v) for v in value]
        return value

    document = big_export(300, birth=TODAY.replace(year=TODAY.year - 1))
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(reversed_keys(document), indent=1), encoding="utf-8")
    context = open_context(JournalPaths(tmp_path / "journal"), lambda: TODAY)
    try:
        steps: list[tuple[int, int]] = []
        report = context.portability.import_json(path, progress=lambda d, t: steps.append((d, t)))
        assert report.added == 1 + 300 * 3
        child = context.journal.find_child("Big")
        assert child is not None and context.journal.count_days(child.id) == 300
        assert steps == sorted(steps) and steps[-1][0] == steps[-1][1]
        again = context.portability.import_json(path)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1 + 300 * 3)
    finally:
        context.close()


def test_a_uuid_in_capitals_or_braces_is_kept_in_its_usual_form() -> None:
    document = _document()
    document["children"][0]["days"][0]["uuid"] = "{00000000-0000-4000-8000-0000000010AA}"
    document["children"][0]["uuid"] = "00000000-0000-4000-8000-000000001000".upper()
    raw = json.dumps(document).encode("utf-8")
    children = _streamed(raw, 1 << 20)
    assert not isinstance(children, str) and children == _whole(raw)
    assert children[0].uuid == "00000000-0000-4000-8000-000000001000"
    assert children[0].days[0].uuid == "00000000-0000-4000-8000-0000000010aa"
