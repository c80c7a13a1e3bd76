"""The one rule for a milestone a journal holds no record of, and the default period's start."""

from __future__ import annotations

from datetime import date

from journal_app.domain.entries import ChildProfile
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.journal_knowledge import (
    Unrecorded,
    default_period_start,
    journal_began,
    may_count_as_missed,
    unrecorded_standing,
)
from journal_app.domain.reference import milestones_reached

INES = ChildProfile("Ines", date(2026, 2, 10))  # 9 months 13 days on 23 Nov 2026
ON = date(2026, 11, 23)


def test_a_reference_age_passed_before_the_journal_began_is_unknown_not_missed() -> None:
    # CDC 6 months passed in August; the journal began on 21 Nov.
    assert unrecorded_standing(INES, 6, ON, date(2026, 11, 21)) is Unrecorded.BEFORE_JOURNAL
    assert not may_count_as_missed(INES, 6, ON, date(2026, 11, 21))
    # No journal at all: nothing can be known.
    assert unrecorded_standing(INES, 6, ON, None) is Unrecorded.BEFORE_JOURNAL


def test_a_reference_age_passed_while_the_journal_was_kept_counts() -> None:
    began = date(2026, 7, 1)  # 4 months 21 days: before the 6-month checklist age
    assert unrecorded_standing(INES, 6, ON, began) is Unrecorded.PAST_REFERENCE
    assert may_count_as_missed(INES, 6, ON, began)


def test_a_reference_age_not_passed_yet_is_simply_not_due() -> None:
    assert unrecorded_standing(INES, 13.5, ON, date(2026, 11, 21)) is Unrecorded.NOT_DUE
    assert unrecorded_standing(INES, None, ON, date(2026, 11, 21)) is Unrecorded.NOT_DUE


def test_the_parents_word_that_it_is_not_reached_counts_whenever_the_age_passed() -> None:
    standing = unrecorded_standing(INES, 6, ON, date(2026, 11, 21), said_not_reached=True)
    assert standing is Unrecorded.PAST_REFERENCE


def test_corrected_age_decides_for_a_baby_born_early() -> None:
    early = ChildProfile("Leo", date(2026, 2, 10), due_date=date(2026, 4, 7))  # 8 weeks early
    # On 1 Sep he is 6 months 22 days old, corrected 4 months 25 days: not past 6 months yet.
    assert unrecorded_standing(early, 6, ON, date(2026, 9, 1)) is Unrecorded.PAST_REFERENCE
    assert unrecorded_standing(INES, 6, ON, date(2026, 9, 1)) is Unrecorded.BEFORE_JOURNAL


def test_journal_began_is_the_first_day() -> None:
    assert journal_began([date(2026, 5, 3), date(2026, 4, 1)]) == date(2026, 4, 1)
    assert journal_began([]) is None


def test_rolling_seen_shows_the_child_rolls() -> None:
    reached = milestones_reached({}, {MovementStyle.ROLLING: date(2026, 11, 21)})
    assert reached[Milestone.ROLLS_TUMMY_TO_BACK] == date(2026, 11, 21)


def test_default_period_starts_at_the_first_entry_of_a_younger_journal() -> None:
    birth = date(2025, 1, 1)
    assert default_period_start(ON, birth, date(2026, 11, 1), 3) == date(2026, 11, 1)
    assert default_period_start(ON, birth, date(2026, 1, 1), 3) == date(2026, 8, 23)
    assert default_period_start(ON, birth, None, 3) == date(2026, 8, 23)
    # Never before the birth date.
    assert default_period_start(ON, date(2026, 10, 1), None, 3) == date(2026, 10, 1)
