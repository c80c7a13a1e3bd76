"""Driving the tips panel in tests: build it for a child and wait for its worker's answer."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from journal_app.services.context import JournalContext
from journal_app.ui.widgets.tips_panel import TipsPanel


def make_panel(qtbot: QtBot, context: JournalContext, child_id: int | None) -> TipsPanel:
    panel = TipsPanel(context)
    qtbot.addWidget(panel)
    panel.resize(300, 700)
    refresh(qtbot, panel, lambda: panel.set_child(child_id))
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def refresh(qtbot: QtBot, panel: TipsPanel, ask: Callable[[], object] | None = None) -> None:
    """Ask the panel to rebuild (by default: what the main window does after every save) and
    wait until it shows the answer, which is computed on a worker thread."""
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        (ask or panel.refresh)()
