"""The main window as a whole: opens on a temporary journal, menus, About box, daily backup."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from journal_app import __version__
from journal_app.ui.dialogs.about import about_text


def test_main_window_opens_on_a_temporary_journal(window, data_dir) -> None:
    assert window.isVisible()
    assert window.context.paths.journal == data_dir / "journal.sqlite3"
    assert window.context.paths.journal.exists()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    assert str(data_dir) in window.place_status.text()
    assert window.windowTitle() == "Maya, 23 Nov 2026[*] — Crawl Journal"


def test_shortcuts_are_where_a_desktop_user_expects_them(window) -> None:
    shortcuts = {
        window.save_action: "Ctrl+S",
        window.print_action: "Ctrl+P",
        window.undo_action: "Ctrl+Z",
        window.find_action: "Ctrl+F",
        window.prev_day_action: "Alt+Left",
        window.next_day_action: "Alt+Right",
        window.today_action: "Ctrl+T",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys, action.text()


def test_about_box_names_version_folder_and_no_medical_advice(window, qtbot) -> None:
    text = about_text(window.context.paths.data_dir)
    assert __version__ in text
    assert str(window.context.paths.data_dir) in text
    assert "does not give medical advice" in text
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(10, close_box)

    QTimer.singleShot(0, close_box)
    window.about_action.trigger()
    assert shown and "does not give medical advice" in shown[0]


def test_the_daily_backup_runs_off_the_gui_thread_and_once_a_day(window, qtbot) -> None:
    with qtbot.waitSignal(window.backup_finished, timeout=10_000) as first:
        window.start_automatic_backup()
    assert first.args[0].endswith(".sqlite3")
    backups = window.context.backups.list_backups()
    assert [b.kind for b in backups] == ["auto"]
    with qtbot.waitSignal(window.backup_finished, timeout=10_000) as second:
        window.start_automatic_backup()
    assert second.args == [""]  # already done today
    assert len(window.context.backups.list_backups()) == 1


def test_sample_journal_is_labelled_in_the_title(make_window, data_dir, qtbot) -> None:
    from journal_app.app import create_main_window
    from tests.conftest import TODAY

    sample = create_main_window(data_dir, today=lambda: TODAY, is_sample=True)
    qtbot.addWidget(sample)
    assert "SAMPLE JOURNAL" in sample.windowTitle()
    sample.close()
