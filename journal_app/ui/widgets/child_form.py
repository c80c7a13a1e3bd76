"""The child's profile form: name, birth date and, optionally, how early the baby was born."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from journal_app.domain.ages import describe_gestation, due_date_from_gestation
from journal_app.domain.entries import ChildProfile
from journal_app.domain.validation import FieldError
from journal_app.ui.widgets.common import ErrorBanner, set_invalid, to_date, to_qdate


class ChildProfileForm(QWidget):
    """Edits a :class:`ChildProfile`; ``profile()`` returns what is typed, the service validates it."""

    submitted = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._id: int | None = None
        self._uuid: str | None = None

        self.errors = ErrorBanner(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("First name or nickname"))
        self.birth_edit = self._date_edit(today)

        self.early_check = QCheckBox(self.tr("Born early (before 37 weeks)"), self)
        self.early_how = QComboBox(self)
        self.early_how.addItems([self.tr("Weeks of pregnancy at birth"), self.tr("Due date")])
        self.weeks_spin = QSpinBox(self)
        self.weeks_spin.setRange(22, 42)
        self.weeks_spin.setValue(34)
        self.weeks_spin.setSuffix(self.tr(" weeks"))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(0, 6)
        self.days_spin.setSuffix(self.tr(" days"))
        self.due_edit = self._date_edit(today)

        weeks_box = QWidget(self)
        weeks_layout = QHBoxLayout(weeks_box)
        weeks_layout.setContentsMargins(0, 0, 0, 0)
        weeks_layout.addWidget(self.weeks_spin)
        weeks_layout.addWidget(self.days_spin)
        weeks_layout.addStretch()
        self.early_stack = QStackedWidget(self)
        self.early_stack.addWidget(weeks_box)
        self.early_stack.addWidget(self.due_edit)
        self.early_how.currentIndexChanged.connect(self.early_stack.setCurrentIndex)
        self.early_check.toggled.connect(self._update_early)
        self.corrected_note = QLabel(
            self.tr(
                "For babies born before 37 weeks, the app also shows the corrected age (counted from "
                "the due date) until 24 months, and uses it when comparing with milestone windows."
            ),
            self,
        )
        self.corrected_note.setWordWrap(True)
        self.corrected_note.setObjectName("hint")

        form = QFormLayout(self)
        form.addRow(self.errors)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Birth date"), self.birth_edit)
        form.addRow("", self.early_check)
        self.early_how_label = QLabel(self.tr("Tell us by"), self)
        form.addRow(self.early_how_label, self.early_how)
        self.early_value_label = QLabel(self.tr("Born at"), self)
        form.addRow(self.early_value_label, self.early_stack)
        form.addRow(self.corrected_note)
        for label, widget in (
            (self.tr("Name"), self.name_edit),
            (self.tr("Birth date"), self.birth_edit),
            (self.tr("Tell us by"), self.early_how),
            (self.tr("Weeks of pregnancy at birth"), self.weeks_spin),
            (self.tr("Extra days"), self.days_spin),
            (self.tr("Due date"), self.due_edit),
        ):
            widget.setAccessibleName(label)
        self.early_check.setAccessibleName(self.early_check.text())
        self._update_early(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return or Enter anywhere in the form submits it, as in a dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def _date_edit(self, today: date) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(to_qdate(today))
        edit.setMinimumDate(QDate(1900, 1, 1))
        return edit

    def _update_early(self, on: bool) -> None:
        for widget in (
            self.early_how,
            self.early_stack,
            self.early_how_label,
            self.early_value_label,
        ):
            widget.setVisible(on)
            widget.setEnabled(on)

    def set_profile(self, profile: ChildProfile | None) -> None:
        self._id = profile.id if profile else None
        self._uuid = profile.uuid if profile else None
        self.name_edit.setText(profile.name if profile else "")
        self.birth_edit.setDate(to_qdate(profile.birth_date if profile else self._today))
        due = profile.due_date if profile else None
        early = due is not None and (due - profile.birth_date).days > 0 if profile else False
        self.early_check.setChecked(bool(early))
        self._update_early(bool(early))
        if profile is not None and due is not None:
            self.due_edit.setDate(to_qdate(due))
            self.early_how.setCurrentIndex(1)
        self.errors.clear_errors()

    def profile(self) -> ChildProfile:
        birth = to_date(self.birth_edit.date())
        due: date | None = None
        if self.early_check.isChecked():
            if self.early_how.currentIndex() == 0:
                due = due_date_from_gestation(
                    birth, self.weeks_spin.value(), self.days_spin.value()
                )
            else:
                due = to_date(self.due_edit.date())
        return ChildProfile(self.name_edit.text(), birth, due, self._id, self._uuid)

    def gestation_text(self) -> str:
        p = self.profile()
        return describe_gestation(p.birth_date, p.due_date) if p.due_date else ""

    def show_errors(self, errors: list[FieldError]) -> None:
        widgets = {
            "name": self.name_edit,
            "birth_date": self.birth_edit,
            "due_date": self.early_stack,
        }
        self.errors.show_errors(errors)
        for key, widget in widgets.items():
            set_invalid(widget, any(e.field == key for e in errors))
        for e in errors:
            if e.field in widgets:
                widgets[e.field].setFocus(Qt.FocusReason.OtherFocusReason)
                break
