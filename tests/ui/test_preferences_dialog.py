"""Issue 16: Preferences keeps the Language choice for the next start (Edit > Preferences…)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from journal_app import i18n_qt
from journal_app.ui.dialogs.preferences import PreferencesDialog, language_name


def _choose(dialog: PreferencesDialog, code: str) -> None:
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(code))


def test_each_language_is_named_in_itself() -> None:
    assert language_name("en") == "English"
    assert language_name("es") == "Español"


def test_ok_keeps_the_language_for_the_next_start(qtbot, isolated_settings) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == ""  # nothing saved: follow the system
    assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] == [
        "",
        "en",
        "es",
    ]
    _choose(dialog, "es")
    dialog.accept()
    QSettings().sync()
    assert i18n_qt.saved_language() == "es"  # a new read, as start-up does it

    again = PreferencesDialog()
    qtbot.addWidget(again)
    assert again.language_combo.currentData() == "es"
    _choose(again, "")
    again.accept()
    assert i18n_qt.saved_language() is None


def test_cancel_keeps_what_was_saved(qtbot, isolated_settings) -> None:
    i18n_qt.save_language("en")
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    _choose(dialog, "es")
    dialog.reject()
    assert i18n_qt.saved_language() == "en"


def test_the_dialog_is_named_and_fits_a_small_screen(qtbot, isolated_settings) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.language_combo.accessibleName() == "Language"
    assert "next time" in dialog.note.text()
    assert dialog.note.isVisible()
    size = dialog.sizeHint()
    assert size.width() <= 1024 and size.height() <= 700


def test_edit_menu_opens_preferences_and_tells_when_it_applies(
    window, qtbot, isolated_settings
) -> None:
    action: QAction = window.preferences_action
    assert action.shortcut().toString() == "Ctrl+,"
    assert action.menuRole() == QAction.MenuRole.PreferencesRole
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert action in edit_menu.actions()
    seen: list[PreferencesDialog] = []

    def choose_spanish() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PreferencesDialog):
            seen.append(dialog)
            _choose(dialog, "es")
            dialog.accept()
        else:
            QTimer.singleShot(10, choose_spanish)

    QTimer.singleShot(0, choose_spanish)
    action.trigger()
    assert seen
    assert i18n_qt.saved_language() == "es"
    assert "next start" in window.statusBar().currentMessage()
