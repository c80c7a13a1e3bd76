"""The day form: what the baby did today, with tummy time, floor, milestones, signs and notes."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.dates import format_date, format_weekday_date
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.validation import (
    MAX_TEXT_LENGTH,
    FieldError,
    ValidationFailed,
    tummy_time_note,
)
from journal_app.ui.palette import style_colour
from journal_app.ui.widgets.common import ErrorBanner, NumberField, WheelGuard, set_invalid


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


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class MovementRow:
    """One movement style: seen today, how many times, how many minutes."""

    def __init__(self, style: MovementStyle, parent: QWidget) -> None:
        self.style = style
        self.seen = QCheckBox(style.label, parent)
        self.seen.setAccessibleName(style.label)
        self.seen.setIcon(_swatch(style_colour(style)))  # the style's colour in every chart
        self.episodes = NumberField(f"{style.label}: times", parent)
        self.minutes = NumberField(f"{style.label}: minutes", parent)
        # Typing a number means it was seen.
        self.episodes.textEdited.connect(self._seen_if_counted)
        self.minutes.textEdited.connect(self._seen_if_counted)

    def _seen_if_counted(self, text: str) -> None:
        if text.strip():
            self.seen.setChecked(True)

    def load(self, count: MovementCount | None) -> None:
        self.seen.setChecked(count is not None)
        self.episodes.set_value(count.episodes if count else None)
        self.minutes.set_value(count.minutes if count else None)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.seen, self.episodes, self.minutes)


class WarningSignRow(QWidget):
    """A warning sign noticed today: which, where (when a side applies) and a short note."""

    removed = Signal(object)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sign = QComboBox(self)
        self.sign.addItem(self.tr("Choose a sign…"), None)
        for sign in WarningSign:
            self.sign.addItem(sign.label, sign.value)
        self.sign.setAccessibleName(self.tr("Warning sign"))
        self.side = QComboBox(self)
        self.side.addItem(self.tr("Side: not noted"), None)
        for side in Side:
            self.side.addItem(side.label, side.value)
        self.side.setAccessibleName(self.tr("Side"))
        self.note = QLineEdit(self)
        # As long as a note may be (32767 by default would cut a longer imported note silently).
        self.note.setMaxLength(MAX_TEXT_LENGTH)
        self.note.setPlaceholderText(self.tr("Note"))
        self.note.setAccessibleName(self.tr("Note about the sign"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sign, 3)
        layout.addWidget(self.side, 1)
        layout.addWidget(self.note, 3)
        layout.addWidget(self.remove_button)
        self.sign.currentIndexChanged.connect(self._update_side)
        self.sign.currentIndexChanged.connect(self.changed)
        self.side.currentIndexChanged.connect(self.changed)
        self.note.textEdited.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self._update_side()

    def _update_side(self) -> None:
        chosen = self.sign.currentData()
        applies = chosen is not None and WarningSign(chosen).side_applies
        self.side.setEnabled(applies)
        if not applies:
            self.side.setCurrentIndex(0)
        # The sides read as they mean for this sign ("Left side used less" for one-sidedness).
        for index in range(1, self.side.count()):
            side = Side(self.side.itemData(index))
            text = WarningSign(chosen).describe_side(side) if applies else side.label
            self.side.setItemText(index, self.tr(text))

    def load(self, entry: WarningSignEntry) -> None:
        self.sign.setCurrentIndex(self.sign.findData(entry.sign.value))
        self.side.setCurrentIndex(self.side.findData(entry.side.value) if entry.side else 0)
        self.note.setText(entry.note)

    @property
    def is_blank(self) -> bool:
        return self.sign.currentData() is None and not self.note.text().strip()

    def value(self) -> WarningSignEntry | None:
        """The sign, or None while no sign is chosen."""
        sign = self.sign.currentData()
        if sign is None:
            return None
        side = self.side.currentData()
        return WarningSignEntry(WarningSign(sign), Side(side) if side else None, self.note.text())


class DayForm(QWidget):
    """Edits one :class:`DayEntry`. It holds no rules: the journal service validates and saves."""

    changed = Signal()
    save_requested = Signal()
    timer_toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._child: ChildProfile | None = None
        self._day: date | None = None
        self._dirty = False
        self._loading = False
        self._loaded_notes = _LoadedText()
        self._loaded_questions = _LoadedText()

        self.title = QLabel(self)
        self.title.setObjectName("dayTitle")
        self.title.setStyleSheet("QLabel#dayTitle { font-size: 16pt; font-weight: 600; }")
        self.age_label = QLabel(self)
        self.age_label.setObjectName("ageLabel")
        self.errors = ErrorBanner(self)

        # Movement
        self.movement_box = QGroupBox(self.tr("Movement seen today"), self)
        grid = QGridLayout(self.movement_box)
        grid.addWidget(QLabel(self.tr("<i>Tick what you saw; counts are optional.</i>")), 0, 0)
        grid.addWidget(QLabel(self.tr("Times")), 0, 1)
        grid.addWidget(QLabel(self.tr("Minutes")), 0, 2)
        self.movement_rows: dict[MovementStyle, MovementRow] = {}
        for i, style in enumerate(MovementStyle, start=1):
            row = MovementRow(style, self.movement_box)
            self.movement_rows[style] = row
            for column, widget in enumerate(row.widgets()):
                grid.addWidget(widget, i, column)
            row.seen.toggled.connect(self._on_changed)
            row.episodes.textEdited.connect(self._on_changed)
            row.minutes.textEdited.connect(self._on_changed)
        grid.setColumnStretch(0, 1)

        # Tummy time and floor
        self.tummy_field = NumberField(self.tr("Tummy time (minutes)"), self, width=72)
        self.tummy_field.textEdited.connect(self._on_changed)
        self.timer_button = QPushButton(self.tr("Start timer"), self)
        self.timer_button.setAccessibleName(self.tr("Start timer"))
        self.timer_button.clicked.connect(self.timer_toggled)
        self.timer_label = QLabel("", self)
        self.timer_label.setAccessibleName(self.tr("Timer"))
        tummy_row = QWidget(self)
        tummy_layout = QHBoxLayout(tummy_row)
        tummy_layout.setContentsMargins(0, 0, 0, 0)
        tummy_layout.addWidget(self.tummy_field)
        tummy_layout.addWidget(self.timer_button)
        tummy_layout.addWidget(self.timer_label)
        tummy_layout.addStretch()
        # A gentle note under the row for an unusual amount; it never stops a save.
        self.tummy_note = QLabel("", self)
        self.tummy_note.setObjectName("tummy-note")
        self.tummy_note.setWordWrap(True)
        self.tummy_note.setVisible(False)
        self.tummy_field.textChanged.connect(self._update_tummy_note)
        self.floor_combo = QComboBox(self)
        self.floor_combo.addItem(self.tr("Not noted"), None)
        for surface in FloorSurface:
            self.floor_combo.addItem(surface.label, surface.value)
        self.floor_combo.setAccessibleName(self.tr("Floor surface"))
        self.floor_combo.currentIndexChanged.connect(self._on_changed)
        play_box = QGroupBox(self.tr("Play"), self)
        play_form = QFormLayout(play_box)
        # The label says what the field holds, as its accessible name does: minutes.
        tummy_label = QLabel(self.tr("T&ummy time (minutes)"), play_box)
        tummy_label.setBuddy(self.tummy_field)
        floor_label = QLabel(self.tr("F&loor surface"), play_box)
        floor_label.setBuddy(self.floor_combo)
        play_form.addRow(tummy_label, tummy_row)
        play_form.addRow("", self.tummy_note)
        play_form.addRow(floor_label, self.floor_combo)

        # Milestones
        self.milestone_box = QGroupBox(self.tr("First-time milestones reached today"), self)
        self.milestone_list = QListWidget(self.milestone_box)
        self.milestone_list.setMinimumHeight(180)  # until loaded; then tall enough for every row
        # Room between rows, so the tick boxes stand apart instead of merging into one column.
        self.milestone_list.setSpacing(2)
        milestone_shortcut = QShortcut(QKeySequence("Alt+M"), self)
        milestone_shortcut.activated.connect(
            lambda: self.milestone_list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.milestone_list.setAccessibleName(self.tr("First-time milestones reached today"))
        self.milestone_list.itemChanged.connect(self._on_changed)
        QVBoxLayout(self.milestone_box).addWidget(self.milestone_list)

        # Warning signs
        self.signs_box = QGroupBox(self.tr("Warning signs noticed today"), self)
        self.signs_layout = QVBoxLayout(self.signs_box)
        self.signs_hint = QLabel(
            self.tr(
                "Nothing noted. Add a sign only if you saw it; it goes into the doctor summary."
            ),
            self.signs_box,
        )
        self.signs_hint.setWordWrap(True)
        self.add_sign_button = QPushButton(self.tr("Add &warning sign"), self.signs_box)
        self.add_sign_button.setAccessibleName(self.tr("Add warning sign"))
        self.add_sign_button.clicked.connect(self._add_sign_clicked)
        self.signs_layout.addWidget(self.signs_hint)
        self.signs_layout.addWidget(self.add_sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sign_rows: list[WarningSignRow] = []

        # Notes and questions
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlaceholderText(self.tr("Anything you want to remember about today"))
        self.notes_edit.textChanged.connect(self._on_changed)
        self.notes_in_summary = QCheckBox(
            self.tr("Include these notes in the doctor summary"), self
        )
        self.notes_in_summary.setAccessibleName(self.notes_in_summary.text())
        self.notes_in_summary.toggled.connect(self._on_changed)
        self.questions_edit = QPlainTextEdit(self)
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setAccessibleName(self.tr("Questions for the doctor"))
        self.questions_edit.setPlaceholderText(self.tr("Questions to ask at the next visit"))
        self.questions_edit.textChanged.connect(self._on_changed)
        for edit in (self.notes_edit, self.questions_edit):
            edit.setMinimumHeight(64)
            edit.setMaximumHeight(120)
        text_box = QGroupBox(self.tr("Notes and questions"), self)
        text_layout = QVBoxLayout(text_box)
        notes_label = QLabel(self.tr("&Notes"), text_box)
        notes_label.setBuddy(self.notes_edit)
        questions_label = QLabel(self.tr("&Questions for the doctor"), text_box)
        questions_label.setBuddy(self.questions_edit)
        for widget in (
            notes_label,
            self.notes_edit,
            self.notes_in_summary,
            questions_label,
            self.questions_edit,
        ):
            text_layout.addWidget(widget)

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.saved_label = QLabel("", self)

        left = QVBoxLayout()
        left.addWidget(self.movement_box)
        left.addWidget(play_box)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self.milestone_box, 1)
        right.addWidget(self.signs_box)
        right.addWidget(text_box)
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
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
        self._wheel_guard = WheelGuard(self)
        for combo in (self.floor_combo,):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self._wheel_guard)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.age_label)
        layout.addWidget(self.errors)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        self._fix_tab_order()
        # Access keys (Alt+N, Alt+Q...) and shortcuts move focus without scrolling; Tab does.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

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
        order: list[QWidget] = []
        for row in self.movement_rows.values():
            order += row.widgets()
        order += [self.tummy_field, self.timer_button, self.floor_combo, self.milestone_list]
        for sign_row in self.sign_rows:
            order += [sign_row.sign, sign_row.side, sign_row.note, sign_row.remove_button]
        order += [
            self.add_sign_button,
            self.notes_edit,
            self.notes_in_summary,
            self.questions_edit,
            self.save_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

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
            for style, row in self.movement_rows.items():
                row.load(entry.movements.get(style))
            self.tummy_field.set_value(entry.tummy_minutes)
            self.floor_combo.setCurrentIndex(
                self.floor_combo.findData(entry.floor.value) if entry.floor else 0
            )
            self._load_milestones(entry, recorded_milestones)
            for sign_row in list(self.sign_rows):
                self._remove_sign_row(sign_row)
            for sign in entry.warning_signs:
                self._add_sign_row().load(sign)
            self._loaded_notes.load(self.notes_edit, entry.notes)
            self.notes_in_summary.setChecked(entry.notes_in_summary)
            self._loaded_questions.load(self.questions_edit, entry.questions)
            for widget in self._all_fields():
                set_invalid(widget, False)
        finally:
            self._loading = False
        self._dirty = False
        self.changed.emit()

    def _load_milestones(self, entry: DayEntry, recorded: dict[Milestone, date]) -> None:
        self.milestone_list.clear()
        for milestone in Milestone:
            item = QListWidgetItem(milestone.label)
            item.setData(Qt.ItemDataRole.UserRole, milestone.value)
            on = recorded.get(milestone)
            if on is not None and on != entry.day:
                item.setText(
                    self.tr("{label} (recorded {date})").format(
                        label=milestone.label, date=format_date(on)
                    )
                )
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                checked = milestone in entry.milestones
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.milestone_list.addItem(item)
        self._fit_milestone_list()

    def _fit_milestone_list(self) -> None:
        """Every milestone in view at once: the list is as tall as its rows (the page scrolls)."""
        spacing = 2 * self.milestone_list.spacing()
        rows = sum(
            self.milestone_list.sizeHintForRow(i) + spacing
            for i in range(self.milestone_list.count())
        )
        # The frame, and the thicker focus frame of the style sheet, around the rows.
        height = rows + 2 * max(self.milestone_list.frameWidth(), 2) + 2
        self.milestone_list.setFixedHeight(max(height, 60))

    def entry(self) -> DayEntry:
        """What the form holds; raises :class:`ValidationFailed` for numbers that are not numbers."""
        if self._child is None or self._child.id is None or self._day is None:
            raise RuntimeError("No day is loaded")
        errors: list[FieldError] = []
        movements: dict[MovementStyle, MovementCount] = {}
        for style, row in self.movement_rows.items():
            episodes = self._number(
                row.episodes, f"movement.{style.value}", f"{style.label}: times", errors
            )
            minutes = self._number(
                row.minutes, f"movement.{style.value}", f"{style.label}: minutes", errors
            )
            if row.seen.isChecked():
                movements[style] = MovementCount(episodes, minutes)
        tummy = self._number(self.tummy_field, "tummy_minutes", self.tr("Tummy time"), errors)
        signs: list[WarningSignEntry] = []
        for index, sign_row in enumerate(self.sign_rows):
            value = sign_row.value()
            if value is not None:
                signs.append(value)
            elif not sign_row.is_blank:
                errors.append(
                    FieldError(
                        f"warning_signs.{index}",
                        self.tr("Please choose which warning sign the note is about."),
                    )
                )
        if errors:
            raise ValidationFailed(errors)
        floor = self.floor_combo.currentData()
        milestones = []
        for i in range(self.milestone_list.count()):
            item = self.milestone_list.item(i)
            if (
                item.flags() & Qt.ItemFlag.ItemIsUserCheckable
                and item.checkState() == Qt.CheckState.Checked
            ):
                milestones.append(Milestone(item.data(Qt.ItemDataRole.UserRole)))
        return DayEntry(
            child_id=self._child.id,
            day=self._day,
            movements=movements,
            tummy_minutes=tummy,
            floor=FloorSurface(floor) if floor else None,
            milestones=milestones,
            warning_signs=signs,
            notes=self._loaded_notes.text(self.notes_edit),
            questions=self._loaded_questions.text(self.questions_edit),
            notes_in_summary=self.notes_in_summary.isChecked(),
        )

    @staticmethod
    def _number(field: NumberField, key: str, what: str, errors: list[FieldError]) -> int | None:
        try:
            return field.value()
        except ValueError:
            errors.append(
                FieldError(
                    key, f"{what}: please enter a whole number (you typed {field.text()!r})."
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

    # -- warning sign rows ------------------------------------------------------------------

    def _add_sign_clicked(self) -> None:
        row = self._add_sign_row()
        self._on_changed()
        row.sign.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_sign_row(self) -> WarningSignRow:
        row = WarningSignRow(self.signs_box)
        for combo in (row.sign, row.side):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self._wheel_guard)
        row.changed.connect(self._on_changed)
        row.removed.connect(self._remove_sign_clicked)
        self.sign_rows.append(row)
        self.signs_layout.insertWidget(len(self.sign_rows), row)
        self.signs_hint.setVisible(False)
        self._fix_tab_order()
        return row

    def _remove_sign_clicked(self, row: WarningSignRow) -> None:
        self._remove_sign_row(row)
        self._on_changed()
        self.add_sign_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_sign_row(self, row: WarningSignRow) -> None:
        self.sign_rows.remove(row)
        self.signs_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.signs_hint.setVisible(not self.sign_rows)
        self._fix_tab_order()

    # -- timer ------------------------------------------------------------------------------

    def set_timer_state(self, running: bool, elapsed: str = "") -> None:
        text = self.tr("Stop timer") if running else self.tr("Start timer")
        self.timer_button.setText(text)
        self.timer_button.setAccessibleName(text)
        self.timer_label.setText(elapsed)

    def _update_tummy_note(self, text: str) -> None:
        try:
            minutes: int | None = int(text.strip())
        except ValueError:
            minutes = None
        note = tummy_time_note(minutes)
        self.tummy_note.setText(self.tr(note) if note else "")
        self.tummy_note.setVisible(note is not None)

    def add_tummy_minutes(self, minutes: int) -> None:
        try:
            current = self.tummy_field.value() or 0
        except ValueError:
            current = 0
        self.tummy_field.set_value(current + minutes)
        self._on_changed()
