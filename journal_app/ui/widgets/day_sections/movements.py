"""The day form's movement section: one row per style, seen today, how many times and minutes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from journal_app.domain.entries import MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.i18n import _
from journal_app.ui.palette import style_colour
from journal_app.ui.widgets.common import NumberField


def times_name(style: MovementStyle) -> str:
    """The name of a style's "times" field (its accessible name, and in its error message)."""
    # Translators: the field for how many times a movement was seen that day.
    return _("{style}: times").format(style=style.label)


def minutes_name(style: MovementStyle) -> str:
    """The name of a style's "minutes" field."""
    # Translators: the field for how many minutes of a movement were seen that day.
    return _("{style}: minutes").format(style=style.label)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class MovementRow(QObject):
    """One movement style: seen today, how many times, how many minutes.

    One Tab stop (the tick box): Space ticks it, typing a digit there starts the count of times,
    Right (at the end of the text) moves on to the minutes and Left back; Up and Down move to the
    row above or below in the same column. The counts take focus from a click too.
    """

    #: Up (-1) or Down (+1) from this row's widget in ``column`` (0 tick, 1 times, 2 minutes).
    step = Signal(int, int)

    def __init__(self, style: MovementStyle, parent: QWidget) -> None:
        super().__init__(parent)
        self.style = style
        self.seen = QCheckBox(style.label, parent)
        self.seen.setAccessibleName(style.label)
        self.seen.setIcon(_swatch(style_colour(style)))  # the style's colour in every chart
        self.episodes = NumberField(times_name(style), parent)
        self.minutes = NumberField(minutes_name(style), parent)
        for field in (self.episodes, self.minutes):
            field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not a Tab stop of its own
            # A number, however it got there, means it was seen.
            field.textChanged.connect(self._seen_if_counted)
        for widget in self.widgets():
            widget.installEventFilter(self)

    def _seen_if_counted(self, text: str) -> None:
        if text.strip():
            self.seen.setChecked(True)

    def load(self, count: MovementCount | None) -> None:
        self.seen.setChecked(count is not None)
        self.episodes.set_value(count.episodes if count else None)
        self.minutes.set_value(count.minutes if count else None)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.seen, self.episodes, self.minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, plain = event.key(), not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if not plain:
            return False
        column = self.widgets().index(watched) if watched in self.widgets() else -1
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and column >= 0:
            self.step.emit(-1 if key == Qt.Key.Key_Up else 1, column)
            return True
        if watched is self.seen:
            if event.text().isdigit():  # the count of times, starting with this digit
                self.focus_column(1)
                self.episodes.selectAll()
                QApplication.sendEvent(
                    self.episodes,
                    QKeyEvent(QEvent.Type.KeyPress, key, event.modifiers(), event.text()),
                )
                return True
            if key == Qt.Key.Key_Right:
                self.focus_column(1)
                return True
            return False
        field = watched
        if not isinstance(field, QLineEdit):
            return False
        at_end = field.cursorPosition() == len(field.text())
        if key == Qt.Key.Key_Right and at_end and field is self.episodes:
            self.focus_column(2)
            return True
        if key == Qt.Key.Key_Left and field.cursorPosition() == 0 and not field.hasSelectedText():
            self.focus_column(column - 1)
            return True
        return False

    def focus_column(self, column: int) -> None:
        widget = self.widgets()[max(0, min(column, 2))]
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()


class MovementSection(QGroupBox):
    """Every movement style in a grid: the tick, then the optional counts."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("M&ovement seen today"))  # Alt+O: to the first row
        grid = QGridLayout(self)
        hint = QLabel(self.tr("<i>Tick what you saw; counts are optional.</i>"), self)
        hint.setWordWrap(True)  # longer in other languages: it wraps, the form does not widen
        grid.addWidget(hint, 0, 0)
        grid.addWidget(QLabel(self.tr("Times")), 0, 1)
        grid.addWidget(QLabel(self.tr("Minutes")), 0, 2)
        self.rows: dict[MovementStyle, MovementRow] = {}
        for i, style in enumerate(MovementStyle, start=1):
            row = MovementRow(style, self)
            self.rows[style] = row
            for column, widget in enumerate(row.widgets()):
                grid.addWidget(widget, i, column)
            row.seen.toggled.connect(self.changed)
            # Any change of value, typed or set another way (a screen reader, a paste).
            row.episodes.textChanged.connect(self.changed)
            row.minutes.textChanged.connect(self.changed)
            row.step.connect(lambda delta, column, i=i - 1: self._step(i + delta, column))
        grid.setColumnStretch(0, 1)

    def _step(self, index: int, column: int) -> None:
        rows = list(self.rows.values())
        if 0 <= index < len(rows):
            rows[index].focus_column(column)

    def load(self, movements: dict[MovementStyle, MovementCount]) -> None:
        for style, row in self.rows.items():
            row.load(movements.get(style))

    def tab_order(self) -> list[QWidget]:
        return [widget for row in self.rows.values() for widget in row.widgets()]
