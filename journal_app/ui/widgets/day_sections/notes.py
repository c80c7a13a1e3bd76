"""The day form's notes section: the parent's notes and the questions for the doctor, kept
character for character."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


def _raw_text(edit: QPlainTextEdit) -> str:
    """What the box holds, character for character: ``toPlainText()`` would turn a no-break space
    into a space. Both separators Qt puts between lines, the paragraph separator (Return) and the
    line separator (U+2028, what Shift+Return types), are the line break the parent meant; an
    unedited box still gives back exactly the text it was given (:class:`_LoadedText`)."""
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


class _LoadedText:
    """The text put into a box and how the box shows it, so an unedited box gives back exactly the
    text it was given (even line endings, such as "\r\n", that a text box keeps as one break)."""

    def __init__(self) -> None:
        self.original = ""
        self.shown = ""

    def load(self, edit: QPlainTextEdit, text: str) -> None:
        edit.setPlainText(text)
        self.original = text
        self.shown = _raw_text(edit)

    def text(self, edit: QPlainTextEdit) -> str:
        shown = _raw_text(edit)
        return self.original if shown == self.shown else shown


class NotesSection(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Notes and questions"))
        self._loaded_notes = _LoadedText()
        self._loaded_questions = _LoadedText()
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlaceholderText(self.tr("Anything you want to remember about today"))
        self.notes_edit.textChanged.connect(self.changed)
        self.notes_in_summary = QCheckBox(
            self.tr("Include these notes in the doctor summary"), self
        )
        self.notes_in_summary.setAccessibleName(self.notes_in_summary.text())
        self.notes_in_summary.toggled.connect(self.changed)
        self.questions_edit = QPlainTextEdit(self)
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setAccessibleName(self.tr("Questions for the doctor"))
        self.questions_edit.setPlaceholderText(self.tr("Questions to ask at the next visit"))
        self.questions_edit.textChanged.connect(self.changed)
        for edit in (self.notes_edit, self.questions_edit):
            edit.setMinimumHeight(64)
            edit.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        notes_label = QLabel(self.tr("&Notes"), self)
        notes_label.setBuddy(self.notes_edit)
        questions_label = QLabel(self.tr("&Questions for the doctor"), self)
        questions_label.setBuddy(self.questions_edit)
        for widget in (
            notes_label,
            self.notes_edit,
            self.notes_in_summary,
            questions_label,
            self.questions_edit,
        ):
            layout.addWidget(widget)

    def load(self, notes: str, in_summary: bool, questions: str) -> None:
        self._loaded_notes.load(self.notes_edit, notes)
        self.notes_in_summary.setChecked(in_summary)
        self._loaded_questions.load(self.questions_edit, questions)

    def notes(self) -> str:
        return self._loaded_notes.text(self.notes_edit)

    def questions(self) -> str:
        return self._loaded_questions.text(self.questions_edit)

    def tab_order(self) -> list[QWidget]:
        return [self.notes_edit, self.notes_in_summary, self.questions_edit]
