"""The journal service on a real journal file: profiles, days, milestones, the recent list, undo."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.validation import ValidationFailed
from tests.helpers.days import full_day


def test_a_full_day_round_trips_exactly(context, child) -> None:
    entry = full_day(child.id, date(2026, 11, 20))
    context.journal.save_day(entry)
    assert context.journal.load_day(child.id, date(2026, 11, 20)) == entry


def test_saving_again_replaces_what_was_there(context, child) -> None:
    day = date(2026, 11, 20)
    context.journal.save_day(full_day(child.id, day))
    smaller = DayEntry(
        child.id, day, movements={MovementStyle.BELLY: MovementCount(2, None)}, notes="less"
    )
    context.journal.save_day(smaller)
    assert context.journal.load_day(child.id, day) == smaller
    with sqlite3.connect(context.paths.journal) as conn:
        assert conn.execute("SELECT count(*) FROM movement_observation").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM warning_sign").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM milestone").fetchone() == (0,)


def test_a_cleared_day_is_removed(context, child) -> None:
    day = date(2026, 11, 20)
    context.journal.save_day(full_day(child.id, day))
    context.journal.save_day(DayEntry(child.id, day))
    assert context.journal.count_days(child.id) == 0


def test_a_very_long_note_is_kept_to_the_last_character(context, child) -> None:
    note = ("Ünïcödé 👣 " * 10_000)[:100_000]
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 20), notes=note))
    assert context.journal.load_day(child.id, date(2026, 11, 20)).notes == note


def test_bad_input_is_refused_and_nothing_is_written(context, child) -> None:
    before = context.paths.journal.read_bytes()
    bad = DayEntry(child.id, date(2026, 11, 24), tummy_minutes=2000)  # tomorrow, and > 24 h
    with pytest.raises(ValidationFailed) as caught:
        context.journal.save_day(bad)
    assert {e.field for e in caught.value.errors} == {"day", "tummy_minutes"}
    assert context.journal.count_days(child.id) == 0
    assert context.journal.recent_days(child.id) == []
    assert context.paths.journal.read_bytes() == before


def test_a_milestone_is_recorded_once_per_child(context, child) -> None:
    context.journal.save_day(
        DayEntry(child.id, date(2026, 11, 1), milestones=[Milestone.HANDS_AND_KNEES_CRAWLING])
    )
    with pytest.raises(ValidationFailed, match="already recorded on 1 Nov 2026"):
        context.journal.save_day(
            DayEntry(child.id, date(2026, 11, 2), milestones=[Milestone.HANDS_AND_KNEES_CRAWLING])
        )
    assert context.reads.milestones(child.id) == {
        Milestone.HANDS_AND_KNEES_CRAWLING: date(2026, 11, 1)
    }


def test_children_profiles(context, child, preterm_child) -> None:
    assert [c.name for c in context.journal.list_children()] == ["Leo", "Maya"]
    with pytest.raises(ValidationFailed):
        context.journal.save_child(ChildProfile("Baby", date(2026, 11, 24)))
    renamed = context.journal.save_child(
        ChildProfile("Maya Rose", child.birth_date, None, child.id, child.uuid)
    )
    assert renamed.uuid == child.uuid and renamed.name == "Maya Rose"
    assert context.journal.find_child("maya rose") == renamed


def test_a_birth_date_after_recorded_days_is_refused(context, child) -> None:
    context.journal.save_day(DayEntry(child.id, date(2026, 3, 10), notes="x"))
    moved = ChildProfile(child.name, date(2026, 4, 1), None, child.id, child.uuid)
    with pytest.raises(ValidationFailed, match="before this birth date"):
        context.journal.save_child(moved)


def test_deleting_a_child_removes_their_journal(context, child, preterm_child) -> None:
    context.journal.save_day(full_day(child.id, date(2026, 11, 20)))
    context.journal.save_day(DayEntry(preterm_child.id, date(2026, 11, 20), notes="Leo's day"))
    assert context.journal.count_days(child.id) == 1
    context.journal.delete_child(child.id)
    with sqlite3.connect(context.paths.journal) as conn:
        assert conn.execute("SELECT count(*) FROM journal_day").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM movement_observation").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM milestone").fetchone() == (0,)


def test_recent_days_summarise_each_day_newest_first(context, child) -> None:
    context.journal.save_day(full_day(child.id, date(2026, 11, 20)))
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 21), notes="only words"))
    rows = context.journal.recent_days(child.id)
    assert [r.day for r in rows] == [date(2026, 11, 21), date(2026, 11, 20)]
    assert rows[0].summary == "notes only"
    assert rows[1].summary == "roll, back x6 12 min, fwd x1 · tummy 25 min · warning sign noted"
    assert rows[1].has_warning_signs


def test_delete_then_restore_brings_back_the_same_records(context, child) -> None:
    day = date(2026, 11, 20)
    entry = full_day(child.id, day)
    context.journal.save_day(entry)
    with sqlite3.connect(context.paths.journal) as conn:
        uuids_before = conn.execute(
            "SELECT uuid FROM journal_day UNION ALL SELECT uuid FROM movement_observation "
            "UNION ALL SELECT uuid FROM milestone UNION ALL SELECT uuid FROM warning_sign ORDER BY 1"
        ).fetchall()
    deleted = context.journal.delete_day(child.id, day)
    assert context.journal.load_day(child.id, day) == DayEntry(child.id, day)
    assert context.reads.milestones(child.id) == {}
    context.journal.restore_day(deleted)
    assert context.journal.load_day(child.id, day) == entry
    with sqlite3.connect(context.paths.journal) as conn:
        uuids_after = conn.execute(
            "SELECT uuid FROM journal_day UNION ALL SELECT uuid FROM movement_observation "
            "UNION ALL SELECT uuid FROM milestone UNION ALL SELECT uuid FROM warning_sign ORDER BY 1"
        ).fetchall()
    assert uuids_after == uuids_before


def test_days_with_entries_for_the_calendar(context, child) -> None:
    for d in (date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 15)):
        context.journal.save_day(DayEntry(child.id, d, notes="x"))
    assert context.reads.days_with_entries(child.id, date(2026, 11, 1), date(2026, 11, 30)) == {
        date(2026, 11, 1),
        date(2026, 11, 15),
    }
