"""The window after the journal is reloaded: an import or restore into an empty journal (a new
computer), a search that is on when the recent days are read again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from journal_app.domain.entries import DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.ui.dialogs import restore_backup
from journal_app.ui.dialogs.restore_backup import RestoreBackupDialog
from tests.helpers.constants import MAYA, TODAY
from tests.helpers.qt import answer_boxes, choose


def _old_computer(folder: Path) -> Path:
    """A journal with Maya and a day, exported to JSON; returns the folder."""
    context = open_context(JournalPaths(folder), lambda: TODAY)
    maya = context.journal.save_child(MAYA)
    assert maya.id is not None
    context.journal.save_day(DayEntry(maya.id, TODAY, notes="on the rug"))
    context.portability.export_json(folder / "maya.json")
    context.close()
    return folder


def _restore_with(qtbot, window, button: str, seen: list[str]) -> None:
    """File > Restore from Backup, pressing the dialog's ``button``, then Yes and OK."""

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreBackupDialog) or not dialog.isVisible():
            QTimer.singleShot(5, in_dialog)
            return
        answer_boxes(["Yes", "OK"], seen)
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, in_dialog)
    window.restore_action.trigger()


def test_importing_into_a_new_journal_shows_the_tips(
    make_window, qtbot, tmp_path, monkeypatch
) -> None:
    old = _old_computer(tmp_path / "old")
    window = make_window()  # the new computer: the welcome page, no tips
    assert window.pages.currentWidget() is window.welcome_page
    assert not tips_shown(window)
    choose(monkeypatch, "choose_open_path", old / "maya.json")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.import_action.trigger()

    assert "added" in seen[0]
    assert window.pages.currentWidget() is window.journal_page
    assert tips_shown(window)
    qtbot.waitUntil(lambda: window._tips_panel is not None, timeout=10_000)


def test_restoring_a_backup_file_into_a_new_journal_shows_the_tips(
    make_window, qtbot, tmp_path, monkeypatch
) -> None:
    old = open_context(JournalPaths(tmp_path / "old"), lambda: TODAY)
    old.journal.save_child(MAYA)
    backup = old.backups.back_up_now()
    old.close()
    window = make_window()
    assert not tips_shown(window)
    monkeypatch.setattr(restore_backup, "choose_open_path", lambda *_args: backup)
    seen: list[str] = []

    _restore_with(qtbot, window, "file_button", seen)

    assert "The journal was restored" in seen[1]
    assert window.current_child is not None and window.current_child.name == "Maya"
    assert tips_shown(window)


def test_a_tips_panel_the_parent_closed_stays_closed_next_time(make_window, qtbot) -> None:
    window = make_window(children=(MAYA,))
    window.tips_dock.show()  # whatever an earlier test left in the settings
    window.tips_dock.toggleViewAction().trigger()
    assert not tips_shown(window)
    window.close()
    again = make_window()
    assert not tips_shown(again)


def _search_rug(make_window, data_dir, qtbot):
    from journal_app.ui.models.recent_days import RecentDaysModel
    from tests.helpers.journals import journal_with_history as _journal_with_history
    from tests.helpers.qt import choose_child as _choose

    _journal_with_history(data_dir, 2 * RecentDaysModel.PAGE + 40)  # "old rug" in an old day
    window = make_window()
    _choose(window, "Maya")
    window.focus_search()
    qtbot.keyClicks(window.search_edit, "old rug")
    assert window.recent_proxy.rowCount() == 1
    return window


def test_a_search_still_finds_old_days_after_a_save(make_window, data_dir, qtbot) -> None:
    window = _search_rug(make_window, data_dir, qtbot)
    qtbot.keyClicks(window.form.questions_edit, "Ask about the rug")
    qtbot.keyClick(window.form.questions_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()  # saved: the recent days were read again
    assert window.recent_proxy.rowCount() == 1
    index = window.recent_proxy.index(0, 2)
    assert window.recent_proxy.data(index) == "on the old rug"


def test_a_search_still_finds_old_days_after_a_restore(
    make_window, data_dir, qtbot, monkeypatch
) -> None:
    window = _search_rug(make_window, data_dir, qtbot)
    window.context.backups.back_up_now()
    seen: list[str] = []

    _restore_with(qtbot, window, "restore_button", seen)
    assert "The journal was restored" in seen[1]
    assert window.search_edit.text() == "old rug"
    assert window.recent_proxy.rowCount() == 1


def tips_shown(window) -> bool:
    """The tips are on screen: the dock, or in a narrow window its strip."""
    return window.tips_dock.isVisible() or window.tips_dock.strip.isVisible()
