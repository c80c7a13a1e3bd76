"""File > Sharing: the computers this journal is shared with, Sync now, stop sharing on this
computer and forget another computer (each asks first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.widgets.day_sections.shared_changes import when

if TYPE_CHECKING:
    from journal_app.services.sharing import ComputerInfo, SharingService


class SharingDialog(QDialog):
    """Reads the service when opened and after each change; ``sync`` starts a round (the
    controller's, on a worker) and the controller calls :meth:`refresh` when it is over."""

    #: Sharing was stopped or a computer forgotten: the status bar says so.
    sharing_changed = Signal()

    def __init__(
        self,
        service: SharingService,
        parent: QWidget | None = None,
        *,
        sync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sharingDialog")
        self.setWindowTitle(self.tr("Sharing"))
        self._service = service
        self._sync = sync
        self.computers: list[ComputerInfo] = []

        self.status_label = QLabel(self)
        self.status_label.setObjectName("sharingDialogStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list = QTreeWidget(self)
        self.list.setObjectName("sharingComputers")
        self.list.setAccessibleName(self.tr("Computers sharing this journal"))
        self.list.setHeaderLabels([self.tr("Computer"), self.tr("Last change")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        list_label = QLabel(self.tr("&Computers:"), self)
        list_label.setBuddy(self.list)

        self.sync_button = QPushButton(self.tr("Sync &Now"), self)
        self.sync_button.setAccessibleName(self.tr("Bring in the other computers' changes now"))
        self.sync_button.clicked.connect(self._sync_now)
        self.forget_button = QPushButton(self.tr("&Forget Computer…"), self)
        self.forget_button.setAccessibleName(self.tr("Forget the chosen computer"))
        self.forget_button.clicked.connect(self.forget_chosen)
        self.stop_button = QPushButton(self.tr("&Stop Sharing on This Computer…"), self)
        self.stop_button.setAccessibleName(self.tr("Stop sharing on this computer"))
        self.stop_button.clicked.connect(self.stop_sharing)
        for button in (self.sync_button, self.forget_button, self.stop_button):
            button.setAutoDefault(False)  # Return closes the dialog, never stops sharing
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.forget_button)
        actions.addStretch()
        actions.addWidget(self.stop_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.folder_label)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.resize(640, 380)
        self.refresh()

    def refresh(self) -> None:
        """Read the status and the computers again."""
        status = self._service.status()
        if status.active:
            self.status_label.setText(status.describe())
            self.folder_label.setText(
                self.tr("Shared folder: {folder}").format(folder=status.folder)
            )
            self.computers = [c for c in self._service.computers() if not c.forgotten]
        else:
            self.status_label.setText(
                self.tr(
                    "This journal is not shared. Use File > Share Journal with Another "
                    "Computer to share it."
                )
            )
            self.folder_label.setText("")
            self.computers = []
        self.folder_label.setVisible(status.active)
        chosen = self._chosen()
        self.list.clear()
        for computer in self.computers:
            name = (
                self.tr("{name} (this computer)").format(name=computer.name)
                if computer.is_this_computer
                else computer.name
            )
            last = when(computer.last_change_at) if computer.last_change_at else self.tr("None yet")
            item = QTreeWidgetItem([name, last])
            item.setData(0, Qt.ItemDataRole.UserRole, computer.device_id)
            self.list.addTopLevelItem(item)
            if chosen is not None and chosen.device_id == computer.device_id:
                self.list.setCurrentItem(item)
        self.sync_button.setEnabled(status.active)
        self.stop_button.setEnabled(status.active)
        self._update_buttons()

    def _chosen(self) -> ComputerInfo | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        device_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self.computers if c.device_id == device_id), None)

    def _update_buttons(self) -> None:
        chosen = self._chosen()
        self.forget_button.setEnabled(chosen is not None and not chosen.is_this_computer)

    def _sync_now(self) -> None:
        if self._sync is not None:
            self.sync_button.setEnabled(False)  # back on at refresh(), when the round is over
            self._sync()

    def _ask(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self
        )
        box.setObjectName("sharingQuestion")
        confirm = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is confirm

    def _call(self, change: Callable[[], None]) -> bool:
        """Make the change; a refusal is told as its message (nothing changed)."""
        from journal_app.domain.errors import JournalError
        from journal_app.domain.sharing import SharingError

        try:
            change()
        except (SharingError, JournalError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        return True

    def stop_sharing(self) -> None:
        """Asks, then stops sharing on this computer; the journal here stays as it is."""
        status = self._service.status()
        if not status.active:
            return
        if not self._ask(
            self.tr("Stop sharing"),
            self.tr(
                "Stop sharing this journal on this computer? The journal stays here as it is. "
                "Its changes stop going to {folder}, and the other computers' changes stop "
                "arriving here. The other computers keep what they already have."
            ).format(folder=status.folder),
            self.tr("Stop Sharing"),
        ):
            return
        if self._call(self._service.stop):
            self.sharing_changed.emit()
        self.refresh()

    def forget_chosen(self) -> None:
        """Asks, then forgets the computer chosen in the list (never this one)."""
        chosen = self._chosen()
        if chosen is None or chosen.is_this_computer:
            return
        if not self._ask(
            self.tr("Forget computer"),
            self.tr(
                "Forget {name}? It leaves this list; what it has already changed stays in the "
                "journal. Use this for a computer that is no longer used."
            ).format(name=chosen.name),
            self.tr("Forget"),
        ):
            return
        if self._call(lambda: self._service.forget(chosen.device_id)):
            self.sharing_changed.emit()
        self.refresh()
