"""The main window's side of sharing a journal through a synced folder (issue 18).

:class:`SharingController` runs the rounds on a worker (at start-up once the services are loaded,
every few minutes, when the shared folder changes and before a summary is printed), says in the
status bar when the journal was last in step and with whom (or that sharing is paused), opens
File > Share Journal with Another Computer and File > Sharing, and answers the day form's shared
changes section (Keep this one / Keep mine).

After a round that changed days, the day shown and the recent days are read again; a day with
unsaved edits is never reloaded under the parent: the reload waits until the edits are saved or
discarded, and the day says that it was changed elsewhere meanwhile (deferred, never asked).
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox

from journal_app.i18n import N_, ngettext
from journal_app.ui.workers import run_in_background

if TYPE_CHECKING:
    from journal_app.domain.entries import DayEntry
    from journal_app.services.sharing import (
        DayConflict,
        SharingService,
        SharingStatus,
        SyncReport,
    )
    from journal_app.ui.main_window import MainWindow

#: The File menu's two entries (marked here, translated where the actions are built).
SHARE_ACTION_TEXT = N_("S&hare Journal with Another Computer…")
SHARING_ACTION_TEXT = N_("Sharin&g…")

#: A round every few minutes while the window is open.
ROUND_INTERVAL_MS = 3 * 60 * 1000
#: A sync tool writes a file in several steps: the round waits until the folder is quiet.
FOLDER_QUIET_MS = 2000

_Outcome = tuple["SharingStatus", "SyncReport | None"]


class _DaySource:
    """The day form's shared-changes section asks through this: nothing while not shared."""

    def __init__(self, controller: SharingController) -> None:
        self._controller = controller

    def changed_on(self, child_id: int, day: date) -> str | None:
        from journal_app.domain.errors import JournalError

        service = self._controller.service_if_active()
        try:
            return service.day_changed_on(child_id, day) if service is not None else None
        except JournalError:  # the day is still shown; the next round or save tells the problem
            return None

    def conflicts(self, child_id: int, day: date) -> list[DayConflict]:
        from journal_app.domain.errors import JournalError

        service = self._controller.service_if_active()
        try:
            return service.day_conflicts(child_id, day) if service is not None else []
        except JournalError:
            return []


