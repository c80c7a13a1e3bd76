"""Issue 15, fits the screen: the first size from the screen, a saved place brought back onto it,
nothing scrolling sideways at 1024x700, the tips folded when narrow, the day list growing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, QSize

from journal_app.ui.window.geometry import first_size, fit_into

#: Each test on settings of its own (what another test left would change the window).
pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QRect(0, 0, 1024, 700), QSize(1024, 668)),  # a small screen: all of it, less the frame
        (QRect(0, 0, 1366, 738), QSize(1229, 700)),
        (QRect(0, 0, 1920, 1050), QSize(1728, 945)),  # a big one: most of it, used
    ],
)
def test_the_first_size_comes_from_the_screens_available_area(available, expected) -> None:
    size = first_size(available)
    assert size == expected
    assert size.width() <= available.width() and size.height() <= available.height()


def test_a_saved_place_off_this_screen_is_brought_back_onto_it() -> None:
    laptop = QRect(0, 0, 1366, 738)
    on_the_big_monitor = QRect(1500, 200, 1800, 1000)
    fitted = fit_into(on_the_big_monitor, laptop)
    assert laptop.contains(fitted)
    assert fitted.size() == QSize(1366, 738)
    partly_off = QRect(-300, 500, 800, 600)
    assert fit_into(partly_off, laptop) == QRect(0, 138, 800, 600)  # moved, not resized


def test_a_saved_geometry_that_no_longer_fits_opens_on_the_screen(make_window, qtbot) -> None:
    window = make_window()
    available = window.screen().availableGeometry()
    window.setGeometry(available.right() + 400, available.bottom() + 300, 4000, 3000)
    settings = QSettings()
    window._save_geometry()
    window.close()
    settings.sync()
    again = make_window()
    assert available.intersects(again.frameGeometry())
    assert again.width() <= available.width() and again.height() <= available.height()


def test_nothing_scrolls_sideways_at_1024x700(window, qtbot) -> None:
    window.resize(1024, 700)
    qtbot.mouseClick(window.form.add_sign_button, qtbot_button())
    qtbot.waitUntil(lambda: window.form.width() > 0)
    scroll = window.form_scroll
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    assert scroll.horizontalScrollBar().maximum() == 0
    assert window.tips_dock.folded  # narrow: the tips fold to a strip
    strip = window.tips_dock.strip
    assert not window.tips_dock.isVisible() and strip.isVisible()
    assert strip.width() < 60


def test_the_tips_unfold_in_a_wide_window_and_on_the_strip(window, qtbot) -> None:
    window.resize(1024, 700)
    assert window.tips_dock.folded
    qtbot.mouseClick(window.tips_dock.strip, qtbot_button())
    assert not window.tips_dock.folded
    window.resize(1400, 800)
    assert not window.tips_dock.folded
    window.resize(1000, 700)
    assert window.tips_dock.folded
    window.tips_dock.toggleViewAction().trigger()  # closed by hand: it stays closed
    window.resize(1400, 800)
    window.tips_dock.close()
    window.resize(1000, 700)
    window.resize(1400, 800)
    assert not window.tips_dock.isVisible()


def test_the_recent_days_grow_with_the_window(window, qtbot) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.recent_view.width() > 0)
    narrow = window.recent_view.horizontalHeader().sectionSize(1)
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: window.recent_view.horizontalHeader().sectionSize(1) > narrow)


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_sample_journal_opens_at_the_first_size_whatever_the_parent_saved(qtbot) -> None:
    from PySide6.QtWidgets import QMainWindow

    from journal_app.ui.window.geometry import GEOMETRY_KEY, restore_geometry

    parents_window = QMainWindow()
    qtbot.addWidget(parents_window)
    parents_window.resize(333, 222)
    settings = QSettings()
    settings.setValue(GEOMETRY_KEY, parents_window.saveGeometry())
    sample = QMainWindow()
    qtbot.addWidget(sample)
    restore_geometry(sample, settings, saved=False)
    assert sample.size() == first_size(sample.screen().availableGeometry())
    own = QMainWindow()
    qtbot.addWidget(own)
    restore_geometry(own, settings)
    assert own.size() == QSize(333, 222)
