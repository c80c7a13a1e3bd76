"""Dates, numbers, ages and paper size in one locale, from Babel (CLDR data), never by hand.

Reached through ``translator.formats`` (see journal_app.i18n), so Babel is imported only when a
formatter is first used. English keeps exactly the shapes the app has always written ("2 Dec
2026", "Wednesday 2 December 2026", "9 months 12 days"); every other language takes CLDR's own
patterns ("2 dic 2026", "miércoles, 2 de diciembre de 2026", "9 meses y 12 días"), so a new
language needs no code here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_skeleton, format_time
from babel.lists import format_list
from babel.numbers import format_decimal

from journal_app.i18n import base_language

if TYPE_CHECKING:
    from journal_app.domain.ages import Age, ChildAge
    from journal_app.i18n import Translator

PaperSize = Literal["A4", "Letter"]

#: Territories that use US Letter paper (CLDR supplemental data, paperSize "US-Letter"); every
#: other territory uses A4.
LETTER_TERRITORIES = frozenset(
    {"US", "PR", "CA", "MX", "PH", "BZ", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE"}
)

#: The English shapes the app wrote before it had translations (journal_app/domain/dates.py).
_ENGLISH_PATTERNS = {
    "date": "d MMM y",
    "day_month": "d MMM",
    "short_weekday": "EEE d MMM",
    "weekday_date": "EEEE d MMMM y",
    "weekday_day_month": "EEEE d MMMM",
    "long_date": "d MMMM y",
    "month_year": "MMM y",
}


def _locale_code(locale: str) -> str:
    """A locale Babel knows: "es_MX" as it is, "xx_YY" as "xx", anything unknown as "en"."""
    for code in (locale, base_language(locale)):
        try:
            Locale.parse(code)
        except (ValueError, LookupError):
            continue
        return code
    return "en"


def territory_of(locale: str) -> str | None:
    """ "MX" for "es_MX"; for a bare language, its most likely territory ("en" -> "US")."""
    language, _sep, region = locale.partition("_")
    if region:
        return region.upper()
    likely: Mapping[str, str] = get_global("likely_subtags")
    full = likely.get(language.lower())
    if full is None:
        return None
    parts = full.split("_")
    return parts[-1] if len(parts) > 1 and parts[-1].isalpha() and parts[-1].isupper() else None


def paper_size(locale: str) -> PaperSize:
    """ "Letter" where US Letter is the usual paper (US, CA, MX, PH and others), else "A4"."""
    return "Letter" if territory_of(locale) in LETTER_TERRITORIES else "A4"


class Formats:
    """The formatters of one translator: its locale's dates and numbers, its catalogue's words."""

    def __init__(self, translator: Translator) -> None:
        self._tr = translator
        self._english = base_language(translator.locale) == "en"
        # English keeps the app's own shapes in every English locale ("Sep", not en_GB's "Sept").
        self.locale = "en" if self._english else _locale_code(translator.locale)

    def _date(self, value: dt.date, shape: str, standard: str, skeleton: bool = False) -> str:
        if self._english:
            return format_date(value, _ENGLISH_PATTERNS[shape], locale=self.locale)
        if skeleton:
            return format_skeleton(standard, value, locale=self.locale)
        return format_date(value, standard, locale=self.locale)

    # -- dates -------------------------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        """The usual short date: "2 Dec 2026" / "2 dic 2026"."""
        return self._date(value, "date", "medium")

    def day_month(self, value: dt.date) -> str:
        """A date in this year: "2 Dec" / "2 dic"."""
        return self._date(value, "day_month", "MMMd", skeleton=True)

    def short_weekday(self, value: dt.date) -> str:
        """For a list of recent days: "Wed 2 Dec" / "mié, 2 dic"."""
        return self._date(value, "short_weekday", "MMMEd", skeleton=True)

    def weekday_date(self, value: dt.date, *, year: bool = True) -> str:
        """For headings: "Wednesday 2 December 2026" / "miércoles, 2 de diciembre de 2026"."""
        if year:
            return self._date(value, "weekday_date", "full")
        if self._english:
            return self._date(value, "weekday_day_month", "")
        # CLDR's "weekday, day and month" skeleton has the short weekday; the heading wants it
        # in full, as in the full date ("miércoles, 2 de diciembre").
        skeleton = Locale.parse(self.locale).datetime_skeletons["MMMMEd"]
        pattern = re.sub(r"E+", "EEEE", skeleton.pattern)
        return format_date(value, pattern, locale=self.locale)

    def long_date(self, value: dt.date) -> str:
        """A date in words: "2 December 2026" / "2 de diciembre de 2026"."""
        return self._date(value, "long_date", "long")

    def month_year(self, value: dt.date) -> str:
        """Short month and year, for chart axes: "Dec 2026" / "dic 2026"."""
        return self._date(value, "month_year", "yMMM", skeleton=True)

    def date_time(self, value: dt.datetime, *, seconds: bool = False) -> str:
        """A moment, for backups: "2 Dec 2026 18:05" (with ":07" seconds when asked)."""
        if self._english:
            pattern = "HH:mm:ss" if seconds else "HH:mm"
        else:
            pattern = "medium" if seconds else "short"
        return f"{self.date(value.date())} {format_time(value.time(), pattern, locale=self.locale)}"

    # -- numbers -----------------------------------------------------------------------------

    def number(self, value: float, decimals: int = 1, *, grouping: bool = False) -> str:
        """``value`` with ``decimals`` digits and the locale's decimal mark: "3.8" / "3,8".
        Rounded as Python's f"{value:.1f}" rounds, so English is unchanged."""
        exact = Decimal(f"{value:.{decimals}f}")
        pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
        return format_decimal(exact, pattern, locale=self.locale)

    def integer(self, value: int, *, grouping: bool = True) -> str:
        """A whole number with the locale's grouping: "1,234" / "1.234"."""
        return format_decimal(value, "#,##0" if grouping else "0", locale=self.locale)

    def months(self, value: float, decimals: int = 1) -> str:
        """A WHO figure in months: "3.8 months" / "3,8 meses"."""
        # A decimal figure reads as plural in both languages ("1.0 months", "1,0 meses").
        return self._tr.pgettext("decimal months", "{months} months").format(
            months=self.number(value, decimals)
        )

    def conjunction(self, items: Sequence[str]) -> str:
        """A list joined with "and": "2 Nov, 9 Nov and 20 Nov" / "2 nov, 9 nov y 20 nov"."""
        parts = list(items)
        if self._english:  # the app's English has never had a serial comma
            return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return format_list(parts, style="standard", locale=self.locale) if parts else ""

    # -- ages --------------------------------------------------------------------------------

    def days(self, count: int) -> str:
        """ "1 day" / "3 days"; "1 día" / "3 días"."""
        return self._tr.ngettext("{count} day", "{count} days", count).format(count=count)

    def weeks(self, count: int) -> str:
        return self._tr.ngettext("{count} week", "{count} weeks", count).format(count=count)

    def _join(self, parts: list[str]) -> str:
        # English has always run the parts together ("1 year 2 months 4 days"); other languages
        # take their own list pattern ("1 año, 2 meses y 4 días").
        return format_list(
            parts, style="unit-narrow" if self._english else "standard", locale=self.locale
        )

    def age(self, age: Age) -> str:
        """ "9 months 12 days", "1 month", "3 days", "1 year 2 months 4 days"; "9 meses y 12 días"."""
        if age.total_days < 0:
            return self._tr.gettext("not yet born")
        tr = self._tr
        parts: list[str] = []
        years, months = divmod(age.months, 12)
        if years:
            parts.append(tr.ngettext("{count} year", "{count} years", years).format(count=years))
        if months:
            parts.append(
                tr.ngettext("{count} month", "{count} months", months).format(count=months)
            )
        if age.days or not parts:
            parts.append(self.days(age.days))
        return self._join(parts)

    def child_age(self, age: ChildAge) -> str:
        """The age with the corrected age when it applies: "4 months 2 days, corrected 2 months
        5 days"; before the due date: "..., corrected: 3 weeks before the due date"."""
        text = self.age(age.chronological)
        corrected = age.corrected
        if corrected is None:
            return text
        if corrected.total_days < 0:
            return self._tr.gettext("{age}, corrected: {weeks} before the due date").format(
                age=text, weeks=self.weeks(-corrected.total_days // 7)
            )
        return self._tr.gettext("{age}, corrected {corrected}").format(
            age=text, corrected=self.age(corrected)
        )

    def gestation(self, weeks: int, days: int) -> str:
        """Gestational age at birth: "32 weeks", "32 weeks 3 days"; "32 semanas y 3 días"."""
        parts = [self.weeks(weeks)]
        if days:
            parts.append(self.days(days))
        return self._join(parts)

    # -- paper -------------------------------------------------------------------------------

    @property
    def paper_size(self) -> PaperSize:
        """The paper of this translator's locale ("es_MX": Letter). A translator falls back to
        English for a language without a catalogue, so for the app's printer default pass the
        system's own locale to :func:`paper_size` instead (QLocale.system().name() in the UI)."""
        return paper_size(self._tr.locale)
