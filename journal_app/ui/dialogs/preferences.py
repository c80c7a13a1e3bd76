"""Preferences: the app's language (follow the system, or one of the shipped languages).

The choice is kept with :func:`journal_app.i18n_qt.save_language` and read at start-up by
:func:`journal_app.i18n_qt.saved_language`; it applies at the next start (Qt's translators and
every built widget would otherwise have to be rebuilt).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from journal_app import i18n, i18n_qt


def language_name(code: str) -> str:
    """A language named in itself, as a person who reads it looks for it: "English", "Español"."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


class PreferencesDialog(QDialog):
    """The Language choice; OK keeps it for the next start, Cancel changes nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferencesDialog")
        self._saved = i18n_qt.saved_language()

        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setAccessibleName(self.tr("Language"))
        self.language_combo.addItem(self.tr("Follow the system"), "")
        for code in i18n.available_languages():
            self.language_combo.addItem(language_name(code), code)
        index = self.language_combo.findData(self._saved or "")
        self.language_combo.setCurrentIndex(max(index, 0))

        label = QLabel(self.tr("&Language:"), self)
        label.setBuddy(self.language_combo)
        form = QFormLayout()
        form.addRow(label, self.language_combo)

        self.note = QLabel(
            self.tr("A new language is used from the next time you start Crawl Journal."), self
        )
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        self.language_combo.setAccessibleDescription(self.note.text())

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)
        self.setMaximumWidth(640)

    def chosen_language(self) -> str | None:
        """The code chosen ("es"), or None to follow the system."""
        code = self.language_combo.currentData()
        return code if isinstance(code, str) and code else None

    @property
    def changed(self) -> bool:
        """Whether the choice differs from the one kept when the dialog opened."""
        return self.chosen_language() != self._saved

    def accept(self) -> None:
        if self.changed:
            i18n_qt.save_language(self.chosen_language())
        super().accept()
