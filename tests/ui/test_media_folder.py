"""Add from a folder: each photo or video placed on the day it was taken, shown before anything
is copied; files already in the journal and files that are not media are skipped with a reason."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from journal_app.ui.dialogs import add_from_folder as dialog_module
from journal_app.ui.dialogs.add_from_folder import AddFromFolderDialog
from tests.helpers.media_files import exif_segment, ftyp_box, image_bytes, with_exif, write
from tests.helpers.qt import when_modal


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "phone export"
    folder.mkdir()
    jpeg = with_exif(image_bytes("JPEG", 120, 90), exif_segment("2026:05:12 09:30:15"))
    write(folder / "IMG_0001.JPG", jpeg)
    clip = write(folder / "IMG_0002.MOV", ftyp_box(b"qt  ") + b"\0" * 500)
    stamp = datetime(2026, 10, 1, 12, 0).timestamp()
    os.utime(clip, (stamp, stamp))
    write(folder / "shopping list.jpg", b"milk, eggs, bread\n")
    bump = with_exif(image_bytes("JPEG", 60, 40, "#805050"), exif_segment("2025:12:24 18:00:00"))
    write(folder / "bump.jpg", bump)  # before Maya was born
    return folder


def test_the_plan_is_shown_then_each_file_goes_on_its_day(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(dialog_module, "choose_folder", lambda _parent: folder)
    shown: dict[str, list[list[str]]] = {}

    def look_then_add(dialog: AddFromFolderDialog) -> None:
        for name, table in (("add", dialog.to_add_table), ("skip", dialog.skipped_table)):
            shown[name] = [
                [table.item(r, c).text() for c in range(table.columnCount())]
                for r in range(table.rowCount())
            ]
        assert window.context.media.list_all() == []  # nothing copied before Add
        dialog.add_button.click()

    when_modal(AddFromFolderDialog, look_then_add)
    window.media.add_from_folder()
    assert [row[2] for row in shown["add"]] == ["IMG_0001.JPG", "IMG_0002.MOV"]
    photo_row, clip_row = shown["add"]
    assert photo_row[1] == "from the photo" and "2026" in photo_row[0]
    assert clip_row[1] == "from the file's date" and clip_row[3] == "MOV video"
    assert [row[0] for row in shown["skip"]] == ["bump.jpg", "shopping list.jpg"]
    assert shown["skip"][0][1] == "taken before Maya was born"
    child_id = window.current_child.id
    media = window.context.media
    assert [i.original_name for i in media.list_for_day(child_id, date(2026, 5, 12))] == [
        "IMG_0001.JPG"
    ]
    assert [i.original_name for i in media.list_for_day(child_id, date(2026, 10, 1))] == [
        "IMG_0002.MOV"
    ]
    # The second time, both are already there and skipped: nothing is added twice.
    when_modal(
        AddFromFolderDialog,
        lambda d: shown.update(again=[[str(d.add_button.isEnabled())]]) or d.reject(),
    )
    window.media.add_from_folder()
    assert shown["again"] == [["False"]]
    assert len(media.list_all(child_id)) == 2


def test_cancel_adds_nothing(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(dialog_module, "choose_folder", lambda _parent: folder)
    when_modal(AddFromFolderDialog, lambda d: d.reject())
    window.media.add_from_folder()
    assert window.context.media.list_all() == []


def _unnamed(root) -> list[str]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QWidget,
    )

    labelled = {label.buddy() for label in root.findChildren(QLabel)}
    problems = []
    controls = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, controls) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) or widget in labelled:
            continue
        text = widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text).strip():
            problems.append(repr(widget))
    return problems


def test_the_dialogs_name_every_control_and_fit_the_screen(qtbot, window, tmp_path: Path) -> None:
    from journal_app.ui.dialogs.prepare_visit import PrepareVisitDialog

    folder = _folder(tmp_path)
    child = window.current_child
    plan = window.context.media.plan_folder(child.id, folder)
    dialogs = [
        AddFromFolderDialog(child.name, folder, plan, window),
        PrepareVisitDialog(
            window.context, window.context.journal.list_children(), child.id, window
        ),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _unnamed(dialog) == []
        assert dialog.width() <= 1024 and dialog.height() <= 700
        dialog.reject()
