"""The Charts view: movement over time and milestones against the WHO windows, for one child.

This is the only module that puts matplotlib into Qt (``FigureCanvasQTAgg``); parents get a
"Save chart as image..." button rather than matplotlib's developer toolbar. The main window
imports it when the Charts tab is first shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app import i18n
from journal_app.services.charts import (
    MEASURE_DAYS_SEEN,
    MEASURE_EPISODES,
    PERIOD_3_MONTHS,
    PERIOD_4_WEEKS,
    PERIOD_6_MONTHS,
    PERIOD_ALL,
)
from journal_app.services.context import JournalContext
from journal_app.ui.charts.figures import (
    ChartTheme,
    draw_milestone_windows_chart,
    draw_movement_chart,
)

PERIOD_CUSTOM = "custom"
#: Fewer days than this in the whole journal: a friendly message instead of the movement chart.
MIN_DAYS_FOR_CHART = 3
#: The least height a chart is drawn at, so the plot keeps room above its legend and key; a
#: window too short for it scrolls the chart (1024x700 shows it whole).
MIN_CANVAS_HEIGHT = 440


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def theme_from_palette(palette: QPalette) -> ChartTheme:
    """Chart colours that follow the window's palette, so a dark desktop theme stays readable."""
    background = palette.color(QPalette.ColorRole.Window)
    foreground = palette.color(QPalette.ColorRole.WindowText)
    grid = QColor(
        round(background.red() * 0.8 + foreground.red() * 0.2),
        round(background.green() * 0.8 + foreground.green() * 0.2),
        round(background.blue() * 0.8 + foreground.blue() * 0.2),
    )
    return ChartTheme(background.name(), foreground.name(), grid.name())


