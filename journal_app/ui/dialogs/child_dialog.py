"""Add or edit a child's profile in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from journal_app.domain.entries import ChildProfile
from journal_app.domain.validation import ValidationFailed
from journal_app.ui.widgets.child_form import ChildProfileForm
from journal_app.ui.window.geometry import fit_to_screen


class ChildDialog(QDialog):
    """Shows the profile form; OK saves through ``save`` and stays open on bad input."""

    def __init__(
        self,
        today: date,
        save: Callable[[ChildProfile], ChildProfile],
        profile: ChildProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit child") if profile else self.tr("Add a child"))
        self._save = save
        self.saved: ChildProfile | None = None
        self.form = ChildProfileForm(today, self)
        self.form.set_profile(profile)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)  # whole on the screen it opens on

    def accept(self) -> None:
        try:
            self.saved = self._save(self.form.profile())
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            return
        super().accept()
