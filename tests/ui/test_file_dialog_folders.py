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
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    assert documents == tmp_path / "home" / "Documents"
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


def test_without_a_documents_folder_dialogs_start_in_the_home_folder(
    qtbot, context, child, tmp_path: Path, monkeypatch, isolated_settings
) -> None:
    """Issue 19 of the tester: not the current folder with "Documents" typed in the name."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    suggested: list[Path] = []
    opened: list[Path] = []

    def save_to(_parent, _caption, where, _filter):
        suggested.append(Path(where))
        return None  # cancelled

    def open_from(_parent, _caption, where, _filter):
        opened.append(Path(where))
        return None

    monkeypatch.setattr(data_transfer, "choose_save_path", save_to)
    monkeypatch.setattr(data_transfer, "choose_open_path", open_from)
    data_transfer.export_json_dialog(parent, context)
    data_transfer.import_json_dialog(parent, context)
    assert not (home / "Documents").exists()
    assert [path.parent for path in suggested] == [home] and suggested[0].is_absolute()
    assert opened == [home]
    assert data_transfer.start_folder() == home
