"""Undo steps of the main window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from journal_app.domain.dates import format_date
from journal_app.domain.errors import JournalError
from journal_app.i18n import _

if TYPE_CHECKING:
    from journal_app.services.journal import DeletedDay
    from journal_app.ui.main_window import MainWindow


class DeleteDayCommand(QUndoCommand):
    """Deleting a day; undo puts it back exactly (same UUIDs) for the rest of the run.

    When the journal has moved on (the day recorded again, one of its milestones recorded on
    another day) undo leaves what is there now, tells the parent and the step leaves the stack.
    """

    def __init__(self, window: MainWindow, child_id: int, day: date) -> None:
        super().__init__(_("Delete {date}").format(date=format_date(day)))
        self._window = window
        self._child_id = child_id
        self._day = day
        self._deleted: DeletedDay | None = None
        #: Undo could not write (disk full, file locked): the day is still deleted.
        self._still_deleted = False

    @property
    def day(self) -> date:
        return self._day

    def redo(self) -> None:
        if self._still_deleted:  # the stack steps back over a failed undo; nothing to do
            self._still_deleted = False
            return
        self._deleted = self._window.context.journal.delete_day(self._child_id, self._day)
        self._window.after_journal_changed(self._child_id, reload_day=True)

    def undo(self) -> None:
        from journal_app.services.journal import RestoreRefused  # loaded: the delete used it

        if self._deleted is None:
            return
        try:
            self._window.context.journal.restore_day(self._deleted)
        except RestoreRefused as exc:
            self.setObsolete(True)  # the stack drops this step; what is recorded now stays
            self._window.tell_undo_failed(self, str(exc), retry=False)
            return
        except JournalError as exc:  # nothing written; the step stays, to try again
            self._still_deleted = True
            self._window.tell_undo_failed(self, str(exc), retry=True)
            return
        self._window.after_journal_changed(self._child_id, reload_day=True)
