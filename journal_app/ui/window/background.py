"""The main window's work on worker threads once it is on screen: loading SQLAlchemy and the
services, the once-a-day backup, and the start-up probe of the benchmark."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

from journal_app.ui.workers import run_in_background

if TYPE_CHECKING:
    from journal_app.ui.main_window import MainWindow


def warm_up(window: MainWindow) -> None:
    """Load SQLAlchemy and the services on a worker thread, then tell the window
    (``window.warmed_up``): the first screen needs neither (it reads through ``context.reads``),
    so the window is on screen and usable before they are imported."""
    run_in_background(
        window.context.warm_up,
        on_done=lambda _none: window.warmed_up(),
        on_error=lambda exc: window.warmed_up(exc),
    )


def start_automatic_backup(window: MainWindow) -> None:
    """The once-a-day backup, on a worker thread; the window stays responsive."""
    context = window.context
    run_in_background(
        lambda: context.backups.automatic_backup(),  # the service is built on the worker too
        on_done=lambda path: window.backup_finished.emit(str(path) if path else ""),
        on_error=lambda exc: window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Automatic backup failed: {e}").format(e=exc),
            15000,
        ),
    )


def report_when_ready(window: MainWindow, process_start: float) -> None:
    """For the start-up benchmark: print seconds from process start to a usable window, then quit."""

    def report() -> None:
        import sys

        print(f"startup_seconds={time.perf_counter() - process_start:.4f}", flush=True)
        heavy = ("sqlalchemy", "alembic", "matplotlib", "journal_app.ui.printing")
        loaded = ",".join(name for name in heavy if name in sys.modules)
        print(f"heavy_modules_at_ready={loaded}", flush=True)
        window.close()

    QTimer.singleShot(0, report)
