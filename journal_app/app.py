"""Composition root: parse the command line, open the journal, wire the services, show the window.

Start-up stages of the GUI (``main``):

1. parse arguments, in the language of ``--language`` or the system's; ``--help``, ``--version``
   and the non-GUI commands never create a window (the commands speak that language);
2. the window's language: ``--language``, else the Preferences' choice, else the system's
   (:func:`choose_window_language`); create the QApplication (names for QSettings) and install
   the translators right away (:func:`install_language`), before any widget exists;
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

from journal_app import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__, i18n
from journal_app.entry import (
    EXIT_ALREADY_OPEN,
    EXIT_BAD_JOURNAL,
    EXIT_FAILED,
    EXIT_OK,
    parse_args,
)
from journal_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    from journal_app.ui.main_window import MainWindow

_PROCESS_START = time.perf_counter()
#: When set, the app prints the seconds from process start to a usable window and quits (bench/).
STARTUP_PROBE_ENV = "CRAWL_JOURNAL_STARTUP_PROBE"


def _name_application() -> None:
    """The names QSettings files its values under; they can be set before the QApplication."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)


def choose_window_language(explicit: str | None) -> i18n.Translator:
    """The window's language, chosen before anything is built: ``explicit`` (``--language``),
    else the language saved in Preferences, else the system's (the user's UI languages on
    Windows and macOS, LANGUAGE / LC_ALL / LC_MESSAGES / LANG on Linux), else English."""
    from journal_app import i18n_qt

    _name_application()
    return i18n.setup(explicit or i18n_qt.saved_language(), i18n_qt.preferred_languages())


def install_language(app: QCoreApplication) -> list[QTranslator]:
    """Make Qt speak the app's language: the widgets' ``tr()`` from the gettext catalogue,
    Qt's own dialog texts (qtbase) and QLocale's default. Right after the QApplication exists."""
    from journal_app import i18n_qt

    return i18n_qt.install(app, i18n.app_translator())


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = (
        existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    )
    _name_application()
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

    choose_window_language(args.language)
    app = create_application()
    install_language(app)
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
            text = _(
                "The journal in {folder} is in use by a crawl-journal command right now. "
                "Try again when it has finished."
            ).format(folder=paths.data_dir)
        else:
            text = _(
                "The journal in {folder} is already open in another Crawl Journal window. "
                "Switch to that window, or close it first."
            ).format(folder=paths.data_dir)
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
