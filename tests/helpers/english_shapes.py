"""The English dates and ages exactly as the app wrote them by hand before it had translations
(domain/dates.py and domain/ages.py before they delegated to Babel): the reference that proves
the English output has not changed."""

from __future__ import annotations

from datetime import date, datetime

from journal_app.domain.ages import Age, ChildAge

MONTHS = (
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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def day_month(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1][:3]}"


def short_weekday(value: date) -> str:
    return f"{WEEKDAYS[value.weekday()][:3]} {day_month(value)}"


def weekday_date(value: date, *, year: bool = True) -> str:
    text = f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"
    return f"{text} {value.year}" if year else text


def date_time(value: datetime, *, seconds: bool = False) -> str:
    return (
        f"{date_(value.date())} {value:%H:%M:%S}"
        if seconds
        else f"{date_(value.date())} {value:%H:%M}"
    )


def long_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def age(value: Age) -> str:
    if value.total_days < 0:
        return "not yet born"
    parts: list[str] = []
    years, months = divmod(value.months, 12)
    if years >= 2:
        parts.append(f"{years} years")
    elif years == 1:
        parts.append("1 year")
    if months:
        parts.append(f"{months} month" + ("s" if months != 1 else ""))
    if value.days or not parts:
        parts.append(f"{value.days} day" + ("s" if value.days != 1 else ""))
    return " ".join(parts)


def child_age(value: ChildAge) -> str:
    text = age(value.chronological)
    if value.corrected is not None:
        if value.corrected.total_days < 0:
            weeks = -value.corrected.total_days // 7
            text += f", corrected: {weeks} weeks before the due date"
        else:
            text += f", corrected {age(value.corrected)}"
    return text


def gestation(weeks: int, days: int) -> str:
    return f"{weeks} weeks" + (f" {days} days" if days else "")