class SharingController(QObject):
    """Owned by the window (see :func:`install_sharing`)."""

    #: A round is over: the :class:`SyncReport`, or None (not shared, or the round failed).
    round_finished = Signal(object)
    #: The status bar's sharing text changed ("" when the journal is not shared).
    status_changed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("sharingController")
        self._window = window
        self._context = window.context
        self._lock = threading.Lock()  # one round at a time, whichever thread asks
        self._running = False
        self._again = False
        self._active = False
        self._started = False
        #: Counts the joins, stops and forgets: a round begun before one reads the status again.
        self._changes = 0
        #: The day shown before the round (child id, day, as stored), to tell if it changed.
        self._before: tuple[int, date, DayEntry] | None = None
        #: A refresh held back while the day form had unsaved edits: "day" or "children".
        self._pending: str | None = None

        self.status_label = QLabel("", window)
        self.status_label.setObjectName("sharingStatus")
        self.status_label.setAccessibleName(self.tr("Sharing"))
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)

        self.timer = QTimer(self)
        self.timer.setInterval(ROUND_INTERVAL_MS)
        self.timer.timeout.connect(self.run_round)
        self.quiet_timer = QTimer(self)
        self.quiet_timer.setSingleShot(True)
        self.quiet_timer.setInterval(FOLDER_QUIET_MS)
        self.quiet_timer.timeout.connect(self.run_round)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self.watcher.fileChanged.connect(self._folder_changed)

        section = window.form.shared_box
        section.set_source(_DaySource(self))
        section.keep_requested.connect(self.keep)
        section.dismiss_requested.connect(self.dismiss)
        section.reload_requested.connect(self.show_new_version)
        window.form.changed.connect(self._form_changed)
        window.services_ready.connect(self.start)
        window.installEventFilter(self)

    # -- the service ------------------------------------------------------------------------

    @property
    def service(self) -> SharingService:
        return self._context.sharing

    def service_if_active(self) -> SharingService | None:
        return self.service if self._active else None

    @property
    def active(self) -> bool:
        """Sharing is on for this journal (as the last round or change said)."""
        return self._active

    @property
    def idle(self) -> bool:
        """The first round was started and no round is running now."""
        return self._started and not self._running

    def _gone(self) -> bool:
        """The window is closed (or closing): no round starts, no answer is shown."""
        return not self._window.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        hidden = watched is self._window and event.type() == QEvent.Type.Hide
        if hidden and not event.spontaneous():  # closed or hidden, not minimised
            self.timer.stop()
            self.quiet_timer.stop()
        return False

    # -- rounds -----------------------------------------------------------------------------

    def start(self) -> None:
        """The services are loaded: the first round, then one every few minutes."""
        if self._context.is_sample or self._gone():
            return
        self._started = True
        self.run_round()
        self.timer.start()

    def _folder_changed(self, _path: str) -> None:
        if self._active:
            self.quiet_timer.start()  # restarted by each change: one round once it is quiet

    def _work(self) -> _Outcome:
        """One round, on a worker thread (or the summary's wait): the status, and the report
        when the journal is shared."""
        service = self.service
        with self._lock:
            status = service.status()
            if not status.active:
                return status, None
            report = service.sync()
            return report.status, report

    def run_round(self) -> None:
        """Start a round on a worker (one more after it, when asked while one runs)."""
        if self._context.is_sample or self._gone():
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._remember_shown_day()
        changes = self._changes
        run_in_background(
            self._work,
            on_done=lambda outcome: self._round_done(outcome, changes),
            on_error=self._round_failed,
        )

    def _round_done(self, outcome: _Outcome, changes: int) -> None:
        self._running = False
        if self._gone():
            return
        status, report = outcome
        if changes != self._changes:  # joined, stopped or forgot meanwhile: that status is old
            status = self.service.status()
        self._show_status(status)
        if report is not None:
            self._apply(report)
        self.round_finished.emit(report)
        if self._again:
            self._again = False
            self.run_round()

    def _round_failed(self, problem: BaseException) -> None:
        self._running = False
        if self._gone():
            return
        self._window.statusBar().showMessage(
            self.tr("Sharing: {problem}").format(problem=problem), 15000
        )
        self.round_finished.emit(None)
        if self._again:
            self._again = False
            self.run_round()

    def before_summary(self) -> bool:
        """Bring in the other computers' changes before a summary is made (the window waits,
        painted); a round that cannot run is told and the summary goes ahead. Always True."""
        if self._context.is_sample or not self._active:
            return True
        from journal_app.ui.workers import run_with_progress

        try:
            outcome: _Outcome = run_with_progress(
                self._window,
                self.tr("Bringing in the changes from the other computers…"),
                self._work,
            )
        except Exception as exc:
            self._window.statusBar().showMessage(
                self.tr("Sharing: {problem}").format(problem=exc), 15000
            )
            return True
        self._remember_shown_day()
        self._show_status(outcome[0])
        if outcome[1] is not None:
            self._apply(outcome[1])
        return True

    # -- what the window shows ---------------------------------------------------------------

    def _show_status(self, status: SharingStatus) -> None:
        was_active, self._active = self._active, status.active
        text = status.describe() if status.active else ""
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)
        self.status_label.setVisible(bool(text))
        self._watch(status)
        if was_active != status.active:
            self._window.form.shared_box.refresh()
        self.status_changed.emit(text)

    def _watch(self, status: SharingStatus) -> None:
        wanted: set[str] = set()
        if status.active and status.paused_reason is None:
            wanted = {str(p) for p in self.service.watched_folders() if Path(p).is_dir()}
        watched = set(self.watcher.directories()) | set(self.watcher.files())
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _remember_shown_day(self) -> None:
        child, day = self._window.current_child, self._window.current_day
        if child is None or child.id is None or day is None:
            self._before = None
        else:
            self._before = (child.id, day, self._context.reads.load_day(child.id, day))

    def _shown_day_changed(self) -> bool:
        child, day = self._window.current_child, self._window.current_day
        if self._before is None or child is None or child.id is None:
            return False
        child_id, before_day, before = self._before
        if (child_id, before_day) != (child.id, day):
            return False
        return self._context.reads.load_day(child_id, before_day) != before

    def _apply(self, report: SyncReport) -> None:
        told = list(report.notes)  # such as a computer whose clock runs ahead
        if report.refused:
            told.insert(
                0,
                ngettext(
                    "{count} change from another computer was not applied: {reason}",
                    "{count} changes from other computers were not applied: {reason}",
                    len(report.refused),
                ).format(count=len(report.refused), reason=report.refused[0]),
            )
        if told:
            self._window.statusBar().showMessage(" ".join(told), 30000)
        if report.days or report.children or report.conflicts or report.media:
            self._refresh_window("children" if report.children else "day", report)
        else:
            self._window.form.shared_box.refresh()

    def _refresh_window(self, what: str, report: SyncReport | None = None) -> None:
        """Read the journal again after a round; a day with unsaved edits is left as it is."""
        window = self._window
        child = window.current_child
        if window.form.is_dirty:
            if child is not None and child.id is not None:
                window.after_journal_changed(child.id, reload_day=False)  # recent days, charts
            if report is not None and self._shown_day_changed():
                window.form.shared_box.show_arrived_while_editing(report.from_computers)
            self._pending = "children" if "children" in (what, self._pending) else "day"
            return
        self._pending = None
        if what == "children" or child is None or child.id is None:
            window.journal_replaced()  # a child came, went or was renamed: the list is read again
        else:
            window.after_journal_changed(child.id, reload_day=True)

    def _form_changed(self) -> None:
        if self._pending is not None and not self._window.form.is_dirty:
            QTimer.singleShot(0, self, self._apply_pending)

    def _apply_pending(self) -> None:
        if self._pending is not None and not self._window.form.is_dirty and not self._gone():
            self._refresh_window(self._pending)

    # -- the day's shared changes ------------------------------------------------------------

    def _ask(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("sharingQuestion")
        confirm = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is confirm

    def _tell_refused(self, problem: Exception) -> None:
        QMessageBox.warning(self._window, self.tr("Sharing"), str(problem))

    def _call(self, change: Any) -> bool:
        from journal_app.domain.errors import JournalError
        from journal_app.domain.sharing import SharingError

        try:
            change()
        except (SharingError, JournalError) as exc:
            self._tell_refused(exc)
            return False
        return True

    def keep(self, conflict: DayConflict) -> None:
        """Keep this one: that version becomes the day (unsaved edits here are asked about)."""
        window = self._window
        child = window.current_child
        if child is None or child.id is None:
            return
        if window.form.is_dirty and not self._ask(
            self.tr("Keep this one"),
            self.tr(
                "Your unsaved changes to this day would be replaced by the version written on "
                "{device}."
            ).format(device=conflict.device_name),
            self.tr("Replace My Changes"),
        ):
            return
        if not self._call(lambda: self.service.keep(conflict.key)):
            return
        window.form.mark_clean()
        self._pending = None
        window.after_journal_changed(child.id, reload_day=True)
        self.run_round()  # the other computers learn of it soon, not in a few minutes

    def dismiss(self, conflict: DayConflict) -> None:
        """Keep mine: the version shown stays and the other one is no longer offered."""
        if self._call(lambda: self.service.dismiss(conflict.key)):
            self._window.form.shared_box.refresh()

    def show_new_version(self) -> None:
        """Discard the unsaved edits (asked first) and show the day as it now is."""
        window = self._window
        if window.form.is_dirty and not self._ask(
            self.tr("Show the new version"),
            self.tr("Discard your unsaved changes to this day and show the version that arrived?"),
            self.tr("Discard My Changes"),
        ):
            return
        self._pending = self._pending or "day"
        window.form.mark_clean()
        self._apply_pending()

    # -- the menu's dialogs ------------------------------------------------------------------

    def share_journal(self) -> None:
        """File > Share Journal with Another Computer."""
        window = self._window
        if self._context.is_sample:
            QMessageBox.information(
                window, self.tr("Sharing"), self.tr("The sample journal cannot be shared.")
            )
            return
        if not window.settle_unsaved():  # the first round writes the journal as it is saved
            return
        service = self.service
        status = service.status()
        if status.active:
            QMessageBox.information(
                window,
                self.tr("Sharing"),
                self.tr(
                    "This journal is already shared through {folder}. File > Sharing shows the "
                    "computers and can stop sharing on this one."
                ).format(folder=status.folder),
            )
            return
        from journal_app.ui.dialogs.share_journal import ShareJournalDialog

        dialog = ShareJournalDialog(service, window)
        accepted = dialog.exec()
        report = dialog.report
        dialog.deleteLater()
        if not accepted or report is None:
            return
        self._changes += 1
        self._started = True
        self._remember_shown_day()
        self._show_status(report.status)
        self._apply(report)
        self.timer.start()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Sharing"),
            self.tr("This journal is now shared through {folder}.").format(
                folder=report.status.folder
            ),
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setObjectName("sharedOutcome")
        box.setInformativeText(
            report.describe()
            + "\n\n"
            + self.tr(
                "On the other computer, choose File > Share Journal with Another Computer and the same folder."
            )
        )
        box.exec()

    def _sharing_changed(self) -> None:
        self._changes += 1
        self._show_status(self.service.status())

    def show_sharing(self) -> None:
        """File > Sharing: the computers, Sync now, stop sharing, forget a computer."""
        if self._context.is_sample:
            QMessageBox.information(
                self._window, self.tr("Sharing"), self.tr("The sample journal cannot be shared.")
            )
            return
        from journal_app.ui.dialogs.sharing import SharingDialog

        service = self.service
        dialog = SharingDialog(service, self._window, sync=self.run_round)

        def refresh(_report: object) -> None:
            dialog.refresh()

        self.round_finished.connect(refresh)
        dialog.sharing_changed.connect(self._sharing_changed)
        try:
            dialog.exec()
        finally:
            self.round_finished.disconnect(refresh)
            dialog.deleteLater()


def install_sharing(window: MainWindow) -> SharingController:
    """Sharing in ``window``: the status bar's text, the rounds and the File menu's dialogs
    (the actions call :meth:`SharingController.share_journal` and :meth:`show_sharing`)."""
    return SharingController(window)
