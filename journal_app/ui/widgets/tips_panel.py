"""The tips panel: ranked tips with their reasons, "worth mentioning" flags and about crawling."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.errors import ChildNotFound, JournalError
from journal_app.services.context import JournalContext
from journal_app.services.guidance import (
    ContentItem,
    Flag,
    Guidance,
    RankedTip,
    format_day,
    load_content,
)
from journal_app.ui.widgets.media_reminder import MediaReminderCard
from journal_app.ui.workers import run_after_repaint


class TipsPanel(QWidget):
    """Shows the guidance for the selected child; the main window calls :meth:`refresh` after saves."""

    #: A tip was marked as tried (True) or not tried any more (False).
    tipTriedChanged = Signal(str, bool)
    #: The panel has been rebuilt from the journal.
    refreshed = Signal()

    def __init__(
        self, context: JournalContext, parent: QWidget | None = None, child_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._child_id = child_id
        #: A problem saving a tip as tried, shown once at the top of the next rebuild.
        self._save_problem: str | None = None
        self._generation = 0
        self._journal_part: QWidget | None = None
        self.setObjectName("tips-panel")
        self.setAccessibleName(self.tr("Tips and guidance"))
        self.setMinimumWidth(240)

        self._scroll = QScrollArea(self)
        self._scroll.setAccessibleName(self.tr("Tips and guidance"))  # a Tab stop: named
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.refresh()

    # -- public API ---------------------------------------------------------------------------

    @property
    def child_id(self) -> int | None:
        return self._child_id

    def set_child(self, child_id: int | None) -> None:
        """Show the guidance for ``child_id``; None when there is no child yet."""
        self._child_id = child_id
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the panel from the journal (after a save, a child change, a tip marked).

        The guidance is computed on a worker thread; :attr:`refreshed` says when the panel shows it.
        Only the newest request's answer is shown.
        """
        self._generation += 1
        generation, child_id = self._generation, self._child_id
        if child_id is None:
            self._show(None, None)
            return
        context = self._context

        def work() -> tuple[int, Guidance | BaseException]:
            try:
                return generation, context.guidance.guidance_for(child_id)
            except (ChildNotFound, JournalError) as exc:
                return generation, exc

        run_after_repaint(self, work, on_done=self._arrived)

    def _arrived(self, answer: tuple[int, Guidance | BaseException]) -> None:
        generation, result = answer
        if generation != self._generation:
            return
        if isinstance(result, ChildNotFound):
            self._child_id = None
            self._show(None, None)
        elif isinstance(result, BaseException):
            self._show(None, str(result))
        else:
            self._show(result, None)

    def _show(self, guidance: Guidance | None, problem: str | None) -> None:
        """Replace the part that depends on the journal; the "about crawling" part stays as built."""
        if problem is None:
            problem, self._save_problem = self._save_problem, None
        position = self._scroll.verticalScrollBar().value()
        page = self._scroll.widget()
        if page is None:
            page = self._build_page()
            self._scroll.setWidget(page)
        column = page.layout()
        assert isinstance(column, QVBoxLayout)
        fresh = self._build_journal_part(guidance, problem)
        if self._journal_part is None:
            column.insertWidget(0, fresh)
        else:
            column.replaceWidget(self._journal_part, fresh)
            self._journal_part.setParent(None)
            self._journal_part.deleteLater()  # may hold the button whose click led here
        self._journal_part = fresh
        self._scroll.verticalScrollBar().setValue(position)
        self.refreshed.emit()

    # -- building -----------------------------------------------------------------------------

    def _build_page(self) -> QWidget:
        """The scrolled page: the journal part (added by :meth:`_show`), then about crawling."""
        content = load_content()
        page = QWidget()
        page.setObjectName("tips-page")
        column = QVBoxLayout(page)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(6)
        column.addWidget(self._heading(self.tr("About crawling")))
        for item in content.about:
            column.addWidget(self._about_item(item))
        column.addStretch(1)
        return page

    def _build_journal_part(self, guidance: Guidance | None, problem: str | None) -> QWidget:
        content = load_content()
        part = QWidget()
        part.setObjectName("tips-journal-part")
        column = QVBoxLayout(part)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)

        # Said once, at the top (the About box has the rest); not again under each part.
        note = self._label(content.disclaimer, "disclaimer")
        note.setFrameShape(QFrame.Shape.StyledPanel)
        note.setMargin(6)
        note.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        note.setAutoFillBackground(True)
        column.addWidget(note)

        if problem is not None:
            column.addWidget(self._label(problem, "problem", bold=True))
        if guidance is None and problem is None:
            column.addWidget(self._label(content.no_child, "no-child"))
        elif guidance is not None:
            # Something worth mentioning to the doctor comes first; else the ideas, then the
            # calm line.
            if guidance.flags:
                self._add_flags(column, guidance)
                self._add_tips(column, guidance)
            else:
                self._add_tips(column, guidance)
                self._add_flags(column, guidance)
            column.addWidget(MediaReminderCard(self._context, self._child_id))  # off by default
        return part

    def _add_tips(self, column: QVBoxLayout, guidance: Guidance) -> None:
        column.addWidget(self._heading(self.tr("Ideas to try")))
        intro = self.tr("Chosen from what you recorded for %1 in the last 14 days.")
        column.addWidget(
            self._label(intro.replace("%1", guidance.child_name), "tips-intro", small=True)
        )
        for tip in guidance.tips:
            column.addWidget(self._tip_card(tip))

    def _add_flags(self, column: QVBoxLayout, guidance: Guidance) -> None:
        column.addWidget(self._heading(self.tr("Worth mentioning to your doctor")))
        if not guidance.flags:
            column.addWidget(self._label(guidance.no_flags, "no-flags"))
            return
        for flag in guidance.flags:
            column.addWidget(self._flag_card(flag))

    def _tip_card(self, tip: RankedTip) -> QFrame:
        card = self._card(f"tip:{tip.id}")
        layout = card.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self._label(tip.title, "tip-title", bold=True))
        layout.addWidget(self._label(tip.reason, "tip-reason", italic=True))
        text = self._label(tip.text, "tip-text")
        source = self._label(
            self.tr("Source: %1").replace("%1", tip.source), "tip-source", small=True
        )
        text.setVisible(False)
        layout.addWidget(text)
        layout.addWidget(source)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        more = QToolButton()
        more.setObjectName("tip-more")
        more.setCheckable(True)
        more.setAutoRaise(True)
        more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        more.setArrowType(Qt.ArrowType.RightArrow)
        more.setText(self.tr("How"))
        more.setAccessibleName(self.tr("Show how to try “%1”").replace("%1", tip.title))

        def toggle(shown: bool) -> None:
            text.setVisible(shown)
            more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

        more.toggled.connect(toggle)
        row.addWidget(more)
        if not tip.can_be_tried:  # a reminder: nothing to mark
            row.addStretch(1)
            layout.addLayout(row)
            return card
        if tip.tried_on is None:
            button = QPushButton(self.tr("Mark as tried"))
            button.setObjectName("mark-tried")
            button.setAccessibleName(self.tr("Mark “%1” as tried").replace("%1", tip.title))
            button.clicked.connect(lambda: self._set_tried(tip.id, True))
            row.addWidget(button)
        else:
            tried = self.tr("Tried on %1").replace("%1", format_day(tip.tried_on))
            layout.insertWidget(layout.indexOf(source), self._label(tried, "tried-on", bold=True))
            row.addStretch(1)
            button = QPushButton(self.tr("Undo"))
            button.setObjectName("unmark-tried")
            button.setAccessibleName(self.tr("Mark “%1” as not tried").replace("%1", tip.title))
            button.clicked.connect(lambda: self._set_tried(tip.id, False))
            row.addWidget(button)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if tip.tried_on is None:
            row.addStretch(1)
        layout.addLayout(row)
        return card

    def _flag_card(self, flag: Flag) -> QFrame:
        card = self._card(f"flag:{flag.id}")
        layout = card.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self._label(flag.title, "flag-title", bold=True))
        layout.addWidget(self._label(flag.reason, "flag-reason"))
        return card

    def _about_item(self, item: ContentItem) -> QWidget:
        box = QWidget()
        box.setObjectName(f"about:{item.id}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addWidget(self._label(item.title, "about-title", bold=True))
        layout.addWidget(self._label(item.text, "about-text"))
        source = self.tr("Source: %1").replace("%1", item.source)
        layout.addWidget(self._label(source, "about-source", small=True))
        return box

    # -- small pieces -------------------------------------------------------------------------

    def _card(self, name: str) -> QFrame:
        card = QFrame()
        card.setObjectName(name)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        return card

    def _heading(self, text: str) -> QLabel:
        label = self._label(text, "heading", bold=True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 0)
        label.setAccessibleName(text)
        return label

    def _label(
        self, text: str, name: str, *, bold: bool = False, italic: bool = False, small: bool = False
    ) -> QLabel:
        """A word-wrapped label that shows ``text`` exactly as it is (never as HTML)."""
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(label.font())
        font.setBold(bold)
        font.setItalic(italic)
        if small:
            font.setPointSizeF(font.pointSizeF() * 0.9)
            palette = label.palette()
            palette.setColor(
                QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
            )
            label.setPalette(palette)
        label.setFont(font)
        return label

    def _set_tried(self, tip_id: str, tried: bool) -> None:
        if self._child_id is None:
            return
        try:
            if tried:
                self._context.guidance.mark_tried(self._child_id, tip_id)
            else:
                self._context.guidance.unmark_tried(self._child_id, tip_id)
        except JournalError as exc:
            self._save_problem = str(exc)
            self.refresh()
            return
        self.refresh()
        self.tipTriedChanged.emit(tip_id, tried)
