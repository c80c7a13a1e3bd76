"""The day's photos and videos: add (a file dialog or a drop onto the day), a thumbnail for each
photo, a video icon with name and size for each video, a caption kept exactly as typed, Open in
the computer's own viewer or player, and Remove (asked first, undoable like deleting a day).

The section holds no rules: the media service copies, checks and refuses. Everything slow (the
list, the thumbnails, the copy) runs on a worker thread; the first list waits until the window's
services are loaded (:meth:`MediaSection.set_ready`), so start-up imports nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDropEvent, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.domain.media import format_size
from journal_app.ui.workers import run_after_repaint, run_in_background

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.services.media import AttachReport, MediaItem, MediaService

#: The side of a thumbnail on the day, in pixels.
THUMB_SIDE = 72


#: Open shows the copy's progress (with Cancel) for files over this size.
LONG_COPY_BYTES = 32 * 1024 * 1024


def choose_media_files(parent: QWidget) -> list[Path]:
    """The file dialog of "Add Photo or Video…" (tests replace it); empty when cancelled."""
    names, _filter = QFileDialog.getOpenFileNames(
        parent,
        parent.tr("Add Photo or Video"),
        "",
        parent.tr("Photos and videos (*.jpg *.jpeg *.png *.heic *.heif *.mp4 *.mov *.webm *.3gp);;")
        + parent.tr("All files (*)"),
    )
    return [Path(name) for name in names]


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files of a drop (links to web pages and other things are left out)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class MediaRow(QFrame):
    """One photo or video: its picture (or icon), name, kind and size, caption, Open, Remove."""

    def __init__(self, item: MediaItem, parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("mediaRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(THUMB_SIDE, THUMB_SIDE)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kind_word = self.tr("Photo") if item.is_photo else self.tr("Video")
        self.thumbnail.setAccessibleName(
            self.tr("{kind}: {name}").format(kind=kind_word, name=item.original_name)
        )
        self.setAccessibleName(self.thumbnail.accessibleName())
        self.name_label = QLabel(self)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setWordWrap(True)
        self.name_label.setText(
            self.tr("{name} ({kind}, {size})").format(
                name=item.original_name, kind=item.kind.label, size=format_size(item.size_bytes)
            )
        )
        self.caption_edit = QLineEdit(self)
        self.caption_edit.setText(item.caption)
        self.caption_edit.setPlaceholderText(self.tr("Caption (what it shows)"))
        self.caption_edit.setAccessibleName(
            self.tr("Caption for {name}").format(name=item.original_name)
        )
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setAccessibleName(self.open_button.text())
        self.open_button.setAccessibleDescription(
            self.tr("Open {name}").format(name=item.original_name)
        )
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.remove_button.setAccessibleName(self.remove_button.text().replace("&", ""))
        self.remove_button.setAccessibleDescription(
            self.tr("Remove {name}").format(name=item.original_name)
        )
        text = QVBoxLayout()
        text.addWidget(self.name_label)
        text.addWidget(self.caption_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        text.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)

    def show_thumbnail(self, pixmap: QPixmap) -> None:
        self.thumbnail.setPixmap(pixmap)


class RemoveMediaCommand(QUndoCommand):
    """Taking a photo or video off its day; undo puts the same record back (same caption)."""

    def __init__(self, section: MediaSection, item: MediaItem) -> None:
        super().__init__(section.tr("Remove {name}").format(name=item.original_name))
        self._section = section
        self._item = item

    def redo(self) -> None:
        try:
            self._item = self._section.service().remove(self._item.uuid)
        except Exception as exc:  # gone already, or the journal could not be written
            self._failed(exc)
            return
        self._section.media_changed.emit()

    def undo(self) -> None:
        try:
            self._section.service().restore(self._item)
        except Exception as exc:
            self._failed(exc)
            return
        self._section.media_changed.emit()

    def _failed(self, exc: Exception) -> None:
        """Said under the list; the step leaves the stack (what is in the journal now stays)."""
        self.setObsolete(True)
        text = str(exc) if not isinstance(exc, LookupError) else ""
        self._section.show_problem(
            text
            or self._section.tr("{name} is no longer in the journal.").format(
                name=self._item.original_name
            )
        )
        self._section.media_changed.emit()


class MediaSection(QGroupBox):
    """The photos and videos of the day shown; changes are saved at once through the service."""

    #: The list shown was read again (tests wait on it).
    listed = Signal()
    #: Every thumbnail of the list is shown.
    thumbnails_shown = Signal()
    #: Something was added, removed, put back or captioned: the window refreshes what depends on it.
    media_changed = Signal()

    def __init__(
        self,
        context: JournalContext,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        tell: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Photos and videos"))
        self.setObjectName("mediaSection")
        self._context = context
        self._undo_stack = undo_stack
        self._tell = tell or (lambda _text: None)
        self._ready = False
        self._child_id: int | None = None
        self._day: date | None = None
        self._generation = 0
        self.rows: list[MediaRow] = []
        #: The widgets Tab comes from and goes to around this section (the day form's).
        self._tab_neighbours: tuple[QWidget, QWidget] | None = None
        #: The (child id, day) whose list is shown, once read.
        self.listed_for: tuple[int, date] | None = None

        self.add_button = QPushButton(self.tr("Add Photo or Video…"), self)
        self.add_button.setAccessibleName(self.add_button.text())
        self.add_button.clicked.connect(self.choose_and_attach)
        self.folder_button = QPushButton(self.tr("Add from a Folder…"), self)
        self.folder_button.setAccessibleName(self.folder_button.text())
        self.folder_button.setAccessibleDescription(self.tr("Add photos and videos from a folder"))
        self.hint = QLabel(self.tr("<i>Or drop photos and videos onto the day.</i>"), self)
        self.hint.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("mediaProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #9b1c1c;")
        self.problem.setAccessibleName(self.tr("Files not added"))
        self.problem.hide()
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self._list)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.media_changed.connect(self.reload)

    # -- the service ---------------------------------------------------------------------------

    def service(self) -> MediaService:
        return self._context.media

    # -- which day -----------------------------------------------------------------------------

    def set_ready(self) -> None:
        """The services are loaded: the list can be read."""
        self._ready = True
        self.reload()

    def show_day(self, child_id: int | None, day: date | None) -> None:
        if (child_id, day) == (self._child_id, self._day):
            self.reload()  # the same day read again (after an undo, a deleted day): its media too
            return
        self.save_captions()
        self._child_id, self._day = child_id, day
        self.listed_for = None
        self.problem.hide()
        self._fill([])
        self.reload()

    def reload(self) -> None:
        """Read the day's media again, on a worker thread."""
        self._generation += 1
        if not self._ready or self._child_id is None or self._day is None:
            return
        generation, child_id, day = self._generation, self._child_id, self._day
        service = self.service()
        run_after_repaint(
            self,
            lambda: (generation, service.list_for_day(child_id, day)),
            on_done=self._arrived,
            on_error=lambda exc: self.show_problem(str(exc)),
        )

    def _arrived(self, answer: tuple[int, list[MediaItem]]) -> None:
        generation, items = answer
        if generation != self._generation:
            return
        self.save_captions()
        self._fill(items)
        if self._child_id is not None and self._day is not None:
            self.listed_for = (self._child_id, self._day)
        self.listed.emit()
        self._make_thumbnails(generation, items)

    def _fill(self, items: Sequence[MediaItem]) -> None:
        for row in self.rows:
            self._list.removeWidget(row)
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for item in items:
            row = MediaRow(item, self)
            row.caption_edit.editingFinished.connect(lambda row=row: self._save_caption(row))
            row.open_button.clicked.connect(lambda _c=False, row=row: self.open_item(row.item))
            row.remove_button.clicked.connect(lambda _c=False, row=row: self.ask_remove(row.item))
            self._list.addWidget(row)
            self.rows.append(row)
        self._fix_tab_order()

    def set_tab_neighbours(self, before: QWidget, after: QWidget) -> None:
        """Tab goes from ``before`` through this section to ``after``."""
        self._tab_neighbours = (before, after)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        if self._tab_neighbours is None:
            return
        before, after = self._tab_neighbours
        chain: list[QWidget] = [before]
        for row in self.rows:
            chain += [row.caption_edit, row.open_button, row.remove_button]
        chain += [self.add_button, self.folder_button, after]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _make_thumbnails(self, generation: int, items: Sequence[MediaItem]) -> None:
        if not items:
            self.thumbnails_shown.emit()
            return
        from journal_app.ui.media_thumbnails import thumbnail_for

        wanted = [(item.uuid, item.path, item.kind, item.original_name) for item in items]

        def work() -> tuple[int, list[tuple[str, object]]]:
            return generation, [
                (uuid, thumbnail_for(path, kind, name, THUMB_SIDE).image)
                for uuid, path, kind, name in wanted
            ]

        run_in_background(work, on_done=self._thumbnails_arrived)

    def _thumbnails_arrived(self, answer: tuple[int, list[tuple[str, object]]]) -> None:
        generation, images = answer
        if generation != self._generation:
            return
        by_uuid = {row.item.uuid: row for row in self.rows}
        from PySide6.QtGui import QImage

        for uuid, image in images:
            row = by_uuid.get(uuid)
            if row is not None and isinstance(image, QImage):
                row.show_thumbnail(QPixmap.fromImage(image))
        self.thumbnails_shown.emit()

    # -- adding --------------------------------------------------------------------------------

    def choose_and_attach(self) -> None:
        files = choose_media_files(self)
        if files:
            self.attach_files(files)

    def attach_files(self, files: Sequence[Path]) -> AttachReport | None:
        """Copy ``files`` into the journal on the day shown (the file dialog's and the drop's
        slot), with a progress dialog; refusals are shown under the list as their message."""
        if self._child_id is None or self._day is None or not files:
            return None
        from journal_app.ui.workers import run_with_progress

        service, child_id, day = self.service(), self._child_id, self._day
        try:
            report: AttachReport = run_with_progress(
                self,
                self.tr("Copying into the journal…"),
                lambda progress: service.attach(child_id, day, list(files), progress),
                reports_progress=True,
            )
        except Exception as exc:  # a journal or disk problem: said, nothing shown as added
            self.show_problem(str(exc))
            return None
        if report.refused:
            # Each refusal is a sentence of its own (it names its file): said from a capital.
            self.show_problem(
                "\n".join(message[:1].upper() + message[1:] for _name, message in report.refused)
            )
        else:
            self.problem.hide()
        self._tell(report.describe())
        if report.added:
            self.media_changed.emit()
        return report

    def show_problem(self, text: str) -> None:
        """Show why, and scroll the day form so it is in view (the section sits low on the day)."""
        self.problem.setText(text)
        self.problem.show()
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            scroll = area
            # After the label has its size: ensureWidgetVisible needs the laid-out geometry.
            QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(self.problem, 0, 12))

    # -- drops onto the day --------------------------------------------------------------------

    def watch_drops(self, target: QWidget) -> None:
        """Take photos and videos dropped anywhere on ``target`` (the day form)."""
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        dragging = kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove)
        if dragging and isinstance(event, QDropEvent) and dropped_files(event) and self._day:
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            files = dropped_files(event)
            if files and self._day is not None:
                event.acceptProposedAction()
                self.attach_files(files)
                return True
        return super().eventFilter(watched, event)

    # -- captions, opening, removing -----------------------------------------------------------

    def save_captions(self) -> None:
        """Captions typed but not yet saved (the day is about to change)."""
        for row in self.rows:
            self._save_caption(row)

    def _save_caption(self, row: MediaRow) -> None:
        text = row.caption_edit.text()
        if text == row.item.caption:
            return
        try:
            self.service().set_caption(row.item.uuid, text)
        except LookupError:
            return  # removed meanwhile
        except Exception as exc:
            self.show_problem(str(exc))
            return
        from dataclasses import replace

        row.item = replace(row.item, caption=text)
        self._tell(self.tr("Caption saved."))

    def open_item(self, item: MediaItem) -> bool:
        """Open the photo or video in the computer's own viewer or player: a private, read-only
        copy of it (a viewer that edits in place must not change the journal's file), made on a
        worker thread (a long video takes a moment)."""
        if not item.path.exists():
            self.show_problem(
                self.tr("{name} is missing from the journal's media folder.").format(
                    name=item.original_name
                )
            )
            return False
        from journal_app.ui.workers import Cancelled, run_with_progress

        service = self.service()
        label = self.tr("Opening {name}…").format(name=item.original_name)
        try:
            if item.size_bytes > LONG_COPY_BYTES:  # a long video: its progress, and Cancel
                copy: Path = run_with_progress(
                    self,
                    label,
                    lambda progress: service.copy_for_viewer(item, progress),
                    reports_progress=True,
                    cancellable=True,
                )
            else:  # a busy sign only if it takes more than a moment
                copy = run_with_progress(self, label, lambda: service.copy_for_viewer(item))
        except Cancelled:
            return False
        except OSError as exc:
            self.show_problem(
                self.tr("{name} could not be opened: {reason}.").format(
                    name=item.original_name, reason=(exc.strerror or str(exc)).lower()
                )
            )
            return False
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        if not opened:
            self.show_problem(
                self.tr("No program on this computer opened {name}.").format(
                    name=item.original_name
                )
            )
        return bool(opened)

    def ask_remove(self, item: MediaItem) -> bool:
        """Ask first; then remove, as a step of the window's undo stack."""
        question = (
            self.tr("Remove the photo {name} from this day? You can undo this with Ctrl+Z.")
            if item.is_photo
            else self.tr("Remove the video {name} from this day? You can undo this with Ctrl+Z.")
        )
        answer = QMessageBox.question(
            self,
            self.tr("Remove from this day?"),
            question.format(name=item.original_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.save_captions()
        self._undo_stack.push(RemoveMediaCommand(self, self._current(item)))
        self._tell(self.tr("Removed. Undo with Ctrl+Z."))
        return True

    def _current(self, item: MediaItem) -> MediaItem:
        for row in self.rows:
            if row.item.uuid == item.uuid:
                return row.item
        return item
