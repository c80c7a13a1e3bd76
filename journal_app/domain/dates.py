"""Dates as people type them: "15 Mar 2026", "15/03/2026", "15.3.2026", "2026-03-15".

Numbers are read day first (as the app shows dates); a year may be typed with two digits
("15/3/26" is 2026). Anything that is not clearly one date reads as None, never as a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: A run of digits or of letters; anything else (spaces, "/", ".", "-", ",") separates them.
_TOKEN = re.compile(r"(\d+)|([^\W\d_]+)")
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})


def format_date(value: date) -> str:
    """The way the app writes a date for typing: "15 Mar 2026" (read back by parse_typed_date)."""
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_day_month(value: date) -> str:
    """A date in this year, short: "15 Mar"."""
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]}"


def format_short_weekday(value: date) -> str:
    """For a list of recent days: "Wed 15 Mar"."""
    return f"{WEEKDAY_NAMES[value.weekday()][:3]} {format_day_month(value)}"


def format_weekday_date(value: date, *, year: bool = True) -> str:
    """For headings: "Wednesday 15 March 2026" (or without the year)."""
    text = f"{WEEKDAY_NAMES[value.weekday()]} {value.day} {MONTH_NAMES[value.month - 1]}"
    return f"{text} {value.year}" if year else text


def format_date_time(value: datetime, *, seconds: bool = False) -> str:
    """A moment, for backups: "15 Mar 2026 18:05" (with ":07" seconds when asked)."""
    return (
        f"{format_date(value.date())} {value:%H:%M:%S}"
        if seconds
        else (f"{format_date(value.date())} {value:%H:%M}")
    )


def describe_date(value: date) -> str:
    """A date in words, whatever the system's language settings: "15 March 2026"."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def _month_from_word(word: str) -> int | None:
    """1-12 for a month's name or its first three (or more) letters: "mar", "Sept", "march"."""
    word = word.lower()
    if len(word) < 3:
        return None
    matches = [i for i, name in enumerate(MONTH_NAMES, start=1) if name.lower().startswith(word)]
    return matches[0] if len(matches) == 1 else None


def _year(digits: str) -> int | None:
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:
        return 2000 + int(digits)
    return None


def _make(year: int | None, month: int | None, day: int) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_typed_date(text: str) -> date | None:
    """The date ``text`` means, or None when it is empty, incomplete or not a real date."""
    stripped = text.strip()
    if stripped.isdigit() and len(stripped) == 8:  # "15032026": day, month, year run together
        stripped = f"{stripped[:2]} {stripped[2:4]} {stripped[4:]}"
    tokens: list[str | int] = []
    number_end = -1
    for match in _TOKEN.finditer(stripped):
        number, word = match.groups()
        if number is not None:
            tokens.append(number)
            number_end = match.end()
        elif match.start() == number_end and word.lower() in _ORDINAL_ENDINGS:
            continue  # "15th"
        else:
            month = _month_from_word(word)
            if month is None:
                return None
            tokens.append(month)  # a month named in words is kept as an int
    if len(tokens) != 3:
        return None
    first, second, third = tokens
    if isinstance(first, str) and isinstance(third, str) and len(first) == 4:
        # Year first, as in 2026-03-15; the month may be a number or a word.
        month = second if isinstance(second, int) else int(second)
        return _make(int(first), month, int(third))
    if isinstance(first, int) and isinstance(second, str) and isinstance(third, str):
        return _make(_year(third), first, int(second))  # "Mar 15 2026"
    if isinstance(first, str) and isinstance(third, str) and len(first) <= 2:
        month = second if isinstance(second, int) else int(second)
        return _make(_year(third), month, int(first))  # "15 Mar 2026", "15/03/2026"
    return None
