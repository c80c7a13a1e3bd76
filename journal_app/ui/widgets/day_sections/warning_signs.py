"""The day form's warning-sign section: the signs noticed today, one row each."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.entries import WarningSignEntry
from journal_app.domain.enums import Side, WarningSign
from journal_app.domain.validation import MAX_TEXT_LENGTH, FieldError


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
        # Labels a screen reader reads for each box (Qt names a combo box by its current item).
        sign_label = QLabel(self.tr("Sign:"), self)
        sign_label.setBuddy(self.sign)
        side_label = QLabel(self.tr("Side:"), self)
        side_label.setBuddy(self.side)
        note_label = QLabel(self.tr("Note:"), self)
        note_label.setBuddy(self.note)
        # Two lines: which sign and where, then the note across the whole row (the doctor reads it).
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(sign_label, 0, 0)
        layout.addWidget(self.sign, 0, 1)
        layout.addWidget(side_label, 0, 2)
        layout.addWidget(self.side, 0, 3)
        layout.addWidget(self.remove_button, 0, 4)
        layout.addWidget(note_label, 1, 0)
        layout.addWidget(self.note, 1, 1, 1, 4)
        layout.setColumnStretch(1, 3)
        layout.setColumnStretch(3, 2)
        self.sign.setMinimumContentsLength(11)
        self.side.setMinimumContentsLength(10)
        for combo in (self.sign, self.side):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.sign.currentIndexChanged.connect(self._update_side)
        self.sign.currentIndexChanged.connect(self.changed)
        self.side.currentIndexChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)  # typed or set any other way
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self._update_side()

    def _update_side(self) -> None:
        chosen = self.sign.currentData()
        self.remove_button.setAccessibleName(
            self.tr("Remove warning sign: {sign}").format(sign=WarningSign(chosen).label)
            if chosen is not None
            else self.tr("Remove this warning sign row")
        )
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

    def tab_order(self) -> list[QWidget]:
        return [self.sign, self.side, self.note, self.remove_button]


class WarningSignsSection(QGroupBox):
    """The rows of signs noticed today, and the button that adds one."""

    changed = Signal()
    #: The rows changed (added or removed): the form's tab order follows them.
    rows_changed = Signal()

    def __init__(self, wheel_guard: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Warning signs noticed today"))
        self._wheel_guard = wheel_guard
        self.signs_layout = QVBoxLayout(self)
        self.hint = QLabel(
            self.tr(
                "Nothing noted. Add a sign only if you saw it; it goes into the doctor summary."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add &warning sign"), self)
        self.add_button.setAccessibleName(self.tr("Add warning sign"))
        self.add_button.clicked.connect(self._add_clicked)
        self.signs_layout.addWidget(self.hint)
        self.signs_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[WarningSignRow] = []

    def load(self, signs: list[WarningSignEntry]) -> None:
        for row in list(self.rows):
            self._remove_row(row)
        for sign in signs:
            self.add_row().load(sign)

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.changed.emit()
        row.sign.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self) -> WarningSignRow:
        row = WarningSignRow(self)
        for combo in (row.sign, row.side):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self._wheel_guard)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove_clicked)
        self.rows.append(row)
        self.signs_layout.insertWidget(len(self.rows), row)
        row.show()  # at once: keys typed right after Add reach its fields (a layout shows it later)
        self.hint.setVisible(False)
        self.rows_changed.emit()
        return row

    def _remove_clicked(self, row: WarningSignRow) -> None:
        self._remove_row(row)
        self.changed.emit()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_row(self, row: WarningSignRow) -> None:
        self.rows.remove(row)
        self.signs_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.hint.setVisible(not self.rows)
        self.rows_changed.emit()

    def values(self, errors: list[FieldError]) -> list[WarningSignEntry]:
        """The signs chosen; a row with a note but no sign adds an error to ``errors``."""
        signs: list[WarningSignEntry] = []
        for index, row in enumerate(self.rows):
            value = row.value()
            if value is not None:
                signs.append(value)
            elif not row.is_blank:
                errors.append(
                    FieldError(
                        f"warning_signs.{index}",
                        self.tr("Please choose which warning sign the note is about."),
                    )
                )
        return signs

    def tab_order(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.tab_order()] + [self.add_button]
