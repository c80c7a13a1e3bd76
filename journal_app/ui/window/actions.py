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

from journal_app.i18n import N_
from journal_app.ui.window.sharing import SHARE_ACTION_TEXT, SHARING_ACTION_TEXT

if TYPE_CHECKING:
    from journal_app.ui.main_window import MainWindow
    from journal_app.ui.window.media import MediaCommands

_K = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def _media(window: MainWindow) -> MediaCommands:
    commands = window.window_actions.media
    assert commands is not None
    return commands


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
    ActionSpec("save_action", N_("&Save Day"), lambda w: w.save(), (_K.Save,), needs_child=True),
    ActionSpec("new_child_action", N_("&Add Child…"), lambda w: w.add_child(), ("Ctrl+Shift+N",)),
    ActionSpec("edit_child_action", N_("&Edit Child…"), lambda w: w.edit_child(), needs_child=True),
    ActionSpec(
        "delete_child_action", N_("&Delete Child…"), lambda w: w.delete_child(), needs_child=True
    ),
    ActionSpec(
        "print_action", N_("&Print Summary…"), lambda w: w.files.print_summary(), (_K.Print,), True
    ),
    ActionSpec(
        "export_pdf_action",
        N_("Export Summary as PD&F…"),
        lambda w: w.files.export_summary_pdf(),
        ("Ctrl+Shift+P",),
        needs_child=True,
    ),
    ActionSpec(
        "prepare_visit_action",
        N_("Prepare for the &Visit…"),
        lambda w: _media(w).prepare_visit(),
        (),
        True,
    ),
    ActionSpec(
        "add_media_action", N_("Add P&hoto or Video…"), lambda w: _media(w).add_files(), (), True
    ),
    ActionSpec(
        "add_folder_action",
        N_("Add from a F&older…"),
        lambda w: _media(w).add_from_folder(),
        (),
        True,
    ),
    ActionSpec("export_json_action", N_("Export as &JSON…"), lambda w: w.files.export_json()),
    ActionSpec("export_csv_action", N_("Export as &CSV (zip)…"), lambda w: w.files.export_csv()),
    ActionSpec(
        "export_media_action",
        N_("With &Photos and Videos (zip)…"),
        lambda w: w.files.export_media_zip(),
    ),
    ActionSpec("import_action", N_("&Import Journal…"), lambda w: w.files.import_json()),
    ActionSpec("backup_action", N_("&Back Up Now"), lambda w: w.files.back_up_now()),
    ActionSpec("restore_action", N_("&Restore from Backup…"), lambda w: w.files.restore_backup()),
    ActionSpec("share_action", SHARE_ACTION_TEXT, lambda w: w.sharing.share_journal()),
    ActionSpec("sharing_action", SHARING_ACTION_TEXT, lambda w: w.sharing.show_sharing()),
    ActionSpec("quit_action", N_("&Quit"), lambda w: w.close(), ("Ctrl+Q",)),
    # Undo and redo save the day's edits first (or ask), as leaving the day does: the step
    # reloads the day, which would otherwise drop them. Named after their step (see below).
    ActionSpec("undo_action", N_("&Undo"), lambda w: w.undo(), (_K.Undo,)),
    ActionSpec("redo_action", N_("&Redo"), lambda w: w.redo(), ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("find_action", N_("&Find in Notes"), lambda w: w.focus_search(), (_K.Find,), True),
    ActionSpec(
        "delete_day_action", N_("Delete This &Day"), lambda w: w.delete_current_day(), (), True
    ),
    ActionSpec(
        "prev_day_action",
        N_("&Previous Day"),
        lambda w: w.step_day(-1),
        ("Alt+Left",),
        needs_child=True,
        tooltip=N_("Previous day (Alt+Left)"),
    ),
    ActionSpec(
        "next_day_action",
        N_("&Next Day"),
        lambda w: w.step_day(1),
        ("Alt+Right",),
        needs_child=True,
        tooltip=N_("Next day (Alt+Right)"),
    ),
    ActionSpec(
        "today_action",
        N_("&Today"),
        lambda w: w.go_to_today(),
        ("Ctrl+T",),
        needs_child=True,
        tooltip=N_("Go to today (Ctrl+T)"),
    ),
    ActionSpec("journal_tab_action", N_("&Journal"), lambda w: w.show_tab(0), ("Ctrl+1",)),
    ActionSpec("charts_tab_action", N_("&Charts"), lambda w: w.show_tab(1), ("Ctrl+2",)),
    ActionSpec(
        "sample_action", N_("Open &Sample Journal"), lambda w: w.files.open_sample_journal()
    ),
    ActionSpec("about_action", N_("&About Crawl Journal"), lambda w: w.files.show_about()),
    ActionSpec(
        "preferences_action", N_("Prefere&nces…"), lambda w: w.files.show_preferences(), ("Ctrl+,",)
    ),
)

#: On macOS these go to the application menu, whatever their (translated) text says.
MENU_ROLES = {
    "about_action": QAction.MenuRole.AboutRole,
    "preferences_action": QAction.MenuRole.PreferencesRole,
    "quit_action": QAction.MenuRole.QuitRole,
}

#: The menus, by action name; "-" is a separator, a tuple a submenu (title, names).
MENUS: tuple[tuple[str, tuple[str | tuple[str, tuple[str, ...]], ...]], ...] = (
    (
        N_("&File"),
        (
            "save_action",
            "-",
            "new_child_action",
            "edit_child_action",
            "delete_child_action",
            "-",
            "print_action",
            "export_pdf_action",
            "prepare_visit_action",
            "-",
            (
                N_("E&xport Journal"),
                ("export_json_action", "export_csv_action", "export_media_action"),
            ),
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
    (
        N_("&Edit"),
        (
            "undo_action",
            "redo_action",
            "-",
            "find_action",
            "delete_day_action",
            "-",
            "add_media_action",
            "add_folder_action",
            "-",
            "preferences_action",
        ),
    ),
    (
        N_("&View"),
        (
            "prev_day_action",
            "next_day_action",
            "today_action",
            "-",
            "journal_tab_action",
            "charts_tab_action",
        ),
    ),
    (N_("&Help"), ("sample_action", "about_action")),
)


class WindowActions:
    """The window's actions, built from :data:`ACTIONS`; ``needs_child`` enables them together."""

    def __init__(self, window: MainWindow) -> None:
        self._actions: dict[str, QAction] = {}
        self.media: MediaCommands | None = None
        self.needs_child = QActionGroup(window)
        self.needs_child.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        for spec in ACTIONS:
            action = QAction(_tr(spec.text), window)
            action.setMenuRole(MENU_ROLES.get(spec.name, QAction.MenuRole.NoRole))
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
                    # Translators: "&Undo" or "&Redo", then the step ("Delete 2 Dec 2026").
                    _tr("{action} {step}").format(action=prefix, step=step) if step else prefix
                )
            )

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def items(self) -> Iterator[tuple[str, QAction]]:
        return iter(self._actions.items())

    def set_has_child(self, has_child: bool) -> None:
        self.needs_child.setEnabled(has_child)

    def install_media(self, window: MainWindow) -> MediaCommands:
        """The day's photos and videos and their commands (ui/window/media.py)."""
        from journal_app.ui.window.media import install_media

        self.media = install_media(window)
        return self.media

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
