"""Photos and videos on a day, through the real window: attach (the dialog's slot and a drop),
refusal, thumbnails, captions kept exactly, Open, Remove asked first and undone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from journal_app.ui.widgets.day_sections import media as media_section
from tests.helpers.constants import TODAY
from tests.helpers.media_files import ebml_header, ftyp_box, image_bytes, write
from tests.helpers.qt import answer_next_message_box, type_text


def _ready(qtbot, window):
    section = window.media.section
    if not section._ready:
        with qtbot.waitSignal(window.services_ready, timeout=20000):
            pass
    qtbot.waitUntil(lambda: section.listed_for == (window.current_child.id, TODAY), timeout=20000)
    return section


def _attach(qtbot, section, files: list[Path]):
    with qtbot.waitSignal(section.thumbnails_shown, timeout=20000):
        report = section.attach_files(files)
    return report


def _photo(tmp_path: Path, name: str = "first crawl.png", color: str = "#3070b0") -> Path:
    return write(tmp_path / name, image_bytes("PNG", 200, 150, color))


def test_a_photo_added_through_the_dialogs_slot_is_kept_with_a_thumbnail(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    section = _ready(qtbot, window)
    photo = _photo(tmp_path)
    monkeypatch.setattr(media_section, "choose_media_files", lambda _parent: [photo])
    with qtbot.waitSignal(section.thumbnails_shown, timeout=20000):
        window.window_actions["add_media_action"].trigger()
    assert [row.item.original_name for row in section.rows] == ["first crawl.png"]
    row = section.rows[0]
    assert row.item.path.read_bytes() == photo.read_bytes()
    pixmap = row.thumbnail.pixmap()
    assert not pixmap.isNull() and pixmap.width() == media_section.THUMB_SIDE
    assert row.thumbnail.accessibleName() == "Photo: first crawl.png"
    stored = window.context.media.list_for_day(window.current_child.id, TODAY)
    assert [item.original_name for item in stored] == ["first crawl.png"]


def test_a_video_dropped_on_the_day_shows_its_icon_name_and_size(
    qtbot, window, tmp_path: Path
) -> None:
    section = _ready(qtbot, window)
    video = write(tmp_path / "crawl.mp4", ftyp_box(b"isom", b"mp41") + b"\0" * 3000)
    webm = write(tmp_path / "side view.webm", ebml_header() + b"\0" * 100)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(video)), QUrl.fromLocalFile(str(webm))])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.form, enter)
    assert enter.isAccepted()  # the day takes it
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(section.thumbnails_shown, timeout=20000):
        QApplication.sendEvent(window.form, event)
    assert event.isAccepted()
    names = sorted(row.item.original_name for row in section.rows)
    assert names == ["crawl.mp4", "side view.webm"]
    row = next(r for r in section.rows if r.item.original_name == "crawl.mp4")
    assert "crawl.mp4" in row.name_label.text() and "MP4" in row.name_label.text()
    assert "3.0 KB" in row.name_label.text() or "KB" in row.name_label.text()
    assert not row.thumbnail.pixmap().isNull()
    assert row.thumbnail.accessibleName() == "Video: crawl.mp4"


def test_a_renamed_text_file_is_refused_with_its_message_and_nothing_added(
    qtbot, window, tmp_path: Path
) -> None:
    section = _ready(qtbot, window)
    fake = write(tmp_path / "notes.mp4", b"these are my notes, not a video\n" * 10)
    report = section.attach_files([fake])
    assert report is not None and not report.added
    assert section.problem.isVisibleTo(section)
    assert "notes.mp4" in section.problem.text()
    assert "nothing was copied" in section.problem.text()
    assert section.problem.text().startswith("This file is not a photo or video")
    # The section sits low on the day: the reason is scrolled into view, not left below it.
    qtbot.waitUntil(lambda: not section.problem.visibleRegion().isEmpty(), timeout=5000)
    assert window.context.media.list_for_day(window.current_child.id, TODAY) == []
    assert section.rows == []


def test_a_caption_is_kept_exactly_as_typed(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    edit = section.rows[0].caption_edit
    edit.setFocus()
    typed = "  Reaching for the ball, left knee first — 20 s 🐾  "
    type_text(qtbot, edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    child_id = window.current_child.id
    assert window.context.media.list_for_day(child_id, TODAY)[0].caption == typed
    # Away and back: read again from the journal.
    with qtbot.waitSignal(section.listed, timeout=20000):
        window.go_to_day(TODAY - timedelta(days=1))
    assert section.rows == []
    with qtbot.waitSignal(section.listed, timeout=20000):
        window.go_to_day(TODAY)
    assert section.rows[0].caption_edit.text() == typed


def test_a_caption_typed_before_moving_to_another_day_is_saved(
    qtbot, window, tmp_path: Path
) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    section.rows[0].caption_edit.setText("on the rug")
    with qtbot.waitSignal(section.listed, timeout=20000):
        window.go_to_day(TODAY - timedelta(days=2))
    assert window.context.media.list_for_day(window.current_child.id, TODAY)[0].caption == (
        "on the rug"
    )


def test_remove_asks_first_and_undo_puts_it_back(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    section.rows[0].caption_edit.setText("keep me")
    section.save_captions()
    child_id = window.current_child.id
    # "No" keeps it.
    answer_next_message_box(qtbot, "No")
    section.rows[0].remove_button.click()
    assert len(window.context.media.list_for_day(child_id, TODAY)) == 1
    seen: list[str] = []
    answer_next_message_box(qtbot, "Yes", seen)
    with qtbot.waitSignal(section.listed, timeout=20000):
        section.rows[0].remove_button.click()
    assert "first crawl.png" in seen[0]
    assert section.rows == []
    assert window.context.media.list_for_day(child_id, TODAY) == []
    assert window.undo_action.isEnabled()
    with qtbot.waitSignal(section.listed, timeout=20000):
        window.undo()
    items = window.context.media.list_for_day(child_id, TODAY)
    assert [(i.original_name, i.caption) for i in items] == [("first crawl.png", "keep me")]
    assert [row.caption_edit.text() for row in section.rows] == ["keep me"]
    with qtbot.waitSignal(section.listed, timeout=20000):
        window.redo()
    assert window.context.media.list_for_day(child_id, TODAY) == []


class _Viewer(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url)


def test_open_hands_the_viewer_a_private_copy_never_the_stored_file(
    qtbot, window, tmp_path: Path
) -> None:
    """A viewer that edits in place (rotate and save) must not change the journal's file, which
    is named by its hash and hard-linked by the backups: Open gives it a read-only copy in a
    private folder, under the photo's own name, removed at the next opening."""
    import os

    section = _ready(qtbot, window)
    photo = _photo(tmp_path)
    _attach(qtbot, section, [photo])
    stored = section.rows[0].item.path
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        section.rows[0].open_button.click()
        qtbot.waitUntil(lambda: len(viewer.opened) == 1, timeout=20000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    copy = Path(viewer.opened[0].toLocalFile())
    assert copy != stored and copy.name == "first crawl.png"
    assert copy.read_bytes() == stored.read_bytes() == photo.read_bytes()
    media_root = window.context.paths.data_dir / "media"
    assert copy.parent.parent == media_root / ".opened"
    if os.name == "posix":
        assert os.stat(copy).st_mode & 0o777 == 0o400  # read-only: a viewer asks where to save
        assert os.stat(copy.parent).st_mode & 0o777 == 0o700
        assert os.stat(copy.parent.parent).st_mode & 0o777 == 0o700
    os.chmod(copy, 0o600)
    copy.write_bytes(b"rotated by the viewer")  # the viewer's edit stays in its copy
    assert stored.read_bytes() == photo.read_bytes()
    item = section.rows[0].item
    assert window.context.media.store.verify(item.sha256, item.kind).status.name == "OK"
    # The copy is no photo of the journal: a second opening (after a crash) removes it.
    assert copy.exists()
    from journal_app.storage.media_reads import sweep_media

    sweep_media(window.context.paths.data_dir, window.context.paths.journal)
    assert not (media_root / ".opened").exists()
    assert stored.read_bytes() == photo.read_bytes()


def test_the_copies_of_a_session_are_removed_at_its_end(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    service = window.context.media
    first = service.copy_for_viewer(section.rows[0].item)
    second = service.copy_for_viewer(section.rows[0].item)
    assert first != second and first.exists() and second.exists()  # each Open its own copy
    service.remove_viewer_copies()
    assert not first.exists() and not second.exists()
    assert not first.parent.exists() and section.rows[0].item.path.exists()


def test_open_of_a_missing_file_says_so_and_opens_nothing(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    section.rows[0].item.path.unlink()
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        assert section.open_item(section.rows[0].item) is False
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert viewer.opened == []
    assert "first crawl.png is missing" in section.problem.text()
    assert not (window.context.paths.data_dir / "media" / ".opened").exists()


@pytest.mark.parametrize("width", [1024])
def test_every_control_is_named_and_the_section_fits(qtbot, window, tmp_path: Path, width) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path), write(tmp_path / "a.mov", ftyp_box(b"qt  "))])
    window.resize(width, 700)
    qtbot.waitUntil(lambda: window.width() <= width)
    for widget in section.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(section):
            assert widget.accessibleName(), widget
    for button in section.findChildren(QAbstractButton):  # as the rest of the day form
        assert button.accessibleName() == button.text().replace("&", "")
    assert "first crawl.png" in section.rows[0].remove_button.accessibleDescription()
    assert section.width() <= window.width()
    for row in section.rows:
        assert row.remove_button.isVisibleTo(section)


