"""File > Export Journal > With Photos and Videos (zip)…, from the real window, and File >
Import taking that zip back into an empty journal: the same files, all or nothing."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.ui.dialogs import data_transfer
from tests.helpers.constants import TODAY
from tests.helpers.journals import place_new_journal
from tests.helpers.media_journal import attach_clips, stored_files
from tests.helpers.qt import answer_boxes, choose


def _export_menu(window) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    [submenu] = [a.menu() for a in file_menu.actions() if a.menu() and "xport Journal" in a.text()]
    return [a.text() for a in submenu.actions()]


@pytest.mark.posix
def test_the_zip_export_writes_the_journal_and_its_files(
    qtbot, window, tmp_path: Path, monkeypatch, journal_template: Path
) -> None:
    assert "With &Photos and Videos (zip)…" in _export_menu(window)
    child_id = window.current_child.id
    clips = attach_clips(window.context, child_id, tmp_path / "phone", count=2, day=TODAY)
    asked: list[str] = []
    choose(monkeypatch, "choose_save_path", tmp_path / "for grandma", asked)  # no suffix typed
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.window_actions["export_media_action"].trigger()
    written = tmp_path / "for grandma.zip"
    assert asked == ["Export Journal with Photos and Videos (zip)"]
    assert str(written) in seen[0] and "exported" in seen[0]
    assert os.stat(written).st_mode & 0o777 == 0o600
    with zipfile.ZipFile(written) as archive:
        names = archive.namelist()
    assert "journal.json" in names
    assert sum(1 for n in names if n.startswith("media/")) == len(clips) == 2

    # File > Import offers zips, and takes this one back into an empty journal.
    other = tmp_path / "new computer"
    place_new_journal(journal_template, other)
    ctx = open_context(JournalPaths(other), lambda: TODAY)
    filters: list[str] = []

    def pick(_parent: object, _caption: str, _where: object, name_filter: str) -> Path:
        filters.append(name_filter)
        return written

    monkeypatch.setattr(data_transfer, "choose_open_path", pick)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen.clear()
    answer_boxes(["OK"], seen)
    try:
        assert data_transfer.import_json_dialog(parent, ctx) is True
        assert "*.zip" in filters[0].split(";;")[0] and "*.json" in filters[0].split(";;")[0]
        [maya] = ctx.journal.list_children()
        assert sorted(i.caption for i in ctx.media.list_all(maya.id)) == ["clip 0", "clip 1"]
    finally:
        ctx.close()
    assert stored_files(other) == stored_files(window.context.paths.data_dir)


def test_a_missing_file_stops_the_export_and_nothing_is_written(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    child_id = window.current_child.id
    clips = attach_clips(window.context, child_id, tmp_path / "phone", count=1, day=TODAY)
    clips[0].path.unlink()
    choose(monkeypatch, "choose_save_path", tmp_path / "out.zip")
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.window_actions["export_media_action"].trigger()
    assert "clip 0.mp4" in seen[0]  # the file is named
    assert list(tmp_path.glob("out*")) == []


@pytest.mark.posix
def test_the_zip_export_never_writes_over_the_journal_or_a_backup(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    """The same refusals as the other exports: a link to the journal, a hard link to a backup,
    a link to the -wal are refused with a message, and the files are unchanged."""
    from journal_app.storage.backups import MANUAL, make_backup

    paths = window.context.paths
    backup = make_backup(paths.journal, paths.backups, MANUAL)
    wal = paths.journal.with_name(paths.journal.name + "-wal")
    wal.touch(exist_ok=True)
    targets = []
    for name, protected, hard in (
        ("j", paths.journal, False),
        ("b", backup, True),
        ("w", wal, False),
    ):
        chosen = tmp_path / f"to-{name}.zip"
        os.link(protected, chosen) if hard else chosen.symlink_to(protected)
        targets.append((chosen, protected))
    for chosen, protected in targets:
        before = protected.read_bytes()
        choose(monkeypatch, "choose_save_path", chosen)
        seen: list[str] = []
        answer_boxes(["OK"], seen)
        assert data_transfer.export_media_zip_dialog(window, window.context) is False
        assert seen and "Nothing was written" in seen[-1] and "journal" in seen[-1], seen
        assert protected.read_bytes() == before, chosen
