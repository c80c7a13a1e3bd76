"""Tests of the generated journals: realistic, repeatable, and written exactly as save_day would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal_app.domain.ages import DAYS_PER_MONTH
from journal_app.domain.entries import DayEntry
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.reference import WHO_WINDOWS
from journal_app.domain.validation import ValidationFailed
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.sample_journal import (
    SAMPLE_CHILD_NAME,
    generate_journal,
    save_new_days,
    write_sample_journal,
)
from tests.helpers.constants import TODAY


@pytest.fixture
def other_context(tmp_path: Path) -> Iterator[JournalContext]:
    ctx = open_context(JournalPaths(tmp_path / "other"), lambda: TODAY)
    yield ctx
    ctx.close()


def _whole_journal(ctx: JournalContext) -> list[tuple[object, ...]]:
    """Everything a parent could see of the journal, in a comparable form."""
    result: list[tuple[object, ...]] = []
    for child in ctx.journal.list_children():
        assert child.id is not None
        result.append((child.name, child.birth_date, child.due_date))
        result.append(tuple(sorted(ctx.reads.milestones(child.id).items())))
        for row in ctx.journal.recent_days(child.id):
            entry = ctx.journal.load_day(child.id, row.day)
            entry.child_id = 0  # ids may differ between journals
            result.append((row.day, entry))
    return result


def test_batched_days_are_exactly_what_save_day_writes(
    context: JournalContext, other_context: JournalContext
) -> None:
    one_by_one = generate_journal(context, children=2, days=150, seed=7, batch=False)
    batched = generate_journal(other_context, children=2, days=150, seed=7, batch=True)

    assert [c.name for c in one_by_one] == [c.name for c in batched]
    first = _whole_journal(context)
    assert len(first) > 250
    assert first == _whole_journal(other_context)


def test_same_seed_same_journal_and_another_seed_another(
    context: JournalContext, other_context: JournalContext, tmp_path: Path
) -> None:
    generate_journal(context, days=60, seed=1, batch=True)
    generate_journal(other_context, days=60, seed=1, batch=True)
    assert _whole_journal(context) == _whole_journal(other_context)

    third = open_context(JournalPaths(tmp_path / "third"), lambda: TODAY)
    try:
        generate_journal(third, days=60, seed=2, batch=True)
        assert _whole_journal(third) != _whole_journal(context)
    finally:
        third.close()


def test_two_year_journal_follows_a_plausible_progression(context: JournalContext) -> None:
    children = generate_journal(context, children=3, days=730, seed=0)

    assert len(children) == 3
    assert any(c.due_date is not None for c in children), "one child is born early"
    for child in children:
        assert child.id is not None
        days = context.journal.recent_days(child.id)
        assert days[0].day == TODAY
        assert days[-1].day >= TODAY - timedelta(days=729)
        assert 0.85 * 730 < len(days) <= 730  # a few days are skipped, like in real life
        milestones = context.reads.milestones(child.id)
        assert Milestone.WALKING_ALONE in milestones
        for window in WHO_WINDOWS:
            if window.milestone in milestones:
                age = child.age_on(milestones[window.milestone]).for_milestones
                assert window.p1_months <= age.total_days / DAYS_PER_MONTH <= window.p99_months
        if Milestone.HANDS_AND_KNEES_CRAWLING in milestones:
            months = child.age_on(milestones[Milestone.HANDS_AND_KNEES_CRAWLING]).for_milestones
            assert 7 * DAYS_PER_MONTH - 1 <= months.total_days <= 10 * DAYS_PER_MONTH + 1
            assert milestones[Milestone.PULLS_TO_STAND] < milestones[Milestone.WALKING_ALONE]

    # The first child always goes through a backward-crawling phase before crawling forwards.
    first = children[0]
    assert first.id is not None
    marks = context.reads.milestones(first.id)
    assert marks[Milestone.FIRST_BACKWARD_CRAWL] < marks[Milestone.HANDS_AND_KNEES_CRAWLING]
    rows = context.journal.recent_days(first.id)
    backward_days = [r.day for r in rows if "back" in r.summary]
    assert backward_days
    assert max(backward_days) < marks[Milestone.WALKING_ALONE]


def test_journal_holds_notes_with_odd_text_signs_and_questions(context: JournalContext) -> None:
    (child,) = generate_journal(context, days=730, seed=0)
    assert child.id is not None
    entries = [
        context.journal.load_day(child.id, r.day) for r in context.journal.recent_days(child.id)
    ]

    notes = [e.notes for e in entries if e.notes]
    assert any(not n.isascii() for n in notes), "emoji or other scripts"
    assert any('"' in n or "<" in n for n in notes), "quotes or markup"
    assert any(e.warning_signs for e in entries)
    assert any(e.questions for e in entries)
    assert any(e.notes_in_summary for e in entries)
    assert any(e.tummy_minutes for e in entries)
    assert any(e.floor for e in entries)
    assert any(MovementStyle.CRUISING in e.movements for e in entries)


def test_sample_journal_has_six_months_of_the_sample_child(tmp_path: Path) -> None:
    data_dir = tmp_path / "sample"
    write_sample_journal(data_dir, today=TODAY)

    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        (child,) = ctx.journal.list_children()
        assert child.name == SAMPLE_CHILD_NAME
        assert child.id is not None
        start = TODAY - timedelta(days=182)
        all_rows = ctx.journal.recent_days(child.id)
        rows = [r for r in all_rows if r.day >= start]
        assert rows[0].day == TODAY
        assert 150 < len(rows) <= 183
        # Before the six months: only the milestones noted from memory when the journal began.
        earlier = [ctx.journal.load_day(child.id, r.day) for r in all_rows if r.day < start]
        assert earlier and all(len(e.milestones) == 1 and not e.movements for e in earlier)
        marks = ctx.reads.milestones(child.id)
        assert {Milestone.ROLLS_TUMMY_TO_BACK, Milestone.PUSHES_UP_ON_ARMS} <= set(marks)
        age_at_end = child.age_on(TODAY).chronological
        assert 9 <= age_at_end.months <= 11  # the months when crawling happens
        assert any("back" in r.summary for r in rows)
    finally:
        ctx.close()


def test_save_new_days_checks_everything_before_writing(context: JournalContext) -> None:
    (child,) = generate_journal(context, days=5, seed=0)
    assert child.id is not None
    newborn = context.journal.save_child(child.__class__("Noa", date(2026, 10, 1)))
    assert newborn.id is not None
    entries = [
        DayEntry(newborn.id, date(2026, 11, 20), tummy_minutes=10),
        DayEntry(newborn.id, TODAY + timedelta(days=1), tummy_minutes=10),  # the future
    ]

    with pytest.raises(ValidationFailed, match="future"):
        save_new_days(context.journal, newborn, entries)
    assert context.journal.count_days(newborn.id) == 0

    with pytest.raises(ValueError, match="no days yet"):
        save_new_days(context.journal, child, [DayEntry(child.id, TODAY, tummy_minutes=3)])

    save_new_days(context.journal, newborn, entries[:1])
    assert context.journal.load_day(newborn.id, date(2026, 11, 20)).tummy_minutes == 10
