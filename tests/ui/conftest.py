"""Fixtures for driving the real main window with pytest-qt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from journal_app.app import create_application, create_main_window
from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.ui.main_window import MainWindow
from tests.helpers.constants import MAYA, TODAY
from tests.helpers.journals import place_new_journal


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
def make_window(
    qtbot, data_dir: Path, clock: FakeClock, journal_template: Path
) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(*, children: tuple[ChildProfile, ...] = ()) -> MainWindow:
        place_new_journal(journal_template, data_dir)
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


@pytest.fixture
def window(make_window) -> MainWindow:
    """The main window on a journal with Maya (born 1 March 2026), open on TODAY."""
    return make_window(children=(MAYA,))


@pytest.fixture
def isolated_settings(tmp_path_factory) -> Iterator[Path]:
    """QSettings written to a folder of this test, not to the user's own settings."""
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    yield folder
    QSettings().clear()
