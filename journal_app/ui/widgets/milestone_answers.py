"""'What can {name} already do?': one row per milestone, each answered "yes, on about [date]",
"yes, date not known" or "not yet" (or left unanswered: nothing is stored for it).

The widget only gathers what is chosen; which milestones are asked and whether a date is
acceptable are the service's (``JournalService.milestones_to_ask`` / ``milestone_answer_errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.dates import format_date, parse_typed_date
from journal_app.domain.entries import MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.domain.validation import FieldError
from journal_app.ui.widgets.common import set_invalid

#: Builds the date field of a row (the form's own DateField, so dates are typed the same way).
DateFieldFactory = Callable[[QWidget], QLineEdit]


class MilestoneAnswerRow(QWidget):
    """One milestone: its name, then the three answers as radio buttons in one group."""

    def __init__(
        self, milestone: Milestone, make_date_field: DateFieldFactory, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.milestone = milestone
        name = milestone.label
        self.label = QLabel(name, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.yes_on = QRadioButton(self.tr("Yes, on about"), self)
        self.date_edit = make_date_field(self)
        self.yes_undated = QRadioButton(self.tr("Yes, date not known"), self)
        self.not_yet = QRadioButton(self.tr("Not yet"), self)
        self.group = QButtonGroup(self)
        for button in (self.yes_on, self.yes_undated, self.not_yet):
            self.group.addButton(button)
        self.label.setBuddy(self.yes_on)
        for widget, what in (
            (self.yes_on, self.tr("yes, on about a date")),
            (self.date_edit, self.tr("about when")),
            (self.yes_undated, self.tr("yes, date not known")),
            (self.not_yet, self.tr("not yet")),
        ):
            widget.setAccessibleName(
                self.tr("{milestone}: {answer}").format(milestone=name, answer=what)
            )
        # Typing a date (or picking one) answers "yes, on about" that date.
        self.date_edit.textChanged.connect(self._date_typed)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.yes_on)
        self.date_edit.setPlaceholderText(self.tr("e.g. 15 Mar 2026"))
        self.date_edit.setMaximumWidth(self.date_edit.fontMetrics().horizontalAdvance("M") * 18)
        line.addWidget(self.date_edit, 1)
        line.addSpacing(12)
        line.addWidget(self.yes_undated)
        line.addWidget(self.not_yet)
        line.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addLayout(line)

    def _date_typed(self, text: str) -> None:
        if text:
            self.yes_on.setChecked(True)

    def date_text(self) -> str:
        return self.date_edit.text()

    def set_answer(self, answer: MilestoneAnswer | None) -> None:
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.date_edit.blockSignals(True)
        self.date_edit.setText(format_date(answer.on) if answer and answer.on else "")
        self.date_edit.blockSignals(False)
        if answer is None:
            return
        if not answer.reached:
            self.not_yet.setChecked(True)
        elif answer.on is None:
            self.yes_undated.setChecked(True)
        else:
            self.yes_on.setChecked(True)

    def checked(self) -> QAbstractButton | None:
        return self.group.checkedButton()


class MilestoneAnswersBox(QWidget):
    """The heading "What can {name} already do?" and a row for each milestone asked."""

    def __init__(self, make_date_field: DateFieldFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_date_field = make_date_field
        self.rows: dict[Milestone, MilestoneAnswerRow] = {}
        #: Milestones with a stored answer: shown even when the age no longer asks for them.
        self._stored: set[Milestone] = set()
        self.heading = QLabel(self)
        self.heading.setObjectName("milestoneAnswersHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.hint = QLabel(
            self.tr(
                "Answer what you know; leave the rest. What the journal records later counts too."
            ),
            self,
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.hint)
        self.set_name("")

    def set_name(self, name: str) -> None:
        text = (
            self.tr("What can {name} already do?").format(name=name.strip())
            if name.strip()
            else self.tr("What can your child already do?")
        )
        self.heading.setText(text)
        self.setAccessibleName(text)

    def _row(self, milestone: Milestone) -> MilestoneAnswerRow:
        row = self.rows.get(milestone)
        if row is None:
            row = self.rows[milestone] = MilestoneAnswerRow(milestone, self._make_date_field, self)
            self._layout.addWidget(row)
        return row

    def set_asked(self, asked: list[Milestone]) -> None:
        """Show a row for each milestone asked (and for any already answered), in the order of
        the milestones; a row hidden keeps its answer in case the date changes back."""
        shown = set(asked) | self._stored
        for milestone in Milestone:
            if milestone in shown:
                self._row(milestone)
        # Rows in the order of the milestones whatever order they were made in.
        for milestone in Milestone:
            row = self.rows.get(milestone)
            if row is not None:
                self._layout.removeWidget(row)
                self._layout.addWidget(row)
                row.setVisible(milestone in shown)
        self.setVisible(bool(shown))

    def set_answers(self, answers: list[MilestoneAnswer], asked: list[Milestone]) -> None:
        """Show what is stored (a milestone answered is shown even when no longer asked)."""
        by_milestone = {a.milestone: a for a in answers}
        self._stored = set(by_milestone)
        for milestone in set(asked) | set(by_milestone):
            self._row(milestone)
        for milestone, row in self.rows.items():
            row.set_answer(by_milestone.get(milestone))
        self.set_asked(asked)

    def asked(self) -> list[Milestone]:
        """The milestones whose rows are shown (the ones a save answers for)."""
        return [m for m in Milestone if m in self.rows and not self.rows[m].isHidden()]

    def answers(self) -> tuple[list[MilestoneAnswer], list[FieldError]]:
        """The answers chosen in the rows shown, and the dates that cannot be read."""
        answers: list[MilestoneAnswer] = []
        errors: list[FieldError] = []
        for milestone in self.asked():
            row = self.rows[milestone]
            button = row.checked()
            if button is row.not_yet:
                answers.append(MilestoneAnswer(milestone, False))
            elif button is row.yes_undated:
                answers.append(MilestoneAnswer(milestone, True))
            elif button is row.yes_on:
                on: date | None = parse_typed_date(row.date_text())
                if on is None:
                    errors.append(
                        FieldError(
                            field_key(milestone),
                            self.tr(
                                "{milestone}: please type the day as day, month and year, for "
                                "example 15 Mar 2026, or choose 'Yes, date not known'."
                            ).format(milestone=milestone.label),
                        )
                    )
                else:
                    answers.append(MilestoneAnswer(milestone, True, on))
        return answers, errors

    def mark_errors(self, errors: list[FieldError]) -> QWidget | None:
        """Mark the date fields the errors are about; the first one marked is returned."""
        first: QWidget | None = None
        fields = {e.field: e.message for e in errors}
        for milestone, row in self.rows.items():
            message = fields.get(field_key(milestone))
            set_invalid(row.date_edit, message is not None, message or "")
            if message is not None and first is None:
                first = row.date_edit
        return first


def field_key(milestone: Milestone) -> str:
    """The error field the service uses for a milestone's answer."""
    return f"milestone:{milestone.value}"
