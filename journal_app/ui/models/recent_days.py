"""The recent-days table: one summary line per recorded day, filterable by the notes' text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from journal_app.domain.dates import format_date, format_short_weekday, format_weekday_date
from journal_app.domain.entries import DaySummaryRow
from journal_app.i18n import N_

NOTES_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


#: Reads ``limit`` rows after the newest ``offset`` (``limit`` None: all the rest).
PageReader = Callable[[int, int | None], list[DaySummaryRow]]


class RecentDaysModel(QAbstractTableModel):
    """Rows newest first: date, what was seen, the start of the notes.

    Years of days are not read at once: the model holds the newest page and reads the next when
    the view scrolls to the end (Qt's ``canFetchMore``/``fetchMore``), or all of them for a search.
    """

    COLUMNS = (N_("Date"), N_("Seen"), N_("Notes"))
    PAGE = 60

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DaySummaryRow] = []
        self._year = date.today().year
        self._reader: PageReader | None = None
        self._more = False
        #: The days on which a first-time milestone was recorded (marked in the list).
        self._milestone_days: frozenset[date] = frozenset()
        #: The days that hold photos or videos (read after start-up: ui/window/media_marks.py).
        self._media_days: frozenset[date] = frozenset()

    def set_milestone_days(self, days: set[date] | frozenset[date]) -> None:
        self._milestone_days = frozenset(days)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def set_media_days(self, days: set[date] | frozenset[date]) -> None:
        self._media_days = frozenset(days)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def _marks(self, row: DaySummaryRow) -> list[str]:
        """What the day holds beyond the line: a milestone, a warning sign."""
        marks = []
        if row.day in self._milestone_days:
            marks.append(self.tr("first-time milestone"))
        if row.has_warning_signs:
            marks.append(self.tr("warning sign noted"))
        if row.day in self._media_days:
            marks.append(self.tr("photos or videos"))
        return marks

    def _full_line(self, row: DaySummaryRow) -> str:
        parts = [format_weekday_date(row.day), *self._marks(row), row.summary]
        if row.notes.strip():
            parts.append(row.notes.strip()[:2000])
        return "\n".join(part for part in parts if part)

    def set_rows(self, rows: list[DaySummaryRow], current_year: int | None = None) -> None:
        """Show exactly ``rows`` (nothing more to read)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._reader, self._more = None, False
        self._year = current_year if current_year is not None else self._year
        self.endResetModel()

    def set_reader(self, reader: PageReader, current_year: int | None = None) -> None:
        """Show the days ``reader`` returns, starting with the newest page."""
        self.beginResetModel()
        self._rows = reader(0, self.PAGE)
        self._reader, self._more = reader, len(self._rows) == self.PAGE
        self._year = current_year if current_year is not None else self._year
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._append(self.PAGE)

    def fetch_all(self) -> None:
        """Read every remaining day (a search looks through all of them)."""
        if self._more:
            self._append(None)

    def _append(self, limit: int | None) -> None:
        assert self._reader is not None
        rows = self._reader(len(self._rows), limit)
        self._more = limit is not None and len(rows) == limit
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:  # the year only when it is not this year's; then the day's marks
                shown = (
                    format_short_weekday(row.day)
                    if row.day.year == self._year
                    else format_date(row.day)
                )
                milestone = "\u2605" if row.day in self._milestone_days else ""  # a star
                sign = "\u26a0" if row.has_warning_signs else ""  # a warning triangle
                media = "\U0001f4f7" if row.day in self._media_days else ""  # a camera
                return " ".join(part for part in (shown, milestone, sign, media) if part)
            if column == 1:
                return row.summary
            if column == 2:
                first_line = row.notes.strip().splitlines()[0] if row.notes.strip() else ""
                return first_line if len(first_line) <= 80 else first_line[:79] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole line, whichever column is pointed at
            return self._full_line(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            day = ", ".join([format_weekday_date(row.day), *self._marks(row)])
            return [day, row.summary, row.notes[:200]][column]
        if role == NOTES_ROLE:
            return row.notes
        if role == DATE_ROLE:
            return row.day.isoformat()
        return None

    def day_at(self, row: int) -> date:
        return self._rows[row].day


class NotesFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose notes contain the search text (any case)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(NOTES_ROLE)
        self.setFilterKeyColumn(2)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(DATE_ROLE)
