"""Ages in calendar months and days, and corrected age for babies born early.

Corrected age is computed in days (age since birth minus the days born before 40 weeks), which is
the same as counting from the due date. It applies to babies born more than 3 weeks early (before
37 weeks of gestation) until they are 24 months old.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from journal_app.i18n import formats

#: Days in an average month, used to turn an age in days into decimal months (WHO windows).
DAYS_PER_MONTH = 365.25 / 12
FULL_TERM_DAYS = 40 * 7
#: Born more than this many days before the due date (before 37 weeks): corrected age applies.
PRETERM_THRESHOLD_DAYS = 21
#: Corrected age is used until this many months of chronological age.
CORRECTION_UNTIL_MONTHS = 24


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole calendar months, clamped to the end of a shorter month."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True, order=True)
class Age:
    """An age as whole calendar months plus days; ``total_days`` is kept for exact comparisons."""

    months: int
    days: int
    total_days: int

    @property
    def decimal_months(self) -> float:
        return self.total_days / DAYS_PER_MONTH

    def describe(self) -> str:
        """Plain wording in the current language: "8 months 12 days", "1 month", "3 days",
        "1 year 2 months 4 days"; "8 meses y 12 días"."""
        return formats().age(self)


def age_between(start: date, on: date) -> Age:
    """The age on ``on`` of someone born on ``start`` (negative ``total_days`` if before)."""
    total = (on - start).days
    if total < 0:
        return Age(0, 0, total)
    months = (on.year - start.year) * 12 + (on.month - start.month)
    if add_months(start, months) > on:
        months -= 1
    days = (on - add_months(start, months)).days
    return Age(months, days, total)


def gestation_days_at_birth(birth_date: date, due_date: date) -> int:
    """Gestational age at birth in days, taking the due date as 40 weeks."""
    return FULL_TERM_DAYS - (due_date - birth_date).days


def due_date_from_gestation(birth_date: date, weeks: int, days: int = 0) -> date:
    """The due date of a baby born at ``weeks``+``days`` of gestation."""
    return birth_date + timedelta(days=FULL_TERM_DAYS - (weeks * 7 + days))


def describe_gestation(birth_date: date, due_date: date) -> str:
    """ "32 weeks", "33 weeks 4 days" ("33 semanas y 4 días")."""
    weeks, days = divmod(gestation_days_at_birth(birth_date, due_date), 7)
    return formats().gestation(weeks, days)


def corrected_age_applies(birth_date: date, due_date: date | None, on: date) -> bool:
    """True for a baby born before 37 weeks who is not yet 24 months old on ``on``."""
    if due_date is None:
        return False
    if (due_date - birth_date).days <= PRETERM_THRESHOLD_DAYS:
        return False
    return on < add_months(birth_date, CORRECTION_UNTIL_MONTHS)


@dataclass(frozen=True)
class ChildAge:
    """A child's age on a date, with the corrected age when it applies."""

    chronological: Age
    corrected: Age | None

    @property
    def for_milestones(self) -> Age:
        """The age to compare with milestone windows: corrected when it applies."""
        return self.corrected if self.corrected is not None else self.chronological

    def describe(self) -> str:
        """ "4 months 2 days, corrected 2 months 5 days" (or "..., corrected: 3 weeks before the
        due date"), in the current language."""
        return formats().child_age(self)


def child_age(birth_date: date, due_date: date | None, on: date) -> ChildAge:
    corrected = (
        age_between(due_date, on)
        if due_date is not None and corrected_age_applies(birth_date, due_date, on)
        else None
    )
    return ChildAge(age_between(birth_date, on), corrected)
