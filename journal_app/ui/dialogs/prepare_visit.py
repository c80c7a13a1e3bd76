"""File > Prepare for the Visit…: choose the child, the period and which photos and videos to
bring; the summary PDF (with the chosen photos printed small) and the chosen files are copied
into one new, private folder (services/visit.py), on a worker thread with progress."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal_app import i18n
from journal_app.domain.media import format_size
from journal_app.ui.widgets.common import to_date, to_qdate

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile
    from journal_app.services.context import JournalContext
    from journal_app.services.media import MediaItem
    from journal_app.services.summary import SummaryReport
    from journal_app.ui.printing.summary_document import SummaryCharts


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrepareVisit", text)


def choose_parent_folder(parent: QWidget) -> Path | None:
    """Where the new folder goes (tests replace it); None when cancelled."""
    from journal_app.ui.dialogs.data_transfer import remember_folder, start_folder

    name = QFileDialog.getExistingDirectory(
        parent, _tr("Where should the folder for the visit go?"), str(start_folder())
    )
    if not name:
        return None
    remember_folder(Path(name) / "x")
    return Path(name)


class PrepareVisitDialog(QDialog):
    """Child, period, and the period's photos and videos with a tick for each one to bring."""

    def __init__(
        self,
        context: JournalContext,
        children: list[ChildProfile],
        child_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("prepareVisitDialog")
        self.setWindowTitle(self.tr("Prepare for the visit"))
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
        self.media_list = QListWidget(self)
        self.media_list.setAccessibleName(self.tr("Photos and videos to bring"))
        self.media_list.setWordWrap(True)
        self.media_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_label = QLabel(self.tr("No photos or videos in this period."), self)
        self.hint = QLabel(
            self.tr(
                "The summary PDF and the ticked files are copied into one new folder. "
                "Ticked photos (up to 4) are also printed small in the summary."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        from journal_app.ui.dialogs.summary_dialog import summary_language_box

        self.language_box = summary_language_box(self)
        self.zip_check = QCheckBox(self.tr("As one &zip file (to send)"), self)
        self.zip_check.setAccessibleName(self.zip_check.text().replace("&", ""))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #9b1c1c;")
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
        self.ok_button.setText(self.tr("Prepare…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Photos and videos to bring:"), self))
        layout.addWidget(self.media_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.zip_check)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        index = self.child_box.findData(child_id) if child_id is not None else 0
        self.child_box.setCurrentIndex(max(index, 0))
        self._child_changed()
        self.child_box.currentIndexChanged.connect(self._child_changed)
        self.start_edit.dateChanged.connect(self._period_changed)
        self.end_edit.dateChanged.connect(self._period_changed)
        self.resize(560, 520)

    def child(self) -> ChildProfile:
        return self._children[max(self.child_box.currentIndex(), 0)]

    def period(self) -> tuple[date, date]:
        return to_date(self.start_edit.date()), to_date(self.end_edit.date())

    def _child_changed(self) -> None:
        child = self.child()
        start, end = self._context.summary.default_period(child.id or 0)
        for edit in (self.start_edit, self.end_edit):
            edit.blockSignals(True)
            edit.setMinimumDate(to_qdate(child.birth_date))
        self.start_edit.setDate(to_qdate(start))
        self.end_edit.setDate(to_qdate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.blockSignals(False)
        self._period_changed()

    def _period_changed(self) -> None:
        start, end = self.period()
        wrong = start > end
        self.problem.setText(self.tr("The period must start before it ends.") if wrong else "")
        self.problem.setVisible(wrong)
        self.ok_button.setEnabled(not wrong)
        self.media_list.clear()
        items = (
            [] if wrong else self._context.media.list_for_period(self.child().id or 0, start, end)
        )
        from journal_app.i18n import formats

        fmt = formats()
        for media in items:
            kind = self.tr("Photo") if media.is_photo else self.tr("Video")
            text = self.tr("{date} · {kind} · {name} ({size})").format(
                date=fmt.date(media.day),
                kind=kind,
                name=media.original_name,
                size=format_size(media.size_bytes),
            )
            if media.caption.strip():
                text += " · " + media.caption.strip()
            row = QListWidgetItem(text, self.media_list)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            row.setData(Qt.ItemDataRole.UserRole, media)
        self.media_list.setVisible(bool(items))
        self.empty_label.setVisible(not items)

    def language(self) -> str:
        """The summary's language code ("en", "es")."""
        from journal_app.ui.dialogs.summary_dialog import chosen_language

        return chosen_language(self.language_box)

    def chosen(self) -> list[MediaItem]:
        out = []
        for i in range(self.media_list.count()):
            row = self.media_list.item(i)
            if row.checkState() == Qt.CheckState.Checked:
                out.append(row.data(Qt.ItemDataRole.UserRole))
        return out


def prepare_visit(
    parent: QWidget,
    context: JournalContext,
    child: ChildProfile,
    start: date,
    end: date,
    chosen: list[MediaItem],
    where: Path,
    *,
    as_zip: bool = False,
    language: str | None = None,
) -> Path:
    """Write the summary and copy ``chosen`` into a new folder (or zip) in ``where``; its path. Raises
    the summary's or the visit's error (a sentence) when it cannot."""
    from journal_app.services.visit import (
        VisitFile,
        media_file_name,
        visit_folder_name,
        write_visit_folder,
        write_visit_zip,
    )
    from journal_app.ui.dialogs.summary_dialog import suggested_pdf_path
    from journal_app.ui.printing.summary_document import build_summary_document, summary_title
    from journal_app.ui.printing.summary_media import gather_summary_media
    from journal_app.ui.printing.summary_pdf import (
        prepare_summary,
        summary_translator,
        write_document_pdf,
    )
    from journal_app.ui.workers import run_with_progress

    photo_ids = [item.uuid for item in chosen if item.is_photo]

    def prepare() -> tuple[SummaryReport, SummaryCharts]:
        report, charts = prepare_summary(context, child, start, end, language)
        with i18n.speaking(summary_translator(language)):
            media = gather_summary_media(context, report, photo_ids)
        return report, replace(charts, media=media)

    report, charts = run_with_progress(
        parent, _tr("Preparing the summary for {name}…").format(name=child.name), prepare
    )
    scratch = Path(tempfile.mkdtemp(prefix="crawl-journal-visit-"))  # 0700, removed below
    try:
        pdf = scratch / suggested_pdf_path(child, end).name
        with i18n.speaking(summary_translator(language)):
            document = build_summary_document(report, charts)
            title = summary_title(report)
        try:
            write_document_pdf(document, title, pdf)
        finally:
            document.deleteLater()
        files = [VisitFile(pdf, pdf.name)] + [
            VisitFile(item.path, media_file_name(item.day, item.original_name)) for item in chosen
        ]
        result = run_with_progress(
            parent,
            _tr("Copying the files for the visit…"),
            lambda progress: (write_visit_zip if as_zip else write_visit_folder)(
                where, visit_folder_name(child.name, context.today()), files, progress
            ),
            reports_progress=True,
        )
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(scratch)
    if child.id is not None:
        context.summary.record_made(child.id, start, end)
    return result.folder


def prepare_visit_dialog(
    parent: QWidget, context: JournalContext, child_id: int | None
) -> Path | None:
    """The whole step: the dialog, the folder, the writing; the new folder, or None."""
    from journal_app.domain.errors import JournalError
    from journal_app.ui.printing.summary_pdf import SummaryExportError

    children = context.journal.list_children()
    if not children:
        return None
    dialog = PrepareVisitDialog(context, children, child_id, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        child, (start, end), chosen = dialog.child(), dialog.period(), dialog.chosen()
        as_zip = dialog.zip_check.isChecked()
        language = dialog.language()
    finally:
        dialog.deleteLater()
    where = choose_parent_folder(parent)
    if where is None:
        return None
    try:
        return prepare_visit(
            parent, context, child, start, end, chosen, where, as_zip=as_zip, language=language
        )
    except (SummaryExportError, JournalError, OSError) as exc:
        QMessageBox.warning(parent, _tr("Nothing was prepared for the visit"), str(exc))
        return None
