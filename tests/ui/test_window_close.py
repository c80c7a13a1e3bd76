"""Closing the window: once the journal is closed, nothing opens it again."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from journal_app.ui.main_window import MainWindow


def _tips_ready(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: window._tips_panel is not None, timeout=10_000)
    with qtbot.waitSignal(window._tips_panel.refreshed, timeout=10_000):
        window.after_journal_changed(window.current_child.id, reload_day=False)


def _journal_connections_after_close(window: MainWindow) -> int:
    """Connections to the journal once what the closed window left queued has run."""
    QApplication.processEvents()  # what was queued when the window closed (as app.exec() would)
    QThreadPool.globalInstance().waitForDone(10_000)  # as main() does
    return window.context.engine.pool.checkedin()


def test_the_save_on_close_does_not_refresh_the_tips_on_a_closed_journal(window, qtbot) -> None:
    _tips_ready(window, qtbot)
    qtbot.keyClicks(window.form.tummy_field, "12")  # closing saves it
    assert window.close()
    assert _journal_connections_after_close(window) == 0


def test_a_refresh_queued_just_before_closing_is_dropped(window, qtbot) -> None:
    _tips_ready(window, qtbot)
    window.tabs.setCurrentIndex(1)  # the charts too
    qtbot.keyClicks(window.form.notes_edit, "saved, then closed at once")
    window.save_action.trigger()  # the tips panel queues a refresh
    assert window.close()
    assert _journal_connections_after_close(window) == 0
