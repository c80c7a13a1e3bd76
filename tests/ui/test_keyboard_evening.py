"""Issue 15, the keyboard: the reference evening key by key, in at most 25 navigation keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal_app.domain.enums import MovementStyle
from tests.helpers.ui import Keyboard, rows

TAB = Qt.Key.Key_Tab


def _check_saved(window) -> None:
    assert sorted(rows(window, "SELECT style, episodes, minutes FROM movement_observation")) == [
        ("belly_crawl", 5, 4),
        ("rolling", 3, None),
    ]
    assert rows(
        window, "SELECT tummy_minutes, floor_surface, notes, questions FROM journal_day"
    ) == [(20, "play_mat", "Tired but happy", "Is one side normal?")]
    assert rows(window, "SELECT sign, side, note FROM warning_sign") == [
        ("favours_one_side", "left", "left arm less")
    ]


def test_the_reference_evening_by_tab_alone(window, qtbot) -> None:
    """The slowest way: only Tab to move (no access keys). Two styles with counts, tummy time,
    the floor, one warning sign with its side and a note, a note, a question, save."""
    keys = Keyboard(qtbot)
    form = window.form
    assert QApplication.focusWidget() is form.movement_rows[MovementStyle.ROLLING].seen
    keys.type("3")  # rolling, 3 times: the digit ticks the row and starts its count
    keys.key(TAB)  # backward crawling: one stop for its whole row
    keys.key(TAB)  # belly crawling
    keys.type("5")
    keys.key(Qt.Key.Key_Right)  # to its minutes
    keys.type("4")
    while QApplication.focusWidget() is not form.tummy_field:  # the empty rows: one Tab each
        keys.key(TAB)
        assert keys.navigation < 25
    keys.type("20")
    keys.key(TAB)  # the timer button
    keys.key(TAB)  # the floor
    keys.type("p")  # typed first letter: Play mat
    keys.key(TAB)  # the milestones
    keys.key(TAB)  # Add warning sign
    keys.key(Qt.Key.Key_Space)
    assert QApplication.focusWidget() is form.sign_rows[0].sign
    keys.type("Uses")  # first letters choose the sign
    keys.key(TAB)
    keys.type("l")  # Left side used less
    keys.key(TAB)
    keys.type("left arm less")
    while QApplication.focusWidget() is not form.notes_edit:  # Remove, Add warning sign, Notes
        keys.key(TAB)
    keys.type("Tired but happy")
    keys.key(TAB)  # include in the summary
    keys.key(TAB)  # questions
    keys.type("Is one side normal?")
    keys.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    _check_saved(window)
    assert keys.navigation <= 25, keys.navigation


def test_the_reference_evening_with_access_keys(window, qtbot) -> None:
    keys = Keyboard(qtbot)
    keys.type("3")
    keys.key(Qt.Key.Key_Down)  # the times of the row below
    keys.key(Qt.Key.Key_Down)
    keys.type("5")
    keys.key(Qt.Key.Key_Right)
    keys.type("4")
    keys.alt("u")  # T&ummy time
    keys.type("20")
    keys.alt("l")  # F&loor surface
    keys.type("p")
    keys.alt("w")  # Add &warning sign (a button's access key clicks it a moment later)
    signs = window.form.sign_rows
    qtbot.waitUntil(lambda: bool(signs) and QApplication.focusWidget() is signs[0].sign)
    keys.type("Uses")
    keys.key(TAB)
    keys.type("l")
    keys.key(TAB)
    keys.type("left arm less")
    keys.alt("n")  # &Notes
    keys.type("Tired but happy")
    keys.alt("q")  # &Questions for the doctor
    keys.type("Is one side normal?")
    keys.alt("s")  # &Save
    qtbot.waitUntil(lambda: not window.isWindowModified())
    _check_saved(window)
    assert keys.navigation <= 12, keys.navigation


@pytest.mark.parametrize("direction", ["left", "right"])
def test_arrows_move_within_a_row_and_shift_tab_comes_back(window, qtbot, direction) -> None:
    keys = Keyboard(qtbot)
    row = window.form.movement_rows[MovementStyle.BELLY]
    row.seen.setFocus(Qt.FocusReason.TabFocusReason)
    keys.key(Qt.Key.Key_Right)
    assert QApplication.focusWidget() is row.episodes
    keys.key(Qt.Key.Key_Right)
    assert QApplication.focusWidget() is row.minutes
    if direction == "left":
        keys.key(Qt.Key.Key_Left)
        keys.key(Qt.Key.Key_Left)
        assert QApplication.focusWidget() is row.seen
    else:
        keys.key(Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is row.seen  # the counts are no Tab stops
    assert not row.seen.isChecked()  # moving about ticks nothing


def test_drop_downs_open_on_alt_down_and_choose_by_first_letters(window, qtbot) -> None:
    combo = window.form.floor_combo
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(combo, "Smo")
    assert combo.currentText().startswith("Smooth floor")
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.hidePopup()


def test_save_stays_in_view_however_the_form_is_scrolled(window, qtbot) -> None:
    window.resize(1024, 700)
    form = window.form
    assert not form.isAncestorOf(form.save_button)  # the bar is outside the scrolling page
    bar = window.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 or window.form_scroll.height() > form.height())
    for value in (bar.minimum(), bar.maximum()):
        bar.setValue(value)
        top_left = form.save_button.mapTo(window, form.save_button.rect().topLeft())
        assert window.rect().contains(top_left)
        assert form.save_button.isVisible()


@pytest.mark.parametrize(
    ("letter", "target"),
    [
        ("o", lambda w: w.form.movement_rows[MovementStyle.ROLLING].seen),
        ("u", lambda w: w.form.tummy_field),
        ("l", lambda w: w.form.floor_combo),
        ("m", lambda w: w.form.milestone_list),
        ("n", lambda w: w.form.notes_edit),
        ("q", lambda w: w.form.questions_edit),
        ("r", lambda w: w.recent_view),
        ("c", lambda w: w.child_combo),
    ],
)
def test_access_keys_reach_their_fields(window, qtbot, letter, target) -> None:
    window.form.notes_edit.setFocus()
    if letter == "n":
        window.form.questions_edit.setFocus()
    Keyboard(qtbot).alt(letter)
    assert QApplication.focusWidget() is target(window)


def test_a_date_field_entered_by_keyboard_is_replaced_by_what_is_typed(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    form.birth_edit.setText("2 Dec 2026")
    form.name_edit.setFocus()
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.birth_edit
    qtbot.keyClicks(form.birth_edit, "2 Mar 2026")
    assert form.birth_edit.text() == "2 Mar 2026"  # not "2 Dec 20262 Mar 2026"
    form.name_edit.setFocus()
    form.birth_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # a dialog opening on it
    assert form.birth_edit.selectedText() == form.birth_edit.text()
