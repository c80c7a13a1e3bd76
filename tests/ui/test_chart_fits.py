"""Issue 15, fits the screen: the chart keeps its height at small window sizes (it scrolls rather
than shrink to a strip under its legend)."""

from __future__ import annotations

from datetime import timedelta

from journal_app.domain.entries import DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.ui.charts.panel import MIN_CANVAS_HEIGHT
from tests.helpers.constants import TODAY


def open_charts(window, qtbot):
    child = window._child
    assert child is not None and child.id is not None
    for n in range(10):
        window.context.journal.save_day(
            DayEntry(child.id, TODAY - timedelta(days=n), {MovementStyle.BELLY: MovementCount(3)})
        )
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window._charts_panel is not None)
    page = window._charts_panel.movement_page
    qtbot.waitUntil(lambda: page.canvas.isVisible() and not page.shows_message)
    return page


def test_at_1024x700_the_chart_is_whole_and_tall_enough(window, qtbot) -> None:
    window.resize(1024, 700 - 32)  # the screen less the title bar
    page = open_charts(window, qtbot)
    qtbot.waitUntil(lambda: page.canvas.height() >= MIN_CANVAS_HEIGHT)
    assert MIN_CANVAS_HEIGHT >= 400
    assert page.chart_scroll.verticalScrollBar().maximum() == 0  # nothing hidden below
    assert page.chart_scroll.horizontalScrollBar().maximum() == 0


def test_a_shorter_window_scrolls_the_chart_instead_of_squeezing_it(window, qtbot) -> None:
    window.resize(1024, 520)
    page = open_charts(window, qtbot)
    qtbot.waitUntil(lambda: page.chart_scroll.verticalScrollBar().maximum() > 0)
    assert page.canvas.height() >= MIN_CANVAS_HEIGHT
    assert page.chart_scroll.horizontalScrollBar().maximum() == 0
