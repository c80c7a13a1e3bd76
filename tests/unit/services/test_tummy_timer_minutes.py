"""The rule the tummy-time timer's stop follows: its minutes are added to the day as stored."""

from __future__ import annotations

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.domain.errors import ChildNotFound
from journal_app.services.context import JournalContext
from journal_app.services.tummy_timer import TimedSession, add_timed_minutes
from tests.helpers.constants import TODAY


def test_minutes_are_added_to_what_the_day_already_holds(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    context.journal.save_day(DayEntry(child_id=child.id, day=TODAY, tummy_minutes=10, notes="ok"))
    saved = add_timed_minutes(context.journal, TimedSession(child.id, TODAY, 7))
    stored = context.journal.load_day(child.id, TODAY)
    assert saved is not None and saved.tummy_minutes == 17
    assert (stored.tummy_minutes, stored.notes) == (17, "ok")  # the rest of the day kept


def test_an_empty_day_gets_the_minutes_and_no_minutes_write_nothing(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    assert add_timed_minutes(context.journal, TimedSession(child.id, TODAY, 0)) is None
    assert context.journal.load_day(child.id, TODAY).is_empty
    add_timed_minutes(context.journal, TimedSession(child.id, TODAY, 5))
    assert context.journal.load_day(child.id, TODAY).tummy_minutes == 5


def test_a_child_no_longer_there_is_refused(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    context.journal.delete_child(child.id)
    with pytest.raises(ChildNotFound):
        add_timed_minutes(context.journal, TimedSession(child.id, TODAY, 5))
