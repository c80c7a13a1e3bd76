"""Dates as people type them: "15 Mar 2026", "15/03/2026", "15.3.2026", "2026-03-15", and in
the current language ("15 mar 2026", "15 de marzo de 2026" in Spanish; English names always).

The app writes dates through journal_app.i18n.formats() (Babel), in the current language.

Numbers are read day first (as the app shows dates); a year may be typed with two digits
("15/3/26" is 2026). Anything that is not clearly one date reads as None, never as a guess.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cache

from journal_app.i18n import formats

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
    """The way the app writes a date for typing: "15 Mar 2026" / "15 mar 2026" (read back by
    parse_typed_date in the same language)."""
    return formats().date(value)


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_day_month(value: date) -> str:
    """A date in this year, short: "15 Mar" / "15 mar"."""
    return formats().day_month(value)


def format_short_weekday(value: date) -> str:
    """For a list of recent days: "Wed 15 Mar" / "mié, 15 mar"."""
    return formats().short_weekday(value)


def format_weekday_date(value: date, *, year: bool = True) -> str:
    """For headings: "Wednesday 15 March 2026" (or without the year); in Spanish
    "miércoles, 15 de marzo de 2026"."""
    return formats().weekday_date(value, year=year)


def format_date_time(value: datetime, *, seconds: bool = False) -> str:
    """A moment, for backups: "15 Mar 2026 18:05" (with ":07" seconds when asked)."""
    return formats().date_time(value, seconds=seconds)


def describe_date(value: date) -> str:
    """A date in words in the current language: "15 March 2026" / "15 de marzo de 2026"."""
    return formats().long_date(value)


def _fold(word: str) -> str:
    """Lower case without accents or a trailing dot: "Sept." -> "sept", "Mär" -> "mar"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _month_names(locale: str) -> tuple[tuple[str, int], ...]:
    """Every name of each month the parser knows for ``locale``, folded: the English names
    always, and the locale's own (CLDR's wide and abbreviated forms, "diciembre", "dic")."""
    names = [(_fold(name), i) for i, name in enumerate(MONTH_NAMES, start=1)]
    if locale != "en":
        from babel import Locale

        months = Locale.parse(locale).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months.get(context, {}).get(width, {}).items():
                    names.append((_fold(name), int(number)))
    return tuple(names)


@cache
def _joining_words(locale: str) -> frozenset[str]:
    """The words the locale's long dates put between day, month and year ("de" in Spanish:
    "2 de diciembre de 2026"), which a typed date may carry."""
    if locale == "en":
        return frozenset()
    from babel import Locale

    formats_ = Locale.parse(locale).date_formats
    literals = " ".join(
        " ".join(re.findall(r"'([^']+)'", formats_[width].pattern)) for width in ("long", "full")
    )
    return frozenset(_fold(word) for word in re.findall(r"[^\W\d_]+", literals))


def _month_from_word(word: str) -> int | None:
    """1-12 for a month's name or its first three (or more) letters: "mar", "Sept", "march";
    in the current language too ("dic", "diciembre")."""
    folded = _fold(word)
    if len(folded) < 3:
        return None
    matches = {number for name, number in _month_names(formats().locale) if name.startswith(folded)}
    return matches.pop() if len(matches) == 1 else None


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
        elif _fold(word) in _joining_words(formats().locale):
            continue  # "2 de diciembre de 2026"
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
