"""Issue 15: the tips panel no longer keeps a one-day warning sign from months ago at the top."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal_app.domain.entries import ChildProfile, DayEntry, WarningSignEntry
from journal_app.domain.enums import Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.services.guidance import FADE_AFTER_DAYS
from tests.helpers.constants import TODAY
from tests.helpers.tips import make_panel, refresh

CARD = "flag:warning_sign:favours_one_side"


def test_a_sign_from_one_day_long_ago_is_gone_until_it_comes_again(
    qtbot: QtBot, context: JournalContext
) -> None:
    child = context.journal.save_child(ChildProfile("Noor", date(2026, 7, 1)))
    assert child.id is not None
    sign = WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT)
    long_ago = TODAY - timedelta(days=FADE_AFTER_DAYS + 1)
    context.journal.save_day(DayEntry(child.id, long_ago, warning_signs=[sign]))
    panel = make_panel(qtbot, context, child.id)
    assert panel.findChild(QWidget, CARD) is None

    context.journal.save_day(DayEntry(child.id, TODAY, warning_signs=[sign]))
    refresh(qtbot, panel)
    assert panel.findChild(QWidget, CARD) is not None
