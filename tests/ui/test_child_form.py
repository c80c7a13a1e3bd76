"""The child's profile form typed as a parent would: the birth date from the keyboard, then the
SQLite file, so a date is saved as typed and what it means is shown before it is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QLabel

from journal_app.services.context import JournalContext
from journal_app.ui.dialogs.child_dialog import ChildDialog
from journal_app.ui.widgets.child_form import ChildProfileForm
from tests.helpers.constants import TODAY
from tests.helpers.journals import rows


def type_birth_date(qtbot, form: ChildProfileForm, text: str) -> None:
    """Tab from the name into the birth date and type over what is there."""
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.birth_edit
    qtbot.keyClicks(form.birth_edit, text)


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("01 Mar 2026", "2026-03-01"),
        ("15 Mar 2026", "2026-03-15"),
        ("15/03/2026", "2026-03-15"),
        ("15.3.2026", "2026-03-15"),
        ("3 february 2026", "2026-02-03"),
    ],
)
def test_a_typed_birth_date_is_saved_as_typed(make_window, qtbot, typed: str, saved: str) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Mia")
    type_birth_date(qtbot, form, typed)
    qtbot.mouseClick(window.welcome_button, Qt.MouseButton.LeftButton)
    assert rows(window, "SELECT name, birth_date FROM child") == [("Mia", saved)]


def test_the_age_the_date_means_shows_while_typing(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Mia")
    assert form.birth_age.text() == "23 November 2026: Mia was born today."  # the date it starts on
    type_birth_date(qtbot, form, "15.3")
    assert form.birth_age.text().startswith("Not a date yet")
    qtbot.keyClicks(form.birth_edit, ".2026")
    assert form.birth_age.isVisible()
    assert form.birth_age.text() == "15 March 2026: Mia is 8 months 8 days old."
    assert form.birth_edit.accessibleDescription() == form.birth_age.text()
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, "15 Dec 2026")
    assert form.birth_age.text() == "15 December 2026: that date is in the future."
    # Leaving the field writes the date out, so what will be saved is plain to see.
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, "1/3/26")
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_Tab)
    assert form.birth_edit.text() == "1 Mar 2026"


def test_a_date_that_cannot_be_read_is_questioned_not_guessed(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Mia")
    type_birth_date(qtbot, form, "31/02/2026")
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_Return)
    assert "Please type the birth date as day, month and year" in form.errors.text()
    assert form.birth_edit.property("invalid") is True
    assert QApplication.focusWidget() is form.birth_edit
    assert rows(window, "SELECT count(*) FROM child") == [(0,)]
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, "28/02/2026")
    assert form.birth_edit.property("invalid") is False  # the mark goes once it is edited
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_Return)
    assert rows(window, "SELECT name, birth_date FROM child") == [("Mia", "2026-02-28")]


def test_a_typed_due_date_is_saved(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Noor")
    type_birth_date(qtbot, form, "10/02/2026")
    # On the box itself: a wide check box takes clicks only on its box and its text.
    box = QPoint(8, form.early_check.height() // 2)
    qtbot.mouseClick(form.early_check, Qt.MouseButton.LeftButton, pos=box)
    form.early_how.setCurrentIndex(1)
    assert form.early_value_label.text() == "Due date"
    form.due_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.due_edit, "31.3.2026")
    qtbot.keyClick(form.due_edit, Qt.Key.Key_Return)
    assert rows(window, "SELECT birth_date, due_date FROM child") == [("2026-02-10", "2026-03-31")]


def test_the_birth_date_can_be_picked_from_a_calendar_with_the_keyboard(make_window, qtbot) -> None:
    window = make_window()
    form = window.welcome_form
    qtbot.keyClicks(form.name_edit, "Mia")
    type_birth_date(qtbot, form, "15 Mar 2026")
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    menu = form.birth_edit.calendar_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    calendar = form.birth_edit.calendar
    assert isinstance(calendar, QCalendarWidget) and menu.isAncestorOf(calendar)
    assert calendar.selectedDate().toPython() == date(2026, 3, 15)
    qtbot.waitUntil(lambda: calendar.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)  # the day before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert QApplication.focusWidget() is form.birth_edit
    assert form.birth_edit.text() == "14 Mar 2026"
    assert form.birth_age.text() == "14 March 2026: Mia is 8 months 9 days old."


def test_editing_a_child_in_the_dialog_saves_the_typed_date(
    qtbot, context: JournalContext, child
) -> None:
    dialog = ChildDialog(TODAY, context.journal.save_child, child)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.form.birth_edit.text() == "1 Mar 2026"
    assert dialog.form.birth_age.text() == "1 March 2026: Maya is 8 months 22 days old."
    dialog.form.name_edit.setFocus()
    type_birth_date(qtbot, dialog.form, "02/03/2026")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.form.birth_edit, Qt.Key.Key_Return)
    assert context.reads.list_children()[0].birth_date == date(2026, 3, 2)


def test_every_label_is_the_accessible_name_of_its_field(qtbot) -> None:
    form = ChildProfileForm(TODAY)
    qtbot.addWidget(form)
    form.show()
    qtbot.mouseClick(form.early_check, Qt.MouseButton.LeftButton)
    for how in (0, 1):
        form.early_how.setCurrentIndex(how)
        labelled = [
            label
            for label in form.findChildren(QLabel)
            if label.buddy() is not None and label.isVisible()
        ]
        assert {label.buddy() for label in labelled} >= (
            {form.name_edit, form.birth_edit, form.early_how}
            | ({form.weeks_spin, form.days_spin} if how == 0 else {form.due_edit})
        )
        for label in labelled:
            assert label.buddy().accessibleName() == label.text().replace("&", ""), label.text()
