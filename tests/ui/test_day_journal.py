"""The daily journal driven as a parent would: keyboard, mouse, shortcuts, then the SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit

from journal_app.domain.enums import Milestone, MovementStyle
from tests.helpers.constants import LEO, MAYA, TODAY
from tests.helpers.journals import rows
from tests.helpers.qt import answer_next_message_box, ctrl, type_text


def test_first_run_asks_for_the_child_and_starts_the_journal(make_window, qtbot) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.welcome_page
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Noor")
    form.birth_edit.setDate(QDate(2026, 2, 10))
    # On the box itself: a wide check box takes clicks only on its box and its text.
    qtbot.mouseClick(
        form.early_check, Qt.MouseButton.LeftButton, pos=QPoint(8, form.early_check.height() // 2)
    )
    assert form.weeks_spin.isVisible()
    form.weeks_spin.setValue(33)
    qtbot.mouseClick(window.welcome_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.journal_page
    assert rows(window, "SELECT name, birth_date, due_date FROM child") == [
        ("Noor", "2026-02-10", "2026-03-31")
    ]
    assert window.form.day == TODAY
    assert "corrected" in window.form.age_label.text()


def test_first_run_refuses_a_birth_date_in_the_future(make_window, qtbot) -> None:
    window = make_window()
    qtbot.keyClicks(window.welcome_form.name_edit, "Noor")
    window.welcome_form.birth_edit.setDate(QDate(2026, 12, 1))
    qtbot.mouseClick(window.welcome_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.welcome_page
    assert "cannot be in the future" in window.welcome_form.errors.text()
    assert window.welcome_form.errors.isVisible()
    assert rows(window, "SELECT count(*) FROM child") == [(0,)]


def test_a_due_date_more_than_20_weeks_away_is_refused(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Noor")
    form.birth_edit.setDate(QDate(2026, 2, 10))
    form.early_check.setChecked(True)
    form.early_how.setCurrentIndex(1)
    form.due_edit.setDate(QDate(2026, 8, 1))
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    assert "more than 20 weeks" in form.errors.text()
    assert rows(window, "SELECT count(*) FROM child") == [(0,)]


def test_the_day_view_opens_on_today_with_the_age(window) -> None:
    assert window.form.day == TODAY
    assert "Monday 23 November 2026" in window.form.title.text()
    assert window.form.age_label.text() == "Maya: 8 months 22 days"
    assert window.calendar.selectedDate() == QDate(2026, 11, 23)


def test_recording_a_whole_day_with_the_keyboard(window, qtbot) -> None:
    form = window.form
    back = form.movement_rows[MovementStyle.BACKWARD]
    # Tab from the first movement checkbox, as a parent would.
    first = form.movement_rows[MovementStyle.ROLLING].seen
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # each movement row is one Tab stop
    assert QApplication.focusWidget() is back.seen
    qtbot.keyClicks(back.seen, "4")  # a digit on the row starts its count of times
    assert QApplication.focusWidget() is back.episodes
    assert back.seen.isChecked()  # typing a count ticks the style
    fwd = form.movement_rows[MovementStyle.FORWARD]
    qtbot.keyClick(fwd.seen, Qt.Key.Key_Space)
    qtbot.keyClicks(form.tummy_field, "25")
    form.floor_combo.setFocus()
    qtbot.keyClicks(form.floor_combo, "Smooth")
    item = next(
        form.milestone_list.item(i)
        for i in range(form.milestone_list.count())
        if form.milestone_list.item(i).data(Qt.ItemDataRole.UserRole)
        == Milestone.FIRST_BACKWARD_CRAWL.value
    )
    form.milestone_list.setCurrentItem(item)
    qtbot.keyClick(form.milestone_list, Qt.Key.Key_Space)
    qtbot.mouseClick(form.add_sign_button, Qt.MouseButton.LeftButton)
    sign_row = form.sign_rows[0]
    sign_row.sign.setCurrentIndex(sign_row.sign.findText("Uses one side more than the other"))
    sign_row.side.setCurrentIndex(sign_row.side.findText("Left side used less"))
    qtbot.keyClicks(sign_row.note, "pushes with the left arm only")
    type_text(qtbot, form.notes_edit, 'Slid back under the "big" sofa 🛋️ <b>again</b>')
    qtbot.keyClicks(form.questions_edit, "Is it normal she only goes backwards?")
    assert window.isWindowModified()
    ctrl(qtbot, form.questions_edit, Qt.Key.Key_S)
    assert not window.isWindowModified()

    assert rows(
        window, "SELECT day, tummy_minutes, floor_surface, notes, questions FROM journal_day"
    ) == [
        (
            "2026-11-23",
            25,
            "smooth_floor",
            'Slid back under the "big" sofa 🛋️ <b>again</b>',
            "Is it normal she only goes backwards?",
        )
    ]
    assert sorted(rows(window, "SELECT style, episodes, minutes FROM movement_observation")) == [
        ("backward_crawl", 4, None),
        ("forward_crawl", None, None),
    ]
    assert rows(window, "SELECT kind, achieved_on FROM milestone") == [
        ("first_backward_crawl", "2026-11-23")
    ]
    assert rows(window, "SELECT sign, side, note FROM warning_sign") == [
        ("favours_one_side", "left", "pushes with the left arm only")
    ]
    # Leaving and coming back shows exactly what was typed.
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.form.day == TODAY - timedelta(days=1)
    ctrl(qtbot, window, Qt.Key.Key_T)
    assert window.form.day == TODAY
    assert form.notes_edit.toPlainText() == 'Slid back under the "big" sofa 🛋️ <b>again</b>'
    assert form.movement_rows[MovementStyle.BACKWARD].episodes.text() == "4"
    assert window.recent_model.rowCount() == 1
    assert "back x4" in window.recent_model.index(0, 1).data()


def test_a_recorded_milestone_shows_its_date_on_other_days(window, qtbot) -> None:
    form = window.form
    form.milestone_list.item(0).setCheckState(Qt.CheckState.Checked)  # rolls tummy to back
    window.save()
    window.step_day(-1)
    item = form.milestone_list.item(0)
    assert "recorded 23 Nov 2026" in item.text()
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_bad_numbers_get_a_clear_message_and_nothing_is_saved(window, qtbot) -> None:
    form = window.form
    qtbot.keyClicks(form.tummy_field, "2000")
    qtbot.keyClicks(form.movement_rows[MovementStyle.BELLY].episodes, "lots")
    qtbot.keyClicks(form.movement_rows[MovementStyle.BACKWARD].episodes, "-3")
    ctrl(qtbot, form.tummy_field, Qt.Key.Key_S)
    text = form.errors.text()
    assert form.errors.isVisible()
    assert "please enter a whole number (you typed 'lots')" in text
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]
    form.movement_rows[MovementStyle.BELLY].episodes.clear()
    ctrl(qtbot, form.tummy_field, Qt.Key.Key_S)
    text = form.errors.text()
    assert "more than 24 hours" in text and "cannot be negative" in text
    assert form.tummy_field.property("invalid") is True
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]
    form.tummy_field.clear()
    qtbot.keyClicks(form.tummy_field, "30")
    form.movement_rows[MovementStyle.BACKWARD].episodes.clear()
    ctrl(qtbot, form.tummy_field, Qt.Key.Key_S)
    assert not form.errors.isVisible()
    assert form.tummy_field.property("invalid") is False
    assert rows(window, "SELECT tummy_minutes FROM journal_day") == [(30,)]


def test_days_in_the_future_or_before_birth_cannot_be_opened(window, qtbot) -> None:
    assert not window.go_to_day(TODAY + timedelta(days=1))
    assert not window.go_to_day(MAYA.birth_date - timedelta(days=1))
    assert window.form.day == TODAY
    assert not window.next_day_action.isEnabled()
    assert "birth date up to today" in window.statusBar().currentMessage()


def test_edits_are_saved_when_moving_to_another_day(window, qtbot) -> None:
    qtbot.keyClicks(window.form.notes_edit, "moved on")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.form.day == TODAY - timedelta(days=1)
    assert rows(window, "SELECT day, notes FROM journal_day") == [("2026-11-23", "moved on")]


def test_invalid_edits_when_moving_ask_and_can_be_fixed(window, qtbot) -> None:
    qtbot.keyClicks(window.form.tummy_field, "9999")
    seen: list[str] = []
    answer_next_message_box(qtbot, "Go back and fix", seen)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.form.day == TODAY  # stayed to fix it
    assert "more than 24 hours" in seen[0]
    assert window.form.tummy_field.text() == "9999"
    answer_next_message_box(qtbot, "Discard changes")
    assert window.step_day(-1)
    assert window.form.day == TODAY - timedelta(days=1)
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]


def test_edits_are_saved_when_switching_child(make_window, qtbot) -> None:
    window = make_window(children=(MAYA, LEO))
    maya_id = window.child_combo.itemData(window.child_combo.findText("Maya"))
    leo_id = window.child_combo.itemData(window.child_combo.findText("Leo"))
    window.select_child(maya_id)
    qtbot.keyClicks(window.form.notes_edit, "Maya's note")
    assert window.select_child(leo_id)
    assert window.current_child.name == "Leo"
    assert window.form.notes_edit.toPlainText() == ""
    assert rows(
        window, "SELECT c.name, d.notes FROM journal_day d JOIN child c ON c.id = d.child_id"
    ) == [("Maya", "Maya's note")]
    assert "corrected" in window.form.age_label.text()  # Leo was born at 32 weeks


def test_edits_are_saved_on_close(window, qtbot) -> None:
    qtbot.keyClicks(window.form.questions_edit, "Ask about bear crawling")
    path = window.context.paths.journal
    assert window.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT questions FROM journal_day").fetchall() == [
            ("Ask about bear crawling",)
        ]


def test_closing_with_invalid_edits_asks_first(window, qtbot) -> None:
    qtbot.keyClicks(window.form.tummy_field, "-5")
    answer_next_message_box(qtbot, "Go back and fix")
    assert not window.close()
    assert window.isVisible()
    answer_next_message_box(qtbot, "Discard changes")
    assert window.close()


def test_tummy_timer_adds_its_minutes_even_while_hidden(window, qtbot, clock) -> None:
    form = window.form
    qtbot.keyClicks(form.tummy_field, "10")
    qtbot.mouseClick(form.timer_button, Qt.MouseButton.LeftButton)
    assert form.timer_button.text() == "Stop timer"
    window.hide()
    clock.advance(7 * 60 + 31)  # 7.5 minutes rounds to 8
    window.show()
    qtbot.waitUntil(lambda: form.timer_label.text() == "7:31")
    qtbot.mouseClick(form.timer_button, Qt.MouseButton.LeftButton)
    assert form.tummy_field.text() == "18"
    assert form.timer_button.text() == "Start timer"
    assert window.isWindowModified()


def test_timer_started_on_another_day_adds_to_that_day(window, qtbot, clock) -> None:
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    window.step_day(-1)
    clock.advance(12 * 60)
    assert window.stop_timer() == 12
    assert rows(window, "SELECT day, tummy_minutes FROM journal_day") == [("2026-11-23", 12)]
    assert window.form.tummy_field.text() == ""


def test_deleting_a_day_can_be_undone(window, qtbot) -> None:
    qtbot.keyClicks(window.form.notes_edit, "keep me")
    window.save()
    window.delete_day_action.trigger()
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]
    assert window.form.notes_edit.toPlainText() == ""
    ctrl(qtbot, window.recent_view, Qt.Key.Key_Z)
    assert rows(window, "SELECT notes FROM journal_day") == [("keep me",)]
    assert window.form.notes_edit.toPlainText() == "keep me"
    assert window.recent_model.rowCount() == 1


def test_recent_days_filter_and_open_on_double_click(window, qtbot) -> None:
    for offset, note in (
        (1, "first time on the rug"),
        (2, "tummy time on the mat"),
        (3, "Rug again"),
    ):
        window.go_to_day(TODAY - timedelta(days=offset))
        qtbot.keyClicks(window.form.notes_edit, note)
        window.save()
    window.go_to_today()
    assert window.recent_proxy.rowCount() == 3
    ctrl(qtbot, window, Qt.Key.Key_F)
    assert QApplication.focusWidget() is window.search_edit
    qtbot.keyClicks(window.search_edit, "rug")
    assert window.recent_proxy.rowCount() == 2
    index = window.recent_proxy.index(1, 0)
    rect = window.recent_view.visualRect(index)
    qtbot.mouseClick(window.recent_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.recent_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.form.day == TODAY - timedelta(days=3)
    assert window.form.notes_edit.toPlainText() == "Rug again"


def test_recent_days_model_passes_the_model_tester(window, qtmodeltester) -> None:
    window.form.notes_edit.setPlainText("a note")
    window.save()
    qtmodeltester.check(window.recent_model)
    qtmodeltester.check(window.recent_proxy)


def test_inputs_have_accessible_names_matching_their_labels(window) -> None:
    for button in window.form.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            assert button.accessibleName() == button.text().replace("&", ""), button.text()
    for edit in window.form.findChildren(QLineEdit) + window.form.findChildren(QPlainTextEdit):
        if edit.isVisibleTo(window):
            assert edit.accessibleName(), edit
    assert window.form.tummy_field.accessibleName() == "Tummy time (minutes)"
    assert window.recent_view.accessibleName() == "Recent days"


def test_window_size_is_remembered(make_window, qtbot) -> None:
    window = make_window(children=(MAYA,))
    window.resize(760, 540)  # within the offscreen test screen (800x600), so nothing clamps it
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (760, 540)


def test_deleting_a_child_names_the_days_and_asks(window, qtbot) -> None:
    window.form.notes_edit.setPlainText("x")
    window.save()
    seen: list[str] = []
    answer_next_message_box(qtbot, "Cancel", seen)
    window.delete_child()
    assert "and 1 day of journal?" in seen[0]
    assert rows(window, "SELECT count(*) FROM child") == [(1,)]
    answer_next_message_box(qtbot, "Yes")
    window.delete_child()
    assert rows(window, "SELECT count(*) FROM child") == [(0,)]
    assert window.pages.currentWidget() is window.welcome_page


def test_return_in_the_birth_date_starts_the_journal(make_window, qtbot) -> None:
    window = make_window()
    qtbot.keyClicks(window.welcome_form.name_edit, "Noor")
    qtbot.keyClick(window.welcome_form.name_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.welcome_form.birth_edit
    qtbot.keyClick(window.welcome_form.birth_edit, Qt.Key.Key_Return)
    assert rows(window, "SELECT name FROM child") == [("Noor",)]


def test_quit_works_on_the_welcome_screen_even_after_an_error(make_window, qtbot) -> None:
    window = make_window()
    qtbot.keyClick(window.welcome_form.name_edit, Qt.Key.Key_Return)
    assert window.welcome_form.errors.isVisible()
    ctrl(qtbot, window.welcome_form.name_edit, Qt.Key.Key_Q)
    assert not window.isVisible()


def test_a_sign_row_added_by_mistake_saves_nothing(window, qtbot) -> None:
    qtbot.mouseClick(window.form.add_sign_button, Qt.MouseButton.LeftButton)
    assert window.form.sign_rows[0].sign.currentText() == "Choose a sign…"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert rows(window, "SELECT count(*) FROM warning_sign") == [(0,)]


def test_a_note_without_a_chosen_sign_is_questioned(window, qtbot) -> None:
    qtbot.mouseClick(window.form.add_sign_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.form.sign_rows[0].note, "left leg")
    assert not window.save()
    assert "choose which warning sign" in window.form.errors.text()
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]


def test_a_bad_value_says_why_in_the_status_bar_and_on_the_field(window, qtbot) -> None:
    qtbot.keyClicks(window.form.tummy_field, "2000")
    ctrl(qtbot, window.form.tummy_field, Qt.Key.Key_S)
    assert "more than 24 hours" in window.statusBar().currentMessage()
    assert "more than 24 hours" in window.form.tummy_field.toolTip()
    qtbot.keyClick(window.form.tummy_field, Qt.Key.Key_Backspace)
    assert window.form.tummy_field.property("invalid") is False  # the mark goes once it is edited


def test_the_mouse_wheel_does_not_change_an_unfocused_floor_choice(window, qtbot) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    combo = window.form.floor_combo
    window.form.notes_edit.setFocus()
    before = combo.currentIndex()
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(combo.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    assert combo.currentIndex() == before
    assert not window.isWindowModified()


def test_tab_leaves_the_recent_days_table(window, qtbot) -> None:
    window.recent_view.setFocus()
    qtbot.keyClick(window.recent_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.recent_view


def test_an_existing_journal_opens_ready_to_type_in_the_day_form(window) -> None:
    first = window.form.movement_rows[MovementStyle.ROLLING].seen
    assert window.focusWidget() is first


def test_switching_child_keeps_the_day(make_window, qtbot) -> None:
    window = make_window(children=(MAYA, LEO))
    window.select_child(window.child_combo.itemData(window.child_combo.findText("Maya")))
    window.step_day(-2)
    window.select_child(window.child_combo.itemData(window.child_combo.findText("Leo")))
    assert window.form.day == TODAY - timedelta(days=2)
