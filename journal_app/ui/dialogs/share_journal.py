"""File > Share Journal with Another Computer: choose the folder the family already syncs and a
name for this computer, then join (on a worker; the window stays painted)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSysInfo, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from journal_app.services.sharing import SharingService, SyncReport


def default_device_name(host_name: str | None = None) -> str:
    """This computer's name as the host name gives it, readable: "sarahs-laptop.local" becomes
    "Sarahs laptop" (the parent can write "Mum's laptop" instead)."""
    host = QSysInfo.machineHostName() if host_name is None else host_name
    host = host.split(".", 1)[0]
    words = re.sub(r"[-_]+", " ", host).strip()
    return words[:1].upper() + words[1:]


class ShareJournalDialog(QDialog):
    """Asks for the shared folder and this computer's name; Share joins on a worker.

    After ``exec()`` returns Accepted, :attr:`report` is the first round's report."""

    def __init__(
        self,
        service: SharingService,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
        device_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shareJournalDialog")
        self.setWindowTitle(self.tr("Share Journal with Another Computer"))
        self._service = service
        self.report: SyncReport | None = None

        intro = QLabel(
            self.tr(
                "Choose a folder that your family already keeps in step between computers "
                "(with Syncthing, Dropbox, OneDrive, Nextcloud, Google Drive or a USB stick), "
                "then choose the same folder on the other computer."
            ),
            self,
        )
        what = QLabel(
            self.tr(
                "Only this journal's change files go into that folder, in a subfolder for this "
                "computer; the journal itself stays on this computer. Whoever can read that "
                "folder can read the journal, so choose one that only your family can open."
            ),
            self,
        )
        what.setObjectName("shareWhatGoesThere")
        for label in (intro, what):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)

        self.folder_edit = QLineEdit(str(folder) if folder else "", self)
        self.folder_edit.setAccessibleName(self.tr("Shared folder"))
        self.folder_edit.setPlaceholderText(self.tr("The folder your family syncs"))
        self.browse_button = QPushButton(self.tr("C&hoose…"), self)
        self.browse_button.setAccessibleName(self.tr("Choose the shared folder"))
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)

        self.name_edit = QLineEdit(device_name or default_device_name(), self)
        self.name_edit.setAccessibleName(self.tr("Name for this computer"))
        self.name_edit.setPlaceholderText(self.tr("For example: Mum's laptop"))
        self.name_edit.setMaxLength(60)
        name_hint = QLabel(
            self.tr("The other computers show this name beside the days changed here."), self
        )
        name_hint.setWordWrap(True)

        form = QFormLayout()
        folder_label = QLabel(self.tr("Shared &folder:"), self)
        folder_label.setBuddy(self.folder_edit)
        name_label = QLabel(self.tr("&Name for this computer:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(folder_label, folder_row)
        form.addRow(name_label, self.name_edit)
        form.addRow("", name_hint)

        self.problem = QLabel(self)
        self.problem.setObjectName("shareProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(
            "QLabel#shareProblem { background: #fdecea; color: #611a15;"
            " border: 1px solid #e6a19a; border-radius: 4px; padding: 6px; }"
        )
        self.problem.setAccessibleName(self.tr("Why the journal is not shared yet"))
        self.problem.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.share_button = self.buttons.addButton(
            self.tr("&Share"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.share_button.setAccessibleName(self.tr("Share the journal through this folder"))
        self.share_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.share)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.resize(600, self.sizeHint().height())

    def _browse(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the shared folder"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def _tell(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setAccessibleDescription(message)
        self.problem.show()

    def share(self) -> None:
        """Join through the folder on a worker; a refusal is shown here and nothing changes."""
        from journal_app.domain.errors import JournalError
        from journal_app.domain.sharing import SharingError
        from journal_app.ui.workers import run_with_progress

        folder = self.folder_edit.text().strip()
        name = self.name_edit.text().strip()
        if not folder:
            self._tell(self.tr("Choose the shared folder first."))
            self.folder_edit.setFocus()
            return
        if not name:
            self._tell(self.tr("Give this computer a name, for example Mum's laptop."))
            self.name_edit.setFocus()
            return
        service = self._service
        try:
            self.report = run_with_progress(
                self,
                self.tr("Sharing the journal through {folder}…").format(folder=folder),
                lambda: service.join(Path(folder).expanduser(), name),
                title=self.windowTitle(),
            )
        except (SharingError, JournalError) as exc:
            self._tell(str(exc))
            return
        self.accept()
