"""Every text a window shows or tells a screen reader, for the "no English left" walks (issue 16)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

#: Texts alike in both languages: the app's name, file formats, units, and the languages of the
#: Language choice, each named in itself.
SAME_IN_BOTH = frozenset(
    {"Crawl Journal", "OK", "JSON", "CSV", "PDF", "KB", "MB", "English", "Español"}
)


def _texts_of(obj: QObject) -> Iterator[tuple[str, str]]:
    if isinstance(obj, QAction):
        yield "action", obj.text()
        yield (
            "action tooltip",
            obj.toolTip() if obj.toolTip() != obj.text().replace("&", "") else "",
        )
        return
    if not isinstance(obj, QWidget):
        return
    if obj.isWindow() or isinstance(obj, QDockWidget):
        yield "window title", obj.windowTitle()
    yield "tooltip", obj.toolTip()
    yield "accessible name", obj.accessibleName()
    yield "accessible description", obj.accessibleDescription()
    if isinstance(obj, QLabel):
        yield "label", obj.text()
    elif isinstance(obj, QAbstractButton):
        yield "button", obj.text()
    elif isinstance(obj, QGroupBox):
        yield "group box", obj.title()
    elif isinstance(obj, QMenu):
        yield "menu", obj.title()
    elif isinstance(obj, (QLineEdit, QPlainTextEdit)):
        yield "placeholder", obj.placeholderText()
    elif isinstance(obj, QComboBox):
        for index in range(obj.count()):
            yield "combo item", obj.itemText(index)
    elif isinstance(obj, QTabWidget):
        for index in range(obj.count()):
            yield "tab", obj.tabText(index)
    if isinstance(obj, (QTableView, QTreeView)) and obj.model() is not None:
        header = obj.horizontalHeader() if isinstance(obj, QTableView) else obj.header()
        for section in range(header.count()):
            text = obj.model().headerData(section, Qt.Orientation.Horizontal)
            yield "header", str(text or "")


def visible_texts(*roots: QObject) -> list[tuple[str, str, str]]:
    """(kind, object name or class, text) for every non-empty text with a letter in it, of the
    roots and everything below them (hidden parts too: they show at some point)."""
    found: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for root in roots:
        for obj in [root, *root.findChildren(QObject)]:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, QWidget) and obj.objectName().startswith("qt_"):
                continue  # Qt's own parts (the calendar's buttons, scroll areas): qtbase's words
            where = obj.objectName() or type(obj).__name__
            for kind, text in _texts_of(obj):
                if text and re.search(r"[^\W\d_]", text):
                    found.append((kind, where, text))
    return found


def english_left(
    spanish: list[tuple[str, str, str]],
    english: list[tuple[str, str, str]],
    allowed: frozenset[str] = SAME_IN_BOTH,
) -> list[tuple[str, str, str]]:
    """The Spanish window's texts that are also texts of the English one (the same words in the
    same kind of place), but for ``allowed`` ones and names."""
    english_texts = {(kind, text) for kind, _where, text in english}
    return [
        (kind, where, text)
        for kind, where, text in spanish
        if (kind, text) in english_texts and text.replace("&", "").strip() not in allowed
    ]
