"""Dates typed by a parent: day first, in numbers or with the month's name; nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest

from journal_app.domain.dates import format_date, parse_typed_date


@pytest.mark.parametrize(
    "text",
    [
        "15 Mar 2026",
        "15 march 2026",
        "15 MARCH 2026",
        "15/03/2026",
        "15/3/2026",
        "15.3.2026",
        "15-03-2026",
        "15 3 2026",
        "15/3/26",
        "15th March 2026",
        "15 Mar, 2026",
        "March 15, 2026",
        "15march2026",
        "15032026",
        "2026-03-15",
        "  15 Mar 2026  ",
    ],
)
def test_the_ways_of_typing_15_march_2026(text: str) -> None:
    assert parse_typed_date(text) == date(2026, 3, 15)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "15",
        "15 Mar",
        "15 Mar 202",  # still typing the year
        "31/02/2026",  # no such day
        "15/13/2026",
        "0/3/2026",
        "15 Ma 2026",  # March or May?
        "15 Smarch 2026",
        "15 Mar 2026 10",
        "tomorrow",
        "Mon 15 Mar 2026",
    ],
)
def test_what_is_not_clearly_one_date_reads_as_none(text: str) -> None:
    assert parse_typed_date(text) is None


def test_september_and_the_written_form_read_back() -> None:
    assert parse_typed_date("1 Sept 2025") == date(2025, 9, 1)
    for day in (date(2026, 3, 1), date(2025, 12, 31), date(1900, 1, 1), date(2024, 2, 29)):
        assert parse_typed_date(format_date(day)) == day
    assert format_date(date(2026, 3, 1)) == "1 Mar 2026"


def test_dates_are_written_the_same_way_everywhere_whatever_the_locale() -> None:
    """The app's wording is English; strftime's %b/%A would follow the system's language
    (Qt sets it from the environment) and zero-pad the day."""
    from datetime import datetime

    from journal_app.domain.dates import (
        format_date_time,
        format_day_month,
        format_short_weekday,
        format_weekday_date,
    )

    day = date(2026, 12, 2)
    assert format_date(day) == "2 Dec 2026"
    assert format_day_month(day) == "2 Dec"
    assert format_short_weekday(day) == "Wed 2 Dec"
    assert format_weekday_date(day) == "Wednesday 2 December 2026"
    assert format_weekday_date(day, year=False) == "Wednesday 2 December"
    moment = datetime(2026, 12, 2, 8, 5, 7)
    assert format_date_time(moment) == "2 Dec 2026 08:05"
    assert format_date_time(moment, seconds=True) == "2 Dec 2026 08:05:07"
