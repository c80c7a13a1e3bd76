"""File > Restore from Backup: the automatic and manual backups, newest first, and a Restore button
that backs up the journal as it is before replacing it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.backups import BackupContents, BackupInfo
from journal_app.domain.dates import format_date, format_date_time
from journal_app.i18n import formats, ngettext
from journal_app.ui.dialogs.data_transfer import choose_open_path, tell
from journal_app.ui.workers import run_in_background, run_with_progress

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext


class RestoreBackupDialog(QDialog):
    """Lists the backups with their dates, kinds and sizes; Restore replaces the journal."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.context = context
        #: True once a backup was restored (the window must reload the journal).
        self.restored = False
        self.backups: list[BackupInfo] = []

        intro = QLabel(
            self.tr(
                "Choose a backup to bring back. Entries made after it was taken will not be in "
                "it. The journal as it is now is backed up first, so a restore can be undone."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.empty_label = QLabel(self.tr("There are no backups yet."), self)

        #: Backups whose contents are still being read on a worker thread.
        self.pending: set[Path] = set()
        self._alive = True
        self.finished.connect(self._closed)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("Holds")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the selected backup"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(self.tr("From a &File…"), self)
        self.file_button.setAccessibleName(self.tr("Restore from a backup file elsewhere"))
        self.file_button.clicked.connect(self.restore_from_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 400)
        self.reload()

    # -- the list ----------------------------------------------------------------------------------

    def kind_label(self, kind: str) -> str:
        if kind == "auto":
            return self.tr("Automatic (daily)")
        if kind == "manual":
            return self.tr("Made with Back Up Now")
        if kind == "pre-restore":
            return self.tr("Before a restore")
        if kind.startswith("pre-migration"):
            return self.tr("Before an app update")
        return kind

    def size_label(self, size: int) -> str:
        if size < 1024:
            return self.tr("{n} bytes").format(n=formats().integer(size))
        if size < 1024 * 1024:
            return self.tr("{n} KB").format(n=formats().integer(round(size / 1024)))
        return self.tr("{n} MB").format(n=formats().number(size / 1024 / 1024))

    def reload(self) -> None:
        self.backups = self.context.backups.list_backups()  # newest first
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = [
                format_date_time(backup.made_at, seconds=True),
                self.kind_label(backup.kind),
                self.size_label(backup.size_bytes),
                self.tr("Reading…"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        self._read_contents()
        self.empty_label.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def contents_label(self, contents: BackupContents | None) -> str:
        """What a backup holds, short enough for its cell."""
        if contents is None:
            return self.tr("Cannot be read")
        children = ngettext("{n} child", "{n} children", contents.children).format(
            n=contents.children
        )
        if contents.is_empty:
            return self.tr("{children}, no days yet").format(children=children)
        days = ngettext("{n} day", "{n} days", contents.days).format(n=contents.days)
        if contents.last_day is None:
            return self.tr("{children}, {days}").format(children=children, days=days)
        return self.tr("{children}, {days}, the last {date}").format(
            children=children, days=days, date=format_date(contents.last_day)
        )

    def _read_contents(self) -> None:
        """Read what each backup holds on worker threads, filling the Holds column as each one
        is read, so a long list never freezes the window."""
        self.pending = {backup.path for backup in self.backups}
        for backup in self.backups:
            path = backup.path
            run_in_background(
                lambda path=path: (path, self.context.backups.contents(path)),  # type: ignore[misc]
                self._contents_read,
                lambda _exc, path=path: self._contents_read((path, None)),  # type: ignore[misc]
            )

    def _contents_read(self, result: tuple[Path, BackupContents | None]) -> None:
        if not self._alive:
            return  # the dialog closed before the backup was read
        path, contents = result
        self.pending.discard(path)
        for row, backup in enumerate(self.backups):
            if backup.path == path:
                item = self.table.item(row, 3)
                if item is not None:
                    item.setText(self.contents_label(contents))

    def _closed(self, _result: int) -> None:
        self._alive = False

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # -- restoring ---------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is not None:
            self._restore(backup.path, format_date_time(backup.made_at))

    def restore_from_file(self) -> None:
        path = choose_open_path(
            self,
            self.tr("Restore from a Backup File"),
            self.context.paths.backups,
            self.tr("Journal backups (*.sqlite3);;All files (*)"),
        )
        if path is not None:
            self._restore(path, path.name)

    def _restore(self, path: Path, described: str) -> None:
        from journal_app.domain.errors import JournalError

        answer = tell(
            self,
            QMessageBox.Icon.Question,
            self.tr("Restore from Backup"),
            self.tr(
                "Replace the journal with the backup of {when}?\n\nEntries made since then "
                "will not be in it. The journal as it is now is backed up first."
            ).format(when=described),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            safety = run_with_progress(
                self,
                self.tr("Restoring the journal…"),
                lambda: self.context.backups.restore(path),
                title=self.tr("Restore from Backup"),
            )
        except (OSError, JournalError) as exc:
            tell(
                self,
                QMessageBox.Icon.Warning,
                self.tr("The backup was not restored"),
                self.tr("{problem}\n\nThe journal is unchanged.").format(problem=exc),
            )
            return
        self.restored = True
        tell(
            self,
            QMessageBox.Icon.Information,
            self.tr("Restore from Backup"),
            self.tr(
                "The journal was restored from the backup of {when}.\n\nThe journal as it was "
                "before is kept as {safety}."
            ).format(when=described, safety=safety.name),
        )
        self.accept()


def restore_from_backup_dialog(parent: QWidget, context: JournalContext) -> bool:
    """Show the backups; True when one was restored (the window reloads the journal)."""
    dialog = RestoreBackupDialog(context, parent)
    try:
        dialog.exec()
        return dialog.restored
    finally:
        dialog.deleteLater()
