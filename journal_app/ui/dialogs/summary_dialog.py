"""File > Print Summary and File > Export Summary as PDF: choose the child, the period and the
summary's language (the doctor's, which may not be the app's), then preview and print, or save the
same document as a PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal_app import i18n
from journal_app.domain.entries import ChildProfile
from journal_app.ui.widgets.common import to_date, to_qdate

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from journal_app.services.context import JournalContext
    from journal_app.services.summary import SummaryReport
    from journal_app.ui.printing.summary_document import SummaryCharts


def language_name(code: str) -> str:
    """A language named in itself, as its speakers look for it: "English", "Español"."""
    from babel import Locale

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def summary_language_box(parent: QWidget) -> QComboBox:
    """The "Summary language" choice: each language named in itself, the app's chosen first."""
    box = QComboBox(parent)
    box.setObjectName("summaryLanguage")
    box.setAccessibleName(_tr("Summary language"))
    box.setToolTip(_tr("The language the summary is written in: the doctor's may not be yours."))
    for code in i18n.available_languages():
        box.addItem(language_name(code), code)
    box.setCurrentIndex(max(box.findData(i18n.current().language), 0))
    return box


def chosen_language(box: QComboBox) -> str:
    """The language code ("en", "es") chosen in a :func:`summary_language_box`."""
    code = box.currentData()
    return code if isinstance(code, str) else i18n.current().language


