"""Fixtures for driving the real main window with pytest-qt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from journal_app.app import create_application, create_main_window
from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.ui.main_window import MainWindow
from tests.conftest import TODAY


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _app_names(qapp: QApplication) -> None:
    create_application()  # application and organisation names, as main() sets them


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot, data_dir: Path, clock: FakeClock) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(*, children: tuple[ChildProfile, ...] = ()) -> MainWindow:
        if children:
            ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
            for child in children:
                ctx.journal.save_child(child)
            ctx.close()
        window = create_main_window(data_dir, today=lambda: TODAY, clock=clock)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        windows.append(window)
        return window

    yield make
    for window in windows:  # whatever a test left unsaved, closing must not wait on a question
        window.form.mark_clean()
        if window.timer.running:
            window.timer.stop()
        window.close()
        window.deleteLater()


MAYA = ChildProfile("Maya", date(2026, 3, 1))
LEO = ChildProfile("Leo", date(2025, 12, 1), date(2026, 1, 26))


@pytest.fixture
def window(make_window) -> MainWindow:
    """The main window on a journal with Maya (born 1 March 2026), open on TODAY."""
    return make_window(children=(MAYA,))


def answer_next_message_box(qtbot, button_text: str, seen: list[str] | None = None) -> None:
    """When the next modal message box opens, click the button labelled ``button_text``."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append(box.text() + "\n" + box.informativeText())
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(
            f"no button {button_text!r} in {[b.text() for b in box.findChildren(QPushButton)]}"
        )

    QTimer.singleShot(0, click)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` as a user would: keys for plain ASCII, an input-method commit (as an emoji
    picker or a keyboard layout for other scripts sends) for everything else."""
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for char in text + "\0":
        if char != "\0" and char.isascii() and char.isprintable():
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if char != "\0":
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
