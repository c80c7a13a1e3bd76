"""Issue 15: the summary PDF's file dialog starts in Documents, then in the last folder used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QWidget

from journal_app.ui.dialogs import summary_dialog
from journal_app.ui.dialogs.summary_dialog import SummaryPeriodDialog, export_summary_pdf_dialog
from tests.helpers.constants import TODAY
from tests.helpers.qt import when_modal


def test_the_pdf_dialog_starts_in_documents_then_in_the_folder_chosen(
    qtbot,
    context,
    child,
    tmp_path: Path,
    monkeypatch,
    isolated_settings,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)  # without it: the home folder
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    chosen_folder = tmp_path / "for the doctor"
    chosen_folder.mkdir()
    started: list[Path] = []

    def choose(_parent: QWidget, suggested: Path) -> Path | None:
        started.append(suggested.parent)
        return chosen_folder / "summary.pdf" if len(started) == 1 else None

    monkeypatch.setattr(summary_dialog, "choose_pdf_path", choose)
    for _ in range(2):
        when_modal(
            SummaryPeriodDialog,
            lambda d: qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton),  # type: ignore
        )
        export_summary_pdf_dialog(parent, context, child.id)
    assert started == [documents, chosen_folder]
    assert Path.cwd() not in started
    assert (chosen_folder / "summary.pdf").stat().st_size > 0
    assert summary_dialog.suggested_pdf_path(child, TODAY).parent == chosen_folder
