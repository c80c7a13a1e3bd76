"""Export, import, Back Up Now and Restore from Backup, driven through their real dialogs."""

from __future__ import annotations

import json
import os
import threading
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from journal_app.domain.entries import DayEntry
from journal_app.services.context import JournalContext
from journal_app.storage.backups import AUTO, MANUAL, make_backup
from journal_app.ui.dialogs import data_transfer
from journal_app.ui.dialogs.restore_backup import RestoreBackupDialog, restore_from_backup_dialog
from journal_app.ui.workers import run_with_progress
from tests.helpers.journals import big_export, journal_bytes
from tests.helpers.qt import answer_boxes, choose


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def maya_day(context: JournalContext, child) -> date:
    on = date(2026, 10, 1)
    context.journal.save_day(DayEntry(child.id, on, tummy_minutes=20, notes='<b>"crawled" 🐢</b>'))
    return on


@pytest.mark.posix
def test_export_json_writes_the_chosen_file(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    asked: list[str] = []
    choose(monkeypatch, "choose_save_path", tmp_path / "maya", asked)  # no suffix typed
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_json_dialog(parent, context) is False
    written = tmp_path / "maya.json"
    assert asked == ["Export Journal as JSON"]
    assert str(written) in seen[0]
    assert os.stat(written).st_mode & 0o777 == 0o600
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["children"][0]["days"][0]["notes"] == '<b>"crawled" 🐢</b>'


def test_export_csv_writes_a_zip(qtbot, parent, context, maya_day, tmp_path, monkeypatch) -> None:
    choose(monkeypatch, "choose_save_path", tmp_path / "maya.zip")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_csv_dialog(parent, context) is False
    with zipfile.ZipFile(tmp_path / "maya.zip") as archive:
        assert "movements.csv" in archive.namelist()
    assert "exported" in seen[0]


@pytest.fixture
def two_children(context: JournalContext, child, preterm_child, maya_day) -> None:
    """Maya (with a day) and Leo (with a day) in one journal."""
    context.journal.save_day(DayEntry(preterm_child.id, date(2026, 10, 3), notes="=Leo's day"))


def answer_export_children(
    qtbot, pick: str | None, shown: list[list[str]], button: str = "Choose File…"
) -> None:
    """When the "which children" dialog opens, note its choices, type ``pick`` into the list (as
    a parent types the first letters of a name; None keeps the default) and press ``button``
    (Return for the default button)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, data_transfer.ExportChildrenDialog) or not dialog.isVisible():
            QTimer.singleShot(5, poll)
            return
        try:
            combo = dialog.children_combo
            shown.append([combo.itemText(i) for i in range(combo.count())])
            # The focus the dialog gives when active (offscreen windows are not always activated).
            assert dialog.focusWidget() is combo
            if pick is not None:
                qtbot.keyClicks(combo, pick)
            if button == "Return":
                qtbot.keyClick(combo, Qt.Key.Key_Return)
                return
            [target] = [
                b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == button
            ]
            qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
        except BaseException:
            dialog.reject()  # a failed check must not leave the test waiting on the dialog
            raise

    QTimer.singleShot(0, poll)


def suggest(monkeypatch, path: Path, suggested: list[Path]) -> None:
    def fake(_parent, _caption, where, _filter):
        suggested.append(where)
        return path

    monkeypatch.setattr(data_transfer, "choose_save_path", fake)


def test_export_holds_every_child_by_default(
    qtbot, parent, context, two_children, tmp_path, monkeypatch
) -> None:
    shown: list[list[str]] = []
    suggested: list[Path] = []
    suggest(monkeypatch, tmp_path / "all.json", suggested)
    answer_export_children(qtbot, None, shown, button="Return")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_json_dialog(parent, context) is False
    assert shown == [["All children (2)", "Leo", "Maya"]]
    assert suggested[0].name == "Crawl Journal 2026-11-23.json"
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in document["children"]] == ["Leo", "Maya"]
    assert seen[0].startswith("The journal was exported to:")


def test_export_json_of_one_child(
    qtbot, parent, context, two_children, tmp_path, monkeypatch
) -> None:
    shown: list[list[str]] = []
    suggested: list[Path] = []
    suggest(monkeypatch, tmp_path / "leo.json", suggested)
    answer_export_children(qtbot, "Leo", shown)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_json_dialog(parent, context) is False
    assert suggested[0].name == "Crawl Journal Leo 2026-11-23.json"
    written = tmp_path / "leo.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert [c["name"] for c in document["children"]] == ["Leo"]
    assert document["children"][0]["days"][0]["notes"] == "=Leo's day"  # JSON: as typed
    assert f"The journal of Leo was exported to:\n{written}" in seen[0]
    # The same bytes as `crawl-journal export --format json --child Leo` writes.
    context.portability.export_json(
        tmp_path / "cli.json", child_id=context.journal.find_child("Leo").id
    )
    assert written.read_bytes() == (tmp_path / "cli.json").read_bytes()


def test_export_csv_of_one_child(
    qtbot, parent, context, two_children, tmp_path, monkeypatch
) -> None:
    shown: list[list[str]] = []
    suggested: list[Path] = []
    suggest(monkeypatch, tmp_path / "maya", suggested)  # no suffix typed
    answer_export_children(qtbot, "Maya", shown)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_csv_dialog(parent, context) is False
    assert suggested[0].name == "Crawl Journal Maya 2026-11-23.zip"
    with zipfile.ZipFile(tmp_path / "maya.zip") as archive:
        days = archive.read("days.csv").decode("utf-8-sig").splitlines()
    assert len(days) == 2 and days[1].startswith("Maya,2026-10-01,")
    assert "The journal of Maya was exported" in seen[0]


def test_cancelling_the_choice_of_children_exports_nothing(
    qtbot, parent, context, two_children, tmp_path, monkeypatch
) -> None:
    asked: list[str] = []
    choose(monkeypatch, "choose_save_path", tmp_path / "x.json", asked)
    shown: list[list[str]] = []
    answer_export_children(qtbot, "Leo", shown, button="Cancel")
    assert data_transfer.export_json_dialog(parent, context) is False
    assert shown and asked == []
    assert list(tmp_path.glob("x*")) == []


def test_file_export_of_one_child_from_the_main_window(
    qtbot, make_window, tmp_path, monkeypatch
) -> None:
    """File > Export Journal > CSV in the real window, with two children: Leo only."""
    from tests.helpers.constants import LEO, MAYA

    window = make_window(children=(MAYA, LEO))
    leo = window.context.journal.find_child("Leo")
    window.context.journal.save_day(DayEntry(leo.id, date(2026, 11, 1), notes="+ fast today"))
    choose(monkeypatch, "choose_save_path", tmp_path / "leo.zip")
    shown: list[list[str]] = []
    answer_export_children(qtbot, "L", shown)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.export_csv_action.trigger()
    assert shown == [["All children (2)", "Leo", "Maya"]]
    with zipfile.ZipFile(tmp_path / "leo.zip") as archive:
        days = archive.read("days.csv").decode("utf-8-sig").splitlines()
    assert len(days) == 2
    assert days[1].startswith("Leo,2026-11-01,") and days[1].endswith(",'+ fast today,")


def test_cancelling_the_file_chooser_does_nothing(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    choose(monkeypatch, "choose_save_path", None)
    choose(monkeypatch, "choose_open_path", None)
    assert data_transfer.export_json_dialog(parent, context) is False
    assert data_transfer.import_json_dialog(parent, context) is False
    assert list(tmp_path.glob("*.json")) == []


def test_an_export_that_cannot_be_written_says_why(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    choose(monkeypatch, "choose_save_path", tmp_path / "no-such-folder" / "maya.json")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_json_dialog(parent, context) is False
    assert "No such file or directory" in seen[0]
    assert not (tmp_path / "no-such-folder").exists()


@pytest.mark.posix
def test_an_export_onto_the_journal_through_a_link_is_refused(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    journal = context.paths.journal
    before = journal.read_bytes()
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(journal)
    choose(monkeypatch, "choose_save_path", link)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.export_json_dialog(parent, context) is False
    assert "journal" in seen[0].lower()
    assert journal.read_bytes() == before
    assert link.is_symlink()


def test_import_merges_and_reports(qtbot, parent, context, maya_day, tmp_path, monkeypatch) -> None:
    (tmp_path / "big.json").write_text(json.dumps(big_export(30)), encoding="utf-8")
    choose(monkeypatch, "choose_open_path", tmp_path / "big.json")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.import_json_dialog(parent, context) is True
    assert "Import finished: 91 added, 0 updated, 0 left alone" in seen[0]
    assert context.journal.count_days(context.journal.find_child("Big").id) == 30
    answer_boxes(["OK"], seen)
    assert data_transfer.import_json_dialog(parent, context) is False  # nothing new the second time
    assert "0 added, 0 updated, 91 left alone" in seen[1]


def test_a_refused_import_says_what_and_where(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    document = big_export(3, name="<b>Big</b> & co")
    document["children"][0]["days"][2]["floor"] = "lava"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    choose(monkeypatch, "choose_open_path", tmp_path / "bad.json")
    before = journal_bytes(context)
    seen: list[str] = []
    formats: list = []
    answer_boxes(["OK"], seen, formats)
    assert data_transfer.import_json_dialog(parent, context) is False
    assert "was not imported. The journal is unchanged." in seen[0]
    # The name as typed, shown as plain text (not rendered as HTML).
    assert 'children[0].days[2] (the day 2018-01-03 of "<b>Big</b> & co"), field "floor"' in seen[0]
    assert formats == [Qt.TextFormat.PlainText]
    assert '"lava" is not a known floor' in seen[0]
    assert journal_bytes(context) == before


def test_cancelling_a_long_import_leaves_the_journal_unchanged(
    qtbot, parent, context, maya_day, tmp_path, monkeypatch
) -> None:
    (tmp_path / "huge.json").write_text(
        json.dumps(big_export(8000, birth=date(2000, 1, 1))), encoding="utf-8"
    )
    choose(monkeypatch, "choose_open_path", tmp_path / "huge.json")
    before = journal_bytes(context)
    shown: list[str] = []

    def press_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QProgressDialog):
            QTimer.singleShot(1, press_cancel)
            return
        shown.append(dialog.labelText())
        [cancel] = dialog.findChildren(QPushButton)
        cancel.click()

    QTimer.singleShot(0, press_cancel)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.import_json_dialog(parent, context) is False
    assert shown == ["Checking and merging huge.json…"]
    assert "cancelled" in seen[0]
    assert context.journal.find_child("Big") is None
    assert journal_bytes(context) == before


@pytest.mark.posix
def test_back_up_now_makes_a_listed_backup(qtbot, parent, context, maya_day) -> None:
    assert context.backups.list_backups() == []
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    assert data_transfer.back_up_now_dialog(parent, context) is False
    [backup] = context.backups.list_backups()
    assert backup.kind == MANUAL
    assert str(backup.path) in seen[0]
    assert os.stat(backup.path).st_mode & 0o777 == 0o600


def test_restore_dialog_lists_backups_newest_first(qtbot, context, maya_day) -> None:
    make_backup(context.paths.journal, context.paths.backups, AUTO, datetime(2026, 11, 20, 9, 30))
    make_backup(context.paths.journal, context.paths.backups, MANUAL, datetime(2026, 11, 22, 18, 5))
    (context.paths.backups / ".manual-20261123-100000.sqlite3.partial").write_bytes(b"cut short")
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert [r[:2] for r in rows] == [
        ["22 Nov 2026 18:05:00", "Made with Back Up Now"],
        ["20 Nov 2026 09:30:00", "Automatic (daily)"],
    ]
    assert all(r[2].endswith("KB") for r in rows)
    assert dialog.restore_button.isEnabled()  # the newest is selected
    assert not dialog.empty_label.isVisible()


def test_restore_dialog_with_no_backups(qtbot, context) -> None:
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_restore_brings_the_backup_back_after_backing_up_the_journal(
    qtbot, context, child, maya_day
) -> None:
    old = make_backup(
        context.paths.journal, context.paths.backups, MANUAL, datetime(2026, 11, 22, 18, 5)
    )
    context.journal.save_day(DayEntry(child.id, date(2026, 10, 2), notes="after the backup"))
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    answer_boxes(["Yes", "OK"], seen)
    qtbot.mouseClick(dialog.restore_button, qtbot_button())
    assert dialog.restored
    assert "Replace the journal with the backup of 22 Nov 2026 18:05?" in seen[0]
    assert "The journal was restored" in seen[1]
    assert context.journal.load_day(child.id, date(2026, 10, 2)).notes == ""
    assert context.journal.load_day(child.id, maya_day).notes == '<b>"crawled" 🐢</b>'
    kinds = sorted(b.kind for b in context.backups.list_backups())
    assert kinds == ["manual", "pre-restore"]
    safety = next(b for b in context.backups.list_backups() if b.kind == "pre-restore")
    assert safety.path.name in seen[1]
    assert old.exists()
    assert context.backups.check().ok


def test_answering_cancel_restores_nothing(qtbot, context, child, maya_day) -> None:
    make_backup(context.paths.journal, context.paths.backups, MANUAL, datetime(2026, 11, 22, 18, 5))
    context.journal.save_day(DayEntry(child.id, date(2026, 10, 2), notes="keep me"))
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    answer_boxes(["Cancel"], seen)
    qtbot.mouseClick(dialog.restore_button, qtbot_button())
    assert not dialog.restored
    assert context.journal.load_day(child.id, date(2026, 10, 2)).notes == "keep me"


def test_restoring_a_file_that_is_not_a_backup_is_refused(
    qtbot, context, child, maya_day, tmp_path, monkeypatch
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    choose(monkeypatch, "choose_open_path", junk)
    monkeypatch.setattr(
        "journal_app.ui.dialogs.restore_backup.choose_open_path", data_transfer.choose_open_path
    )
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    answer_boxes(["Yes", "OK"], seen)
    qtbot.mouseClick(dialog.file_button, qtbot_button())
    assert not dialog.restored
    assert "The journal is unchanged." in seen[1]
    assert context.journal.load_day(child.id, maya_day).tummy_minutes == 20


def test_restore_from_backup_dialog_returns_false_when_closed(
    qtbot, parent, context, maya_day
) -> None:
    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreBackupDialog):
            QTimer.singleShot(5, close_it)
            return
        dialog.reject()

    QTimer.singleShot(0, close_it)
    assert restore_from_backup_dialog(parent, context) is False


def qtbot_button() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def test_file_import_in_the_main_window_reloads_the_journal(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    """File > Import JSON from the real window: the imported child appears in the child list."""
    (tmp_path / "big.json").write_text(json.dumps(big_export(3, name="Noor")), encoding="utf-8")
    choose(monkeypatch, "choose_open_path", tmp_path / "big.json")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.import_action.trigger()
    assert "Import finished: 10 added" in seen[0]
    assert {c.name for c in window.context.journal.list_children()} == {"Maya", "Noor"}
    combo = window.child_combo
    qtbot.waitUntil(lambda: any(combo.itemText(i) == "Noor" for i in range(combo.count())))


@pytest.mark.parametrize("cancellable", [True, False])
def test_work_that_cannot_stop_shows_no_cancel_button(qtbot, parent, cancellable: bool) -> None:
    """Back Up Now and Restore cannot stop half-way: their progress dialog has no Cancel
    button (one that does nothing would mislead); Escape does not cancel them either."""
    release = threading.Event()
    buttons: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QProgressDialog):
            QTimer.singleShot(1, look)
            return
        buttons.append([b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()])
        if not cancellable:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        release.set()

    QTimer.singleShot(0, look)
    result = run_with_progress(
        parent,
        "working…",
        lambda progress: (release.wait(10), progress(1, 1), "done")[-1],
        title="t",
        reports_progress=True,
        cancellable=cancellable,
    )
    assert result == "done"  # not cancelled, not even by Escape
    assert buttons == ([["Cancel"]] if cancellable else [[]])
