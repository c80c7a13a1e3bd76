"""Driving real widgets as a user would: message boxes answered, file choices, keys typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


def answer_next_message_box(qtbot: Any, button_text: str, seen: list[str] | None = None) -> None:
    """When the next modal message box opens, click the button labelled ``button_text``."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append(box.text() + "\n" + box.informativeText())
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(
            f"no button {button_text!r} in {[b.text() for b in box.findChildren(QPushButton)]}"
        )

    QTimer.singleShot(0, click)


def answer_boxes(answers: list[str], seen: list[str], formats: list | None = None) -> None:
    """Answer the next message boxes in turn, clicking the button labelled as in ``answers``."""
    remaining = list(answers)
    formats = [] if formats is None else formats

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(5, poll)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        formats.append(box.textFormat())
        wanted = remaining.pop(0)
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == wanted:
                button.click()
                break
        else:
            box.reject()
            raise AssertionError(f"no {wanted!r} button in {box.text()!r}")
        if remaining:
            QTimer.singleShot(0, poll)

    QTimer.singleShot(0, poll)


def choose(monkeypatch: Any, name: str, path: Path | None, asked: list[str] | None = None) -> None:
    """Make the file chooser ``name`` of the data-transfer dialogs answer ``path`` (None: cancel),
    noting each caption it was asked with in ``asked``."""
    from journal_app.ui.dialogs import data_transfer

    def fake(_parent: object, caption: str, _where: object, _filter: object) -> Path | None:
        if asked is not None:
            asked.append(caption)
        return path

    monkeypatch.setattr(data_transfer, name, fake)


def choose_child(window: Any, name: str) -> None:
    """Switch to the child called ``name`` (what choosing it in the toolbar's selector does)."""
    child = next(c for c in window.context.reads.list_children() if c.name == name)
    assert child.id is not None
    window.select_child(child.id)
    assert window.child_combo.currentText() == name
    assert window.current_child is not None and window.current_child.name == name


def ctrl(qtbot: Any, widget: Any, key: Qt.Key) -> None:
    """Press Ctrl+``key`` on ``widget``."""
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type ``text`` as a user would: keys for plain ASCII, an input-method commit (as an emoji
    picker or a keyboard layout for other scripts sends) for everything else."""
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for char in text + "\0":
        if char != "\0" and char.isascii() and char.isprintable():
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if char != "\0":
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def when_modal(kind: type, act: Callable[[QWidget], None], tries: int = 500) -> None:
    """Once a modal widget of ``kind`` is up, run ``act`` on it (polled from the event loop)."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and isinstance(widget, kind):
            act(widget)
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