def test_tab_goes_from_the_notes_through_the_media_to_save(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    last_note = window.form.notes_box.tab_order()[-1]
    row = section.rows[0]
    expected = [
        row.caption_edit,
        row.open_button,
        row.remove_button,
        section.add_button,
        section.folder_button,
        window.form.save_button,
    ]
    widget = last_note
    for wanted in expected:
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        assert widget is wanted


def test_removing_what_is_already_gone_says_so(qtbot, window, tmp_path: Path) -> None:
    section = _ready(qtbot, window)
    _attach(qtbot, section, [_photo(tmp_path)])
    window.context.media.remove(section.rows[0].item.uuid)  # gone by another way meanwhile
    answer_next_message_box(qtbot, "Yes")
    with qtbot.waitSignal(section.listed, timeout=20000):
        section.rows[0].remove_button.click()
    assert "first crawl.png is no longer in the journal" in section.problem.text()
    assert section.rows == []
    assert not window.undo_action.isEnabled()  # no step that would undo nothing


def test_a_long_video_is_copied_for_the_player_with_its_progress(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    section = _ready(qtbot, window)
    video = write(tmp_path / "long crawl.mp4", ftyp_box(b"isom", b"mp41") + b"\1" * 300_000)
    _attach(qtbot, section, [video])
    monkeypatch.setattr(media_section, "LONG_COPY_BYTES", 1000)  # as if it were long
    shown: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog):
            shown.append(dialog.labelText())
        elif not shown:
            QTimer.singleShot(1, look)

    QTimer.singleShot(0, look)
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        assert section.open_item(section.rows[0].item) is True
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert shown == ["Opening long crawl.mp4…"]
    copy = Path(viewer.opened[0].toLocalFile())
    assert copy.name == "long crawl.mp4" and copy.read_bytes() == video.read_bytes()
