"""A day becomes rows in one place (``storage/days.py``): saving it, writing many new days at once
and importing it give the very same rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.sample_journal import save_new_days
from tests.helpers.constants import TODAY

BIRTH = date(2026, 3, 1)


def _entries(child_id: int) -> list[DayEntry]:
    return [
        DayEntry(
            child_id,
            TODAY - timedelta(days=2),
            movements={
                MovementStyle.BACKWARD: MovementCount(4, None),
                MovementStyle.ROLLING: MovementCount(None, 3),
            },
            tummy_minutes=25,
            floor=FloorSurface.SMOOTH_FLOOR,
            milestones=[Milestone.FIRST_BACKWARD_CRAWL],
            warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.RIGHT, "“right” ✓")],
            notes="two\nlines",
            questions="ask about the rug",
            notes_in_summary=True,
        ),
        DayEntry(child_id, TODAY - timedelta(days=1), tummy_minutes=0, notes="quiet day"),
        DayEntry(child_id, TODAY, milestones=[Milestone.SITTING_WITHOUT_SUPPORT]),
    ]


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What is stored, without ids, UUIDs and times (which differ by design)."""
    queries = {
        "day": "SELECT day, tummy_minutes, floor_surface, notes, questions, notes_in_summary "
        "FROM journal_day ORDER BY day",
        "movement": "SELECT d.day, m.style, m.episodes, m.minutes FROM movement_observation m "
        "JOIN journal_day d ON d.id = m.day_id ORDER BY d.day, m.style",
        "sign": "SELECT d.day, w.sign, w.side, w.note FROM warning_sign w "
        "JOIN journal_day d ON d.id = w.day_id ORDER BY d.day, w.sign",
        "milestone": "SELECT kind, achieved_on FROM milestone ORDER BY kind",
    }
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


@pytest.fixture
def journals(tmp_path: Path) -> Iterator[list[tuple[JournalContext, ChildProfile]]]:
    opened = []
    for name in ("saved", "batch", "imported"):
        ctx = open_context(JournalPaths(tmp_path / name), lambda: TODAY)
        opened.append((ctx, ctx.journal.save_child(ChildProfile("Maya", BIRTH))))
    yield opened
    for ctx, _ in opened:
        ctx.close()


def test_saving_writing_at_once_and_importing_give_the_same_rows(
    journals: list[tuple[JournalContext, ChildProfile]], tmp_path: Path
) -> None:
    (saved, maya), (batch, maya_b), (imported, _) = journals
    assert maya.id is not None and maya_b.id is not None
    for entry in _entries(maya.id):
        saved.journal.save_day(entry)
    save_new_days(batch.journal, maya_b, _entries(maya_b.id))
    export = tmp_path / "export.json"
    saved.portability.export_json(export)
    imported.portability.import_json(export)

    expected = _rows(saved.paths.journal)
    assert len(expected["day"]) == 3
    assert expected["movement"] and expected["sign"] and len(expected["milestone"]) == 2
    assert _rows(batch.paths.journal) == expected
    assert _rows(imported.paths.journal) == expected


def test_saving_a_day_again_keeps_unchanged_rows(
    journals: list[tuple[JournalContext, ChildProfile]],
) -> None:
    """Only what changed is rewritten: an unchanged movement keeps its UUID."""
    (ctx, maya), _, _ = journals
    assert maya.id is not None
    first = _entries(maya.id)[0]
    ctx.journal.save_day(first)
    sql = "SELECT style, uuid FROM movement_observation ORDER BY style"
    with sqlite3.connect(ctx.paths.journal) as conn:
        before = dict(conn.execute(sql).fetchall())
    first.movements[MovementStyle.ROLLING] = MovementCount(None, 9)
    ctx.journal.save_day(first)
    with sqlite3.connect(ctx.paths.journal) as conn:
        after = dict(conn.execute(sql).fetchall())
        minutes = conn.execute(
            "SELECT minutes FROM movement_observation WHERE style = 'rolling'"
        ).fetchone()
    assert after == before and minutes == (9,)
