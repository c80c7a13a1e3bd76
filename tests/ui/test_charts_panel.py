"""The Charts view on a real journal: controls, the empty state and updates after a save."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib import dates as mdates
from matplotlib.colors import to_hex
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.services.context import JournalContext
from journal_app.ui.charts.figures import WORDING
from journal_app.ui.charts.panel import PERIOD_CUSTOM, ChartsPanel

B, F = MovementStyle.BACKWARD, MovementStyle.FORWARD

# matplotlib's toolbar asks Qt about a deprecated attribute; not ours to fix.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Enum value .*AA_UseHighDpiPixmaps.*:DeprecationWarning"
)


def bar_heights(panel: ChartsPanel, style: MovementStyle) -> dict[date, float]:
    """{bucket start: height} of the style's bars as drawn on the movement chart."""
    found = panel.movement_figure.findobj(lambda a: a.get_gid() == f"movement:{style.value}")
    heights: dict[date, float] = {}
    for collection in found:
        for path in collection.get_paths():
            xs, ys = path.vertices[:4, 0], path.vertices[:4, 1]
            heights[mdates.num2date(float(xs.min())).date()] = float(ys.max() - ys.min())
    return heights


@pytest.fixture
def three_days(context: JournalContext, child: ChildProfile) -> int:
    assert child.id is not None
    journal = context.journal
    journal.save_day(DayEntry(child.id, date(2026, 11, 3), movements={B: MovementCount(4)}))
    journal.save_day(DayEntry(child.id, date(2026, 11, 10), movements={B: MovementCount(2)}))
    journal.save_day(
        DayEntry(child.id, date(2026, 11, 11), movements={B: MovementCount(1), F: MovementCount(2)})
    )
    return child.id


