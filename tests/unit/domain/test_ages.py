"""Age and corrected-age arithmetic, including month ends and leap days."""

from __future__ import annotations

from datetime import date

import pytest

from journal_app.domain.ages import (
    add_months,
    age_between,
    child_age,
    corrected_age_applies,
    describe_gestation,
    due_date_from_gestation,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("birth", "on", "months", "days"),
    [
        (date(2026, 3, 1), date(2026, 11, 23), 8, 22),
        (date(2026, 1, 31), date(2026, 2, 28), 1, 0),
        (date(2026, 1, 31), date(2026, 2, 27), 0, 27),
        (date(2026, 1, 31), date(2026, 3, 30), 1, 30),
        (date(2026, 1, 31), date(2026, 3, 31), 2, 0),
        (date(2024, 2, 29), date(2025, 2, 28), 12, 0),
        (date(2024, 2, 29), date(2025, 3, 1), 12, 1),
        (date(2023, 12, 31), date(2024, 2, 29), 2, 0),  # a month-end birthday falls on the last day
        (date(2023, 12, 31), date(2024, 2, 28), 1, 28),
        (date(2026, 5, 5), date(2026, 5, 5), 0, 0),
    ],
)
def test_age_between_counts_calendar_months_then_days(
    birth: date, on: date, months: int, days: int
) -> None:
    age = age_between(birth, on)
    assert (age.months, age.days) == (months, days)
    assert age.total_days == (on - birth).days


def test_describe_reads_like_a_person_would_say_it() -> None:
    assert age_between(date(2026, 3, 1), date(2026, 11, 13)).describe() == "8 months 12 days"
    assert age_between(date(2026, 3, 1), date(2026, 4, 1)).describe() == "1 month"
    assert age_between(date(2026, 3, 1), date(2026, 3, 2)).describe() == "1 day"
    assert age_between(date(2025, 1, 10), date(2026, 3, 14)).describe() == "1 year 2 months 4 days"


def test_corrected_age_subtracts_the_weeks_born_early() -> None:
    birth = date(2026, 3, 1)
    due = due_date_from_gestation(birth, 32)  # 8 weeks early
    assert (due - birth).days == 56
    age = child_age(birth, due, date(2026, 11, 23))
    assert age.chronological.total_days == 267
    assert age.corrected is not None
    assert age.corrected.total_days == 267 - 56
    assert age.for_milestones is age.corrected
    assert age.describe() == "8 months 22 days, corrected 6 months 28 days"
    assert describe_gestation(birth, due) == "32 weeks"
    assert describe_gestation(birth, due_date_from_gestation(birth, 33, 4)) == "33 weeks 4 days"


def test_corrected_age_only_for_babies_born_before_37_weeks() -> None:
    birth = date(2026, 3, 1)
    assert not corrected_age_applies(birth, due_date_from_gestation(birth, 37), date(2026, 6, 1))
    assert corrected_age_applies(birth, due_date_from_gestation(birth, 36, 6), date(2026, 6, 1))
    assert not corrected_age_applies(birth, None, date(2026, 6, 1))
    assert child_age(birth, None, date(2026, 6, 1)).corrected is None


def test_corrected_age_stops_at_24_months() -> None:
    birth = date(2024, 2, 29)
    due = due_date_from_gestation(birth, 30)
    assert corrected_age_applies(birth, due, date(2026, 2, 27))
    assert not corrected_age_applies(birth, due, date(2026, 2, 28))


def test_before_the_due_date_the_corrected_age_says_so() -> None:
    birth = date(2026, 9, 1)
    due = due_date_from_gestation(birth, 28)
    age = child_age(birth, due, date(2026, 10, 1))
    assert age.corrected is not None and age.corrected.total_days < 0
    assert "weeks before the due date" in age.describe()
