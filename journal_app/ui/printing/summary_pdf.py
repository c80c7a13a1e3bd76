"""The doctor-visit summary written to a PDF file, from the app or (headless) from the command line.

The file appears whole or not at all: the PDF is written to a private temporary file in the target
folder and renamed over the target at the end.

The summary may be in another language than the app's (the doctor's): every function that builds
it takes ``language`` ("es", "en"; None for the current language) and builds inside
``with i18n.speaking(...)``, in the thread that builds. Messages for the parent (a file that
cannot be written, a period that does not fit) stay in the app's language.
"""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from journal_app import APP_NAME, __version__, i18n
from journal_app.domain.entries import ChildProfile
from journal_app.services.summary import SummaryReport

if TYPE_CHECKING:
    from PySide6.QtGui import QPageSize, QTextDocument

    from journal_app.services.context import JournalContext
    from journal_app.ui.printing.summary_document import SummaryCharts


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummaryPdf", text)


class SummaryExportError(OSError):
    """The PDF could not be written; ``message`` says why in plain words. No file is left."""

    def __init__(self, path: Path, message: str, code: int = errno.EIO) -> None:
        super().__init__(code, message, str(path))
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


class SummaryPeriodProblem(SummaryExportError):
    """The period asked for does not fit (it ends in the future, starts before the birth date
    or after its end): told as a period problem, with no file name before it. ``filename`` is
    None, so the command line prints the message alone; ``path`` is the file not written."""

    def __init__(self, path: Path, message: str) -> None:
        OSError.__init__(self, errno.EINVAL, message)
        self.path = path
        self.message = message


def summary_translator(language: str | None = None) -> i18n.Translator:
    """The translator of a summary in ``language`` ("es", "en_US"); the current one for None,
    or for the current language ("es" while the app speaks "es_MX" keeps Mexico's "3.8").
    A code without a catalogue gives English (see :func:`i18n.translator_for`)."""
    current = i18n.current()
    if not language or i18n.normalize_code(language) in (current.locale, current.language):
        return current
    return i18n.translator_for(language)


def resolve_period(
    context: JournalContext, child_id: int, start: date | None, end: date | None
) -> tuple[date, date]:
    """The period asked for, with a missing end filled from the default period."""
    default_start, default_end = context.summary.default_period(child_id)
    return (start or default_start, end or default_end)


def prepare_summary(
    context: JournalContext,
    child: ChildProfile,
    start: date,
    end: date,
    language: str | None = None,
) -> tuple[SummaryReport, SummaryCharts]:
    """The report and its charts as images, in ``language``: the slow part, safe to run on a
    worker thread (the language is entered in the thread that runs this).

    Raises :class:`SummaryPeriodError` in the app's language for a period that does not fit.
    """
    from journal_app.ui.printing.summary_document import render_summary_charts

    assert child.id is not None
    translator = summary_translator(language)
    context.summary.check_period(child, start, end)
    with i18n.speaking(translator):
        report = context.summary.build(child.id, start, end)
        return report, render_summary_charts(context, report)


def summary_document_for(
    context: JournalContext,
    child: ChildProfile,
    start: date,
    end: date,
    page_size: QPageSize | None = None,
    prepared: tuple[SummaryReport, SummaryCharts] | None = None,
    language: str | None = None,
) -> tuple[SummaryReport, QTextDocument]:
    """Build the report, render its charts and lay out the document (the preview's and PDF's),
    in ``language``.

    ``prepared`` is what :func:`prepare_summary` returned (in the same ``language``), when it
    already ran on a worker.
    """
    from journal_app.ui.printing.summary_document import build_summary_document

    report, charts = prepared or prepare_summary(context, child, start, end, language)
    with i18n.speaking(summary_translator(language)):
        return report, build_summary_document(report, charts, page_size)


def write_document_pdf(
    document: QTextDocument, title: str, path: Path, page_size: QPageSize | None = None
) -> None:
    """Write ``document`` as a PDF at ``path`` atomically (temp file in the same folder, rename)."""
    from PySide6.QtPrintSupport import QPrinter

    from journal_app.ui.printing.summary_document import (
        SummaryPrintError,
        print_document,
        summary_page_layout,
    )

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SummaryExportError(
            path,
            _tr("{path} is a folder; please choose a file name.").format(path=path),
            errno.EISDIR,
        )
    if not folder.is_dir():
        raise SummaryExportError(
            path,
            _tr("The folder {folder} does not exist.").format(folder=folder),
            errno.ENOENT,
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise SummaryExportError(
            path,
            _tr("The summary could not be saved in {folder}: {reason}.").format(
                folder=folder, reason=(exc.strerror or str(exc)).lower()
            ),
            exc.errno or errno.EIO,
        ) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(temp))
        printer.setPageLayout(summary_page_layout(page_size))
        printer.setDocName(title)
        printer.setCreator(f"{APP_NAME} {__version__}")
        try:
            print_document(document, printer)
        except SummaryPrintError as exc:
            raise SummaryExportError(
                path,
                _tr("The summary could not be written to {path}.").format(path=path),
            ) from exc
        del printer
        if not _is_complete_pdf(temp):
            # Qt does not report failed writes (a full disk, a quota): a PDF without its end
            # is what they leave behind.
            raise SummaryExportError(
                path,
                _tr("The summary could not be written to {path}; the disk may be full.").format(
                    path=path
                ),
                errno.EIO,
            )
        try:
            os.replace(temp, path)
        except OSError as exc:
            raise SummaryExportError(
                path,
                _tr("The summary could not be saved as {path}: {reason}.").format(
                    path=path, reason=(exc.strerror or str(exc)).lower()
                ),
                exc.errno or errno.EIO,
            ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _is_complete_pdf(path: Path) -> bool:
    """True when ``path`` holds a whole PDF (header and end-of-file marker) and is on disk."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, size - 1024))
            tail = handle.read()
            os.fsync(handle.fileno())
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def write_summary_pdf(
    context: JournalContext,
    child: ChildProfile,
    start: date | None,
    end: date | None,
    path: Path,
    prepared: tuple[SummaryReport, SummaryCharts] | None = None,
    language: str | None = None,
) -> None:
    """Write the summary of ``start``..``end`` (the default period where None) to ``path``, in
    ``language`` (the current language when None).

    Raises :class:`SummaryExportError` with a clear message when the file cannot be written
    (nothing is left behind), :class:`SummaryPeriodProblem` (one of them, without the file's
    name) when the period does not fit, and records the summary as made when it was.
    """
    from journal_app.services.summary import SummaryPeriodError
    from journal_app.ui.printing.summary_document import summary_title

    assert child.id is not None
    start, end = resolve_period(context, child.id, start, end)
    try:
        report, document = summary_document_for(
            context, child, start, end, prepared=prepared, language=language
        )
    except SummaryPeriodError as exc:
        raise SummaryPeriodProblem(Path(path), str(exc)) from exc
    with i18n.speaking(summary_translator(language)):
        title = summary_title(report)
    try:
        write_document_pdf(document, title, Path(path))
    finally:
        document.deleteLater()
    context.summary.record_made(child.id, start, end)


def write_summary_pdf_headless(
    context: JournalContext,
    child: ChildProfile,
    start: date | None,
    end: date | None,
    path: Path,
    language: str | None = None,
) -> None:
    """:func:`write_summary_pdf` without a display: makes an offscreen QGuiApplication if needed.
    ``language`` ("es", "en") is the summary's, e.g. from ``crawl-journal summary --language``;
    None: the app's (current) language."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([APP_NAME, "-platform", "offscreen"])
    write_summary_pdf(context, child, start, end, path, language=language)
