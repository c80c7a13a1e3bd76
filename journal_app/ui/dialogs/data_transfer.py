"""File > Export, Import JSON and Back Up Now: choose a file, do the work off the GUI thread
behind a progress dialog, then tell the parent what happened.

Each ``*_dialog(parent, context)`` returns True when the journal changed (the window reloads).
File choosers are small functions (``choose_save_path``, ``choose_open_path``) so tests can
replace them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from journal_app.ui.workers import run_in_background

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext

_T = TypeVar("_T")
ProgressCallback = Callable[[int, int], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataTransfer", text)


# -- choosing files (replaced in tests) -----------------------------------------------------------


def choose_save_path(
    parent: QWidget, caption: str, suggested: Path, name_filter: str
) -> Path | None:
    """Ask where to save; None when the parent cancels."""
    name, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), name_filter)
    return Path(name) if name else None


def choose_open_path(parent: QWidget, caption: str, folder: Path, name_filter: str) -> Path | None:
    """Ask which file to open; None when the parent cancels."""
    name, _filter = QFileDialog.getOpenFileName(parent, caption, str(folder), name_filter)
    return Path(name) if name else None


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def suggested_export_path(context: JournalContext, suffix: str) -> Path:
    """``<Documents>/Crawl Journal <today>.json`` (or ``.zip``); a sample journal says so."""
    stem = _tr("Crawl Journal sample") if context.is_sample else _tr("Crawl Journal")
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem)
    return _documents() / f"{stem} {context.today().isoformat()}{suffix}"


# -- running work with progress --------------------------------------------------------------------


class Cancelled(Exception):
    """The parent pressed Cancel; the work stopped (an import is rolled back as a whole)."""


class _ProgressRelay(QObject):
    """Lives on the GUI thread; carries the worker's progress to the progress dialog."""

    progressed = Signal(int, int)


def run_with_progress(
    parent: QWidget, title: str, label: str, work: Callable[[ProgressCallback], _T]
) -> _T:
    """Run ``work(progress)`` on the thread pool behind a window-modal progress dialog.

    Returns the result, or raises what ``work`` raised (:class:`Cancelled` after Cancel).
    The GUI keeps painting meanwhile: the wait is an event loop, not a busy loop.
    """
    dialog = QProgressDialog(label, _tr("Cancel"), 0, 0, parent)
    dialog.setObjectName("dataTransferProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    relay = _ProgressRelay()
    cancelled = threading.Event()
    dialog.canceled.connect(cancelled.set)

    def show_progress(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total))

    relay.progressed.connect(show_progress)

    def report(done: int, total: int) -> None:  # on the worker thread
        if cancelled.is_set():
            raise Cancelled
        relay.progressed.emit(done, total)

    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    run_in_background(lambda: work(report), finished, failed)
    dialog.show()
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    relay.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    result: _T = outcome["result"]
    return result


def tell(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """A message box whose text is shown exactly as written (plain text: names a parent typed,
    file names and refusal messages may contain ``<`` and ``&``)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    box.exec()
    answer = box.standardButton(box.clickedButton()) if box.clickedButton() else default
    box.deleteLater()
    return answer


def _show_problem(parent: QWidget, title: str, error: BaseException) -> None:
    if isinstance(error, OSError):
        text = _tr("{file}: {problem}").format(
            file=error.filename or "", problem=error.strerror or str(error)
        )
    else:
        text = str(error)
    tell(parent, QMessageBox.Icon.Warning, title, text)


def _problems() -> tuple[type[BaseException], ...]:
    """Failures the parent is told about (disk, permissions, the journal file); bugs propagate."""
    from journal_app.storage.errors import JournalError

    return (OSError, JournalError)


# -- the menu actions -----------------------------------------------------------------------------


def _export(parent: QWidget, context: JournalContext, kind: str) -> bool:
    if kind == "json":
        caption = _tr("Export Journal as JSON")
        name_filter = _tr("JSON files (*.json)")
        suffix = ".json"
    else:
        caption = _tr("Export Journal as CSV (zip)")
        name_filter = _tr("Zip archives of CSV files (*.zip)")
        suffix = ".zip"

    def write(path: Path, progress: ProgressCallback) -> None:
        if kind == "json":
            context.portability.export_json(path, progress=progress)
        else:
            context.portability.export_csv(path, progress=progress)

    chosen = choose_save_path(parent, caption, suggested_export_path(context, suffix), name_filter)
    if chosen is None:
        return False
    path = _with_suffix(chosen, suffix)
    try:
        run_with_progress(
            parent,
            caption,
            _tr("Writing {name}…").format(name=path.name),
            lambda progress: write(path, progress),
        )
    except Cancelled:
        return False
    except _problems() as exc:
        _show_problem(parent, _tr("The journal was not exported"), exc)
        return False
    tell(
        parent,
        QMessageBox.Icon.Information,
        caption,
        _tr("The journal was exported to:\n{path}").format(path=path),
    )
    return False


def export_json_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Export > JSON: everything, for moving to another computer or another program."""
    return _export(parent, context, "json")


def export_csv_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Export > CSV: a zip of spreadsheet files."""
    return _export(parent, context, "csv")


def import_json_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Import JSON: merge an export into this journal, all or nothing."""
    from journal_app.services.portability import ImportRefused

    caption = _tr("Import Journal from JSON")
    path = choose_open_path(
        parent, caption, _documents(), _tr("JSON exports (*.json);;All files (*)")
    )
    if path is None:
        return False
    try:
        report = run_with_progress(
            parent,
            caption,
            _tr("Checking and merging {name}…").format(name=path.name),
            lambda progress: context.portability.import_json(path, progress=progress),
        )
    except Cancelled:
        tell(
            parent,
            QMessageBox.Icon.Information,
            caption,
            _tr("The import was cancelled. The journal is unchanged."),
        )
        return False
    except ImportRefused as exc:
        text = _tr("This file was not imported. The journal is unchanged.\n\n{reason}")
        tell(parent, QMessageBox.Icon.Warning, caption, text.format(reason=exc))
        return False
    except _problems() as exc:
        _show_problem(parent, _tr("The file was not imported"), exc)
        return False
    tell(parent, QMessageBox.Icon.Information, caption, report.describe())
    return bool(report.added or report.updated or report.removed)


def back_up_now_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Back Up Now: a checked copy of the journal in the backups folder."""
    caption = _tr("Back Up Now")
    try:
        made = run_with_progress(
            parent,
            caption,
            _tr("Backing up the journal…"),
            lambda _progress: context.backups.back_up_now(),
        )
    except _problems() as exc:
        _show_problem(parent, _tr("The backup was not made"), exc)
        return False
    tell(
        parent,
        QMessageBox.Icon.Information,
        caption,
        _tr(
            "The journal was backed up to:\n{path}\n\nFile > Restore from Backup brings it back."
        ).format(path=made),
    )
    return False
