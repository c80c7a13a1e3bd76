"""File > Export, Import JSON and Back Up Now: choose a file, do the work off the GUI thread
behind a progress dialog, then tell the parent what happened.

Each ``*_dialog(parent, context)`` returns True when the journal changed (the window reloads).
File choosers are small functions (``choose_save_path``, ``choose_open_path``) so tests can
replace them. An export first asks which children go into it (all, or one) when the journal has
more than one; it then calls the same service as ``crawl-journal export [--child NAME]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.dates import format_date
from journal_app.ui import workers
from journal_app.ui.workers import Cancelled, ProgressCallback

__all__ = ["Cancelled"]

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile
    from journal_app.services.context import JournalContext

_T = TypeVar("_T")


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


#: The folder of the last file chosen to export to or import from.
LAST_FOLDER_KEY = "files/lastFolder"


def start_folder() -> Path:
    """Where a file dialog starts: the folder last used, else the user's Documents folder, else
    (no Documents folder) the home folder; never the folder the app happened to be started
    from."""
    from PySide6.QtCore import QSettings

    last = QSettings().value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def remember_folder(path: Path) -> None:
    """The next file dialog starts in the folder of ``path``."""
    from PySide6.QtCore import QSettings

    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def suggested_export_path(
    context: JournalContext, suffix: str, child: ChildProfile | None = None
) -> Path:
    """``<Documents>/Crawl Journal <today>.json`` (or ``.zip``); a sample journal says so, and an
    export of one child carries the child's name (``Crawl Journal Maya 2026-11-23.json``)."""
    stem = _tr("Crawl Journal sample") if context.is_sample else _tr("Crawl Journal")
    if child is not None:
        stem += " " + child.name
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem)
    return start_folder() / f"{stem} {context.today().isoformat()}{suffix}"


# -- which children go into an export ---------------------------------------------------------------


@dataclass(frozen=True)
class ExportScope:
    """What an export holds: every child (``child`` None), or one child."""

    child: ChildProfile | None = None


class ExportChildrenDialog(QDialog):
    """Asks whether the export holds all children (the default) or one of them."""

    def __init__(
        self, children: list[ChildProfile], caption: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportChildrenDialog")
        self.setWindowTitle(caption)
        intro = QLabel(self.tr("Export the journal of every child, or of one child only?"), self)
        intro.setWordWrap(True)
        self.children_combo = QComboBox(self)
        self.children_combo.addItem(self.tr("All children ({n})").format(n=len(children)), None)
        names = [c.name.casefold() for c in children]
        for child in children:
            text = child.name
            if names.count(child.name.casefold()) > 1:  # two children of the same name
                text += self.tr(" (born {date})").format(date=format_date(child.birth_date))
            self.children_combo.addItem(text, child)
        self.children_combo.setCurrentIndex(0)
        label = QLabel(self.tr("&Children to export:"), self)
        label.setBuddy(self.children_combo)
        self.children_combo.setAccessibleName(self.tr("Children to export"))
        form = QFormLayout()
        form.addRow(label, self.children_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("C&hoose File…"))
        self.ok_button.setAccessibleName(self.tr("Choose File…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.children_combo.setFocus()

    def scope(self) -> ExportScope:
        child: ChildProfile | None = self.children_combo.currentData()
        return ExportScope(child)


def choose_export_scope(
    parent: QWidget, context: JournalContext, caption: str
) -> ExportScope | None:
    """All children or one; None when the parent cancels. A journal with one child (or none)
    is exported whole without asking: there is nothing to choose."""
    children = context.journal.list_children()
    if len(children) < 2:
        return ExportScope()
    dialog = ExportChildrenDialog(children, caption, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.scope()
    finally:
        dialog.deleteLater()


# -- running work with progress --------------------------------------------------------------------


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
    from journal_app.domain.errors import JournalError

    return (OSError, JournalError)


# -- the menu actions -----------------------------------------------------------------------------


def _export(parent: QWidget, context: JournalContext, kind: str) -> bool:
    if kind == "json":
        caption = _tr("Export Journal as JSON")
        name_filter = _tr("JSON files (*.json)")
        suffix = ".json"
    elif kind == "media":  # the journal with its photos and videos (ui/window/media.py)
        caption = _tr("Export Journal with Photos and Videos (zip)")
        name_filter = _tr("Journals with photos and videos (*.zip)")
        suffix = ".zip"
    else:
        caption = _tr("Export Journal as CSV (zip)")
        name_filter = _tr("Zip archives of CSV files (*.zip)")
        suffix = ".zip"

    scope = choose_export_scope(parent, context, caption)
    if scope is None:
        return False
    child_id = scope.child.id if scope.child is not None else None

    def write(path: Path, progress: ProgressCallback) -> None:
        # The same calls as `crawl-journal export --format json|csv [--child NAME]`.
        if kind == "json":
            context.portability.export_json(path, child_id=child_id, progress=progress)
        elif kind == "media":
            context.portability.export_zip(path, child_id=child_id, progress=progress)
        else:
            context.portability.export_csv(path, child_id=child_id, progress=progress)

    chosen = choose_save_path(
        parent, caption, suggested_export_path(context, suffix, scope.child), name_filter
    )
    if chosen is None:
        return False
    remember_folder(chosen)
    path = _with_suffix(chosen, suffix)
    # LookupError: the chosen child was deleted meanwhile (the service says so).
    problems: tuple[type[BaseException], ...] = (*_problems(), LookupError)
    try:
        context.check_output(path)  # never over the journal, its backups or a folder
        workers.run_with_progress(
            parent,
            _tr("Writing {name}…").format(name=path.name),
            lambda progress: write(path, progress),
            title=caption,
            reports_progress=True,
            cancellable=True,
        )
    except Cancelled:
        return False
    except problems as exc:
        _show_problem(parent, _tr("The journal was not exported"), exc)
        return False
    if scope.child is None:
        done = _tr("The journal was exported to:\n{path}").format(path=path)
    else:
        done = _tr("The journal of {name} was exported to:\n{path}").format(
            name=scope.child.name, path=path
        )
    tell(parent, QMessageBox.Icon.Information, caption, done)
    return False


def export_json_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Export > JSON: everything, for moving to another computer or another program."""
    return _export(parent, context, "json")


def export_csv_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Export > CSV: a zip of spreadsheet files."""
    return _export(parent, context, "csv")


def export_media_zip_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Export > With Photos and Videos: one zip of the JSON and the files, which
    File > Import takes back (``crawl-journal export --format zip``)."""
    return _export(parent, context, "media")


def import_json_dialog(parent: QWidget, context: JournalContext) -> bool:
    """File > Import: merge an export (JSON, or a journal with photos and videos in a zip)
    into this journal, all or nothing."""
    from journal_app.services.portability import ImportRefused

    caption = _tr("Import Journal")
    path = choose_open_path(
        parent,
        caption,
        start_folder(),
        _tr(
            "Journal exports (*.json *.zip);;JSON exports (*.json);;"
            "Journals with photos and videos (*.zip);;All files (*)"
        ),
    )
    if path is None:
        return False
    remember_folder(path)
    try:
        report = workers.run_with_progress(
            parent,
            _tr("Checking and merging {name}…").format(name=path.name),
            lambda progress: context.portability.import_json(path, progress=progress),
            title=caption,
            reports_progress=True,
            cancellable=True,
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
        made = workers.run_with_progress(
            parent,
            _tr("Backing up the journal…"),
            lambda _progress: context.backups.back_up_now(),
            title=caption,
            reports_progress=True,
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
