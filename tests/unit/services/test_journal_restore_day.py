"""Putting a deleted day back (undo): refused, with nothing changed, when the journal moved on."""

from __future__ import annotations

from datetime import date

import pytest

from journal_app.domain.entries import DayEntry
from journal_app.domain.enums import Milestone
from journal_app.services.journal import RestoreRefused
from tests.helpers.days import full_day

DAY = date(2026, 11, 20)


def test_a_day_recorded_again_after_its_delete_is_not_overwritten(context, child) -> None:
    context.journal.save_day(full_day(child.id, DAY))
    deleted = context.journal.delete_day(child.id, DAY)
    again = DayEntry(child.id, DAY, notes="written again", tummy_minutes=5)
    context.journal.save_day(again)
    with pytest.raises(RestoreRefused, match="20 Nov 2026 has been recorded again"):
        context.journal.restore_day(deleted)
    assert context.journal.load_day(child.id, DAY) == again
    assert context.reads.milestones(child.id) == {}


def test_a_milestone_recorded_on_another_day_since_is_not_overwritten(context, child) -> None:
    context.journal.save_day(full_day(child.id, DAY))  # with the first backward crawl
    deleted = context.journal.delete_day(child.id, DAY)
    later = date(2026, 11, 22)
    context.journal.save_day(DayEntry(child.id, later, milestones=[Milestone.FIRST_BACKWARD_CRAWL]))
    with pytest.raises(RestoreRefused, match="has been recorded on 22 Nov 2026 since"):
        context.journal.restore_day(deleted)
    assert context.journal.load_day(child.id, DAY) == DayEntry(child.id, DAY)
    assert context.reads.milestones(child.id) == {Milestone.FIRST_BACKWARD_CRAWL: later}


def test_a_day_put_back_after_a_refusal_is_whole(context, child) -> None:
    entry = full_day(child.id, DAY)
    context.journal.save_day(entry)
    deleted = context.journal.delete_day(child.id, DAY)
    context.journal.save_day(DayEntry(child.id, DAY, notes="in the way"))
    with pytest.raises(RestoreRefused):
        context.journal.restore_day(deleted)
    context.journal.delete_day(child.id, DAY)  # the parent clears the new entry
    context.journal.restore_day(deleted)
    assert context.journal.load_day(child.id, DAY) == entry
