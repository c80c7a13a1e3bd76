"""Helpers for driving the window key by key (for UI tests; no test module imports another)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

NAVIGATION = {
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class Keyboard:
    """Sends every key to the widget that has the focus, as the parent's keyboard does, and
    counts them: navigation keys (Tab, arrows, Alt+letter access keys) and all keys."""

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self.navigation = 0
        self.total = 0

    def key(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        if key in NAVIGATION or alt:
            self.navigation += 1
        self.total += 1
        self._qtbot.keyClick(widget, key, modifiers)

    def alt(self, letter: str) -> None:
        self.key(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)

    def type(self, text: str) -> None:
        for char in text:
            widget = QApplication.focusWidget()
            assert widget is not None, "nothing has the keyboard focus"
            self.total += 1
            self._qtbot.keyClicks(widget, char)


def rows(window, sql: str) -> list[tuple]:
    with sqlite3.connect(window.context.paths.journal) as conn:
        return conn.execute(sql).fetchall()
