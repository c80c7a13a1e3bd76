"""The recent-days table: one summary line per recorded day, filterable by the notes' text."""

from __future__ import annotations

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

from journal_app.domain.entries import DaySummaryRow

NOTES_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class RecentDaysModel(QAbstractTableModel):
    """Rows newest first: date, what was seen, the start of the notes."""

    COLUMNS = ("Date", "Seen", "Notes")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DaySummaryRow] = []
        self._year = date.today().year

    def set_rows(self, rows: list[DaySummaryRow], current_year: int | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._year = current_year if current_year is not None else self._year
        self.endResetModel()

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
            if column == 0:  # the year only when it is not this year's
                return (
                    f"{row.day:%a %d %b}" if row.day.year == self._year else f"{row.day:%d %b %Y}"
                )
            if column == 1:
                return row.summary
            if column == 2:
                first_line = row.notes.strip().splitlines()[0] if row.notes.strip() else ""
                return first_line if len(first_line) <= 80 else first_line[:79] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2 and row.notes:
                return row.notes[:2000]
            if column == 1:
                return row.summary
            return f"{row.day:%A %d %B %Y}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return [f"{row.day:%A %d %B %Y}", row.summary, row.notes[:200]][column]
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
