"""Issue 15: the export and import file dialogs start in Documents, then in the last folder used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal_app.ui.dialogs import data_transfer


def _close_boxes() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.accept()
        return
    QTimer.singleShot(5, _close_boxes)


def test_dialogs_start_in_documents_then_in_the_last_folder(
    qtbot,
    context,
    child,
    tmp_path: Path,
    monkeypatch,
    isolated_settings,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    started: list[Path] = []

    def save_to(_parent, _caption, where, _filter):
        started.append(Path(where).parent)
        return tmp_path / "exports" / "journal.json"

    def open_from(_parent, _caption, where, _filter):
        started.append(Path(where))
        return None  # cancelled

    (tmp_path / "exports").mkdir()
    monkeypatch.setattr(data_transfer, "choose_save_path", save_to)
    monkeypatch.setattr(data_transfer, "choose_open_path", open_from)
    QTimer.singleShot(0, _close_boxes)
    data_transfer.export_json_dialog(parent, context)
    data_transfer.import_json_dialog(parent, context)
    assert started == [documents, tmp_path / "exports"]
    assert Path.cwd() not in started
