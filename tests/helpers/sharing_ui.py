"""For the sharing window tests: a second computer's journal, and dialogs answered as they open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from tests.helpers.constants import TODAY
from tests.helpers.journals import place_new_journal


@contextmanager
def other_computer(
    template: Path, data_dir: Path, children: tuple[ChildProfile, ...] = ()
) -> Iterator[JournalContext]:
    """Another computer's own journal (its own data folder), driven through its services."""
    place_new_journal(template, data_dir)
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        for child in children:
            ctx.journal.save_child(child)
        yield ctx
    finally:
        ctx.close()


def when_open(
    kind: type[QWidget], act: Callable[[Any], None], *, name: str = "", seen: list | None = None
) -> None:
    """When the next modal ``kind`` (with object name ``name``, if given) opens, call
    ``act(it)``. One that never opens within 15 s: whatever modal is open is closed, so the test
    fails on its assertions instead of waiting forever."""
    tries = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        wanted = (
            isinstance(widget, kind)
            and widget.isVisible()
            and (not name or widget.objectName() == name)
        )
        if not wanted:
            tries[0] += 1
            if tries[0] > 3000:
                if isinstance(widget, QDialog):
                    widget.reject()
                return
            QTimer.singleShot(5, poll)
            return
        if seen is not None:
            seen.append(widget)
        act(widget)

    QTimer.singleShot(0, poll)
