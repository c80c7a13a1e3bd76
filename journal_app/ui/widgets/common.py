"""Small widgets and helpers shared by the forms: the error banner, number fields, date conversion."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from journal_app.domain.validation import FieldError

INVALID_STYLE = "border: 2px solid #c0392b;"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def set_invalid(widget: QWidget, invalid: bool, message: str = "") -> None:
    """Mark a field as holding bad input (a red frame and the reason as its tooltip), or clear it."""
    widget.setToolTip(message if invalid else "")
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(INVALID_STYLE if invalid else "")


class WheelGuard(QObject):
    """Stops the mouse wheel from changing a combo box the parent is only scrolling past."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False


class ErrorBanner(QLabel):
    """A plain, readable list of what is wrong with the form; hidden when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(
            "QLabel#errorBanner { background: #fdecea; color: #611a15; border: 1px solid #e6a19a;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.setAccessibleName(self.tr("Problems to fix"))
        self.hide()

    def show_errors(self, errors: list[FieldError]) -> None:
        if not errors:
            self.clear_errors()
            return
        self.setText("\n".join(f"• {e.message}" for e in errors))
        self.setAccessibleDescription(self.text())
        self.show()

    def clear_errors(self) -> None:
        self.setText("")
        self.hide()

    def messages(self) -> list[str]:
        return [line.removeprefix("• ") for line in self.text().splitlines() if line]


class NumberField(QLineEdit):
    """A whole number or nothing. Anything typed is kept, so a wrong value gets a message, not a
    silent refusal."""

    def __init__(
        self, accessible_name: str, parent: QWidget | None = None, width: int = 64
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("–")
        self.setMaximumWidth(width)
        self.setMinimumWidth(width)
        self.setMaxLength(12)
        self.textEdited.connect(lambda _text: set_invalid(self, False))  # fixed: drop the red mark

    def value(self) -> int | None:
        """The number typed, None when empty; raises ValueError for anything else."""
        text = self.text().strip()
        if not text:
            return None
        return int(text)

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


def name_calendar_parts(calendar: QCalendarWidget) -> None:
    """Names a screen reader says for the parts of a calendar Qt leaves unnamed: the year box, the
    month buttons and the table of days (Qt names them only by object name)."""
    names = {
        "qt_calendar_yearedit": QCoreApplication.translate("Calendar", "Year"),
        "qt_calendar_prevmonth": QCoreApplication.translate("Calendar", "Previous month"),
        "qt_calendar_nextmonth": QCoreApplication.translate("Calendar", "Next month"),
        "qt_calendar_monthbutton": QCoreApplication.translate("Calendar", "Month"),
        "qt_calendar_calendarview": QCoreApplication.translate("Calendar", "Days of the month"),
    }
    for kind in (QSpinBox, QToolButton, QAbstractItemView):
        for part in calendar.findChildren(kind):
            name = names.get(part.objectName())
            if name and not part.accessibleName():
                part.setAccessibleName(name)
