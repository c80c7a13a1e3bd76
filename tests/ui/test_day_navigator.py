"""The day navigator: a day picked in the calendar or the recent days goes to the window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from journal_app.domain.entries import DayEntry
from journal_app.ui.widgets.common import to_qdate


def test_a_recent_day_chosen_opens_it_and_the_calendar_follows(window, qtbot) -> None:
    child = window.current_child
    day = window.current_day - timedelta(days=3)
    window.context.journal.save_day(DayEntry(child_id=child.id, day=day, notes="park"))
    window.after_journal_changed(child.id, reload_day=False)
    navigator = window.navigator
    index = navigator.recent_proxy.index(0, 0)
    with qtbot.waitSignal(navigator.day_chosen) as chosen:
        navigator.recent_view.activated.emit(index)
    assert chosen.args == [day]
    assert window.current_day == day
    assert navigator.calendar.selectedDate() == to_qdate(day)
    bold = navigator.calendar.dateTextFormat(to_qdate(day)).fontWeight()
    assert bold >= 600  # the day with an entry is marked


def test_a_calendar_click_outside_the_childs_days_is_refused(window, qtbot) -> None:
    before = window.current_day
    window.navigator.day_chosen.emit(window.current_child.birth_date - timedelta(days=1))
    assert window.current_day == before
    assert "birth date" in window.statusBar().currentMessage()
    qtbot.keyClick(window.navigator.search_edit, Qt.Key.Key_A)  # the search takes keys
    assert window.navigator.search_edit.text() == "a"
