"""Add or edit a child's profile in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.entries import ChildProfile
from journal_app.domain.validation import ValidationFailed
from journal_app.ui.widgets.child_form import ChildProfileForm
from journal_app.ui.window.geometry import fit_to_screen

if TYPE_CHECKING:
    from journal_app.services.journal import JournalService


class ChildDialog(QDialog):
    """Shows the profile form; OK saves through ``save`` and stays open on bad input.

    ``journal`` asks "what can the child already do?" and stores the answers; when it is not
    given and ``save`` is a journal service's own method (``journal.save_child``), that service
    is used."""

    def __init__(
        self,
        today: date,
        save: Callable[[ChildProfile], ChildProfile],
        profile: ChildProfile | None = None,
        parent: QWidget | None = None,
        journal: JournalService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit child") if profile else self.tr("Add a child"))
        self._save = save
        self.saved: ChildProfile | None = None
        if journal is None:
            # Imported here: the main window's module is loaded before SQLAlchemy may be.
            from journal_app.services.journal import JournalService

            owner = getattr(save, "__self__", None)
            journal = owner if isinstance(owner, JournalService) else None
        self.form = ChildProfileForm(today, None, journal)
        self.form.set_profile(profile)
        # The milestones asked can make the form tall: it scrolls up and down, never sideways.
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_scroll)
        layout.addWidget(self.buttons)
        self.form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + 24)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)  # whole on the screen it opens on

    def accept(self) -> None:
        try:
            self.saved = self.form.save_with(self._save)
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            focused = self.focusWidget()
            if focused is not None and self.form.isAncestorOf(focused):
                self.form_scroll.ensureWidgetVisible(focused)  # the field to fix is in view
            return
        super().accept()
