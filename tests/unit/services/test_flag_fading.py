"""Issue 15: a warning sign from one day fades out of the tips panel after some weeks unless it
comes again; summaries of that period still show it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, WarningSignEntry
from journal_app.domain.enums import Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.services.guidance import (
    FADE_AFTER_DAYS,
    SEVERAL_DAYS,
    Flag,
    fades_from_panel,
    panel_flags,
)
from tests.helpers.constants import TODAY

SIGN_ID = "warning_sign:favours_one_side"


def sign_flag(*days_ago: int, strong: bool = False, flag_id: str = SIGN_ID) -> Flag:
    dates = tuple(sorted(TODAY - timedelta(days=n) for n in days_ago))
    return Flag(flag_id, "Uses one side more", "reason", dates, strong)


@pytest.mark.parametrize(
    ("days_ago", "fades"),
    [
        ((0,), False),
        ((FADE_AFTER_DAYS,), False),  # the last day it is shown
        ((FADE_AFTER_DAYS + 1,), True),
        ((120,), True),  # four months ago
        ((120, 3), False),  # it came again: shown from its last day
        ((120, FADE_AFTER_DAYS + 5), True),  # twice, both long ago
    ],
)
def test_a_sign_fades_some_weeks_after_it_was_last_seen(days_ago, fades) -> None:
    assert fades_from_panel(sign_flag(*days_ago), TODAY) is fades


def test_a_sign_seen_on_several_days_and_other_flags_do_not_fade() -> None:
    old = (200, 190, 180)[:SEVERAL_DAYS]
    assert not fades_from_panel(sign_flag(*old, strong=True), TODAY)
    assert not fades_from_panel(sign_flag(120, flag_id="who_late:crawling_hands_knees"), TODAY)
    kept = panel_flags([sign_flag(120), sign_flag(2)], TODAY)
    assert [f.dates for f in kept] == [(TODAY - timedelta(days=2),)]


def test_the_panel_drops_it_but_the_summary_of_that_period_keeps_it(
    context: JournalContext,
) -> None:
    child = context.journal.save_child(ChildProfile("Noor", date(2026, 7, 1)))
    assert child.id is not None
    seen = TODAY - timedelta(days=FADE_AFTER_DAYS + 10)
    sign = WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT)
    context.journal.save_day(DayEntry(child.id, seen, warning_signs=[sign]))
    panel_ids = [f.id for f in context.guidance.guidance_for(child.id).flags]
    assert SIGN_ID not in panel_ids
    period = [f.id for f in context.guidance.flags_for(child.id, seen - timedelta(days=7), TODAY)]
    assert SIGN_ID in period
    # It comes again: back in the panel.
    context.journal.save_day(DayEntry(child.id, TODAY, warning_signs=[sign]))
    assert SIGN_ID in [f.id for f in context.guidance.guidance_for(child.id).flags]