class SummaryPeriodDialog(QDialog):
    """Which child, from when to when, and in which language; the period starts as the
    service's default, the language as the app's."""

    def __init__(
        self,
        context: JournalContext,
        children: list[ChildProfile],
        child_id: int | None,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPeriodDialog")
        self.setWindowTitle(self.tr("Summary for the doctor"))
        self._context = context
        self._children = children
        today = to_qdate(context.today())

        self.child_box = QComboBox(self)
        self.child_box.setAccessibleName(self.tr("Child"))
        for child in children:
            self.child_box.addItem(child.name, child.id)
        self.start_edit = QDateEdit(self)
        self.start_edit.setAccessibleName(self.tr("From"))
        self.end_edit = QDateEdit(self)
        self.end_edit.setAccessibleName(self.tr("To"))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(today)
            edit.dateChanged.connect(self._check)
        self.language_box = summary_language_box(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(self)
        self.problem.setObjectName("periodProblem")
        self.problem.setStyleSheet("color: #9b1c1c;")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Child:"), self.child_box)
        form.addRow(self.tr("&From:"), self.start_edit)
        form.addRow(self.tr("&To:"), self.end_edit)
        form.addRow(self.tr("Summary &language:"), self.language_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.child_box.currentIndexChanged.connect(self._child_changed)
        index = self.child_box.findData(child_id) if child_id is not None else 0
        self.child_box.setCurrentIndex(max(index, 0))
        self._child_changed()

    def _child_changed(self) -> None:
        child = self.child()
        start, end = self._context.summary.default_period(child.id or 0)
        for edit in (self.start_edit, self.end_edit):
            edit.setMinimumDate(to_qdate(child.birth_date))
        self.start_edit.setDate(to_qdate(start))
        self.end_edit.setDate(to_qdate(end))
        self.hint.setText(
            self.tr("The period starts where the last summary ended, or 3 months back.")
        )
        self._check()

    def _check(self) -> None:
        start, end = self.period()
        wrong = start > end
        self.problem.setText(self.tr("The period must start before it ends.") if wrong else "")
        self.problem.setVisible(wrong)
        self.ok_button.setEnabled(not wrong)

    def child(self) -> ChildProfile:
        return self._children[max(self.child_box.currentIndex(), 0)]

    def period(self) -> tuple[date, date]:
        return to_date(self.start_edit.date()), to_date(self.end_edit.date())

    def language(self) -> str:
        """The summary's language code ("en", "es")."""
        return chosen_language(self.language_box)


#: What the period dialog answers: the child, the period, and the summary's language code.
SummaryChoice = tuple[ChildProfile, date, date, str]


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SummaryDialog", text)


def _ask_period(
    parent: QWidget, context: JournalContext, child_id: int | None, ok_text: str
) -> SummaryChoice | None:
    children = context.journal.list_children()
    if not children:
        QMessageBox.information(
            parent,
            _tr("Summary for the doctor"),
            _tr("Add a child first; the summary is made from a child's journal."),
        )
        return None
    dialog = SummaryPeriodDialog(context, children, child_id, ok_text, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        start, end = dialog.period()
        return dialog.child(), start, end, dialog.language()
    finally:
        dialog.deleteLater()


def _build(
    parent: QWidget,
    context: JournalContext,
    child: ChildProfile,
    start: date,
    end: date,
    language: str,
) -> tuple[SummaryReport, QTextDocument] | None:
    """The report and its document in ``language``; a journal problem is shown, not raised.

    The report and the charts are prepared on a worker thread (the window stays painted, with a
    busy indicator if it takes a while); the document is laid out here.
    """
    from journal_app.domain.errors import JournalError
    from journal_app.ui.printing.summary_pdf import summary_document_for

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        prepared = _prepare(parent, context, child, start, end, language)
        return summary_document_for(
            context, child, start, end, prepared=prepared, language=language
        )
    except JournalError as exc:
        problem = str(exc)
    finally:
        QGuiApplication.restoreOverrideCursor()
    QMessageBox.warning(parent, _tr("Summary for the doctor"), problem)
    return None


def _prepare(
    parent: QWidget,
    context: JournalContext,
    child: ChildProfile,
    start: date,
    end: date,
    language: str,
) -> tuple[SummaryReport, SummaryCharts]:
    """The report and its charts in ``language``, made on a worker thread while the window
    waits (prepare_summary enters the language in that thread: speaking() is per thread)."""
    from journal_app.ui.printing.summary_pdf import prepare_summary
    from journal_app.ui.workers import run_with_progress

    prepared: tuple[SummaryReport, SummaryCharts] = run_with_progress(
        parent,
        _tr("Preparing the summary for {name}…").format(name=child.name),
        lambda: prepare_summary(context, child, start, end, language),
    )
    return prepared


def print_summary_dialog(parent: QWidget, context: JournalContext, child_id: int | None) -> None:
    """Choose the child and period, then a print preview to print from or change page setup."""
    from PySide6.QtPrintSupport import QPrinter

    from journal_app.ui.printing.summary_document import (
        print_document,
        summary_page_layout,
        summary_title,
    )
    from journal_app.ui.printing.summary_pdf import summary_translator

    chosen = _ask_period(parent, context, child_id, _tr("Preview…"))
    if chosen is None:
        return
    child, start, end, language = chosen
    built = _build(parent, context, child, start, end, language)
    if built is None:
        return
    report, document = built
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(summary_page_layout())
    with i18n.speaking(summary_translator(language)):
        printer.setDocName(summary_title(report))
    preview = make_preview(printer, parent, child)

    def paint(target: QPrinter) -> None:
        print_document(document, target)

    preview.paintRequested.connect(paint)
    try:
        if preview.exec() == QDialog.DialogCode.Accepted and child.id is not None:
            context.summary.record_made(child.id, start, end)
    finally:
        preview.deleteLater()
        document.deleteLater()


#: The size the print preview asks for; it is then fitted to the screen it opens on.
PREVIEW_SIZE = (900, 1000)


def make_preview(
    printer: QPrinter, parent: QWidget | None, child: ChildProfile
) -> QPrintPreviewDialog:
    """The print preview of the summary, no bigger than the available area of its screen."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from journal_app.ui.window.geometry import fit_to_screen

    preview = QPrintPreviewDialog(printer, parent)
    preview.setObjectName("summaryPrintPreview")
    preview.setWindowTitle(_tr("Print Summary – {name}").format(name=child.name))
    preview.resize(*PREVIEW_SIZE)
    fit_to_screen(preview, parent.screen() if parent is not None else None)
    return preview


def suggested_pdf_path(child: ChildProfile, end: date) -> Path:
    """``<folder>/<name> movement summary <end>.pdf``, the name made safe for a file name; the
    folder is the one last used for a file, else Documents."""
    from journal_app.ui.dialogs.data_transfer import start_folder

    safe_name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", child.name).strip(" .") or "child"
    file_name = _tr("{name} movement summary {date}.pdf").format(
        name=safe_name, date=end.isoformat()
    )
    return start_folder() / file_name


def choose_pdf_path(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the PDF; None when the parent cancels."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, _tr("Export Summary as PDF"), str(suggested), _tr("PDF files (*.pdf)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def export_summary_pdf_dialog(
    parent: QWidget, context: JournalContext, child_id: int | None
) -> None:
    """Choose the child and period and a file, then write the summary there as a PDF."""
    from journal_app.domain.errors import JournalError
    from journal_app.ui.printing.summary_pdf import SummaryExportError, write_summary_pdf

    chosen = _ask_period(parent, context, child_id, _tr("Save as PDF…"))
    if chosen is None:
        return
    child, start, end, language = chosen
    path = choose_pdf_path(parent, suggested_pdf_path(child, end))
    if path is None:
        return
    from journal_app.ui.dialogs.data_transfer import remember_folder

    remember_folder(path)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    problem: str | None = None
    try:
        context.check_output(path)  # never over the journal, its backups or a folder
        prepared = _prepare(parent, context, child, start, end, language)
        write_summary_pdf(context, child, start, end, path, prepared=prepared, language=language)
    except (SummaryExportError, JournalError) as exc:
        problem = str(exc)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if problem is not None:
        QMessageBox.warning(parent, _tr("The summary was not saved"), problem)
        return
    window = parent.window()
    status_bar = getattr(window, "statusBar", None)
    if callable(status_bar):
        status_bar().showMessage(_tr("Summary saved to {path}").format(path=path), 8000)
