"""Edit > Add from a Folder…: point at a phone's export folder; each photo or video goes on the day
it was taken. The folder is looked at on a worker thread (every file is read and hashed), then a
dialog shows what will be added (date, where the date came from, name, kind, size) and what is
skipped (name, reason) before anything is copied; the copy runs on a worker with progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.media import format_size

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile
    from journal_app.services.context import JournalContext
    from journal_app.services.media import AttachReport, FolderPlan


def _tr(text: str) -> str:
    return QCoreApplication.translate("AddFromFolder", text)


def choose_folder(parent: QWidget) -> Path | None:
    """The folder dialog (tests replace it); None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, _tr("Add photos and videos from a folder"))
    return Path(name) if name else None


def _table(headers: list[str], rows: list[list[str]], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class AddFromFolderDialog(QDialog):
    """What "Add from a folder" would add and skip; nothing is copied until Add is pressed."""

    def __init__(self, child_name: str, folder: Path, plan: FolderPlan, parent: QWidget) -> None:
        super().__init__(parent)
        from journal_app.i18n import formats

        self.setObjectName("addFromFolderDialog")
        self.setWindowTitle(self.tr("Add from a folder"))
        self.plan = plan
        fmt = formats()
        n = len(plan.to_add)
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        if n:
            intro.setText(
                self.tr(
                    "From {folder}, these go into {name}'s journal, each on the day it was "
                    "taken. Nothing has been copied yet."
                ).format(folder=folder, name=child_name)
            )
        else:
            intro.setText(
                self.tr("{folder} holds no new photo or video for {name}'s journal.").format(
                    folder=folder, name=child_name
                )
            )
        self.to_add_table = _table(
            [
                self.tr("Date"),
                self.tr("Date from"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Size"),
            ],
            [
                [
                    fmt.date(item.taken.day),
                    item.taken.source.label,
                    item.name,
                    item.kind.label,
                    format_size(item.size_bytes),
                ]
                for item in plan.to_add
            ],
            self.tr("Photos and videos to add"),
            self,
        )
        self.skipped_table = _table(
            [self.tr("Name"), self.tr("Why it is skipped")],
            [[name, reason] for name, reason in plan.skipped],
            self.tr("Files skipped"),
            self,
        )
        skipped_label = QLabel(self.tr("Skipped:"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add {count}").format(count=n) if n else self.tr("Add"))
        self.add_button.setEnabled(bool(n))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.to_add_table, 3)
        layout.addWidget(skipped_label)
        layout.addWidget(self.skipped_table, 1)
        layout.addWidget(self.buttons)
        skipped_label.setVisible(bool(plan.skipped))
        self.skipped_table.setVisible(bool(plan.skipped))
        self.to_add_table.setVisible(bool(n))
        self.resize(760, 480)


def add_from_folder(
    parent: QWidget, context: JournalContext, child: ChildProfile
) -> AttachReport | None:
    """Choose a folder, show the plan, add what the parent accepts; None when nothing was done."""
    from journal_app.ui.workers import run_with_progress

    folder = choose_folder(parent)
    if folder is None or child.id is None:
        return None
    service, child_id, today = context.media, child.id, context.today()
    try:
        plan: FolderPlan = run_with_progress(
            parent,
            _tr("Looking at the files in {folder}…").format(folder=folder),
            lambda progress: service.plan_folder(child_id, folder, progress, today=today),
            reports_progress=True,
        )
    except OSError as exc:
        QMessageBox.warning(
            parent,
            _tr("Add from a folder"),
            _tr("The folder {folder} could not be read: {reason}.").format(
                folder=folder, reason=(exc.strerror or str(exc)).lower()
            ),
        )
        return None
    dialog = AddFromFolderDialog(child.name, folder, plan, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not plan.to_add:
            return None
    finally:
        dialog.deleteLater()
    report: AttachReport = run_with_progress(
        parent,
        _tr("Copying into the journal…"),
        lambda progress: service.add_planned(child_id, plan.to_add, progress),
        reports_progress=True,
    )
    if report.refused:
        QMessageBox.warning(
            parent,
            _tr("Add from a folder"),
            report.describe() + "\n\n" + "\n".join(message for _n, message in report.refused),
        )
    return report
