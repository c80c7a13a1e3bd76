"""Composition root: parse the command line, open the journal, wire the services, show the window.

Start-up stages of the GUI (``main``):

1. parse arguments; ``--help``, ``--version`` and the non-GUI commands never create a window;
2. create the QApplication (names for QSettings);
3. resolve the journal folder (``--data-dir``, ``CRAWL_JOURNAL_DIR``, or the user data folder);
4. take the folder's lock, or tell the user the journal is already open and exit (code 3); a
   folder that cannot be used exits 1, as the commands do;
5. open the journal: integrity check, migrations (skipped when current), engine; a damaged file
   leads to the restore dialog, a newer file to a refusal (code 4);
6. build the main window with ``create_main_window`` and show it;
7. once the event loop runs: the daily automatic backup, on a worker thread.

matplotlib, Alembic (when the schema is current) and the printing code are not imported on this path.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from journal_app.entry import (
    EXIT_ALREADY_OPEN,
    EXIT_BAD_JOURNAL,
    EXIT_FAILED,
    EXIT_OK,
    parse_args,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from journal_app.ui.main_window import MainWindow

_PROCESS_START = time.perf_counter()
#: When set, the app prints the seconds from process start to a usable window and quits (bench/).
STARTUP_PROBE_ENV = "CRAWL_JOURNAL_STARTUP_PROBE"


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = (
        existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    )
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("crawl-journal")
    from importlib.resources import files

    icon = files("journal_app.resources").joinpath("crawl-journal.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def create_main_window(
    data_dir: Path,
    *,
    today: Callable[[], date] = date.today,
    clock: Callable[[], float] = time.monotonic,
    is_sample: bool = False,
) -> MainWindow:
    """The main window on the journal in ``data_dir`` (opened, checked and migrated first).

    Storage errors (damaged, too new, unavailable) propagate to the caller.
    """
    from journal_app.paths import JournalPaths
    from journal_app.services.context import open_context
    from journal_app.ui.main_window import MainWindow

    context = open_context(JournalPaths(data_dir), today, is_sample=is_sample)
    return MainWindow(context, clock=clock)


def _headless() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() in {"offscreen", "minimal"}


def _tell(title: str, text: str, *, error: bool = True) -> None:
    """A message for the user: a dialog on a real screen, and always on stderr."""
    print(text, file=sys.stderr)
    if _headless():
        return
    from PySide6.QtWidgets import QMessageBox

    (QMessageBox.critical if error else QMessageBox.information)(None, title, text)


def _open_window(data_dir: Path, is_sample: bool) -> MainWindow | int:
    """Open the journal in ``data_dir``; handles the damaged and too-new cases with the user."""
    from journal_app.storage.errors import (
        JournalDamagedError,
        JournalError,
        JournalInUseError,
        JournalTooNewError,
    )

    try:
        return create_main_window(data_dir, is_sample=is_sample)
    except JournalTooNewError as exc:
        _tell(APP_NAME, str(exc))
        return EXIT_BAD_JOURNAL
    except JournalDamagedError as exc:
        from journal_app.ui.dialogs.damaged_journal import offer_restore

        if _headless() or not offer_restore(exc):
            print(str(exc), file=sys.stderr)
            return EXIT_BAD_JOURNAL
        return create_main_window(data_dir, is_sample=is_sample)
    except JournalError as exc:  # the folder or disk got in the way: exit 1, as the commands do
        _tell(APP_NAME, str(exc))
        return EXIT_ALREADY_OPEN if isinstance(exc, JournalInUseError) else EXIT_FAILED


def _start_daily_backup(window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window.start_automatic_backup)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command:
        from journal_app.cli import run_command

        return run_command(args)

    app = create_application()
    from journal_app.paths import JournalPaths, data_dir_problem, resolve_data_dir
    from journal_app.single_instance import APP, COMMAND, JournalLock

    is_sample = bool(args.demo)
    if is_sample:
        data_dir = Path(tempfile.mkdtemp(prefix="crawl-journal-sample-"))
        from journal_app.services.sample_journal import write_sample_journal

        write_sample_journal(data_dir)
    else:
        data_dir = resolve_data_dir(args.data_dir)
    try:
        paths = JournalPaths(data_dir).ensure()
    except OSError as exc:  # told and ended as the commands do (exit 1)
        _tell(APP_NAME, data_dir_problem(data_dir, exc))
        return EXIT_FAILED
    lock = JournalLock(paths.lock, APP)
    if not lock.acquire():
        problem = lock.problem()
        if problem is not None:  # nobody holds it: a folder or lock file it cannot use
            _tell(APP_NAME, problem)
            return EXIT_FAILED
        if lock.holder_kind() == COMMAND:
            text = (
                f"The journal in {paths.data_dir} is in use by a crawl-journal command right "
                "now. Try again when it has finished."
            )
        else:
            text = (
                f"The journal in {paths.data_dir} is already open in another Crawl Journal "
                "window. Switch to that window, or close it first."
            )
        _tell(APP_NAME, text, error=False)
        return EXIT_ALREADY_OPEN
    from journal_app.storage.backups import remove_leftover_temporaries

    remove_leftover_temporaries(paths.data_dir, paths.backups)  # what a killed backup left
    try:
        window = _open_window(paths.data_dir, is_sample)
        if isinstance(window, int):
            return window
        window.show()
        if os.environ.get(STARTUP_PROBE_ENV):
            window.report_when_ready(_PROCESS_START)
        else:
            _start_daily_backup(window)
        code = app.exec()
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)  # a backup on its way finishes first
        return int(code) if code else EXIT_OK
    finally:
        lock.release()
        if is_sample:  # the sample journal lives only as long as the app that showed it
            shutil.rmtree(paths.data_dir, ignore_errors=True)
