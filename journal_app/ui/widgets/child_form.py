"""The child's profile form: name, birth date and, optionally, how early the baby was born."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QStackedWidget,
    QWidget,
    QWidgetAction,
)

from journal_app.domain.ages import age_between, due_date_from_gestation
from journal_app.domain.dates import describe_date, format_date, parse_typed_date
from journal_app.domain.entries import ChildProfile, MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.domain.validation import EARLIEST_BIRTH_DATE, FieldError, ValidationFailed
from journal_app.ui.widgets.common import (
    ErrorBanner,
    name_calendar_parts,
    set_invalid,
    to_date,
    to_qdate,
)
from journal_app.ui.widgets.milestone_answers import MilestoneAnswersBox

if TYPE_CHECKING:
    from journal_app.services.journal import JournalService


def _calendar_icon(colour: QPalette) -> QIcon:
    """A small calendar page drawn in the text colour, so it shows on any theme."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = colour.color(QPalette.ColorRole.Text)
    painter.setPen(ink)
    painter.drawRoundedRect(QRectF(1.5, 2.5, 13, 12), 1.5, 1.5)
    painter.fillRect(QRectF(1.5, 2.5, 13, 3), ink)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRectF(4 + column * 3.5, 8 + row * 3, 1.6, 1.6), ink)
    painter.drawLine(QPointF(5, 1), QPointF(5, 4))
    painter.drawLine(QPointF(11, 1), QPointF(11, 4))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A date typed as text ("15 Mar 2026", "15/03/2026", "15.3.2026") or picked from a calendar.

    What is typed stays as typed while the field has focus (so no keystroke is taken as a jump to
    another part of the date); when the field is left, a readable date is written out in full.
    ``value()`` is None while the text is not clearly one date.
    """

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setMaxLength(40)
        self.setPlaceholderText(self.tr("day month year, e.g. 15 Mar 2026"))
        self.calendar_action = self.addAction(
            _calendar_icon(self.palette()), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setText(self.tr("Pick from a calendar"))
        self.calendar_action.setToolTip(self.tr("Pick from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar_menu: QMenu | None = None
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._write_out)
        self.textEdited.connect(lambda _text: set_invalid(self, False))  # fixed: drop the red mark

    def value(self) -> date | None:
        return parse_typed_date(self.text())

    def setDate(self, value: date | QDate) -> None:
        self.setText(format_date(to_date(value) if isinstance(value, QDate) else value))

    def _write_out(self) -> None:
        value = self.value()
        if value is not None and self.text() != format_date(value):
            self.setText(format_date(value))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Coming in by keyboard (Tab, an access key, a dialog opening) selects the date, so what
        is typed replaces it; a click puts the cursor where it landed."""
        super().focusInEvent(event)
        if event.reason() not in (
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Alt+Down or F4 opens the calendar, as in a date box."""
        alt_down = (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """A month calendar under the field; a click or Return picks the day, Escape leaves it."""
        menu, calendar = self.calendar_menu, self.calendar
        if menu is None or calendar is None:
            self.calendar_menu = menu = QMenu(self)
            self.calendar = calendar = QCalendarWidget(menu)
            calendar.setMinimumDate(to_qdate(EARLIEST_BIRTH_DATE))
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.setAccessibleName(self.accessibleName())
            name_calendar_parts(calendar)
            holder = QWidgetAction(menu)
            holder.setDefaultWidget(calendar)
            menu.addAction(holder)
            calendar.clicked.connect(self._pick)
            calendar.activated.connect(self._pick)
        calendar.setSelectedDate(to_qdate(self.value() or self._today))
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, day: QDate) -> None:
        self.setDate(day)
        set_invalid(self, False)
        if self.calendar_menu is not None:
            self.calendar_menu.close()
        self.setFocus(Qt.FocusReason.PopupFocusReason)


class ChildProfileForm(QWidget):
    """Edits a :class:`ChildProfile`; ``profile()`` returns what is typed, the service validates it."""

    submitted = Signal()

    def __init__(
        self, today: date, parent: QWidget | None = None, journal: JournalService | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        #: Asks which milestones fit the age and stores the answers; without it (None) the
        #: "what can the child already do?" section is not shown.
        self._journal = journal
        self._id: int | None = None
        self._uuid: str | None = None

        self.errors = ErrorBanner(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("First name or nickname"))
        self.birth_edit = DateField(today, self)
        self.birth_edit.setDate(today)
        #: What the typed birth date means, kept up to date while typing: a wrong month shows.
        self.birth_age = QLabel(self)
        self.birth_age.setObjectName("birthAge")
        self.birth_age.setWordWrap(True)
        self.birth_age.setTextFormat(Qt.TextFormat.PlainText)

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
        self.due_edit = DateField(today, self)
        self.due_edit.setDate(today)

        weeks_box = QWidget(self)
        weeks_layout = QHBoxLayout(weeks_box)
        weeks_layout.setContentsMargins(0, 0, 0, 0)
        weeks_layout.addWidget(self.weeks_spin)
        self.days_label = QLabel(self.tr("Extra days"), weeks_box)
        self.days_label.setBuddy(self.days_spin)
        weeks_layout.addWidget(self.days_label)
        weeks_layout.addWidget(self.days_spin)
        weeks_layout.addStretch()
        self.early_stack = QStackedWidget(self)
        self.early_stack.addWidget(weeks_box)
        self.early_stack.addWidget(self.due_edit)
        self.early_how.currentIndexChanged.connect(self._show_early_how)
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
        form.addRow("", self.birth_age)
        form.addRow("", self.early_check)
        self.early_how_label = QLabel(self.tr("Tell us by"), self)
        form.addRow(self.early_how_label, self.early_how)
        # The label says what the field beside it holds (and is its accessible name).
        self.early_value_label = QLabel(self)
        form.addRow(self.early_value_label, self.early_stack)
        form.addRow(self.corrected_note)
        self.answers_box = MilestoneAnswersBox(lambda parent: DateField(today, parent), self)
        form.addRow(self.answers_box)
        for label, widget in (
            (self.tr("Name"), self.name_edit),
            (self.tr("Birth date"), self.birth_edit),
            (self.tr("Tell us by"), self.early_how),
            (self.tr("Born at"), self.weeks_spin),  # "Born at 34 weeks"
            (self.tr("Extra days"), self.days_spin),
            (self.tr("Due date"), self.due_edit),
        ):
            widget.setAccessibleName(label)
        self.early_how_label.setBuddy(self.early_how)
        self.early_check.setAccessibleName(self.early_check.text())
        self.birth_edit.textChanged.connect(self._update_birth_age)
        self.name_edit.textChanged.connect(self._update_birth_age)
        self.name_edit.textChanged.connect(self.answers_box.set_name)
        for changed in (
            self.birth_edit.textChanged,
            self.due_edit.textChanged,
            self.early_check.toggled,
            self.early_how.currentIndexChanged,
            self.weeks_spin.valueChanged,
            self.days_spin.valueChanged,
        ):
            changed.connect(self._update_asked)
        self._show_early_how(0)
        self._update_early(False)
        self._update_birth_age()
        self._update_asked()

    def _update_asked(self) -> None:
        """The milestones asked follow the age the typed dates give (kept while not a date)."""
        if self._journal is None:
            self.answers_box.hide()
            return
        try:
            profile = self.profile()
        except ValidationFailed:
            return
        self.answers_box.set_asked(self._journal.milestones_to_ask(profile))

    def milestone_answers(self) -> tuple[list[MilestoneAnswer], list[Milestone]]:
        """The answers chosen and the milestones asked; raises :class:`ValidationFailed` for a
        date that cannot be read."""
        answers, errors = self.answers_box.answers()
        if errors:
            raise ValidationFailed(errors)
        return answers, self.answers_box.asked()

    def save_with(self, save: Callable[[ChildProfile], ChildProfile]) -> ChildProfile:
        """Save the profile through ``save`` and then the answers through the journal service;
        the answers are checked first, so a bad one leaves everything as it was."""
        profile = self.profile()
        if self._journal is None:
            return save(profile)
        answers, asked = self.milestone_answers()
        errors = self._journal.milestone_answer_errors(profile, answers)
        if errors:
            raise ValidationFailed(errors)
        saved = save(profile)
        if saved.id is not None:
            self._journal.save_milestone_answers(saved.id, answers, asked)
        return saved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return or Enter anywhere in the form submits it, as in a dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def _show_early_how(self, index: int) -> None:
        self.early_stack.setCurrentIndex(index)
        field = self.weeks_spin if index == 0 else self.due_edit
        self.early_value_label.setText(field.accessibleName())
        self.early_value_label.setBuddy(field)

    def _update_birth_age(self) -> None:
        """Say what the typed birth date means today, or that it is not (yet) a date."""
        birth = self.birth_edit.value()
        name = self.name_edit.text().strip() or self.tr("Your child")
        if birth is None:
            text = (
                self.tr("Not a date yet (type e.g. 15 Mar 2026 or 15/03/2026).")
                if self.birth_edit.text().strip()
                else self.tr("Type the date, e.g. 15 Mar 2026 or 15/03/2026.")
            )
        elif birth > self._today:
            text = self.tr("{date}: that date is in the future.").format(date=describe_date(birth))
        else:
            age = age_between(birth, self._today)
            about = (
                self.tr("{name} was born today.")
                if age.total_days == 0
                else self.tr("{name} is {age} old.")
            )
            text = f"{describe_date(birth)}: " + about.format(name=name, age=age.describe())
        self.birth_age.setText(text)
        self.birth_edit.setAccessibleDescription(text)

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
        self.birth_edit.setDate(profile.birth_date if profile else self._today)
        due = profile.due_date if profile else None
        early = due is not None and (due - profile.birth_date).days > 0 if profile else False
        self.early_check.setChecked(bool(early))
        self._update_early(bool(early))
        if profile is not None and due is not None:
            self.due_edit.setDate(due)
            self.early_how.setCurrentIndex(1)
        self.errors.clear_errors()
        if self._journal is not None:
            stored = self._journal.milestone_answers(self._id) if self._id is not None else []
            asked = self._journal.milestones_to_ask(profile) if profile else []
            self.answers_box.set_answers(stored, asked)
        self._update_asked()

    def profile(self) -> ChildProfile:
        """The profile typed; raises :class:`ValidationFailed` for a date that cannot be read."""
        birth = self.birth_edit.value()
        errors: list[FieldError] = []
        if birth is None:
            errors.append(FieldError("birth_date", self._unreadable(self.tr("birth date"))))
        due: date | None = None
        if self.early_check.isChecked():
            if self.early_how.currentIndex() == 0:
                if birth is not None:
                    due = due_date_from_gestation(
                        birth, self.weeks_spin.value(), self.days_spin.value()
                    )
            else:
                due = self.due_edit.value()
                if due is None:
                    errors.append(FieldError("due_date", self._unreadable(self.tr("due date"))))
        if errors or birth is None:
            raise ValidationFailed(errors)
        return ChildProfile(self.name_edit.text(), birth, due, self._id, self._uuid)

    def _unreadable(self, what: str) -> str:
        return self.tr(
            "Please type the {what} as day, month and year, for example 15 Mar 2026 or 15/03/2026."
        ).format(what=what)

    def show_errors(self, errors: list[FieldError]) -> None:
        widgets = {
            "name": self.name_edit,
            "birth_date": self.birth_edit,
            "due_date": self.due_edit if self.early_how.currentIndex() else self.early_stack,
        }
        self.errors.show_errors(errors)
        for key, widget in widgets.items():
            set_invalid(widget, any(e.field == key for e in errors))
        first_answer = self.answers_box.mark_errors(errors)
        for e in errors:
            if e.field in widgets:
                widgets[e.field].setFocus(Qt.FocusReason.OtherFocusReason)
                break
        else:
            if first_answer is not None:
                first_answer.setFocus(Qt.FocusReason.OtherFocusReason)
