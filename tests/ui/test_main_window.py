"""The main window as a whole: opens on a temporary journal, menus, About box, daily backup."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from journal_app import __version__
from journal_app.ui.dialogs.about import about_text
from tests.helpers.constants import TODAY
from tests.helpers.journals import journal_with_history as _journal_with_history
from tests.helpers.qt import choose_child as _choose


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
    from tests.helpers.constants import TODAY

    settings = QSettings()
    settings.setValue("mainWindow/geometry", QByteArray())
    settings.setValue("lastChildId", 7)
    sample = create_main_window(data_dir, today=lambda: TODAY, is_sample=True)
    qtbot.addWidget(sample)
    assert "SAMPLE JOURNAL" in sample.windowTitle()
    assert sample.findChild(QLabel, "sample-label").text().startswith("Sample journal: made-up")
    sample.close()
    # The sample leaves the parent's own window layout and last child alone.
    assert QSettings().value("mainWindow/geometry") == QByteArray()
    assert str(QSettings().value("lastChildId")) == "7"
    settings.remove("lastChildId")  # settings are shared by the tests of this run
    settings.remove("mainWindow/geometry")


def test_a_long_history_is_listed_page_by_page_and_searched_in_full(
    make_window, data_dir, qtbot
) -> None:
    from journal_app.ui.models.recent_days import RecentDaysModel

    page = RecentDaysModel.PAGE
    days = 2 * page + 40
    _journal_with_history(data_dir, days)
    window = make_window()
    _choose(window, "Maya")
    assert window.recent_model.rowCount() == page  # the newest page only
    assert window.recent_model.index(0, 0).data() == "Mon 23 Nov"

    window.recent_view.setFocus()
    # Ctrl+End: to the end of the list, where the next page is read
    qtbot.keyClick(window.recent_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recent_model.rowCount() == 2 * page)
    qtbot.keyClicks(window.search_edit, "old rug")  # the search reaches the oldest days
    assert window.recent_model.rowCount() == days
    assert window.recent_proxy.rowCount() == 1
    oldest = TODAY - timedelta(days=days - 5)
    assert window.recent_proxy.index(0, 0).data() == f"{oldest:%a %d %b}"

    qtbot.keyClicks(window.form.tummy_field, "12")  # an edit, saved: the list is read again
    assert window.save()
    assert "tummy 12 min" in window.recent_model.index(0, 1).data()


def test_the_tips_panel_follows_once_the_window_is_up(window, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    qtbot.waitUntil(
        lambda: window.tips_dock.findChild(QWidget, "tip:keep_recording") is not None,
        timeout=10_000,
    )


def test_every_menu_item_has_its_own_access_key(window) -> None:
    import re

    from PySide6.QtWidgets import QMenu

    def check(menu: QMenu) -> None:
        keys: list[str] = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            found = re.search(r"&([^&\s])", action.text())
            assert found, f"no access key in {action.text()!r}"
            keys.append(found.group(1).lower())
            if action.menu() is not None:
                check(action.menu())
        assert len(keys) == len(set(keys)), f"{menu.title()}: {keys}"

    for top in window.menuBar().actions():
        check(top.menu())


@pytest.mark.filterwarnings("ignore:Enum value .*AA_UseHighDpiPixmaps.*:DeprecationWarning")
def test_ctrl_2_lands_the_keyboard_on_the_charts(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    panel = window._charts_panel
    assert panel is not None
    assert window.focusWidget() is panel.period_combo  # "Period", named, not an unnamed widget
    # The journal's page around the form takes no Tab stop of its own.
    assert window.form_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
