"""The day navigator on the left of the journal page: day buttons, the calendar, recent days.

It reads through ``context.reads`` (the fast first-screen reads) and says which day the parent
chose with :attr:`DayNavigator.day_chosen`; the window decides whether it may move there.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.models.recent_days import NotesFilterProxy, RecentDaysModel
from journal_app.ui.widgets.common import name_calendar_parts, to_date, to_qdate

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile
    from journal_app.services.context import JournalContext


class DayNavigator(QWidget):
    """Previous/today/next buttons, the month calendar with marked days, and recent days."""

    #: The parent picked a day (calendar click or Return, a recent day double-clicked or Return).
    day_chosen = Signal(object)
    #: :meth:`set_child` ran (the days with photos or videos are read again: media_marks.py).
    child_set = Signal()

    def __init__(
        self,
        context: JournalContext,
        prev_action: QAction,
        today_action: QAction,
        next_action: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._child_id: int | None = None
        self._media_days: frozenset[date] = frozenset()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self._button(prev_action, Qt.ArrowType.LeftArrow))
        buttons.addWidget(self._button(today_action), 1)
        buttons.addWidget(self._button(next_action, Qt.ArrowType.RightArrow))
        layout.addLayout(buttons)
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        name_calendar_parts(self.calendar)
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._calendar_chosen)
        self.calendar.activated.connect(self._calendar_chosen)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.mark_calendar())
        layout.addWidget(self.calendar)
        recent_label = QLabel(self.tr("&Recent days"), self)
        recent_label.setStyleSheet("font-weight: 600;")
        layout.addWidget(recent_label)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Find in notes (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Find in notes"))
        self.search_edit.setClearButtonEnabled(True)
        layout.addWidget(self.search_edit)
        self.recent_model = RecentDaysModel(self)
        self.recent_proxy = NotesFilterProxy(self)
        self.recent_proxy.setSourceModel(self.recent_model)
        self.search_edit.textChanged.connect(self._search_notes)
        self.recent_view = view = QTableView(self)
        view.setAccessibleName(self.tr("Recent days"))
        view.setModel(self.recent_proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # size from the visible rows, not years of days
        # What was seen and the notes share the room left, and grow with the window.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        recent_label.setBuddy(view)
        view.doubleClicked.connect(self._recent_chosen)
        view.activated.connect(self._recent_chosen)
        layout.addWidget(view, 1)

    def _button(self, action: QAction, arrow: Qt.ArrowType | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        if arrow is not None:
            button.setArrowType(arrow)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAccessibleName(action.text().replace("&", ""))
        return button

    # -- the child and the day shown ----------------------------------------------------------

    def set_child(self, child: ChildProfile | None) -> None:
        """Days from ``child``'s birth up to today; the recent days and the marks are read again."""
        if (child.id if child is not None else None) != self._child_id:
            self._media_days = frozenset()  # another child's photos mark no day
            self.recent_model.set_media_days(self._media_days)
        self._child_id = child.id if child is not None else None
        if child is not None:
            self.calendar.setMinimumDate(to_qdate(child.birth_date))
            self.calendar.setMaximumDate(to_qdate(self._context.today()))
        self.reload_recent()
        self.child_set.emit()

    @property
    def child_id(self) -> int | None:
        return self._child_id

    def set_media_days(self, child_id: int | None, days: set[date]) -> None:
        """The days of ``child_id`` that hold photos or videos, marked in the calendar and the
        recent days (ignored when another child is shown meanwhile)."""
        if child_id != self._child_id:
            return
        self._media_days = frozenset(days)
        self.recent_model.set_media_days(self._media_days)
        self.mark_calendar()

    def show_day(self, day: date) -> None:
        """Select ``day`` in the calendar without telling anyone it was chosen."""
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.blockSignals(False)
        self.mark_calendar()

    def _calendar_chosen(self, qdate: QDate) -> None:
        self.day_chosen.emit(to_date(qdate))

    def _recent_chosen(self, index: QModelIndex) -> None:
        source = self.recent_proxy.mapToSource(index)
        self.day_chosen.emit(self.recent_model.day_at(source.row()))

    # -- reading --------------------------------------------------------------------------------

    def reload_recent(self) -> None:
        """The newest days; older ones are read as the list is scrolled or searched."""
        if self._child_id is None:
            self.recent_model.set_rows([])
            return
        child_id, reads = self._child_id, self._context.reads
        self.recent_model.set_reader(
            lambda offset, limit: reads.recent_days(child_id, limit, offset),
            self._context.today().year,
        )
        self.recent_model.set_milestone_days(set(reads.milestones(child_id).values()))
        if self.search_edit.text():  # a search on: it looks through every day, not one page
            self.recent_model.fetch_all()
        self.recent_view.resizeColumnToContents(0)

    def _search_notes(self, text: str) -> None:
        if text:
            self.recent_model.fetch_all()  # the search looks through every day, not one page
        self.recent_proxy.setFilterFixedString(text)

    def mark_calendar(self) -> None:
        """The days of the month shown (and a week either side) that hold an entry, in bold."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        if self._child_id is None:
            return
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = date(year, month, 1) - timedelta(days=7)
        last = date(year + (month == 12), month % 12 + 1, 1) + timedelta(days=7)
        # Palette roles, so the mark reads in a dark desktop theme as in a light one.
        palette = self.calendar.palette()
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setBackground(palette.alternateBase())
        marked.setForeground(palette.link())
        marked.setFontUnderline(True)
        for day in self._context.reads.days_with_entries(self._child_id, first, last):
            self.calendar.setDateTextFormat(to_qdate(day), marked)
        from journal_app.ui.window.media_marks import mark_media_days

        mark_media_days(self.calendar, self._media_days, first, last)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
