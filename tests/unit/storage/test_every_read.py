"""Every plain-sqlite3 read of ``storage/reads.py`` runs against a freshly migrated journal.

The raw reads name the columns of ``storage/models.py`` a second time; a column renamed or dropped
in a migration would otherwise show only where a round trip happens to read it. The list of reads
is taken from the class itself, so a new read is covered the day it is written.
"""

from __future__ import annotations

import inspect
import itertools
import sqlite3
from datetime import timedelta
from typing import Any

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import Milestone, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.storage.reads import JournalReader
from tests.helpers.constants import TODAY

READS = sorted(
    name
    for name, member in inspect.getmembers(JournalReader, inspect.isfunction)
    if not name.startswith("_")
)


def _seed(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    context.journal.save_day(
        DayEntry(
            child.id,
            TODAY,
            movements={MovementStyle.BACKWARD: MovementCount(2, 5)},
            tummy_minutes=20,
            milestones=[Milestone.FIRST_BACKWARD_CRAWL],
            warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, "note")],
            notes="n",
            questions="q",
        )
    )
    context.guidance.mark_tried(child.id, "tummy_time", TODAY)
    context.summary.record_made(child.id, TODAY - timedelta(days=30), TODAY)


def _arguments(method: Any, child_id: int) -> list[dict[str, Any]]:
    """Every combination of values a read's parameters take, chosen by the parameter's name."""
    values: dict[str, list[Any]] = {
        "child_id": [child_id],
        "day": [TODAY],
        "on": [TODAY],
        "start": [TODAY - timedelta(days=30)],
        "end": [TODAY],
        "limit": [None, 5],
        "offset": [0],
        "weekly": [False, True],
        "episodes": [False, True],
    }
    names = [n for n in inspect.signature(method).parameters if n != "self"]
    unknown = [n for n in names if n not in values]
    assert not unknown, f"{method.__name__}: give test values for {unknown}"
    return [
        dict(zip(names, combo, strict=True))
        for combo in itertools.product(*(values[n] for n in names))
    ]


def test_the_reads_are_found() -> None:
    assert {"load_day", "list_children", "child_journal", "movement_totals"} <= set(READS)


@pytest.mark.parametrize("name", READS)
def test_every_read_runs_on_a_fresh_journal(
    context: JournalContext, child: ChildProfile, name: str
) -> None:
    assert child.id is not None
    _seed(context, child)
    reader = JournalReader(context.paths.journal)
    method = getattr(reader, name)
    for kwargs in _arguments(getattr(JournalReader, name), child.id):
        result = method(**kwargs)
        assert result is not None and result != [] and result != {}, (name, kwargs, result)


def test_a_missing_column_is_a_bug_not_an_unavailable_journal(
    context: JournalContext, child: ChildProfile
) -> None:
    """A read meeting a schema it does not expect fails loudly as the bug it is."""
    assert child.id is not None
    with sqlite3.connect(context.paths.journal) as conn:
        conn.execute("ALTER TABLE journal_day RENAME COLUMN notes TO notes_old")
    reader = JournalReader(context.paths.journal)
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        reader.recent_days(child.id)
    assert reader.count_days(child.id) == 0  # reads that do not name the column still work