class _ChartPage(QWidget):
    """A chart with a "Save chart as image..." button above it, or a message in its place."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(8, 4.5))
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setParent(self)
        self.canvas.setAccessibleName(name)
        # Below this the legend and the milestone key squeeze the plot into a strip: a shorter
        # window scrolls the chart instead (see ``self.chart_scroll``).
        self.canvas.setMinimumHeight(MIN_CANVAS_HEIGHT)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._name = name
        self.save_button = QPushButton(self.tr("Save chart as image..."), self)
        self.save_button.setToolTip(self.tr("Save this chart as a PNG, SVG or PDF file"))
        self.save_button.clicked.connect(self._ask_and_save)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        self.chart_scroll = QScrollArea(self)
        self.chart_scroll.setWidget(self.stack)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.chart_scroll, 1)

    @property
    def shows_message(self) -> bool:
        return self.stack.currentWidget() is self.message

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.save_button.setEnabled(False)

    def show_chart(self) -> None:
        self.stack.setCurrentWidget(self.canvas)
        self.save_button.setEnabled(True)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def save_as(self, path: Path) -> None:
        """Write the chart as shown to ``path`` (PNG, SVG or PDF by its suffix)."""
        from journal_app.ui.charts.export import save_figure

        save_figure(self.figure, path)

    def _ask_and_save(self) -> None:
        from journal_app.ui.charts.export import image_path

        filters = {
            self.tr("PNG image (*.png)"): "png",
            self.tr("SVG drawing (*.svg)"): "svg",
            self.tr("PDF document (*.pdf)"): "pdf",
        }
        suggested = str(Path.home() / (self._name.replace(" ", "-").lower() + ".png"))
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save chart as image"), suggested, ";;".join(filters)
        )
        if not name:
            return
        path = image_path(Path(name), filters.get(chosen, "png"))
        try:
            self.save_as(path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Chart not saved"),
                self.tr("The chart could not be saved as {path}: {reason}.").format(
                    path=path, reason=(exc.strerror or str(exc)).lower()
                ),
            )


class ChartsPanel(QWidget):
    """Charts for the selected child; :meth:`refresh` after every save keeps them current."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.child_id: int | None = None
        #: Pages whose chart is out of date: only the page on screen is drawn, the other when shown.
        self._stale: set[_ChartPage] = set()

        self.period_combo = QComboBox(self)
        for text, code in (
            (self.tr("Last 4 weeks"), PERIOD_4_WEEKS),
            (self.tr("Last 3 months"), PERIOD_3_MONTHS),
            (self.tr("Last 6 months"), PERIOD_6_MONTHS),
            (self.tr("All"), PERIOD_ALL),
            (self.tr("Choose dates"), PERIOD_CUSTOM),
        ):
            self.period_combo.addItem(text, code)
        self.period_combo.setCurrentIndex(self.period_combo.findData(PERIOD_3_MONTHS))
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_combo)
        self.period_combo.setAccessibleName(self.tr("Period"))

        today = _qdate(context.today())
        self.from_edit = QDateEdit(today.addMonths(-1), self)
        self.to_edit = QDateEdit(today, self)
        for edit, name in ((self.from_edit, self.tr("From")), (self.to_edit, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(today)
            edit.setAccessibleName(name)
        self.from_label = QLabel(self.tr("&From"), self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(self.tr("&to"), self)
        self.to_label.setBuddy(self.to_edit)

        self.episodes_button = QRadioButton(self.tr("&Times seen"), self)
        self.days_seen_button = QRadioButton(self.tr("&Days seen"), self)
        self.episodes_button.setToolTip(self.tr("How many times each way of moving was noted"))
        self.days_seen_button.setToolTip(self.tr("On how many days each way of moving was seen"))
        self.episodes_button.setChecked(True)
        self.measure_group = QButtonGroup(self)
        self.measure_group.addButton(self.episodes_button)
        self.measure_group.addButton(self.days_seen_button)

        controls = QHBoxLayout()
        controls.addWidget(period_label)
        controls.addWidget(self.period_combo)
        controls.addWidget(self.from_label)
        controls.addWidget(self.from_edit)
        controls.addWidget(self.to_label)
        controls.addWidget(self.to_edit)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Show:"), self))
        controls.addWidget(self.episodes_button)
        controls.addWidget(self.days_seen_button)
        controls.addStretch(1)

        self.movement_page = _ChartPage(self.tr("Movement over time chart"), self)
        self.windows_page = _ChartPage(self.tr("Milestones and WHO windows chart"), self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.movement_page, self.tr("&Movement over time"))
        self.tabs.addTab(self.windows_page, self.tr("Milestones and &WHO windows"))
        self.tabs.setAccessibleName(self.tr("Charts"))
        self._stale = {self.movement_page, self.windows_page}

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)

        self._show_custom_dates(False)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.from_edit.dateChanged.connect(self._dates_changed)
        self.to_edit.dateChanged.connect(self._dates_changed)
        self.measure_group.buttonToggled.connect(self._measure_toggled)
        self.tabs.currentChanged.connect(self._tab_changed)

    # -- public API -------------------------------------------------------------------------

    @property
    def movement_figure(self) -> Figure:
        return self.movement_page.figure

    @property
    def windows_figure(self) -> Figure:
        return self.windows_page.figure

    @property
    def measure(self) -> str:
        return MEASURE_DAYS_SEEN if self.days_seen_button.isChecked() else MEASURE_EPISODES

    def set_child(self, child_id: int | None) -> None:
        """Show the charts of this child (None: no child yet)."""
        self.child_id = child_id
        if child_id is not None:
            child = self.context.journal.get_child(child_id)
            for edit in (self.from_edit, self.to_edit):
                edit.setMinimumDate(_qdate(child.birth_date))
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the journal: the chart on screen now, the other one when it is shown."""
        self._stale = {self.movement_page, self.windows_page}
        self._draw_current()

    def period(self) -> tuple[date, date]:
        """The dates the movement chart covers, from the period chosen."""
        code = self.period_combo.currentData()
        if code == PERIOD_CUSTOM or self.child_id is None:
            start, end = _pydate(self.from_edit.date()), _pydate(self.to_edit.date())
            return (start, end) if start <= end else (end, start)
        return self.context.charts.period(self.child_id, str(code))

    # -- drawing ----------------------------------------------------------------------------

    def _draw_current(self) -> None:
        page = self.tabs.currentWidget()
        if not self.isVisible() or page not in self._stale:
            return
        self._stale.discard(page)
        if page is self.movement_page:
            self._draw_movement()
        else:
            self._draw_windows()

    def _no_child(self, page: _ChartPage) -> bool:
        if self.child_id is None:
            page.show_message(
                self.tr("Add a child to the journal to see charts of their movement.")
            )
            return True
        return False

    def _draw_movement(self) -> None:
        page = self.movement_page
        if self._no_child(page):
            return
        assert self.child_id is not None
        child = self.context.journal.get_child(self.child_id)
        days_in_journal = self.context.journal.count_days(self.child_id)
        if days_in_journal < MIN_DAYS_FOR_CHART:
            page.show_message(
                self.tr(
                    "The movement chart appears once a few days are in {name}'s journal "
                    "({count} so far). Each day you save in the Journal tab adds to it."
                ).format(name=child.name, count=days_in_journal)
            )
            return
        start, end = self.period()
        series = self.context.charts.movement_series(
            self.child_id, start, end, measure=self.measure
        )
        if series.is_empty:
            page.show_message(
                self.tr(
                    "Nothing was recorded for {name} from {start} to {end}. "
                    "Choose a longer period above to see more."
                ).format(
                    name=child.name, start=i18n.formats().date(start), end=i18n.formats().date(end)
                )
            )
            return
        draw_movement_chart(page.figure, series, theme_from_palette(self.palette()))
        page.show_chart()

    def _draw_windows(self) -> None:
        page = self.windows_page
        if self._no_child(page):
            return
        assert self.child_id is not None
        windows = self.context.charts.milestone_windows(self.child_id)
        draw_milestone_windows_chart(page.figure, windows, theme_from_palette(self.palette()))
        page.show_chart()

    # -- events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw_current()

    def _tab_changed(self, _index: int) -> None:
        # The period and the measure shape the movement chart only: not offered for the other.
        movement = self.tabs.currentWidget() is self.movement_page
        for control in (
            self.period_combo,
            self.from_edit,
            self.to_edit,
            self.episodes_button,
            self.days_seen_button,
        ):
            control.setEnabled(movement)
        self._draw_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()

    def _show_custom_dates(self, shown: bool) -> None:
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(shown)

    def _period_changed(self, _index: int) -> None:
        custom = self.period_combo.currentData() == PERIOD_CUSTOM
        if custom and self.child_id is not None:
            # Start the custom dates from the period that was shown, ending today.
            today = self.context.today()
            self.to_edit.setDate(_qdate(today))
            self.from_edit.setDate(_qdate(today - timedelta(days=27)))
        self._show_custom_dates(custom)
        self.refresh()

    def _dates_changed(self, _day: QDate) -> None:
        if self.period_combo.currentData() == PERIOD_CUSTOM:
            self.refresh()

    def _measure_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.refresh()
