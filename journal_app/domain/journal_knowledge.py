"""What a journal can know: the one rule for a milestone it has no record of, and the summary
period it can cover.

A journal knows what was recorded from its first day on. A milestone whose reference age (the WHO
99th percentile, or the CDC checklist age) had already passed when the journal began is unknown,
not missed: the summary, both charts and the flags say "not recorded (the journal began on ...)"
and never "past the reference age" or late, unless the parent said it was not reached. Only a
reference age passed while the journal was being kept can make a missing milestone worth
mentioning.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from journal_app.domain.ages import DAYS_PER_MONTH, add_months
from journal_app.domain.entries import ChildProfile


class Unrecorded(StrEnum):
    """Where a milestone with no record stands on a day."""

    #: The reference age has not passed yet: simply not recorded yet.
    NOT_DUE = "not_due"
    #: The reference age passed before the journal began: the journal cannot know.
    BEFORE_JOURNAL = "before_journal"
    #: The reference age passed while the journal was kept (or the parent said it is not reached).
    PAST_REFERENCE = "past_reference"


def journal_began(days: Iterable[date]) -> date | None:
    """The journal's first recorded day among ``days`` (None for an empty journal)."""
    return min(days, default=None)


def past_reference(child: ChildProfile, on: date, reference_months: float) -> bool:
    """True when the child (corrected age where it applies) is strictly past ``reference_months``
    on ``on``."""
    return child.age_on(on).for_milestones.total_days > reference_months * DAYS_PER_MONTH


def unrecorded_standing(
    child: ChildProfile,
    reference_months: float | None,
    on: date,
    began: date | None,
    said_not_reached: bool = False,
) -> Unrecorded:
    """The one rule for a milestone the journal holds no record of on ``on``.

    ``began`` is the journal's first day (:func:`journal_began`); ``said_not_reached`` is the
    parent's own word that the child cannot do it yet, which makes a passed reference age count
    whenever it passed.
    """
    if reference_months is None or not past_reference(child, on, reference_months):
        return Unrecorded.NOT_DUE
    if said_not_reached:
        return Unrecorded.PAST_REFERENCE
    if began is None or past_reference(child, began, reference_months):
        return Unrecorded.BEFORE_JOURNAL
    return Unrecorded.PAST_REFERENCE


def may_count_as_missed(
    child: ChildProfile,
    reference_months: float,
    on: date,
    began: date | None,
    said_not_reached: bool = False,
) -> bool:
    """True only when a milestone with no record is past its reference age and the journal was
    being kept when that age passed (what the flags may speak of)."""
    return (
        unrecorded_standing(child, reference_months, on, began, said_not_reached)
        is Unrecorded.PAST_REFERENCE
    )


def default_period_start(
    today: date, birth_date: date, first_entry: date | None, months: int
) -> date:
    """The start of the default ``months``-long period ending ``today``: the first entry when the
    journal is younger than the period, and never before the birth date."""
    start = add_months(today, -months)
    if first_entry is not None and first_entry > start:
        start = min(first_entry, today)
    return max(start, min(birth_date, today))
