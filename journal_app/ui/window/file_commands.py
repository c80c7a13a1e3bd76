"""The File, Edit and Help menus' commands that open a dialog: summaries, export, import, backups,
preferences.

Each saves the day's edits first (or asks), as leaving the day does; an import or a restore
settles the tummy-time timer around the change and the window reloads the journal after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from journal_app.ui.main_window import MainWindow


class FileCommands:
    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def _child_id(self) -> int | None:
        child = self._window.current_child
        return child.id if child is not None else None

    def export_json(self) -> None:
        from journal_app.ui.dialogs.data_transfer import export_json_dialog

        if self._window.settle_unsaved():
            export_json_dialog(self._window, self._window.context)

    def export_csv(self) -> None:
        from journal_app.ui.dialogs.data_transfer import export_csv_dialog

        if self._window.settle_unsaved():
            export_csv_dialog(self._window, self._window.context)

    def export_media_zip(self) -> None:
        from journal_app.ui.dialogs.data_transfer import export_media_zip_dialog

        if self._window.settle_unsaved():
            export_media_zip_dialog(self._window, self._window.context)

    def back_up_now(self) -> None:
        from journal_app.ui.dialogs.data_transfer import back_up_now_dialog

        if self._window.settle_unsaved():
            back_up_now_dialog(self._window, self._window.context)

    def import_json(self) -> None:
        from journal_app.ui.dialogs.data_transfer import import_json_dialog

        window = self._window
        if not window.settle_unsaved():
            return
        window.timer_controller.save_so_far()
        if import_json_dialog(window, window.context):
            window.journal_replaced()

    def restore_backup(self) -> None:
        window = self._window
        if not window.settle_unsaved():
            return
        # Into the journal as it is, which the restore backs up first (so a cancelled restore
        # or a child missing from the backup keeps them in a file).
        saved = window.timer_controller.save_so_far()
        from journal_app.ui.dialogs.restore_backup import restore_from_backup_dialog

        if restore_from_backup_dialog(window, window.context):
            if saved is not None:  # the restored journal does not hold them: the timer counts
                window.timer_controller.give_back(saved)  # them again: Stop adds the session
            window.journal_replaced()

    def print_summary(self) -> None:
        from journal_app.ui.dialogs.summary_dialog import print_summary_dialog

        if self._window.settle_unsaved() and self._window.sharing.before_summary():
            print_summary_dialog(self._window, self._window.context, self._child_id())

    def export_summary_pdf(self) -> None:
        from journal_app.ui.dialogs.summary_dialog import export_summary_pdf_dialog

        if self._window.settle_unsaved() and self._window.sharing.before_summary():
            export_summary_pdf_dialog(self._window, self._window.context, self._child_id())

    def open_sample_journal(self) -> None:
        import subprocess
        import sys

        # In the installed bundle the program itself takes the app's arguments; from a venv it
        # is the Python interpreter, which needs the package named.
        frozen = getattr(sys, "frozen", False)
        command = [sys.executable] if frozen else [sys.executable, "-m", "journal_app"]
        from journal_app import i18n

        # The sample speaks the window's language, whatever chose it (--language, Preferences).
        subprocess.Popen([*command, "--language", i18n.app_translator().language, "--demo"])
        self._window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Opening the sample journal in a new window…"),
            8000,
        )

    def show_about(self) -> None:
        from journal_app.ui.dialogs.about import show_about

        show_about(self._window, self._window.context.paths.data_dir)

    def show_preferences(self) -> None:
        from journal_app.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._window)
        if dialog.exec() and dialog.changed:
            self._window.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "The new language is used from the next start."
                ),
                8000,
            )
