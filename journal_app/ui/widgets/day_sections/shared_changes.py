"""The day form's note on what another computer did to this day: "Changed on Dad's laptop", each
version kept from a conflict ("Also written on Dad's laptop at 20:14: ..." with Keep this one /
Keep mine), and a change that arrived while the parent was editing the day.

The section asks a :class:`SharedDaySource` (set by the window's sharing controller) and shows
nothing until one is set or when the journal is not shared.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from journal_app import i18n

if TYPE_CHECKING:
    from journal_app.services.sharing import DayConflict


class SharedDaySource(Protocol):
    """What the section shows for one day (the sharing service, as the controller wraps it)."""

    def changed_on(self, child_id: int, day: date) -> str | None: ...

    def conflicts(self, child_id: int, day: date) -> list[DayConflict]: ...


def when(moment: datetime) -> str:
    """A moment in this computer's time zone, as the parent reads it: "2 Dec 2026 20:14"."""
    return i18n.formats().date_time(moment.astimezone())


class _ConflictRow(QWidget):
    def __init__(self, conflict: DayConflict, section: SharedChangesSection) -> None:
        super().__init__(section)
        self.conflict = conflict
        self.label = QLabel(
            self.tr("Also written on {device} at {time}: {summary}").format(
                device=conflict.device_name,
                time=when(conflict.written_at),
                summary=conflict.summary,
            ),
            self,
        )
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_button = QPushButton(self.tr("Keep This One"), self)
        self.keep_button.setAccessibleName(
            self.tr("Keep the version written on {device}").format(device=conflict.device_name)
        )
        self.keep_button.setToolTip(
            self.tr("This version becomes the day; the one shown now is replaced.")
        )
        self.mine_button = QPushButton(self.tr("Keep Mine"), self)
        self.mine_button.setAccessibleName(
            self.tr("Keep the version shown and dismiss the one from {device}").format(
                device=conflict.device_name
            )
        )
        self.keep_button.clicked.connect(lambda: section.keep_requested.emit(conflict))
        self.mine_button.clicked.connect(lambda: section.dismiss_requested.emit(conflict))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.mine_button)
        layout.addLayout(buttons)


class SharedChangesSection(QFrame):
    """Hidden unless the day shown was changed on another computer or has versions kept from a
    conflict. Keep this one / Keep mine are asked of the controller by signal (it knows whether
    the form has unsaved edits)."""

    #: A :class:`DayConflict` whose version should become the day.
    keep_requested = Signal(object)
    #: A :class:`DayConflict` to dismiss: the version shown stays.
    dismiss_requested = Signal(object)
    #: Show the version that arrived while the parent was editing (the controller asks first).
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharedChanges")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#sharedChanges { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self._source: SharedDaySource | None = None
        self._shown: tuple[int, date] | None = None
        self.rows: list[_ConflictRow] = []
        self.changed_label = QLabel(self)
        self.changed_label.setObjectName("changedOn")
        self.changed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.changed_label.setWordWrap(True)
        self.arrived_label = QLabel(self)
        self.arrived_label.setObjectName("arrivedWhileEditing")
        self.arrived_label.setTextFormat(Qt.TextFormat.PlainText)
        self.arrived_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Show the New Version"), self)
        self.reload_button.setAccessibleName(
            self.tr("Show the new version of this day, discarding your unsaved changes")
        )
        self.reload_button.clicked.connect(self.reload_requested)
        arrived = QHBoxLayout()
        arrived.addWidget(self.arrived_label, 1)
        arrived.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.changed_label)
        self._layout.addLayout(arrived)
        self._show_arrived(None)
        self.hide()

    def set_source(self, source: SharedDaySource | None) -> None:
        self._source = source
        if self._shown is not None:
            self.load(*self._shown)

    def load(self, child_id: int | None, day: date) -> None:
        """Show what other computers did to ``day`` of ``child_id``."""
        self._shown = (child_id, day) if child_id is not None else None
        self._show_arrived(None)
        source = self._source
        changed_on: str | None = None
        conflicts: list[DayConflict] = []
        if source is not None and child_id is not None:
            changed_on = source.changed_on(child_id, day)
            conflicts = source.conflicts(child_id, day)
        self.changed_label.setText(
            self.tr("Changed on {device}.").format(device=changed_on) if changed_on else ""
        )
        self.changed_label.setVisible(bool(changed_on))
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = [_ConflictRow(conflict, self) for conflict in conflicts]
        for row in self.rows:
            self._layout.addWidget(row)
        # Tab reaches them where they are, above the day's fields (new widgets would come last).
        order = self.tab_order()
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_visible()

    def refresh(self) -> None:
        if self._shown is not None:
            self.load(*self._shown)

    def show_arrived_while_editing(self, devices: tuple[str, ...]) -> None:
        """The day was changed elsewhere while it has unsaved edits here: the form is left as it
        is; saving keeps the parent's version, the button shows the other one."""
        self._show_arrived(devices)
        self._update_visible()

    def _show_arrived(self, devices: tuple[str, ...] | None) -> None:
        if devices is None:
            self.arrived_label.setText("")
        else:
            names = ", ".join(devices) or self.tr("another computer")
            self.arrived_label.setText(
                self.tr(
                    "This day was changed on {device} while you were editing it. Your changes "
                    "are not saved yet: Save keeps yours."
                ).format(device=names)
            )
        self.arrived_label.setVisible(devices is not None)
        self.reload_button.setVisible(devices is not None)

    def _update_visible(self) -> None:
        self.setVisible(bool(self.changed_label.text() or self.rows or self.arrived_label.text()))

    @property
    def arrived_while_editing(self) -> bool:
        return bool(self.arrived_label.text())

    def tab_order(self) -> list[QWidget]:
        buttons: list[QWidget] = [self.reload_button]
        for row in self.rows:
            buttons += [row.keep_button, row.mine_button]
        return buttons
