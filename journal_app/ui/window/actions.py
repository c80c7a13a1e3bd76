"""Every action of the main window in one registry: its text, shortcut, what it calls and whether
it needs a child, then the menus built from it.

As in MusicBrainz Picard's ``ui/mainwindow/actions.py``: one table, shortcuts beside the actions,
direct callables (no dispatch by name), and the actions that only make sense with a child in the
journal enabled together by one group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from journal_app.ui.window.sharing import SHARE_ACTION_TEXT, SHARING_ACTION_TEXT

if TYPE_CHECKING:
    from journal_app.ui.main_window import MainWindow

_K = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class ActionSpec:
    """One action: ``name`` is its attribute on :class:`WindowActions` (and on the window)."""

    name: str
    text: str
    call: Callable[[MainWindow], object]
    shortcuts: tuple[Shortcut, ...] = ()
    needs_child: bool = False
    tooltip: str = ""


#: The registry. The texts are translated when the actions are built.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("save_action", "&Save Day", lambda w: w.save(), (_K.Save,), needs_child=True),
    ActionSpec("new_child_action", "&Add Child…", lambda w: w.add_child(), ("Ctrl+Shift+N",)),
    ActionSpec("edit_child_action", "&Edit Child…", lambda w: w.edit_child(), needs_child=True),
    ActionSpec(
        "delete_child_action", "&Delete Child…", lambda w: w.delete_child(), needs_child=True
    ),
    ActionSpec(
        "print_action", "&Print Summary…", lambda w: w.files.print_summary(), (_K.Print,), True
    ),
    ActionSpec(
        "export_pdf_action",
        "Export Summary as PD&F…",
        lambda w: w.files.export_summary_pdf(),
        ("Ctrl+Shift+P",),
        needs_child=True,
    ),
    ActionSpec("export_json_action", "Export as &JSON…", lambda w: w.files.export_json()),
    ActionSpec("export_csv_action", "Export as &CSV (zip)…", lambda w: w.files.export_csv()),
    ActionSpec("import_action", "&Import JSON…", lambda w: w.files.import_json()),
    ActionSpec("backup_action", "&Back Up Now", lambda w: w.files.back_up_now()),
    ActionSpec("restore_action", "&Restore from Backup…", lambda w: w.files.restore_backup()),
    ActionSpec("share_action", SHARE_ACTION_TEXT, lambda w: w.sharing.share_journal()),
    ActionSpec("sharing_action", SHARING_ACTION_TEXT, lambda w: w.sharing.show_sharing()),
    ActionSpec("quit_action", "&Quit", lambda w: w.close(), ("Ctrl+Q",)),
    # Undo and redo save the day's edits first (or ask), as leaving the day does: the step
    # reloads the day, which would otherwise drop them. Named after their step (see below).
    ActionSpec("undo_action", "&Undo", lambda w: w.undo(), (_K.Undo,)),
    ActionSpec("redo_action", "&Redo", lambda w: w.redo(), ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("find_action", "&Find in Notes", lambda w: w.focus_search(), (_K.Find,), True),
    ActionSpec("delete_day_action", "Delete This &Day", lambda w: w.delete_current_day(), (), True),
    ActionSpec(
        "prev_day_action",
        "&Previous Day",
        lambda w: w.step_day(-1),
        ("Alt+Left",),
        needs_child=True,
        tooltip="Previous day (Alt+Left)",
    ),
    ActionSpec(
        "next_day_action",
        "&Next Day",
        lambda w: w.step_day(1),
        ("Alt+Right",),
        needs_child=True,
        tooltip="Next day (Alt+Right)",
    ),
    ActionSpec(
        "today_action",
        "&Today",
        lambda w: w.go_to_today(),
        ("Ctrl+T",),
        needs_child=True,
        tooltip="Go to today (Ctrl+T)",
    ),
    ActionSpec("journal_tab_action", "&Journal", lambda w: w.show_tab(0), ("Ctrl+1",)),
    ActionSpec("charts_tab_action", "&Charts", lambda w: w.show_tab(1), ("Ctrl+2",)),
    ActionSpec("sample_action", "Open &Sample Journal", lambda w: w.files.open_sample_journal()),
    ActionSpec("about_action", "&About Crawl Journal", lambda w: w.files.show_about()),
)

#: The menus, by action name; "-" is a separator, a tuple a submenu (title, names).
MENUS: tuple[tuple[str, tuple[str | tuple[str, tuple[str, ...]], ...]], ...] = (
    (
        "&File",
        (
            "save_action",
            "-",
            "new_child_action",
            "edit_child_action",
            "delete_child_action",
            "-",
            "print_action",
            "export_pdf_action",
            "-",
            ("E&xport Journal", ("export_json_action", "export_csv_action")),
            "import_action",
            "-",
            "backup_action",
            "restore_action",
            "-",
            "share_action",
            "sharing_action",
            "-",
            "quit_action",
        ),
    ),
    ("&Edit", ("undo_action", "redo_action", "-", "find_action", "delete_day_action")),
    (
        "&View",
        (
            "prev_day_action",
            "next_day_action",
            "today_action",
            "-",
            "journal_tab_action",
            "charts_tab_action",
        ),
    ),
    ("&Help", ("sample_action", "about_action")),
)


class WindowActions:
    """The window's actions, built from :data:`ACTIONS`; ``needs_child`` enables them together."""

    def __init__(self, window: MainWindow) -> None:
        self._actions: dict[str, QAction] = {}
        self.needs_child = QActionGroup(window)
        self.needs_child.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        for spec in ACTIONS:
            action = QAction(_tr(spec.text), window)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(key) for key in spec.shortcuts])
            if spec.tooltip:
                action.setToolTip(_tr(spec.tooltip))
            call = spec.call
            action.triggered.connect(lambda _checked=False, call=call: call(window))
            if spec.needs_child:
                self.needs_child.addAction(action)
            self._actions[spec.name] = action
        stack = window.undo_stack
        for action, can_changed, text_changed in (
            (self["undo_action"], stack.canUndoChanged, stack.undoTextChanged),
            (self["redo_action"], stack.canRedoChanged, stack.redoTextChanged),
        ):
            # Enabled, and named, after the step of the undo stack it would take.
            action.setEnabled(False)
            can_changed.connect(action.setEnabled)
            prefix = action.text()
            text_changed.connect(
                lambda step, action=action, prefix=prefix: action.setText(
                    f"{prefix} {step}" if step else prefix
                )
            )

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def items(self) -> Iterator[tuple[str, QAction]]:
        return iter(self._actions.items())

    def set_has_child(self, has_child: bool) -> None:
        self.needs_child.setEnabled(has_child)

    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        """The menu bar from :data:`MENUS`; returns the menus by their (untranslated) title."""
        menus: dict[str, QMenu] = {}
        for title, entries in MENUS:
            menu = bar.addMenu(_tr(title))
            menus[title] = menu
            self._fill(menu, entries)
        return menus

    def _fill(self, menu: QMenu, entries: tuple[str | tuple[str, tuple[str, ...]], ...]) -> None:
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif isinstance(entry, tuple):
                submenu = menu.addMenu(_tr(entry[0]))
                self._fill(submenu, entry[1])
            else:
                menu.addAction(self[entry])
