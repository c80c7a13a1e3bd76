"""The first-run page: a few words on what the journal is for, then the child's profile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.entries import ChildProfile
from journal_app.domain.enums import Milestone
from journal_app.domain.reference import milestones_to_ask
from journal_app.ui.widgets.child_form import ChildProfileForm

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.services.journal import JournalService


class _LazyJournal:
    """Stands for ``context.journal`` until first used."""

    def __init__(self, context: JournalContext) -> None:
        self._context = context

    def milestones_to_ask(self, child: ChildProfile, on: date | None = None) -> list[Milestone]:
        # Asked as the dates are typed: a domain rule, no need to load the service for it.
        return milestones_to_ask(child, on or self._context.today())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context.journal, name)


def lazy_journal(context: JournalContext) -> JournalService:
    """The journal service for the welcome page's form, loaded (SQLAlchemy with it) only once the
    parent types a child's dates there, not on the way to the first window."""
    return cast("JournalService", _LazyJournal(context))


class WelcomePage(QWidget):
    """Centred, at most 560 px wide; :attr:`submitted` when the parent starts the journal."""

    submitted = Signal()

    def __init__(
        self, today: date, parent: QWidget | None = None, journal: JournalService | None = None
    ) -> None:
        super().__init__(parent)
        # The form can grow tall (the milestones asked): the page scrolls up and down, never
        # sideways.
        self.page_scroll = QScrollArea(self)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.page_scroll)
        welcome = QWidget(content)
        layout = QVBoxLayout(welcome)
        heading = QLabel(
            self.tr(
                "<h2>Welcome to Crawl Journal</h2>"
                "<p>Each evening, note how your baby moved today. Over the weeks you "
                "will see the change, get tips that fit, and have a clear record to "
                "take to the doctor. Everything stays on this computer.</p>"
                "<p>First, tell us about your child.</p>"
            ),
            welcome,
        )
        heading.setWordWrap(True)
        # With ``journal`` the form also asks what the child can already do (see save_child).
        self.form = ChildProfileForm(today, welcome, journal)
        self.button = QPushButton(self.tr("Start the journal"), welcome)
        self.button.setAccessibleName(self.tr("Start the journal"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submitted)
        self.form.submitted.connect(self.submitted)
        layout.addStretch()
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        welcome.setMaximumWidth(560)
        outer = QHBoxLayout(content)
        outer.addStretch()
        outer.addWidget(welcome)
        outer.addStretch()
        self.page_scroll.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.page_scroll)

    def save_child(self, save: Callable[[ChildProfile], ChildProfile]) -> ChildProfile:
        """Save the child typed through ``save`` and the answers given (raises
        :class:`ValidationFailed` and saves nothing on bad input)."""
        return self.form.save_with(save)
