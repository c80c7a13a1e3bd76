"""The rules for a child's profile and a journal day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import MovementStyle, Side, WarningSign
from journal_app.domain.validation import (
    MAX_EPISODES,
    tummy_time_note,
    validate_child,
    validate_day,
)

TODAY = date(2026, 11, 23)
MAYA = ChildProfile("Maya", date(2026, 3, 1), id=1)


def fields(errors: list) -> set[str]:
    return {e.field for e in errors}


def test_a_sensible_profile_passes() -> None:
    assert validate_child(MAYA, TODAY) == []
    assert validate_child(ChildProfile("Leo", date(2026, 3, 1), date(2026, 5, 1)), TODAY) == []


def test_profile_rules() -> None:
    assert fields(validate_child(ChildProfile("  ", date(2026, 3, 1)), TODAY)) == {"name"}
    assert fields(validate_child(ChildProfile("Maya", TODAY + timedelta(days=1)), TODAY)) == {
        "birth_date"
    }
    too_late_due = ChildProfile(
        "Maya", date(2026, 3, 1), date(2026, 3, 1) + timedelta(weeks=20, days=1)
    )
    assert fields(validate_child(too_late_due, TODAY)) == {"due_date"}
    twenty_weeks = ChildProfile("Maya", date(2026, 3, 1), date(2026, 3, 1) + timedelta(weeks=20))
    assert validate_child(twenty_weeks, TODAY) == []
    long_before = ChildProfile("Maya", date(2026, 3, 1), date(2026, 3, 1) - timedelta(weeks=5))
    assert fields(validate_child(long_before, TODAY)) == {"due_date"}


def test_day_dates_must_be_between_birth_and_today() -> None:
    assert validate_day(DayEntry(1, TODAY), MAYA, TODAY) == []
    future = validate_day(DayEntry(1, TODAY + timedelta(days=1)), MAYA, TODAY)
    assert fields(future) == {"day"} and "future" in future[0].message
    before = validate_day(DayEntry(1, date(2026, 2, 28)), MAYA, TODAY)
    assert fields(before) == {"day"} and "before Maya's birth date" in before[0].message


def test_minutes_and_counts_have_sane_limits() -> None:
    assert fields(validate_day(DayEntry(1, TODAY, tummy_minutes=-1), MAYA, TODAY)) == {
        "tummy_minutes"
    }
    assert fields(validate_day(DayEntry(1, TODAY, tummy_minutes=1441), MAYA, TODAY)) == {
        "tummy_minutes"
    }
    assert validate_day(DayEntry(1, TODAY, tummy_minutes=1440), MAYA, TODAY) == []
    style = MovementStyle.BACKWARD
    too_many = DayEntry(1, TODAY, movements={style: MovementCount(MAX_EPISODES + 1, None)})
    assert fields(validate_day(too_many, MAYA, TODAY)) == {"movement.backward_crawl"}
    negative = DayEntry(1, TODAY, movements={style: MovementCount(-2, None)})
    assert fields(validate_day(negative, MAYA, TODAY)) == {"movement.backward_crawl"}
    long_minutes = DayEntry(1, TODAY, movements={style: MovementCount(None, 2000)})
    assert fields(validate_day(long_minutes, MAYA, TODAY)) == {"movement.backward_crawl"}


def test_a_sign_is_listed_once_and_takes_a_side_only_where_one_applies() -> None:
    twice = DayEntry(1, TODAY, warning_signs=[WarningSignEntry(WarningSign.STIFF_MUSCLES)] * 2)
    assert fields(validate_day(twice, MAYA, TODAY)) == {"warning_signs"}
    sided = DayEntry(
        1,
        TODAY,
        warning_signs=[WarningSignEntry(WarningSign.LITTLE_INTEREST_IN_EXPLORING, Side.LEFT)],
    )
    assert fields(validate_day(sided, MAYA, TODAY)) == {"warning_signs.0"}


def test_tummy_time_over_three_hours_gets_a_note_not_an_error() -> None:
    assert tummy_time_note(None) is None
    assert tummy_time_note(180) is None  # exactly three hours: nothing to say
    assert tummy_time_note(181) is not None and "over 3 hours" in (tummy_time_note(181) or "")
    assert tummy_time_note(1440) is not None
    assert tummy_time_note(1441) is None  # over 24 hours is an error, said by validation


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Ma\x00ya", "U+0000"),
        ("Ma\x07ya", "U+0007"),
        ("Ma\tya", "U+0009"),
        ("Maya\nLeo", "U+000A"),
        ("\u202eayaM", "U+202E right-to-left override"),
        ("Ma\u2066ya", "U+2066 left-to-right isolate"),
        ("Ma\u2028ya", "U+2028 line separator"),
    ],
)
def test_a_name_with_a_control_character_is_refused_with_a_clear_message(
    name: str, shown: str
) -> None:
    [error] = validate_child(ChildProfile(name, date(2026, 3, 1)), TODAY)
    assert error.field == "name"
    assert shown in error.message and "control character" in error.message


@pytest.mark.parametrize("name", ["Maya", "Zoë-Léa", "محمد", "مهرناز\u200cجان", "👩\u200d👧 Ada"])
def test_names_in_any_script_with_joiners_are_accepted(name: str) -> None:
    assert validate_child(ChildProfile(name, date(2026, 3, 1)), TODAY) == []


def test_notes_keep_control_characters_as_typed(context, child) -> None:
    typed = "tab\there\x07 bell \u202e reversed\nline"
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 1), notes=typed))
    assert context.journal.load_day(child.id, date(2026, 11, 1)).notes == typed
