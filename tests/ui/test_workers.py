"""Work off the GUI thread: results and errors come back, and the window keeps being served."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal_app.ui.workers import run_in_background, run_with_progress


def test_run_with_progress_returns_the_result_while_the_event_loop_runs(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    released = threading.Event()

    def work() -> tuple[bool, bool]:
        # Waits for a timer that only the GUI thread's event loop can fire.
        return threading.current_thread() is threading.main_thread(), released.wait(10)

    QTimer.singleShot(50, released.set)
    on_main_thread, was_released = run_with_progress(parent, "Working…", work)
    assert not on_main_thread
    assert was_released  # the GUI thread kept handling events during the wait


def test_run_with_progress_raises_the_workers_error_in_the_caller(qtbot: QtBot) -> None:
    def work() -> None:
        raise ValueError("the journal said no")

    with pytest.raises(ValueError, match="the journal said no"):
        run_with_progress(None, "Working…", work)


def test_run_in_background_reports_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: list[tuple[str, bool]] = []

    def done(value: str) -> None:
        seen.append((value, threading.current_thread() is threading.main_thread()))

    go = threading.Event()

    def work() -> str:
        assert go.wait(10)  # the job cannot finish before the test listens for its signal
        return threading.current_thread().name

    relay = run_in_background(work, done)
    with qtbot.waitSignal(relay.done, timeout=10_000):
        go.set()
    assert len(seen) == 1
    worker_name, delivered_on_main = seen[0]
    assert worker_name != threading.main_thread().name and delivered_on_main


def test_the_window_takes_no_input_from_the_start_of_the_wait(window, qtbot: QtBot) -> None:
    """Before the busy dialog shows (it waits 400 ms), keys, clicks, shortcuts and closing the
    window are held back; afterwards the window is as before."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog, QToolButton

    released = threading.Event()
    seen: dict[str, object] = {}
    day = window.current_day
    previous_day = next(
        b for b in window.findChildren(QToolButton) if b.defaultAction() is window.prev_day_action
    )

    def meanwhile() -> None:
        seen["busy shown"] = any(d.isVisible() for d in window.findChildren(QProgressDialog))
        qtbot.keyClick(window.recent_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        qtbot.mouseClick(previous_day, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(window.form.notes_edit, "typed while busy")
        released.set()  # (a close going ahead would wait for the worker)
        seen["closed"] = window.close()

    QTimer.singleShot(0, meanwhile)
    assert run_with_progress(window, "Preparing…", lambda: released.wait(10)) is True
    assert seen == {"busy shown": False, "closed": False}
    assert window.isVisible()
    assert window.current_day == day
    assert window.form.notes_edit.toPlainText() == ""
    qtbot.keyClick(window.recent_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_day is not None and day is not None and window.current_day < day
