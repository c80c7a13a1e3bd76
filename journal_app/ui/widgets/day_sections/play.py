"""The day form's play section: tummy time (typed or timed) and the floor the baby played on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from journal_app.domain.enums import FloorSurface
from journal_app.domain.validation import tummy_time_note
from journal_app.ui.widgets.common import NumberField


class PlaySection(QGroupBox):
    changed = Signal()
    timer_toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Play"))
        self.tummy_field = NumberField(self.tr("Tummy time (minutes)"), self, width=72)
        self.tummy_field.textChanged.connect(self.changed)  # typed or set any other way
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
        self.tummy_field.textChanged.connect(self._update_tummy_note)
        self.floor_combo = QComboBox(self)
        self.floor_combo.addItem(self.tr("Not noted"), None)
        for surface in FloorSurface:
            self.floor_combo.addItem(surface.label, surface.value)
        self.floor_combo.setAccessibleName(self.tr("Floor surface"))
        self.floor_combo.currentIndexChanged.connect(self.changed)
        self._form = form = QFormLayout(self)
        # The label says what the field holds, as its accessible name does: minutes.
        tummy_label = QLabel(self.tr("T&ummy time (minutes)"), self)
        tummy_label.setBuddy(self.tummy_field)
        floor_label = QLabel(self.tr("F&loor surface"), self)
        floor_label.setBuddy(self.floor_combo)
        form.addRow(tummy_label, tummy_row)
        form.addRow("", self.tummy_note)
        form.setRowVisible(self.tummy_note, False)
        form.addRow(floor_label, self.floor_combo)

    def load(self, tummy_minutes: int | None, floor: FloorSurface | None) -> None:
        self.tummy_field.set_value(tummy_minutes)
        self.floor_combo.setCurrentIndex(self.floor_combo.findData(floor.value) if floor else 0)

    def floor(self) -> FloorSurface | None:
        value = self.floor_combo.currentData()
        return FloorSurface(value) if value else None

    def tab_order(self) -> list[QWidget]:
        return [self.tummy_field, self.timer_button, self.floor_combo]

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
        # The whole row goes with the note, so no blank gap stays under the field.
        self._form.setRowVisible(self.tummy_note, note is not None)

    def add_tummy_minutes(self, minutes: int) -> None:
        try:
            current = self.tummy_field.value() or 0
        except ValueError:
            current = 0
        self.tummy_field.set_value(current + minutes)
