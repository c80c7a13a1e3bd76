"""Issue 15, a screen reader: every control has a name, every combo box a label, and a value set
through the accessibility interface (not by keystrokes) is saved like a typed one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from journal_app.domain.enums import MovementStyle, WarningSign
from tests.helpers.ui import rows

CONTROLS = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QAbstractItemView,
)


def _labelled(widget: QWidget) -> bool:
    window = widget.window()
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def _unnamed(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QAbstractSpinBox):
            continue  # a spin box's own text part: the reader names the spin box
        if isinstance(widget, QComboBox):
            if not _labelled(widget):
                problems.append(f"combo box without a label: {widget.currentText()!r}")
            continue
        if (
            isinstance(widget, QAbstractItemView)
            and widget.parent() is not None
            and isinstance(widget.parent().parent(), QComboBox)
        ):
            continue  # a combo box's popup list
        name = widget.accessibleName() or (
            widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""
        )
        if not name.strip() and not _labelled(widget):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} has no name")
    return problems


def test_every_control_of_the_journal_page_has_a_name(window, qtbot) -> None:
    qtbot.mouseClick(window.form.add_sign_button, Qt.MouseButton.LeftButton)
    assert window.form.sign_rows
    assert _unnamed(window) == []


def test_the_calendar_parts_have_names(window) -> None:
    names = {
        part.objectName(): part.accessibleName()
        for part in window.calendar.findChildren(QWidget)
        if part.objectName() in ("qt_calendar_yearedit", "qt_calendar_calendarview")
    }
    assert names == {
        "qt_calendar_yearedit": "Year",
        "qt_calendar_calendarview": "Days of the month",
    }


def test_sign_and_side_have_labels_and_remove_says_which_sign(window, qtbot) -> None:
    qtbot.mouseClick(window.form.add_sign_button, Qt.MouseButton.LeftButton)
    row = window.form.sign_rows[0]
    assert _labelled(row.sign) and _labelled(row.side) and _labelled(row.note)
    sign = list(WarningSign)[1]
    row.sign.setCurrentIndex(row.sign.findData(sign.value))
    assert sign.label in row.remove_button.accessibleName()


def test_values_set_through_the_accessibility_interface_are_saved(window, qtbot) -> None:
    form = window.form
    assert not form.is_dirty  # a freshly loaded day is not unsaved
    belly = form.movement_rows[MovementStyle.BELLY]
    for widget, text in ((form.tummy_field, "35"), (belly.episodes, "6")):
        QAccessible.queryAccessibleInterface(widget).setText(QAccessible.Text.Value, text)
    assert widget.text() == "6"
    assert form.is_dirty and window.isWindowModified()
    assert belly.seen.isChecked()  # a count means it was seen, however it got there
    qtbot.mouseClick(form.add_sign_button, Qt.MouseButton.LeftButton)
    row = form.sign_rows[0]
    row.sign.setCurrentIndex(1)
    QAccessible.queryAccessibleInterface(row.note).setText(QAccessible.Text.Value, "after nap")
    assert window.settle_unsaved()  # as leaving the day or closing does
    assert rows(window, "SELECT tummy_minutes FROM journal_day") == [(35,)]
    assert rows(window, "SELECT style, episodes FROM movement_observation") == [("belly_crawl", 6)]
    assert rows(window, "SELECT note FROM warning_sign") == [("after nap",)]


def test_loading_a_day_does_not_mark_it_unsaved(window, qtbot) -> None:
    form = window.form
    form.tummy_field.setText("12")
    assert window.save()
    window.step_day(-1)
    window.step_day(1)
    assert form.tummy_field.text() == "12"
    assert not form.is_dirty and not window.isWindowModified()
    assert QApplication.focusWidget() is not None


def test_every_control_of_the_child_dialog_and_the_welcome_page_has_a_name(make_window) -> None:
    from journal_app.ui.dialogs.child_dialog import ChildDialog

    window = make_window()  # no child: the welcome page
    assert _unnamed(window) == []
    dialog = ChildDialog(window.context.today(), window.context.journal.save_child, None, window)
    dialog.form.early_check.setChecked(True)  # the born-early fields too
    dialog.show()
    assert _unnamed(dialog) == []
    dialog.reject()