@pytest.fixture
def panel(qtbot, context: JournalContext) -> ChartsPanel:
    widget = ChartsPanel(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def show(qtbot, panel: ChartsPanel) -> None:
    panel.show()
    qtbot.waitExposed(panel)


def who_windows_tab(qtbot, panel: ChartsPanel) -> None:
    """Click the "Milestones and WHO windows" tab, as a parent does."""
    bar = panel.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert panel.tabs.currentWidget() is panel.windows_page


def windows_drawn(panel: ChartsPanel) -> list:
    return panel.windows_figure.findobj(lambda a: str(a.get_gid()).startswith("who-window:"))


def test_three_months_per_week_with_the_journal_numbers(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    assert panel.period_combo.currentText() == "Last 3 months"
    assert not panel.movement_page.shows_message
    assert bar_heights(panel, B) == {date(2026, 11, 2): 4, date(2026, 11, 9): 3}
    assert bar_heights(panel, F) == {date(2026, 11, 9): 2}
    assert not panel.from_edit.isVisible()


def test_chart_updates_after_a_save(qtbot, panel, context, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    context.journal.save_day(
        DayEntry(
            three_days,
            date(2026, 11, 20),
            movements={F: MovementCount(6)},
            milestones=[Milestone.HANDS_AND_KNEES_CRAWLING],
        )
    )
    panel.refresh()  # what the main window does after every save
    assert bar_heights(panel, F) == {date(2026, 11, 9): 2, date(2026, 11, 16): 6}
    markers = panel.movement_figure.findobj(lambda a: a.get_gid() == "milestone-markers")
    assert [mdates.num2date(s[0, 0]).date() for s in markers[0].get_segments()] == [
        date(2026, 11, 20)
    ]
    who_windows_tab(qtbot, panel)
    point = panel.windows_figure.findobj(
        lambda a: a.get_gid() == "child-age:hands_and_knees_crawling"
    )
    assert len(point) == 1


def test_hidden_panel_redraws_when_shown(qtbot, panel, context, three_days) -> None:
    panel.set_child(three_days)  # not on screen: nothing drawn yet
    assert bar_heights(panel, B) == {}
    show(qtbot, panel)
    assert bar_heights(panel, B) == {date(2026, 11, 2): 4, date(2026, 11, 9): 3}


def test_days_seen_switch(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    qtbot.mouseClick(panel.days_seen_button, Qt.MouseButton.LeftButton)
    assert panel.days_seen_button.isChecked()
    (line,) = panel.movement_figure.findobj(lambda a: a.get_gid() == f"movement:{B.value}")
    seen = dict(
        zip((mdates.num2date(x).date() for x in line.get_xdata()), line.get_ydata(), strict=True)
    )
    assert {d: v for d, v in seen.items() if v} == {date(2026, 11, 5): 1, date(2026, 11, 12): 2}
    axes = [a for a in panel.movement_figure.axes if a.get_ylabel()]
    assert axes[0].get_ylabel() == WORDING["axis_days_seen_week"]
    qtbot.mouseClick(panel.episodes_button, Qt.MouseButton.LeftButton)
    assert bar_heights(panel, B) == {date(2026, 11, 2): 4, date(2026, 11, 9): 3}


def test_four_weeks_is_per_day_and_custom_dates(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    panel.period_combo.setCurrentIndex(panel.period_combo.findData("4w"))
    assert bar_heights(panel, B) == {
        date(2026, 11, 3): 4,
        date(2026, 11, 10): 2,
        date(2026, 11, 11): 1,
    }
    panel.period_combo.setCurrentIndex(panel.period_combo.findData(PERIOD_CUSTOM))
    assert panel.from_edit.isVisible() and panel.to_edit.isVisible()
    panel.from_edit.setFocus()
    panel.to_edit.setDate(QDate(2026, 11, 10))
    panel.from_edit.setDate(QDate(2026, 11, 5))
    assert panel.period() == (date(2026, 11, 5), date(2026, 11, 10))
    assert bar_heights(panel, B) == {date(2026, 11, 10): 2}  # six days: per day
    bars_axes = panel.movement_figure.axes[0]
    start, end = (mdates.num2date(x).date() for x in bars_axes.get_xlim())
    assert (start, end) == (date(2026, 11, 5), date(2026, 11, 11))


def test_empty_period_says_so(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    panel.period_combo.setCurrentIndex(panel.period_combo.findData(PERIOD_CUSTOM))
    panel.to_edit.setDate(QDate(2026, 10, 31))
    panel.from_edit.setDate(QDate(2026, 10, 1))
    assert panel.movement_page.shows_message
    text = panel.movement_page.message.text()
    assert "Nothing was recorded for Maya from 1 Oct 2026 to 31 Oct 2026" in text


def test_nearly_empty_journal_shows_a_friendly_message(qtbot, panel, context, child) -> None:
    context.journal.save_day(
        DayEntry(child.id, date(2026, 11, 20), movements={B: MovementCount(1)})
    )
    panel.set_child(child.id)
    show(qtbot, panel)
    assert panel.movement_page.shows_message
    assert "Maya's journal (1 so far)" in panel.movement_page.message.text()
    assert not panel.movement_page.save_button.isEnabled()
    # The WHO windows still make sense with no milestones yet.
    who_windows_tab(qtbot, panel)
    assert not panel.windows_page.shows_message
    assert len(windows_drawn(panel)) == 6


def test_movement_controls_are_off_on_the_who_windows_tab(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    assert panel.period_combo.isEnabled() and panel.days_seen_button.isEnabled()
    who_windows_tab(qtbot, panel)
    assert not panel.period_combo.isEnabled() and not panel.days_seen_button.isEnabled()
    bar = panel.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert panel.period_combo.isEnabled() and panel.episodes_button.isEnabled()


def test_only_the_chart_on_screen_is_drawn(qtbot, panel, context, three_days) -> None:
    """A save redraws the chart in view; the other waits until its tab is shown."""
    panel.set_child(three_days)
    show(qtbot, panel)
    assert bar_heights(panel, B) and windows_drawn(panel) == []
    who_windows_tab(qtbot, panel)
    assert len(windows_drawn(panel)) == 6
    context.journal.save_day(
        DayEntry(three_days, date(2026, 11, 21), movements={B: MovementCount(9)})
    )
    panel.refresh()
    assert date(2026, 11, 16) not in bar_heights(panel, B)  # the hidden chart: not yet
    qtbot.mouseClick(panel.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=panel.tabs.tabBar().tabRect(0).center())  # fmt: skip
    assert bar_heights(panel, B)[date(2026, 11, 16)] == 9


def test_no_child(qtbot, panel) -> None:
    panel.set_child(None)
    show(qtbot, panel)
    assert panel.movement_page.shows_message
    who_windows_tab(qtbot, panel)
    assert panel.windows_page.shows_message
    assert "Add a child" in panel.windows_page.message.text()


def test_charts_follow_a_dark_palette(qtbot, panel, three_days) -> None:
    panel.set_child(three_days)
    show(qtbot, panel)
    palette = QPalette(panel.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    panel.setPalette(palette)  # a PaletteChange: the charts are drawn again
    assert to_hex(panel.movement_figure.get_facecolor()) == "#202020"
    legend = panel.movement_figure.legends[0]
    assert {to_hex(t.get_color()) for t in legend.get_texts()} == {"#f0f0f0"}
    who_windows_tab(qtbot, panel)
    assert to_hex(panel.windows_figure.get_facecolor()) == "#202020"


@pytest.mark.posix
def test_a_save_button_replaces_the_developer_toolbar(qtbot, panel, three_days, tmp_path) -> None:
    from matplotlib.backends.backend_qt import NavigationToolbar2QT

    panel.set_child(three_days)
    show(qtbot, panel)
    page = panel.movement_page
    assert page.findChildren(NavigationToolbar2QT) == []
    assert page.save_button.isVisible() and page.save_button.isEnabled()
    assert page.save_button.text() == "Save chart as image..."
    assert page.save_button.geometry().bottom() <= page.chart_scroll.geometry().top()
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}
    for suffix, start in magic.items():
        out = tmp_path / f"chart{suffix}"
        page.save_as(out)
        assert out.read_bytes().startswith(start), suffix
        assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.glob("*chart*")) == [
        "chart.pdf",
        "chart.png",
        "chart.svg",
    ]
    qtbot.mouseClick(panel.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=panel.tabs.tabBar().tabRect(1).center())  # fmt: skip
    assert panel.tabs.currentWidget() is panel.windows_page
    assert panel.windows_page.canvas.isVisible()
