"""The plain-sqlite3 reads behind the first screen, against what the ORM wrote."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.storage.errors import JournalUnavailableError
from journal_app.storage.reads import ChildNotFound, JournalReader
from tests.helpers.constants import TODAY


def test_a_day_reads_back_exactly_as_saved(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    entry = DayEntry(
        child.id,
        TODAY,
        movements={
            MovementStyle.BACKWARD: MovementCount(3, None),
            MovementStyle.FORWARD: MovementCount(None, 12),
        },
        tummy_minutes=0,
        floor=FloorSurface.SMOOTH_FLOOR,
        milestones=[Milestone.SITTING_WITHOUT_SUPPORT],
        warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, "“left” <b>")],
        notes="line one\nline two 😄",
        questions="",
        notes_in_summary=True,
    )
    context.journal.save_day(entry)
    reader = JournalReader(context.paths.journal)
    assert reader.load_day(child.id, TODAY) == entry
    assert reader.load_day(child.id, TODAY - timedelta(days=1)) == DayEntry(
        child.id, TODAY - timedelta(days=1)
    )
    assert reader.milestones(child.id) == {Milestone.SITTING_WITHOUT_SUPPORT: TODAY}
    assert reader.days_with_entries(child.id, TODAY - timedelta(days=3), TODAY) == {TODAY}
    assert reader.count_days(child.id) == 1


def test_children_in_name_order_and_a_missing_one(context: JournalContext) -> None:
    context.journal.save_child(ChildProfile("Zoë", date(2026, 5, 1), date(2026, 6, 1)))
    context.journal.save_child(ChildProfile("Adam", date(2026, 2, 1)))
    reader = JournalReader(context.paths.journal)
    children = reader.list_children()
    assert [(c.name, c.birth_date, c.due_date) for c in children] == [
        ("Adam", date(2026, 2, 1), None),
        ("Zoë", date(2026, 5, 1), date(2026, 6, 1)),
    ]
    assert all(c.uuid and c.id for c in children)
    with pytest.raises(ChildNotFound):
        reader.get_child(999)


def test_recent_days_in_pages_add_up_to_the_whole_list(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    for i in range(25):
        context.journal.save_day(
            DayEntry(
                child.id,
                TODAY - timedelta(days=2 * i),
                movements={MovementStyle.BACKWARD: MovementCount(i + 1)},
                tummy_minutes=i or None,
                notes=f"day {i}",
            )
        )
    reader = JournalReader(context.paths.journal)
    whole = reader.recent_days(child.id)
    assert [r.day for r in whole] == [TODAY - timedelta(days=2 * i) for i in range(25)]
    assert whole[0].summary == "back x1"
    assert whole[3].summary == "back x4 · tummy 3 min"
    pages = [reader.recent_days(child.id, 10, offset) for offset in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 5]
    assert [r for page in pages for r in page] == whole
    assert reader.recent_days(child.id, None, 20) == whole[20:]
    assert reader.recent_days(child.id, 10, 30) == []


def test_a_journal_that_cannot_be_read_says_so(tmp_path) -> None:
    reader = JournalReader(tmp_path / "missing" / "journal.sqlite3")
    with pytest.raises(JournalUnavailableError):
        reader.list_children()
