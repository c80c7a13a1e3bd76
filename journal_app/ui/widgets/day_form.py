"""The day form: what the baby did today, with tummy time, floor, milestones, signs and notes.

Each part is a section widget of ``day_sections/``; the form puts them in two columns (one when
narrow), keeps the tab order across them, and turns what they hold into a :class:`DayEntry`.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.dates import format_weekday_date
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.domain.validation import FieldError, ValidationFailed
from journal_app.i18n import _
from journal_app.ui.widgets.common import ErrorBanner, NumberField, WheelGuard, set_invalid
from journal_app.ui.widgets.day_sections.milestones import MilestonesSection
from journal_app.ui.widgets.day_sections.movements import (
    MovementRow,
    MovementSection,
    minutes_name,
    times_name,
)
from journal_app.ui.widgets.day_sections.notes import NotesSection
from journal_app.ui.widgets.day_sections.play import PlaySection
from journal_app.ui.widgets.day_sections.shared_changes import SharedChangesSection
from journal_app.ui.widgets.day_sections.warning_signs import WarningSignRow, WarningSignsSection

__all__ = ["DayForm", "MovementRow", "WarningSignRow"]


def _scroll_into_view(scroll: QScrollArea, widget: QWidget, margin: int = 12) -> None:
    """Scroll so all of ``widget`` shows, or its top-left part when it is bigger than the view.

    (``QScrollArea.ensureWidgetVisible`` shows only the text cursor of a text box, which leaves
    most of a notes box below the window's edge.)"""
    page = scroll.widget()
    if page is None:
        return
    top_left = widget.mapTo(page, QPoint(0, 0))
    viewport = scroll.viewport()
    for bar, start, size, view in (
        (scroll.verticalScrollBar(), top_left.y(), widget.height(), viewport.height()),
        (scroll.horizontalScrollBar(), top_left.x(), widget.width(), viewport.width()),
    ):
        value = bar.value()
        if size + 2 * margin <= view:  # it fits: scroll as little as shows all of it
            value = max(value, start + size + margin - view)
            value = min(value, start - margin)
        elif not value <= start < value + view:  # too big: show where it starts
            value = start - margin
        bar.setValue(value)


class DayForm(QWidget):
    """Edits one :class:`DayEntry`. It holds no rules: the journal service validates and saves."""

    changed = Signal()
    save_requested = Signal()
    timer_toggled = Signal()
    #: A day was loaded (the photos and videos section follows it).
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._child: ChildProfile | None = None
        self._day: date | None = None
        self._dirty = False
        self._loading = False

        self.title = QLabel(self)
        self.title.setObjectName("dayTitle")
        self.title.setWordWrap(True)  # a narrow window wraps the date rather than scrolling
        self.title.setStyleSheet("QLabel#dayTitle { font-size: 16pt; font-weight: 600; }")
        self.age_label = QLabel(self)
        self.age_label.setObjectName("ageLabel")
        self.errors = ErrorBanner(self)
        self.shared_box = SharedChangesSection(self)  # what another computer did to this day

        self._wheel_guard = WheelGuard(self)
        self.movement_box = MovementSection(self)
        self.movement_box.changed.connect(self._on_changed)
        self.movement_rows = self.movement_box.rows
        self.play_box = PlaySection(self)
        self.play_box.changed.connect(self._on_changed)
        self.play_box.timer_toggled.connect(self.timer_toggled)
        self.tummy_field = self.play_box.tummy_field
        self.timer_button = self.play_box.timer_button
        self.timer_label = self.play_box.timer_label
        self.tummy_note = self.play_box.tummy_note
        self.floor_combo = self.play_box.floor_combo
        self.milestone_box = MilestonesSection(self)
        self.milestone_box.changed.connect(self._on_changed)
        self.milestone_list = self.milestone_box.milestone_list
        self.signs_box = WarningSignsSection(self._wheel_guard, self)
        self.signs_box.changed.connect(self._on_changed)
        self.signs_box.rows_changed.connect(self._fix_tab_order)
        self.sign_rows = self.signs_box.rows
        self.add_sign_button = self.signs_box.add_button
        self.signs_hint = self.signs_box.hint
        self.notes_box = NotesSection(self)
        self.notes_box.changed.connect(self._on_changed)
        self.notes_edit = self.notes_box.notes_edit
        self.notes_in_summary = self.notes_box.notes_in_summary
        self.questions_edit = self.notes_box.questions_edit

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.saved_label = QLabel("", self)

        left = QVBoxLayout()
        left.addWidget(self.movement_box)
        left.addWidget(self.play_box)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self.milestone_box, 1)
        right.addWidget(self.signs_box)
        right.addWidget(self.notes_box)
        self.right_column = right  # the photos and videos section goes below (window/media.py)
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        #: Save and when it last happened; the window puts it under the scrolling page.
        self.save_bar = QWidget(self)
        self.save_bar.setObjectName("saveBar")
        buttons = QHBoxLayout(self.save_bar)
        buttons.setContentsMargins(8, 4, 8, 4)
        buttons.addWidget(self.saved_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)

        # A visible focus mark on every field, whatever the desktop theme draws.
        self.setStyleSheet(
            "QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QListWidget:focus"
            " { border: 2px solid palette(highlight); border-radius: 3px; }"
            " QCheckBox:focus { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 3px; }"
        )
        for combo in (self.floor_combo,):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self._wheel_guard)

        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.age_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.shared_box)
        layout.addLayout(columns)
        layout.addWidget(self.save_bar)
        self._fix_tab_order()
        self._outline_check_boxes()
        # Access keys (Alt+N, Alt+Q...) and shortcuts move focus without scrolling; Tab does.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._outline_check_boxes()
        super().changeEvent(event)

    def _outline_check_boxes(self) -> None:
        """In a dark theme, an unticked box's frame (drawn a shade darker than the Window role)
        vanishes into the dark base: there its Window role takes the text colour's, so the frame
        shows; a light theme keeps the style's own look."""
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        for widget in (*self.findChildren(QCheckBox), self.milestone_list):
            own = QPalette(palette)
            if dark:
                own.setColor(
                    QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.WindowText)
                )
            widget.setPalette(own)

    def detach_save_bar(self) -> QWidget:
        """Take the save bar out of the form, for the window to place where it stays in view."""
        self._layout.removeWidget(self.save_bar)
        return self.save_bar

    #: Below this width the two columns stack, so nothing is cut off in a narrow window.
    TWO_COLUMN_MIN_WIDTH = 880

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.TWO_COLUMN_MIN_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    def _scroll_area(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, QScrollArea):
                return widget
            widget = widget.parentWidget()
        return None

    def _show_focused(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Scroll a field that gets the keyboard focus into view (a click is already in view)."""
        if now is None or not self.isAncestorOf(now):
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        scroll = self._scroll_area()
        if scroll is not None:
            _scroll_into_view(scroll, now)

    # -- state ----------------------------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def day(self) -> date | None:
        return self._day

    @property
    def child(self) -> ChildProfile | None:
        return self._child

    def mark_clean(self) -> None:
        self._dirty = False
        self.changed.emit()

    def _on_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self.changed.emit()

    def _fix_tab_order(self) -> None:
        order: list[QWidget] = [
            *self.movement_box.tab_order(),
            *self.play_box.tab_order(),
            self.milestone_list,
            *self.signs_box.tab_order(),
            *self.notes_box.tab_order(),
            self.save_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def focus_first_field(self) -> None:
        """Ready to type: the first movement row."""
        self.movement_rows[next(iter(self.movement_rows))].seen.setFocus()

    # -- loading and reading ----------------------------------------------------------------

    def load(
        self,
        child: ChildProfile,
        entry: DayEntry,
        recorded_milestones: dict[Milestone, date],
        today: date,
    ) -> None:
        """Show ``entry`` for ``child``; ``recorded_milestones`` are all the child's milestones."""
        self._loading = True
        try:
            self._child = child
            self._day = entry.day
            self.title.setText(
                format_weekday_date(entry.day)
                + (self.tr("  (today)") if entry.day == today else "")
            )
            self.age_label.setText(f"{child.name}: {child.age_on(entry.day).describe()}")
            self.errors.clear_errors()
            self.movement_box.load(entry.movements)
            self.play_box.load(entry.tummy_minutes, entry.floor)
            self.milestone_box.load(entry.day, entry.milestones, recorded_milestones)
            self.signs_box.load(entry.warning_signs)
            self.notes_box.load(entry.notes, entry.notes_in_summary, entry.questions)
            self.shared_box.load(child.id, entry.day)
            for widget in self._all_fields():
                set_invalid(widget, False)
        finally:
            self._loading = False
        self._dirty = False
        self.changed.emit()
        self.loaded.emit()

    def entry(self) -> DayEntry:
        """What the form holds; raises :class:`ValidationFailed` for numbers that are not numbers."""
        if self._child is None or self._child.id is None or self._day is None:
            raise RuntimeError("No day is loaded")
        errors: list[FieldError] = []
        movements: dict[MovementStyle, MovementCount] = {}
        for style, row in self.movement_rows.items():
            episodes = self._number(
                row.episodes, f"movement.{style.value}", times_name(style), errors
            )
            minutes = self._number(
                row.minutes, f"movement.{style.value}", minutes_name(style), errors
            )
            if row.seen.isChecked():
                movements[style] = MovementCount(episodes, minutes)
        tummy = self._number(self.tummy_field, "tummy_minutes", self.tr("Tummy time"), errors)
        signs = self.signs_box.values(errors)
        if errors:
            raise ValidationFailed(errors)
        return DayEntry(
            child_id=self._child.id,
            day=self._day,
            movements=movements,
            tummy_minutes=tummy,
            floor=self.play_box.floor(),
            milestones=self.milestone_box.ticked(),
            warning_signs=signs,
            notes=self.notes_box.notes(),
            questions=self.notes_box.questions(),
            notes_in_summary=self.notes_in_summary.isChecked(),
        )

    @staticmethod
    def _number(field: NumberField, key: str, what: str, errors: list[FieldError]) -> int | None:
        try:
            return field.value()
        except ValueError:
            errors.append(
                FieldError(
                    key,
                    _("{what}: please enter a whole number (you typed {typed}).").format(
                        what=what, typed=repr(field.text())
                    ),
                )
            )
            return None

    # -- errors -----------------------------------------------------------------------------

    def _all_fields(self) -> list[QWidget]:
        fields: list[QWidget] = [
            self.tummy_field,
            self.milestone_list,
            self.notes_edit,
            self.questions_edit,
        ]
        for row in self.movement_rows.values():
            fields += [row.episodes, row.minutes]
        for sign_row in self.sign_rows:
            fields.append(sign_row)
        return fields

    def _widgets_for(self, field: str) -> list[QWidget]:
        if field == "tummy_minutes":
            return [self.tummy_field]
        if field.startswith("movement."):
            row = self.movement_rows[MovementStyle(field.split(".", 1)[1])]
            return [row.episodes, row.minutes]
        if field.startswith("warning_signs."):
            index = int(field.split(".", 1)[1])
            return [self.sign_rows[index]] if index < len(self.sign_rows) else []
        by_name: dict[str, list[QWidget]] = {
            "milestones": [self.milestone_list],
            "notes": [self.notes_edit],
            "questions": [self.questions_edit],
        }
        return by_name.get(field, [])

    def show_errors(self, errors: list[FieldError]) -> None:
        self.errors.show_errors(errors)
        reasons: dict[QWidget, str] = {}
        for error in errors:
            for widget in self._widgets_for(error.field):
                reasons[widget] = error.message
        bad = list(reasons)
        for widget in self._all_fields():
            set_invalid(widget, widget in reasons, reasons.get(widget, ""))
        if bad:
            bad[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.show_errors([])

    # -- timer ------------------------------------------------------------------------------

    def set_timer_state(self, running: bool, elapsed: str = "") -> None:
        self.play_box.set_timer_state(running, elapsed)

    def add_tummy_minutes(self, minutes: int) -> None:
        self.play_box.add_tummy_minutes(minutes)
        self._on_changed()
