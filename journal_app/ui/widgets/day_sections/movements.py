"""The day form's movement section: one row per style, seen today, how many times and minutes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from journal_app.domain.entries import MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.ui.palette import style_colour
from journal_app.ui.widgets.common import NumberField


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class MovementRow:
    """One movement style: seen today, how many times, how many minutes."""

    def __init__(self, style: MovementStyle, parent: QWidget) -> None:
        self.style = style
        self.seen = QCheckBox(style.label, parent)
        self.seen.setAccessibleName(style.label)
        self.seen.setIcon(_swatch(style_colour(style)))  # the style's colour in every chart
        self.episodes = NumberField(f"{style.label}: times", parent)
        self.minutes = NumberField(f"{style.label}: minutes", parent)
        # Typing a number means it was seen.
        self.episodes.textEdited.connect(self._seen_if_counted)
        self.minutes.textEdited.connect(self._seen_if_counted)

    def _seen_if_counted(self, text: str) -> None:
        if text.strip():
            self.seen.setChecked(True)

    def load(self, count: MovementCount | None) -> None:
        self.seen.setChecked(count is not None)
        self.episodes.set_value(count.episodes if count else None)
        self.minutes.set_value(count.minutes if count else None)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.seen, self.episodes, self.minutes)


class MovementSection(QGroupBox):
    """Every movement style in a grid: the tick, then the optional counts."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Movement seen today"))
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("<i>Tick what you saw; counts are optional.</i>")), 0, 0)
        grid.addWidget(QLabel(self.tr("Times")), 0, 1)
        grid.addWidget(QLabel(self.tr("Minutes")), 0, 2)
        self.rows: dict[MovementStyle, MovementRow] = {}
        for i, style in enumerate(MovementStyle, start=1):
            row = MovementRow(style, self)
            self.rows[style] = row
            for column, widget in enumerate(row.widgets()):
                grid.addWidget(widget, i, column)
            row.seen.toggled.connect(self.changed)
            row.episodes.textEdited.connect(self.changed)
            row.minutes.textEdited.connect(self.changed)
        grid.setColumnStretch(0, 1)

    def load(self, movements: dict[MovementStyle, MovementCount]) -> None:
        for style, row in self.rows.items():
            row.load(movements.get(style))

    def tab_order(self) -> list[QWidget]:
        return [widget for row in self.rows.values() for widget in row.widgets()]
