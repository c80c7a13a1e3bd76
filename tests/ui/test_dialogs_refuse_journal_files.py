"""Issue 13 point 2, window side: the export and summary PDF dialogs never write over the
journal, its -wal, a backup or a folder, even when the chosen name looks harmless (a link, a hard
link, a folder named like a PDF). Real files, real dialogs; the journal is compared byte for byte."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.services.context import JournalContext
from journal_app.storage.backups import MANUAL, make_backup
from journal_app.ui.dialogs import data_transfer, summary_dialog
from journal_app.ui.dialogs.summary_dialog import SummaryPeriodDialog, export_summary_pdf_dialog
from tests.helpers.qt import answer_boxes, choose, when_modal

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def window_parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def saved(context: JournalContext, child: ChildProfile) -> ChildProfile:
    context.journal.save_day(DayEntry(child.id, date(2026, 10, 1), tummy_minutes=20, notes="n"))
    return child


def _targets(context: JournalContext, tmp_path: Path, suffix: str) -> list[tuple[Path, Path]]:
    """(chosen path, protected file it reaches): a symlink to the journal, a hard link to a
    backup, a symlink to the -wal."""
    paths = context.paths
    backup = make_backup(paths.journal, paths.backups, MANUAL)
    wal = paths.journal.with_name(paths.journal.name + "-wal")
    wal.touch(exist_ok=True)
    to_journal = tmp_path / f"to-journal{suffix}"
    to_journal.symlink_to(paths.journal)
    to_backup = tmp_path / f"to-backup{suffix}"
    os.link(backup, to_backup)
    to_wal = tmp_path / f"to-wal{suffix}"
    to_wal.symlink_to(wal)
    return [(to_journal, paths.journal), (to_backup, backup), (to_wal, wal)]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_export_dialog_refuses_the_journal_its_wal_and_backups(
    qtbot: QtBot,
    window_parent: QWidget,
    context: JournalContext,
    saved: ChildProfile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    suffix = ".json" if kind == "json" else ".zip"
    dialog = data_transfer.export_json_dialog if kind == "json" else data_transfer.export_csv_dialog
    for chosen, protected in _targets(context, tmp_path, suffix):
        before = protected.read_bytes()
        choose(monkeypatch, "choose_save_path", chosen)
        seen: list[str] = []
        answer_boxes(["OK"], seen)  # one child: no scope dialog, only the refusal's box
        assert dialog(window_parent, context) is False
        assert seen and "journal" in seen[-1].lower(), seen
        assert protected.read_bytes() == before, chosen


def test_summary_pdf_dialog_refuses_the_journal_its_wal_backups_and_folders(
    qtbot: QtBot,
    window_parent: QWidget,
    context: JournalContext,
    saved: ChildProfile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "looks-like.pdf"
    folder.mkdir()
    cases = [*_targets(context, tmp_path, ".pdf"), (folder, folder)]
    for chosen, protected in cases:
        before = protected.read_bytes() if protected.is_file() else None
        monkeypatch.setattr(summary_dialog, "choose_pdf_path", lambda _p, _s, c=chosen: c)
        messages: list[str] = []

        def read_and_close(box: QWidget, messages: list[str] = messages) -> None:
            assert isinstance(box, QMessageBox)
            messages.append(box.text())
            box.accept()

        def choose_period(dialog: QWidget) -> None:
            when_modal(QMessageBox, read_and_close)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

        when_modal(SummaryPeriodDialog, choose_period)
        export_summary_pdf_dialog(window_parent, context, saved.id)
        assert len(messages) == 1, chosen
        assert "Not writing" in messages[0], messages
        if before is None:
            assert folder.is_dir() and not any(folder.iterdir())
        else:
            assert protected.read_bytes() == before, chosen
