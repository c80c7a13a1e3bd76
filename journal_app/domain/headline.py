"""The one-sentence picture of a summary period, drawn from the journal's days.

Which way of moving stands for the period: the most advanced one (in the usual order of
appearance) that was seen on most of the recorded days since it was first seen in the period, and
on at least :data:`MIN_DAYS_FOR_HEADLINE` days. The wording is the summary document's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from journal_app.domain.enums import Milestone, MovementStyle

#: A way of moving seen on fewer days than this does not stand for a period.
MIN_DAYS_FOR_HEADLINE = 3


@dataclass(frozen=True)
class PeriodHeadline:
    """The main way of moving of a period (None when none stands out) and what was new."""

    style: MovementStyle | None
    #: The first day it was seen in the period.
    since: date | None
    #: Recorded days it was seen on, of the recorded days from ``since`` to the period's end.
    days_seen: int
    days_recorded: int
    #: Milestones first reached (recorded, or first shown by the journal) in the period.
    new: tuple[Milestone, ...]


def period_headline(
    days: Iterable[tuple[date, frozenset[MovementStyle]]], new: Sequence[Milestone]
) -> PeriodHeadline:
    """The headline of the recorded ``days`` (each with the ways of moving seen that day)."""
    recorded = sorted(days, key=lambda item: item[0])
    order = list(MovementStyle)
    for style in reversed(order):
        seen = [day for day, styles in recorded if style in styles]
        if len(seen) < MIN_DAYS_FOR_HEADLINE:
            continue
        since = seen[0]
        recorded_since = sum(1 for day, _styles in recorded if day >= since)
        if len(seen) * 2 > recorded_since:
            return PeriodHeadline(style, since, len(seen), recorded_since, tuple(new))
    return PeriodHeadline(None, None, 0, len(recorded), tuple(new))
