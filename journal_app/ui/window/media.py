"""The window's photos and videos: the day's media section, "Add from a folder…", File > Prepare
for the Visit… and the video reminder's setting, installed by :func:`install_media`.

The main window calls it once its day form exists; the menu entries are in ``actions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from journal_app.ui.widgets.day_sections.media import MediaSection
from journal_app.ui.widgets.media_reminder import reminder_wanted, set_reminder_wanted

if TYPE_CHECKING:
    from journal_app.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MediaCommands", text)


class MediaCommands:
    """What the window does with photos and videos; ``section`` is the day form's part."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        form = window.form
        self.section = MediaSection(
            window.context,
            window.undo_stack,
            form,
            tell=lambda text: window.statusBar().showMessage(text, 8000),
        )
        form.right_column.addWidget(self.section)
        self.section.watch_drops(form)
        self.section.set_tab_neighbours(form.notes_box.tab_order()[-1], form.save_button)
        self.section.folder_button.clicked.connect(self.add_from_folder)
        form.loaded.connect(self._day_loaded)
        window.services_ready.connect(self.section.set_ready)
        self.section.media_changed.connect(self._changed)
        self.reminder_action = QAction(_tr("Remind Me to Film a Short &Video"), window)
        self.reminder_action.setCheckable(True)
        self.reminder_action.setChecked(reminder_wanted())
        self.reminder_action.setToolTip(
            _tr(
                "In the tips, a gentle reminder when the last video of the baby moving is 4 weeks old"
            )
        )
        self.reminder_action.toggled.connect(self._reminder_toggled)
        window.view_menu.addAction(self.reminder_action)
        from journal_app.ui.window.media_marks import MediaDayMarks

        self.day_marks = MediaDayMarks(window)
        self._day_loaded()

    def _day_loaded(self) -> None:
        child = self._window.form.child
        self.section.show_day(child.id if child is not None else None, self._window.form.day)

    def _changed(self) -> None:
        child = self._window.current_child
        if child is not None and child.id is not None:
            self._window.after_journal_changed(child.id, reload_day=False)

    def _reminder_toggled(self, wanted: bool) -> None:
        set_reminder_wanted(wanted)
        self._changed()  # the tips panel reads the setting again

    # -- commands ------------------------------------------------------------------------------

    def add_files(self) -> None:
        """Edit > Add Photo or Video… (the section's button)."""
        self.section.choose_and_attach()

    def add_from_folder(self) -> None:
        from journal_app.ui.dialogs.add_from_folder import add_from_folder

        child = self._window.current_child
        if child is None or child.id is None:
            return
        report = add_from_folder(self._window, self._window.context, child)
        if report is not None:
            self._window.statusBar().showMessage(report.describe(), 10000)
            if report.added:
                self.section.reload()
                self._changed()

    def prepare_visit(self) -> None:
        from journal_app.ui.dialogs.prepare_visit import prepare_visit_dialog

        window = self._window
        if not window.settle_unsaved():
            return
        child = window.current_child
        folder = prepare_visit_dialog(window, window.context, child.id if child else None)
        if folder is not None:
            window.statusBar().showMessage(
                _tr("Ready for the visit: {folder}").format(folder=folder), 10000
            )


def install_media(window: MainWindow) -> MediaCommands:
    return MediaCommands(window)
