"""The parts around the pages of the main window: its title, the child toolbar and the status bar."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from journal_app import APP_NAME
from journal_app.domain.dates import format_date

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def window_title(child_name: str | None, day: date | None, *, is_sample: bool) -> str:
    """ "Maya, 23 Nov 2026[*] — Crawl Journal", and the sample's warning in a sample journal."""
    parts = []
    if child_name is not None and day is not None:
        parts.append(f"{child_name}, {format_date(day)}[*]")
    parts.append(APP_NAME)
    if is_sample:
        parts.append(_tr("SAMPLE JOURNAL (not your data)"))
    return " — ".join(parts)


def child_toolbar(window: QMainWindow) -> tuple[QToolBar, QComboBox]:
    """The toolbar with the child selector on its right (its label points at it)."""
    toolbar = QToolBar(_tr("Child"), window)
    toolbar.setObjectName("childToolbar")
    toolbar.setMovable(False)
    label = QLabel(_tr("&Child:"), toolbar)
    combo = QComboBox(toolbar)
    combo.setAccessibleName(_tr("Child"))
    combo.setMinimumWidth(180)
    label.setBuddy(combo)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(label)
    toolbar.addWidget(combo)
    return toolbar, combo


def build_status_bar(window: QMainWindow, context: JournalContext) -> tuple[QLabel, QLabel]:
    """The status bar: when the day was saved, where the journal is (and the sample's badge)."""
    saved_status = QLabel("", window)
    place_status = QLabel(_tr("Journal: {path}").format(path=context.paths.data_dir), window)
    place_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    bar = window.statusBar()
    bar.addWidget(saved_status)
    if context.is_sample:  # said inside the window too, not only in its title
        sample_label = QLabel(
            _tr("Sample journal: made-up data, removed when you close this window"), window
        )
        sample_label.setObjectName("sample-label")
        sample_label.setStyleSheet(
            "QLabel { background: palette(highlight); color: palette(highlighted-text);"
            " padding: 1px 8px; border-radius: 3px; font-weight: bold; }"
        )
        bar.addPermanentWidget(sample_label)
    bar.addPermanentWidget(place_status)
    return saved_status, place_status
