"""The main window: child selector, day navigation, the day form, recent days, charts and tips.

Slots here gather input, call a service and show the result; rules and SQL live in services/.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QModelIndex,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal_app import APP_NAME
from journal_app.domain.dates import format_date, format_day_month, format_weekday_date
from journal_app.domain.entries import ChildProfile
from journal_app.domain.errors import ChildNotFound, JournalError
from journal_app.domain.validation import ValidationFailed
from journal_app.services.tummy_timer import TimedSession, TummyTimer
from journal_app.ui.dialogs.child_dialog import ChildDialog
from journal_app.ui.models.recent_days import NotesFilterProxy, RecentDaysModel
from journal_app.ui.widgets.child_form import ChildProfileForm
from journal_app.ui.widgets.common import to_date, to_qdate
from journal_app.ui.widgets.day_form import DayForm
from journal_app.ui.workers import run_in_background

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.services.journal import DeletedDay


class DeleteDayCommand(QUndoCommand):
    """Deleting a day; undo puts it back exactly (same UUIDs) for the rest of the run.

    When the journal has moved on (the day recorded again, one of its milestones recorded on
    another day) undo leaves what is there now, tells the parent and the step leaves the stack.
    """

    def __init__(self, window: MainWindow, child_id: int, day: date) -> None:
        super().__init__(f"Delete {format_date(day)}")
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
        self.timer = TummyTimer(clock)
        #: The child the timer runs for, by UUID: after a restore the same id may be another child.
        self._timer_child_uuid: str | None = None
        self.undo_stack = QUndoStack(self)
        self._child: ChildProfile | None = None
        #: Whether the journal had children at the last reload (None: not read yet).
        self._had_children: bool | None = None
        self._charts_panel: QWidget | None = None
        self._tips_panel: QWidget | None = None
        self._last_saved: datetime | None = None
        #: SQLAlchemy and the services are loaded (on a worker thread, after the window is up).
        self._services_ready = False
        self._closed = False
        #: Closing is under way (the last save, the timer): the side panels are not refreshed.
        self._closing = False
        self.setObjectName("mainWindow")
        self.setMinimumSize(720, 480)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_pages()
        self._build_tips_dock()
        self._build_status_bar()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer_display)
        self.form.changed.connect(self._update_title)
        self.form.save_requested.connect(self.save)
        self.form.timer_toggled.connect(self.toggle_timer)
        self.journal_changed.connect(self._refresh_side_panels)

        self._restore_geometry()
        # A sample journal neither reads nor writes the parent's own journal's last child.
        last = None if self.context.is_sample else self._settings().value("lastChildId", None)
        self._reload_children(
            select_id=int(last) if isinstance(last, (int, str)) and str(last).isdigit() else None
        )
        if self._child is not None:  # ready to type: the first field of the day form
            self.form.movement_rows[next(iter(self.form.movement_rows))].seen.setFocus()
        QTimer.singleShot(0, self._warm_up)

    # -- building -------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self.tr(text), self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _step_action(
        self,
        text: str,
        slot: Callable[[], object],
        can_changed: SignalInstance,
        text_changed: SignalInstance,
    ) -> QAction:
        """Undo or Redo: enabled, and named, after the step of the undo stack it would take."""
        action = self._action(text, slot)
        action.setEnabled(False)
        can_changed.connect(action.setEnabled)
        prefix = action.text()
        text_changed.connect(lambda step: action.setText(f"{prefix} {step}" if step else prefix))
        return action

    def _build_actions(self) -> None:
        """Every action of the window, with its shortcut, in one place."""
        K = QKeySequence.StandardKey
        self.save_action = self._action("&Save Day", self.save, K.Save)
        self.new_child_action = self._action("&Add Child…", self.add_child, "Ctrl+Shift+N")
        self.edit_child_action = self._action("&Edit Child…", self.edit_child)
        self.delete_child_action = self._action("&Delete Child…", self.delete_child)
        self.print_action = self._action("&Print Summary…", self.print_summary, K.Print)
        self.export_pdf_action = self._action(
            "Export Summary as PD&F…", self.export_summary_pdf, "Ctrl+Shift+P"
        )
        self.export_json_action = self._action(
            "Export as &JSON…", lambda: self._data_action("export_json_dialog")
        )
        self.export_csv_action = self._action(
            "Export as &CSV (zip)…", lambda: self._data_action("export_csv_dialog")
        )
        self.import_action = self._action(
            "&Import JSON…", lambda: self._data_action("import_json_dialog")
        )
        self.backup_action = self._action(
            "&Back Up Now", lambda: self._data_action("back_up_now_dialog")
        )
        self.restore_action = self._action("&Restore from Backup…", self.restore_backup)
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        # Undo and redo save the day's edits first (or ask), as leaving the day does: the step
        # reloads the day, which would otherwise drop them.
        stack = self.undo_stack
        self.undo_action = self._step_action(
            "&Undo", self.undo, stack.canUndoChanged, stack.undoTextChanged
        )
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.redo_action = self._step_action(
            "&Redo", self.redo, stack.canRedoChanged, stack.redoTextChanged
        )
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action("&Find in Notes", self.focus_search, K.Find)
        self.delete_day_action = self._action("Delete This &Day", self.delete_current_day)
        self.prev_day_action = self._action("&Previous Day", lambda: self.step_day(-1), "Alt+Left")
        self.next_day_action = self._action("&Next Day", lambda: self.step_day(1), "Alt+Right")
        self.today_action = self._action("&Today", self.go_to_today, "Ctrl+T")
        self.journal_tab_action = self._action(
            "&Journal", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1"
        )
        self.charts_tab_action = self._action(
            "&Charts", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2"
        )
        self.sample_action = self._action("Open &Sample Journal", self.open_sample_journal)
        self.about_action = self._action("&About Crawl Journal", self.show_about)
        self.prev_day_action.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.next_day_action.setToolTip(self.tr("Next day (Alt+Right)"))
        self.today_action.setToolTip(self.tr("Go to today (Ctrl+T)"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.save_action])
        file_menu.addSeparator()
        file_menu.addActions(
            [self.new_child_action, self.edit_child_action, self.delete_child_action]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.print_action, self.export_pdf_action])
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("E&xport Journal"))
        export_menu.addActions([self.export_json_action, self.export_csv_action])
        file_menu.addActions([self.import_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.delete_day_action])
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addActions([self.prev_day_action, self.next_day_action, self.today_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.journal_tab_action, self.charts_tab_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.sample_action, self.about_action])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Child"), self)
        toolbar.setObjectName("childToolbar")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Child:"), toolbar)
        self.child_combo = QComboBox(toolbar)
        self.child_combo.setAccessibleName(self.tr("Child"))
        self.child_combo.setMinimumWidth(180)
        label.setBuddy(self.child_combo)
        self.child_combo.activated.connect(self._child_chosen)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
        toolbar.addWidget(label)
        toolbar.addWidget(self.child_combo)
        toolbar.addAction(self.new_child_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.child_toolbar = toolbar

    def _nav_button(self, action: QAction, arrow: Qt.ArrowType | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        if arrow is not None:
            button.setArrowType(arrow)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAccessibleName(action.text().replace("&", ""))
        return button

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)

        # Welcome page (first run): the child's profile.
        welcome = QWidget(self.pages)
        welcome_layout = QVBoxLayout(welcome)
        heading = QLabel(
            self.tr(
                "<h2>Welcome to Crawl Journal</h2>"
                "<p>Each evening, note how your baby moved today. Over the weeks you "
                "will see the change, get tips that fit, and have a clear record to "
                "take to the doctor. Everything stays on this computer.</p>"
                "<p>First, tell us about your child.</p>"
            ),
            welcome,
        )
        heading.setWordWrap(True)
        self.welcome_form = ChildProfileForm(self.context.today(), welcome)
        self.welcome_button = QPushButton(self.tr("Start the journal"), welcome)
        self.welcome_button.setAccessibleName(self.tr("Start the journal"))
        self.welcome_button.setDefault(True)
        self.welcome_button.clicked.connect(self._create_first_child)
        self.welcome_form.submitted.connect(self._create_first_child)
        welcome_layout.addStretch()
        for widget in (heading, self.welcome_form):
            welcome_layout.addWidget(widget)
        welcome_layout.addWidget(self.welcome_button, 0, Qt.AlignmentFlag.AlignLeft)
        welcome_layout.addStretch()
        welcome_outer = QWidget(self.pages)
        outer = QHBoxLayout(welcome_outer)
        outer.addStretch()
        welcome.setMaximumWidth(560)
        outer.addWidget(welcome)
        outer.addStretch()
        self.welcome_page = welcome_outer
        self.pages.addWidget(welcome_outer)

        # Journal page: navigator on the left, tabs in the centre.
        navigator = QWidget(self)
        nav_layout = QVBoxLayout(navigator)
        nav_layout.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self._nav_button(self.prev_day_action, Qt.ArrowType.LeftArrow))
        buttons.addWidget(self._nav_button(self.today_action), 1)
        buttons.addWidget(self._nav_button(self.next_day_action, Qt.ArrowType.RightArrow))
        nav_layout.addLayout(buttons)
        self.calendar = QCalendarWidget(navigator)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(lambda qdate: self.go_to_day(to_date(qdate)))
        self.calendar.activated.connect(lambda qdate: self.go_to_day(to_date(qdate)))
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._mark_calendar())
        nav_layout.addWidget(self.calendar)
        recent_label = QLabel(self.tr("Recent days"), navigator)
        recent_label.setStyleSheet("font-weight: 600;")
        nav_layout.addWidget(recent_label)
        self.search_edit = QLineEdit(navigator)
        self.search_edit.setPlaceholderText(self.tr("Find in notes (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Find in notes"))
        self.search_edit.setClearButtonEnabled(True)
        nav_layout.addWidget(self.search_edit)
        self.recent_model = RecentDaysModel(self)
        self.recent_proxy = NotesFilterProxy(self)
        self.recent_proxy.setSourceModel(self.recent_model)
        self.search_edit.textChanged.connect(self._search_notes)
        self.recent_view = QTableView(navigator)
        self.recent_view.setAccessibleName(self.tr("Recent days"))
        self.recent_view.setModel(self.recent_proxy)
        self.recent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.verticalHeader().hide()
        self.recent_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.recent_view.setWordWrap(False)
        self.recent_view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.recent_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.recent_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # size from the visible rows, not years of days
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 90)
        header.setStretchLastSection(False)
        self.recent_view.doubleClicked.connect(self._recent_double_clicked)
        self.recent_view.activated.connect(self._recent_double_clicked)
        nav_layout.addWidget(self.recent_view, 1)

        self.form = DayForm(self)
        scroll = QScrollArea(self)
        self.form_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Tab goes from field to field; the page around them takes no stop of its own.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Journal and charts"))
        self.tabs.addTab(scroll, self.tr("Journal"))
        self.charts_holder = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_holder)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.charts_holder, self.tr("Charts"))
        self.tabs.currentChanged.connect(self._tab_changed)

        splitter = QSplitter(self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(navigator)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 760])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.journal_page = splitter
        self.pages.addWidget(splitter)

    def _build_tips_dock(self) -> None:
        self.tips_dock = QDockWidget(self.tr("Tips"), self)
        self.tips_dock.setObjectName("tipsDock")
        self.tips_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tips_dock.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tips_dock)
        toggle = self.tips_dock.toggleViewAction()
        toggle.setText(self.tr("Tip&s Panel"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.view_menu.addSeparator()
        self.view_menu.addAction(toggle)

    def _build_status_bar(self) -> None:
        self.saved_status = QLabel("", self)
        self.place_status = QLabel(
            self.tr("Journal: {path}").format(path=self.context.paths.data_dir), self
        )
        self.place_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.saved_status)
        if self.context.is_sample:  # said inside the window too, not only in its title
            self.sample_label = QLabel(
                self.tr("Sample journal: made-up data, removed when you close this window"), self
            )
            self.sample_label.setObjectName("sample-label")
            self.sample_label.setStyleSheet(
                "QLabel { background: palette(highlight); color: palette(highlighted-text);"
                " padding: 1px 8px; border-radius: 3px; font-weight: bold; }"
            )
            self.statusBar().addPermanentWidget(self.sample_label)
        self.statusBar().addPermanentWidget(self.place_status)

    # -- settings ---------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings()

    def _restore_geometry(self) -> None:
        settings = self._settings()
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = settings.value("mainWindow/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def _save_geometry(self) -> None:
        if self.context.is_sample:  # a look at the sample leaves the parent's own layout alone
            return
        settings = self._settings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
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

    def _reload_children(self, select_id: int | None = None) -> None:
        children = self.context.reads.list_children()
        self.child_combo.blockSignals(True)
        self.child_combo.clear()
        for child in children:
            self.child_combo.addItem(child.name, child.id)
        self.child_combo.blockSignals(False)
        has_children = bool(children)
        had_children, self._had_children = self._had_children, has_children
        for action in (
            self.save_action,
            self.edit_child_action,
            self.delete_child_action,
            self.print_action,
            self.export_pdf_action,
            self.delete_day_action,
            self.prev_day_action,
            self.next_day_action,
            self.today_action,
            self.find_action,
        ):
            action.setEnabled(has_children)
        self.child_toolbar.setVisible(has_children)
        if not has_children:
            self.tips_dock.hide()
            self._child = None
            self.pages.setCurrentWidget(self.welcome_page)
            self.welcome_form.name_edit.setFocus()
            self._update_title()
            return
        self.pages.setCurrentWidget(self.journal_page)
        if had_children is False:  # the first child, typed in, imported or restored: the tips
            self.tips_dock.show()
        chosen = next((c for c in children if c.id == select_id), children[0])
        self._show_child(chosen, self.form.day or self.context.today())

    def _show_child(self, child: ChildProfile, day: date) -> None:
        self._child = child
        self.child_combo.setCurrentIndex(max(0, self.child_combo.findData(child.id)))
        self.calendar.setMinimumDate(to_qdate(child.birth_date))
        self.calendar.setMaximumDate(to_qdate(self.context.today()))
        day = min(max(day, child.birth_date), self.context.today())
        self._load_day(day)
        self._reload_recent()
        for panel in (self._tips_panel, self._charts_panel):
            if panel is not None:
                panel.set_child(child.id)  # type: ignore[attr-defined]
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
            child = self.context.journal.save_child(self.welcome_form.profile())
        except ValidationFailed as exc:
            self.welcome_form.show_errors(exc.errors)
            return
        self.welcome_form.set_profile(None)
        self._reload_children(select_id=child.id)
        self.form.movement_rows[next(iter(self.form.movement_rows))].seen.setFocus()
        self.statusBar().showMessage(
            self.tr("{name}'s journal is ready. Record today below.").format(name=child.name), 8000
        )

    def add_child(self) -> None:
        if not self.settle_unsaved():
            return
        dialog = ChildDialog(self.context.today(), self.context.journal.save_child, None, self)
        if dialog.exec() and dialog.saved is not None:
            self._reload_children(select_id=dialog.saved.id)

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
        answer = QMessageBox.warning(
            self,
            self.tr("Delete child"),
            (
                self.tr(
                    "Delete {name} and 1 day of journal? This cannot be undone; a backup is "
                    "made first."
                )
                if days == 1
                else self.tr(
                    "Delete {name} and {days} days of journal? This cannot be undone; a backup "
                    "is made first."
                )
            ).format(name=child.name, days=days),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.timer.running and self.timer.child_id == child.id:
            self._stop_timer_to_journal()  # saved while the child is there, so in the backup
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
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.blockSignals(False)
        self._mark_calendar()
        self.prev_day_action.setEnabled(day > self._child.birth_date)
        self.next_day_action.setEnabled(day < self.context.today())
        self._sync_timer_display()
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
            self.calendar.setSelectedDate(to_qdate(self.form.day or self.context.today()))
            return False
        if not self.settle_unsaved():
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(to_qdate(self.form.day or self.context.today()))
            self.calendar.blockSignals(False)
            return False
        self._load_day(day)
        return True

    def step_day(self, delta: int) -> bool:
        if self.form.day is None:
            return False
        return self.go_to_day(self.form.day + timedelta(days=delta))

    def go_to_today(self) -> bool:
        return self.go_to_day(self.context.today())

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
            QMessageBox.critical(
                self, APP_NAME, self.tr("The day could not be saved.\n\n{error}").format(error=exc)
            )
            return False
        except ChildNotFound:
            QMessageBox.critical(
                self,
                APP_NAME,
                self.tr(
                    "The day could not be saved: {name} is not in the journal any more."
                ).format(name=self._child.name),
            )
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
        errors = self.form.errors.messages()
        return self._ask_discard(errors)

    def _ask_discard(self, errors: list[str]) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        day = self.form.day
        box.setText(
            self.tr("The changes to {day} could not be saved:").format(
                day=format_weekday_date(day, year=False) if day else ""
            )
        )
        box.setInformativeText("\n".join(errors))
        fix = box.addButton(self.tr("Go back and fix"), QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(fix)
        box.setObjectName("unsavedChangesBox")
        box.exec()
        if box.clickedButton() is discard:
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
        if retry:
            text = self.tr("{day} could not be put back. It is still deleted; try Undo again.")
        else:
            text = self.tr("{day} was not put back, so that nothing recorded since is lost.")

        def tell() -> None:
            stack = self.undo_stack
            if retry and stack.index() < stack.count() and stack.command(stack.index()) is step:
                stack.redo()  # the step stays, to be tried again: back to "deleted"
            box = QMessageBox(
                QMessageBox.Icon.Information if not retry else QMessageBox.Icon.Warning,
                self.tr("Undo"),
                text.format(day=format_weekday_date(step.day)),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("undoFailedBox")
            box.setInformativeText(reason)
            box.exec()

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
            self._reload_recent()
            self._mark_calendar()
        self.journal_changed.emit(child_id)

    def _reload_recent(self) -> None:
        """The newest days; older ones are read as the list is scrolled or searched."""
        if self._child is None or self._child.id is None:
            self.recent_model.set_rows([])
            return
        child_id, reads = self._child.id, self.context.reads
        self.recent_model.set_reader(
            lambda offset, limit: reads.recent_days(child_id, limit, offset),
            self.context.today().year,
        )
        if self.search_edit.text():  # a search on: it looks through every day, not one page
            self.recent_model.fetch_all()
        self.recent_view.resizeColumnToContents(0)

    def _search_notes(self, text: str) -> None:
        if text:
            self.recent_model.fetch_all()  # the search looks through every day, not one page
        self.recent_proxy.setFilterFixedString(text)

    def _mark_calendar(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        if self._child is None or self._child.id is None:
            return
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = date(year, month, 1) - timedelta(days=7)
        last = date(year + (month == 12), month % 12 + 1, 1) + timedelta(days=7)
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setBackground(self.palette().highlight().color().lighter(180))
        for day in self.context.reads.days_with_entries(self._child.id, first, last):
            self.calendar.setDateTextFormat(to_qdate(day), marked)

    def _recent_double_clicked(self, index: QModelIndex) -> None:
        source = self.recent_proxy.mapToSource(index)
        self.go_to_day(self.recent_model.day_at(source.row()))

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- tummy-time timer ---------------------------------------------------------------------

    def toggle_timer(self) -> None:
        if self.timer.running:
            self.stop_timer()
        elif self._child is not None and self._child.id is not None and self.form.day is not None:
            self.timer.start(self._child.id, self.form.day)
            self._timer_child_uuid = self._child.uuid
            self._tick.start()
            self._sync_timer_display()

    def stop_timer(self) -> int:
        """Stop the timer and add its minutes to the day it was started on; returns the minutes.

        On the day shown they go into the form (saved with it); another day is saved at once.
        """
        session = self.timer.stop()
        self._tick.stop()
        if self._shows_day(session.child_id, session.day):
            self.form.add_tummy_minutes(session.minutes)
        else:
            self._save_timed_minutes(session)
        self._sync_timer_display()
        return session.minutes

    def _stop_timer_to_journal(self) -> None:
        """Stop the timer and save its minutes straight to their day (closing, deleting a child)."""
        session = self.timer.stop()
        self._tick.stop()
        self._save_timed_minutes(session)
        self._sync_timer_display()

    def _save_timer_so_far(self) -> TimedSession | None:
        """Before a restore or an import: the minutes timed so far go to their day while that child
        is surely there; the timer runs on (a cancelled restore leaves it as it was). Returns the
        minutes saved, so that a restore, which replaces the journal they went into, can hand them
        back to the timer."""
        if not self.timer.running:
            return None
        session = self.timer.take()
        if not self._save_timed_minutes(session):
            self.timer.give_back(session)  # counted again when the timer stops
            return None
        return session

    def _check_timer_child(self) -> None:
        """After a restore or an import: a timer whose child is gone (or is another child now)
        stops; what it timed before the change was saved by :meth:`_save_timer_so_far`."""
        if not self.timer.running or self.timer.child_id is None:
            return
        try:
            child = self.context.reads.get_child(self.timer.child_id)
        except ChildNotFound:
            child = None
        if child is not None and child.uuid == self._timer_child_uuid:
            return
        self.timer.stop()
        self._tick.stop()
        self._sync_timer_display()
        self.statusBar().showMessage(
            self.tr(
                "The tummy-time timer was stopped: the child it was timing is not in the journal "
                "any more. The minutes up to the change were saved before it."
            ),
            15000,
        )

    def _shows_day(self, child_id: int, day: date) -> bool:
        return self._child is not None and self._child.id == child_id and self.form.day == day

    def _save_timed_minutes(self, session: TimedSession) -> bool:
        """Add the session's minutes to its day in the journal; a failure is told, never raised."""
        if not session.minutes:
            return True
        try:
            entry = self.context.reads.load_day(session.child_id, session.day)
            entry.tummy_minutes = (entry.tummy_minutes or 0) + session.minutes
            self.context.journal.save_day(entry)
        except ChildNotFound:
            problem = self.tr("The child it was timed for is not in the journal any more.")
        except ValidationFailed as exc:
            problem = exc.errors[0].message
        except JournalError as exc:
            problem = str(exc)
        else:
            shown_clean = self._shows_day(session.child_id, session.day) and not self.form.is_dirty
            self.after_journal_changed(session.child_id, reload_day=shown_clean)
            self.statusBar().showMessage(
                self.tr("{n} minutes of tummy time added to {day}.").format(
                    n=session.minutes, day=format_day_month(session.day)
                ),
                8000,
            )
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Tummy time not saved"),
            self.tr("The {n} minutes of tummy time timed for {day} could not be saved.").format(
                n=session.minutes, day=format_date(session.day)
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("tummyTimeNotSavedBox")
        box.setInformativeText(problem)
        box.exec()
        return False

    def _sync_timer_display(self) -> None:
        running = self.timer.running
        here = (
            running
            and self._child is not None
            and self.timer.child_id == self._child.id
            and self.timer.day == self.form.day
        )
        if running and not here and self.timer.day is not None:
            self.form.set_timer_state(
                True,
                self.tr("running for {day}: {t}").format(
                    day=format_day_month(self.timer.day), t=self.timer.elapsed_text()
                ),
            )
        else:
            self.form.set_timer_state(running, self.timer.elapsed_text() if running else "")

    def _update_timer_display(self) -> None:
        self._sync_timer_display()

    # -- panels -----------------------------------------------------------------------------

    def _warm_up(self) -> None:
        """Load SQLAlchemy and the services on a worker thread, then build the tips panel.

        The first screen needs neither (it reads through ``context.reads``), so the window is on
        screen and usable before they are imported.
        """
        run_in_background(
            self.context.warm_up,
            on_done=lambda _none: self._warmed_up(),
            on_error=lambda exc: self._warmed_up(exc),
        )

    def _warmed_up(self, problem: BaseException | None = None) -> None:
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
            self._charts_panel.period_combo.setFocus(Qt.FocusReason.OtherFocusReason)  # type: ignore[attr-defined]

    def _refresh_side_panels(self, _child_id: int) -> None:
        if self._closing:  # the journal is about to close: a refresh would start a worker on it
            return
        for panel in (self._tips_panel, self._charts_panel):
            if panel is not None:
                panel.refresh()  # type: ignore[attr-defined]

    # -- file actions provided by dialogs ---------------------------------------------------------

    def _data_action(self, name: str) -> None:
        if not self.settle_unsaved():
            return
        from journal_app.ui.dialogs import data_transfer

        if name == "import_json_dialog":
            self._save_timer_so_far()
        changed = getattr(data_transfer, name)(self, self.context)
        if changed:
            self._journal_replaced()

    def restore_backup(self) -> None:
        if not self.settle_unsaved():
            return
        # Into the journal as it is, which the restore backs up first (so a cancelled restore
        # or a child missing from the backup keeps them in a file).
        saved = self._save_timer_so_far()
        from journal_app.ui.dialogs.restore_backup import restore_from_backup_dialog

        if restore_from_backup_dialog(self, self.context):
            if saved is not None:  # the restored journal does not hold them: the timer counts
                self.timer.give_back(saved)  # them again, so Stop adds the whole session
            self._journal_replaced()

    def _journal_replaced(self) -> None:
        self.undo_stack.clear()
        self.form.mark_clean()
        self._check_timer_child()
        self._reload_children(select_id=self._child.id if self._child else None)
        if self._child is not None:
            self.journal_changed.emit(self._child.id or 0)

    def print_summary(self) -> None:
        if not self.settle_unsaved():
            return
        from journal_app.ui.dialogs.summary_dialog import print_summary_dialog

        print_summary_dialog(self, self.context, self._child.id if self._child else None)

    def export_summary_pdf(self) -> None:
        if not self.settle_unsaved():
            return
        from journal_app.ui.dialogs.summary_dialog import export_summary_pdf_dialog

        export_summary_pdf_dialog(self, self.context, self._child.id if self._child else None)

    def open_sample_journal(self) -> None:
        import subprocess
        import sys

        subprocess.Popen([sys.executable, "-m", "journal_app", "--demo"])
        self.statusBar().showMessage(self.tr("Opening the sample journal in a new window…"), 8000)

    def show_about(self) -> None:
        from journal_app.ui.dialogs.about import show_about

        show_about(self, self.context.paths.data_dir)

    # -- window -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        parts = []
        if self._child is not None and self.form.day is not None:
            parts.append(f"{self._child.name}, {format_date(self.form.day)}[*]")
        parts.append(APP_NAME)
        if self.context.is_sample:
            parts.append(self.tr("SAMPLE JOURNAL (not your data)"))
        self.setWindowTitle(" — ".join(parts))
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
                self._stop_timer_to_journal()
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
        """The once-a-day backup, on a worker thread; the window stays responsive."""
        context = self.context
        run_in_background(
            lambda: context.backups.automatic_backup(),  # the service is built on the worker too
            on_done=lambda path: self.backup_finished.emit(str(path) if path else ""),
            on_error=lambda exc: self.statusBar().showMessage(
                self.tr("Automatic backup failed: {e}").format(e=exc), 15000
            ),
        )

    def report_when_ready(self, process_start: float) -> None:
        """For the start-up benchmark: print seconds from process start to a usable window, then quit."""

        def report() -> None:
            import sys

            print(f"startup_seconds={time.perf_counter() - process_start:.4f}", flush=True)
            heavy = ("sqlalchemy", "alembic", "matplotlib", "journal_app.ui.printing")
            loaded = ",".join(name for name in heavy if name in sys.modules)
            print(f"heavy_modules_at_ready={loaded}", flush=True)
            self.close()

        QTimer.singleShot(0, report)
