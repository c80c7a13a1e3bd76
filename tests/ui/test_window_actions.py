"""The window's action registry: one table, shortcuts beside the actions, a needs-a-child group."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from journal_app.ui.window.actions import ACTIONS, MENUS


def _menu_names(entries) -> list[str]:
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, tuple):
            names += _menu_names(entry[1])
        elif entry != "-":
            names.append(entry)
    return names


def test_every_action_is_in_a_menu_once_and_no_shortcut_is_used_twice(window) -> None:
    in_menus = [name for _title, entries in MENUS for name in _menu_names(entries)]
    assert sorted(in_menus) == sorted(spec.name for spec in ACTIONS)
    keys = [
        key.toString()
        for name, action in window.window_actions.items()
        for key in action.shortcuts()
    ]
    assert len(keys) == len(set(keys)), keys


def test_actions_that_need_a_child_are_off_on_the_welcome_page(make_window) -> None:
    window = make_window()  # no child yet
    needs = {spec.name for spec in ACTIONS if spec.needs_child}
    assert needs and all(not window.window_actions[name].isEnabled() for name in needs)
    assert window.window_actions["new_child_action"].isEnabled()
    assert window.window_actions["import_action"].isEnabled()


def test_an_action_calls_the_window_directly(window, qtbot) -> None:
    day = window.current_day
    window.window_actions["prev_day_action"].trigger()
    assert (day - window.current_day).days == 1
    assert window.window_actions["save_action"].shortcut() == QKeySequence(
        QKeySequence.StandardKey.Save
    )
