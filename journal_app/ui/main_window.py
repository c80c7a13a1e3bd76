"""The main window: child selector, day navigation, the day form, recent days, charts and tips.

Slots here gather input, call a service and show the result; rules and SQL live in services/.
The rooms it is built from are in ``ui/window/``: the actions and menus (``actions``), the day
navigator, the welcome page, the tummy-timer controller, the side panels' protocol, undo steps,
the title and status bar (``chrome``) and the work on worker threads (``background``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.entries import ChildProfile
from journal_app.domain.errors import ChildNotFound, JournalError
from journal_app.domain.validation import ValidationFailed
from journal_app.ui.dialogs.child_dialog import ChildDialog
from journal_app.ui.widgets.day_form import DayForm
from journal_app.ui.window import background
from journal_app.ui.window.actions import WindowActions
from journal_app.ui.window.chrome import build_status_bar, child_toolbar, window_title
from journal_app.ui.window.day_navigator import DayNavigator
from journal_app.ui.window.file_commands import FileCommands
from journal_app.ui.window.geometry import TIPS_SHOWN_KEY, restore_geometry, save_geometry
from journal_app.ui.window.messages import (
    ask_discard,
    confirm_delete_child,
    tell_not_saved,
    tell_undo_failed,
)
from journal_app.ui.window.sharing import SharingController, install_sharing
from journal_app.ui.window.tips_dock import TipsDock
from journal_app.ui.window.tummy_timer import TummyTimerController
from journal_app.ui.window.undo import DeleteDayCommand
from journal_app.ui.window.welcome_page import WelcomePage, lazy_journal

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.ui.charts.panel import ChartsPanel
    from journal_app.ui.widgets.tips_panel import TipsPanel
    from journal_app.ui.window.panels import SidePanel

__all__ = ["DeleteDayCommand", "MainWindow"]


class MainWindow(QMainWindow):
    journal_changed = Signal(int)
    #: SQLAlchemy and the services are loaded and the tips panel exists (if a child does).
    services_ready = Signal()
    #: Emitted after the daily backup finished (the path, or "" when none was due).
    backup_finished = Signal(str)

    def __init__(
        self, context: JournalContext, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.context = context
        self.undo_stack = QUndoStack(self)
        self._child: ChildProfile | None = None
        #: Whether the journal had children at the last reload (None: not read yet).
        self._had_children: bool | None = None
        self._charts_panel: ChartsPanel | None = None
        self._tips_panel: TipsPanel | None = None
        self._last_saved: datetime | None = None
        #: SQLAlchemy and the services are loaded (on a worker thread, after the window is up).
        self._services_ready = False
        self._closed = False
        #: Closing is under way (the last save, the timer): the side panels are not refreshed.
        self._closing = False
        self.setObjectName("mainWindow")
        self.setMinimumSize(720, 480)

        self.files: FileCommands = FileCommands(self)
        self.window_actions = WindowActions(self)
        for name, action in self.window_actions.items():  # also the window's own names, as before
            setattr(self, name, action)
        self.view_menu = self.window_actions.build_menus(self.menuBar())["&View"]
        self._build_toolbar()
        self._build_pages()
        self._build_tips_dock()
        self._build_status_bar()
        self.media = self.window_actions.install_media(self)
        self.sharing: SharingController = install_sharing(self)  # rounds, status, File > Sharing
        self.timer_controller = TummyTimerController(
            context,
            self.form,
            self,
            current_child=lambda: self._child,
            saved=lambda child_id, reload: self.after_journal_changed(child_id, reload_day=reload),
            tell=self.statusBar().showMessage,
            clock=clock,
        )
        self.timer = self.timer_controller.timer
        self.form.changed.connect(self._update_title)
        self.form.save_requested.connect(self.save)
        self.form.timer_toggled.connect(self.toggle_timer)
        self.journal_changed.connect(self._refresh_side_panels)

        settings = self._settings()
        restore_geometry(self, settings, saved=not self.context.is_sample)
        shown = settings.value(TIPS_SHOWN_KEY, not self.tips_dock.isHidden(), type=bool)
        self.tips_dock.set_wanted(bool(shown))
        # A sample journal neither reads nor writes the parent's own journal's last child.
        last = None if self.context.is_sample else self._settings().value("lastChildId", None)
        self._reload_children(
            select_id=int(last) if isinstance(last, (int, str)) and str(last).isdigit() else None
        )
        if self._child is not None:  # ready to type: the first field of the day form
            self.form.focus_first_field()
        QTimer.singleShot(0, self, lambda: background.warm_up(self))

    # -- building -------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self.child_toolbar, self.child_combo = child_toolbar(self)
        self.child_toolbar.addAction(self.window_actions["new_child_action"])
        self.child_combo.activated.connect(self._child_chosen)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.child_toolbar)

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self.welcome_page = WelcomePage(
            self.context.today(), self.pages, lazy_journal(self.context)
        )
        self.welcome_form = self.welcome_page.form
        self.welcome_button = self.welcome_page.button
        self.welcome_page.submitted.connect(self._create_first_child)
        self.pages.addWidget(self.welcome_page)
        # Journal page: navigator on the left, tabs in the centre.
        self.navigator = DayNavigator(
            self.context,
            self.window_actions["prev_day_action"],
            self.window_actions["today_action"],
            self.window_actions["next_day_action"],
            self,
        )
        self.navigator.day_chosen.connect(self.go_to_day)
        self.calendar = self.navigator.calendar
        self.search_edit = self.navigator.search_edit
        self.recent_model = self.navigator.recent_model
        self.recent_proxy = self.navigator.recent_proxy
        self.recent_view = self.navigator.recent_view

        self.form = DayForm(self)
        self.form_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Tab goes from field to field; the page around them takes no stop of its own.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Journal and charts"))
        journal_tab = QWidget(self)
        journal_layout = QVBoxLayout(journal_tab)
        journal_layout.setContentsMargins(0, 0, 0, 0)
        journal_layout.setSpacing(0)
        journal_layout.addWidget(scroll, 1)
        journal_layout.addWidget(self.form.detach_save_bar())  # Save stays in view
        self.tabs.addTab(journal_tab, self.tr("Journal"))
        self.charts_holder = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_holder)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.charts_holder, self.tr("Charts"))
        self.tabs.currentChanged.connect(self._tab_changed)

        splitter = QSplitter(self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.tabs)
        # A wider window widens the day list too (its columns grow), the form most.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 760])
        splitter.setChildrenCollapsible(False)
        self.splitter = self.journal_page = splitter
        self.pages.addWidget(splitter)

    def _build_tips_dock(self) -> None:
        self.tips_dock = TipsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tips_dock)
        toggle = self.tips_dock.toggleViewAction()
        toggle.setText(self.tr("Tip&s Panel"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.view_menu.addSeparator()
        self.view_menu.addAction(toggle)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.tips_dock.fit_window_width(event.size().width())
        super().resizeEvent(event)

    def _build_status_bar(self) -> None:
        self.saved_status, self.place_status = build_status_bar(self, self.context)

    # -- settings ---------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings()

    def _save_geometry(self) -> None:
        if self.context.is_sample:  # a look at the sample leaves the parent's own layout alone
            return
        settings = self._settings()
        save_geometry(self, settings)
        settings.setValue(TIPS_SHOWN_KEY, self.tips_dock.wanted)
        if self._child is not None:
            settings.setValue("lastChildId", self._child.id)
        settings.sync()

    # -- children ---------------------------------------------------------------------------

    @property
    def current_child(self) -> ChildProfile | None:
        return self._child

    @property
    def current_day(self) -> date | None:
        return self.form.day

    def _reload_children(self, select_id: int | None = None, day: date | None = None) -> None:
        """Read the children again and show ``select_id`` (else the first) on ``day``, else on the
        day shown."""
        children = self.context.reads.list_children()
        self.child_combo.blockSignals(True)
        self.child_combo.clear()
        for child in children:
            self.child_combo.addItem(child.name, child.id)
        self.child_combo.blockSignals(False)
        has_children = bool(children)
        had_children, self._had_children = self._had_children, has_children
        self.window_actions.set_has_child(has_children)
        self.child_toolbar.setVisible(has_children)
        if not has_children:
            self.tips_dock.hide_all()
            self._child = None
            self.navigator.set_child(None)
            self.pages.setCurrentWidget(self.welcome_page)
            self.welcome_form.name_edit.setFocus()
            self._update_title()
            return
        self.pages.setCurrentWidget(self.journal_page)
        if had_children is False:  # the first child, typed in, imported or restored: the tips
            self.tips_dock.show_tips()
        chosen = next((c for c in children if c.id == select_id), children[0])
        self._show_child(chosen, day or self.form.day or self.context.today())

    def _side_panels(self) -> list[SidePanel]:
        return [panel for panel in (self._tips_panel, self._charts_panel) if panel is not None]

    def _show_child(self, child: ChildProfile, day: date) -> None:
        self._child = child
        self.child_combo.setCurrentIndex(max(0, self.child_combo.findData(child.id)))
        self.navigator.set_child(child)
        day = min(max(day, child.birth_date), self.context.today())
        self._load_day(day)
        for panel in self._side_panels():
            panel.set_child(child.id)
        if self._tips_panel is None and self._services_ready:
            QTimer.singleShot(0, self._ensure_tips_panel)

    def _child_chosen(self, index: int) -> None:
        child_id = self.child_combo.itemData(index)
        if self._child is not None and child_id == self._child.id:
            return
        self.select_child(child_id)

    def select_child(self, child_id: int) -> bool:
        """Switch to another child; unsaved edits are saved first (or the user is asked)."""
        if not self.settle_unsaved():
            if self._child is not None:
                self.child_combo.setCurrentIndex(self.child_combo.findData(self._child.id))
            return False
        child = self.context.reads.get_child(child_id)
        self._show_child(child, self.form.day or self.context.today())  # same evening, next child
        return True

    def _create_first_child(self) -> None:
        try:
            child = self.welcome_page.save_child(self.context.journal.save_child)
        except ValidationFailed as exc:
            self.welcome_form.show_errors(exc.errors)
            return
        self.welcome_form.set_profile(None)
        self._reload_children(select_id=child.id)
        self.form.focus_first_field()
        self.statusBar().showMessage(
            self.tr("{name}'s journal is ready. Record today below.").format(name=child.name), 8000
        )

    def add_child(self) -> None:
        if not self.settle_unsaved():
            return
        journal = self.context.journal
        dialog = ChildDialog(self.context.today(), journal.save_child, None, self, journal=journal)
        if dialog.exec() and dialog.saved is not None:
            self._reload_children(select_id=dialog.saved.id, day=self.context.today())

    def edit_child(self) -> None:
        if self._child is None or not self.settle_unsaved():
            return
        dialog = ChildDialog(
            self.context.today(), self.context.journal.save_child, self._child, self
        )
        if dialog.exec() and dialog.saved is not None:
            self._reload_children(select_id=dialog.saved.id)
            self.journal_changed.emit(dialog.saved.id or 0)

    def delete_child(self) -> None:
        child = self._child
        if child is None or child.id is None:
            return
        days = self.context.reads.count_days(child.id)
        if not confirm_delete_child(self, child.name, days):
            return
        if self.timer.running and self.timer.child_id == child.id:
            self.timer_controller.stop_to_journal()  # saved while the child is there: backed up
        self.context.backups.back_up_now()
        self.context.journal.delete_child(child.id)
        self.undo_stack.clear()
        self.form.mark_clean()
        self._child = None
        self._reload_children()

    # -- days -------------------------------------------------------------------------------

    def _load_day(self, day: date) -> None:
        assert self._child is not None and self._child.id is not None
        entry = self.context.reads.load_day(self._child.id, day)
        recorded = self.context.reads.milestones(self._child.id)
        self.form.load(self._child, entry, recorded, self.context.today())
        self.form_scroll.verticalScrollBar().setValue(0)  # the date heading in view
        self.navigator.show_day(day)
        self.window_actions["prev_day_action"].setEnabled(day > self._child.birth_date)
        self.window_actions["next_day_action"].setEnabled(day < self.context.today())
        self.timer_controller.sync_display()
        self._update_title()

    def go_to_day(self, day: date) -> bool:
        """Show ``day`` for the current child; unsaved edits are saved first (or the user is asked)."""
        if self._child is None:
            return False
        if day == self.form.day:
            return True
        if day > self.context.today() or day < self._child.birth_date:
            self.statusBar().showMessage(
                self.tr("Only days from the birth date up to today can be opened."), 6000
            )
            self.navigator.show_day(self.form.day or self.context.today())
            return False
        if not self.settle_unsaved():
            self.navigator.show_day(self.form.day or self.context.today())
            return False
        self._load_day(day)
        return True

    def step_day(self, delta: int) -> bool:
        if self.form.day is None:
            return False
        return self.go_to_day(self.form.day + timedelta(days=delta))

    def go_to_today(self) -> bool:
        return self.go_to_day(self.context.today())

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def save(self) -> bool:
        """Save the day shown; bad input is shown in the form and nothing is written."""
        if self._child is None or self.form.day is None:
            return True
        try:
            entry = self.form.entry()
            self.context.journal.save_day(entry)
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            focused = self.form.focusWidget()
            self.form_scroll.ensureWidgetVisible(self.form.errors)
            if focused is not None and focused is not self.form:
                self.form_scroll.ensureWidgetVisible(focused, 40, 80)
            self.statusBar().showMessage(
                self.tr("Not saved: {reason}").format(reason=exc.errors[0].message), 15000
            )
            return False
        except JournalError as exc:
            tell_not_saved(self, str(exc))
            return False
        except ChildNotFound:
            tell_not_saved(self, child_name=self._child.name)
            return False
        self.form.clear_errors()
        self.form.mark_clean()
        self._last_saved = datetime.now()
        saved = self.tr("Saved at {time}").format(time=f"{self._last_saved:%H:%M:%S}")
        self.saved_status.setText(saved)
        self.form.saved_label.setText(saved)
        self.statusBar().clearMessage()
        self.after_journal_changed(self._child.id or 0, reload_day=False)
        return True

    def settle_unsaved(self) -> bool:
        """Before leaving the day: save edits; if they cannot be saved, ask to fix or discard.

        Returns True when it is fine to move on.
        """
        if not self.form.is_dirty:
            return True
        if self.save():
            return True
        if ask_discard(self, self.form.day, self.form.errors.messages()):
            self.form.mark_clean()
            return True
        return False

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self.settle_unsaved():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self.settle_unsaved():
            self.undo_stack.redo()

    def tell_undo_failed(self, step: DeleteDayCommand, reason: str, *, retry: bool) -> None:
        """An undo that could not put the day back; told once the undo stack is done with it."""

        def tell() -> None:
            stack = self.undo_stack
            if retry and stack.index() < stack.count() and stack.command(stack.index()) is step:
                stack.redo()  # the step stays, to be tried again: back to "deleted"
            tell_undo_failed(self, step.day, reason, retry=retry)

        QTimer.singleShot(0, self, tell)

    def delete_current_day(self) -> None:
        if self._child is None or self.form.day is None or self._child.id is None:
            return
        self.form.mark_clean()
        self.undo_stack.push(DeleteDayCommand(self, self._child.id, self.form.day))
        self.statusBar().showMessage(self.tr("Day deleted. Undo with Ctrl+Z."), 8000)

    def after_journal_changed(self, child_id: int, *, reload_day: bool) -> None:
        if self._child is not None and self._child.id == child_id:
            if reload_day and self.form.day is not None:
                self._load_day(self.form.day)
            self.navigator.reload_recent()
            self.navigator.mark_calendar()
        self.journal_changed.emit(child_id)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.navigator.focus_search()

    # -- tummy-time timer (the controller does the work) ----------------------------------------

    def toggle_timer(self) -> None:
        self.timer_controller.toggle()

    def stop_timer(self) -> int:
        """Stop the timer and add its minutes to the day it was started on; returns the minutes."""
        return self.timer_controller.stop()

    # -- panels -----------------------------------------------------------------------------

    def warmed_up(self, problem: BaseException | None = None) -> None:
        """SQLAlchemy and the services are loaded (``background.warm_up``): the tips panel now."""
        if self._closed:
            return
        self._services_ready = True
        if problem is not None:  # the next save or panel will meet (and report) it again
            self.statusBar().showMessage(str(problem), 15000)
        self._ensure_tips_panel()
        self.services_ready.emit()

    def _ensure_tips_panel(self) -> None:
        if self._tips_panel is not None or self._child is None or self._closed:
            return
        from journal_app.ui.widgets.tips_panel import TipsPanel

        panel = TipsPanel(self.context, self.tips_dock, self._child.id)
        self._tips_panel = panel
        self.tips_dock.setWidget(panel)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._charts_panel is None:
            from journal_app.ui.charts.panel import ChartsPanel

            panel = ChartsPanel(self.context, self.charts_holder)
            self.charts_layout.addWidget(panel)
            self._charts_panel = panel
            panel.set_child(self._child.id if self._child else None)
        if index == 1 and self._charts_panel is not None:
            # Keyboard users land on the first control of the charts (Ctrl+2), not nowhere.
            self._charts_panel.period_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_side_panels(self, _child_id: int) -> None:
        if self._closing:  # the journal is about to close: a refresh would start a worker on it
            return
        for panel in self._side_panels():
            panel.refresh()

    def journal_replaced(self) -> None:
        """After an import or a restore: the journal is read again from the start."""
        self.undo_stack.clear()
        self.form.mark_clean()
        self.timer_controller.check_child()
        self._reload_children(select_id=self._child.id if self._child else None)
        if self._child is not None:
            self.journal_changed.emit(self._child.id or 0)

    # -- window -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self._child.name if self._child is not None else None
        self.setWindowTitle(window_title(name, self.form.day, is_sample=self.context.is_sample))
        self.setWindowModified(self.form.is_dirty)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        self._closing = True  # saves on the way out refresh no panel
        if not self.settle_unsaved():  # "Go back and fix": the window, and its timer, go on
            self._closing = False
            event.ignore()
            return
        try:
            if self.timer.running:  # the close goes ahead: the minutes go to their day
                self.timer_controller.stop_to_journal()
            self._save_geometry()
        finally:  # whatever went wrong above, the journal is closed properly
            self._closed = True  # answers still on their way from workers are dropped
            self._shut_panels()
            QThreadPool.globalInstance().waitForDone(10_000)
            event.accept()
            self.context.close()

    def _shut_panels(self) -> None:
        """The panels go with the journal: so does a refresh they had queued (it would start a
        worker, and open the journal again, after it is closed)."""
        import shiboken6

        for panel in (self._tips_panel, self._charts_panel):
            if panel is not None:
                shiboken6.delete(panel)
        self._tips_panel = self._charts_panel = None

    def start_automatic_backup(self) -> None:
        background.start_automatic_backup(self)

    def report_when_ready(self, process_start: float) -> None:
        background.report_when_ready(self, process_start)
