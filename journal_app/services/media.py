"""Photos and short videos of a child's day: the use cases over the media folder and its records.

The order that keeps "no record pointing at nothing": each file is copied into the media folder
first (``MediaStore.add``: temporary, fsync, rename), and only then is its record written, in one
transaction. A kill in between leaves a file no record refers to, which :func:`sweep_media`
removes at the next opening (under the journal's single-instance lock). Removing a photo deletes
its record only; the file stays until that sweep, so the undo (:meth:`MediaService.restore`)
finds it. The same file twice is stored once (the folder is named by content hash); the same
file twice on one day is skipped (``AttachReport.already_there``).

Refusals (not a photo or video, over the limit, empty, unreadable) are
:class:`~journal_app.domain.media.MediaRefusedError`; ``str()`` is the parent's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.errors import ChildNotFound
from journal_app.domain.media import (
    MAX_MEDIA_BYTES,
    MediaKind,
    MediaRefusedError,
    TakenDate,
)
from journal_app.i18n import _, ngettext
from journal_app.storage import media_repository as repo
from journal_app.storage import media_store
from journal_app.storage.media_store import MediaStore

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

Progress = Callable[[int, int], None]
#: Room left on the journal's disk after a copy (the journal itself must still be able to save).
ROOM_MARGIN_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class MediaItem:
    """One photo or video on a child's day, as the window and the commands show it."""

    uuid: str
    child_id: int
    day: date
    kind: MediaKind
    original_name: str
    size_bytes: int
    caption: str
    sha256: str
    path: Path  # the stored file, to open with the system's viewer or to make a thumbnail of
    taken: TakenDate | None

    @property
    def is_photo(self) -> bool:
        return self.kind.is_photo


@dataclass(frozen=True)
class AttachReport:
    added: tuple[MediaItem, ...]
    already_there: tuple[str, ...]  # names of files already on that day (skipped)
    refused: tuple[tuple[str, str], ...]  # (file name, message)

    @property
    def ok(self) -> bool:
        return not self.refused

    def describe(self) -> str:
        """One line: what was added, skipped and refused."""
        parts = []
        if self.added:
            n = len(self.added)
            parts.append(
                ngettext(
                    "{count} photo or video added.", "{count} photos or videos added.", n
                ).format(count=n)
            )
        if self.already_there:
            n = len(self.already_there)
            parts.append(
                ngettext(
                    "{count} was already on that day and was skipped.",
                    "{count} were already on that day and were skipped.",
                    n,
                ).format(count=n)
            )
        if self.refused:
            n = len(self.refused)
            parts.append(
                ngettext("{count} file was not added.", "{count} files were not added.", n).format(
                    count=n
                )
            )
        if not parts:
            return _("Nothing was added.")
        return " ".join(parts)


@dataclass(frozen=True)
class PlannedItem:
    """A file "Add from a folder" would add, and on which day (``taken.day``)."""

    source: Path
    name: str
    kind: MediaKind
    size_bytes: int
    taken: TakenDate


@dataclass(frozen=True)
class FolderPlan:
    to_add: tuple[PlannedItem, ...]
    skipped: tuple[tuple[str, str], ...]  # (file name, translated reason)


class MediaService:
    """The media of one journal: its ``media/`` folder and its records."""

    def __init__(
        self,
        engine: Engine,
        journal_dir: Path,
        *,
        limit: int = MAX_MEDIA_BYTES,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.engine = engine
        self.today = today
        self.store = MediaStore(journal_dir, limit=limit)
        #: What :meth:`remove` took away in this session, so :meth:`restore` puts back exactly
        #: that record (its time added included).
        self._removed: dict[str, repo.ChildMedia] = {}
        #: The private copies handed to the system's viewer in this session (removed at exit).
        self._viewer_copies: list[Path] = []

    # --- reading ---

    def _item(self, found: repo.ChildMedia) -> MediaItem:
        record = found.record
        taken = (
            TakenDate(record.taken_at, record.taken_source)
            if record.taken_at is not None and record.taken_source is not None
            else None
        )
        return MediaItem(
            uuid=record.uuid,
            child_id=found.child_id,
            day=record.day,
            kind=record.kind,
            original_name=record.original_name,
            size_bytes=record.size_bytes,
            caption=record.caption,
            sha256=record.sha256,
            path=self.store.path_for(record.sha256, record.kind),
            taken=taken,
        )

    def list_for_day(self, child_id: int, day: date) -> list[MediaItem]:
        return self.list_for_period(child_id, day, day)

    def list_for_period(self, child_id: int, start: date, end: date) -> list[MediaItem]:
        return [self._item(f) for f in repo.list_for_period(self.engine, child_id, start, end)]

    def list_all(self, child_id: int | None = None) -> list[MediaItem]:
        return [self._item(f) for f in repo.list_all(self.engine, child_id)]

    def days_with_media(self, child_id: int) -> set[date]:
        return repo.days_with_media(self.engine, child_id)

    def last_video_day(self, child_id: int) -> date | None:
        return repo.last_day(self.engine, child_id, [k for k in MediaKind if k.is_video])

    # --- adding ---

    def _child_uuid(self, child_id: int) -> str:
        found = repo.child_uuid(self.engine, child_id)
        if found is None:
            raise ChildNotFound(child_id)
        return found

    def attach(
        self,
        child_id: int,
        day: date,
        files: Sequence[Path],
        progress: Progress | None = None,
    ) -> AttachReport:
        """Copy each file into the journal and put it on ``day``; each file on its own (a refused
        one is reported and the others are still added). ``progress(done, total)`` in bytes."""
        planned = [(Path(f), day, None) for f in files]
        return self._add(child_id, planned, progress)

    def add_planned(
        self,
        child_id: int,
        items: Sequence[PlannedItem],
        progress: Progress | None = None,
    ) -> AttachReport:
        """Add what :meth:`plan_folder` planned, each on the day it was taken."""
        planned = [(item.source, item.taken.day, item.taken) for item in items]
        return self._add(child_id, planned, progress)

    def _add(
        self,
        child_id: int,
        planned: Sequence[tuple[Path, date, TakenDate | None]],
        progress: Progress | None,
    ) -> AttachReport:
        child_uuid = self._child_uuid(child_id)
        sizes = [_size(path) for path, _day, _taken in planned]
        total = sum(sizes)
        done_before = 0
        added: list[MediaItem] = []
        already: list[str] = []
        refused: list[tuple[str, str]] = []
        on_day: dict[date, set[str]] = {}
        for (path, day, taken), size in zip(planned, sizes, strict=True):

            def step(copied: int, _total: int, base: int = done_before) -> None:
                if progress is not None:
                    progress(min(total, base + copied), total)

            try:
                self._check_room(path.name, size)
                stored = self.store.add(path, step)
            except MediaRefusedError as exc:
                refused.append((path.name, str(exc)))
                done_before += size
                continue
            except OSError as exc:  # the disk filled up or failed during the copy: nothing kept
                reason = (exc.strerror or str(exc)).lower()
                refused.append(
                    (
                        path.name,
                        _("{name} was not added: {reason}.").format(name=path.name, reason=reason),
                    )
                )
                done_before += size
                continue
            done_before += size
            if day not in on_day:
                on_day[day] = repo.hashes_on_day(self.engine, child_id, day)
            if stored.sha256 in on_day[day]:
                already.append(path.name)
                continue
            if taken is None:
                try:
                    taken = media_store.read_taken_date(path, stored.kind)
                except OSError:
                    taken = None
            record = repo.new_record(
                child_uuid=child_uuid,
                day=day,
                kind=stored.kind,
                original_name=path.name,
                size_bytes=stored.size_bytes,
                sha256=stored.sha256,
                taken_at=taken.when if taken else None,
                taken_source=taken.source if taken else None,
            )
            repo.add_records(self.engine, child_id, [record])  # the file is durable already
            on_day[day].add(stored.sha256)
            added.append(self._item(repo.ChildMedia(child_id, record)))
        if progress is not None:
            progress(total, total)
        return AttachReport(tuple(added), tuple(already), tuple(refused))

    def _check_room(self, name: str, size: int) -> None:
        """Refuse a file the journal's disk has not the room for, before copying a byte (a file
        over the limit is left to the limit's own sentence)."""
        if size > self.store.limit:
            return
        import shutil

        try:
            free = shutil.disk_usage(self.store.journal_dir).free
        except OSError:
            return
        if size + ROOM_MARGIN_BYTES <= free:
            return
        from journal_app.domain.media import RefusalReason, format_size

        raise MediaRefusedError(
            RefusalReason.UNREADABLE,
            name,
            _(
                "{name} was not added: it needs {size} and the journal's disk has only {free} "
                "free. Nothing was copied; make room on the disk, or add a shorter clip."
            ).format(name=name, size=format_size(size + ROOM_MARGIN_BYTES), free=format_size(free)),
        )

    def plan_folder(
        self,
        child_id: int,
        folder: Path,
        progress: Progress | None = None,
        *,
        today: date | None = None,
    ) -> FolderPlan:
        """What "Add from a folder" would add from ``folder`` and on which day; copies nothing.

        A file dated before the child's birth (a pregnancy photo) or after ``today`` (a camera
        whose clock is wrong) is skipped, saying why: it belongs on no day of the journal, as
        ``attach --date`` refuses such a day. ``today`` defaults to the service's clock."""
        found = repo.child_name_and_birth(self.engine, child_id)
        if found is None:
            raise ChildNotFound(child_id)
        name, birth = found
        last = today if today is not None else self.today()
        known = repo.hashes_for_child(self.engine, child_id)
        plan = media_store.plan_folder(folder, known, limit=self.store.limit, progress=progress)
        to_add: list[PlannedItem] = []
        skipped = [(s.path.name, s.message) for s in plan.skipped]
        for p in plan.to_add:
            if p.taken.day < birth:
                # Translators: why "Add from a folder" skips a photo (a pregnancy photo, say).
                skipped.append((p.path.name, _("taken before {name} was born").format(name=name)))
            elif p.taken.day > last:
                skipped.append((p.path.name, _("dated after today (the camera's clock?)")))
            else:
                to_add.append(PlannedItem(p.path, p.path.name, p.kind, p.size_bytes, p.taken))
        skipped.sort(key=lambda s: s[0].casefold())
        return FolderPlan(tuple(to_add), tuple(skipped))

    # --- changing ---

    def set_caption(self, uuid: str, caption: str) -> None:
        """Keep ``caption`` exactly as typed."""
        if not repo.set_caption(self.engine, uuid, caption):
            raise LookupError(uuid)

    def remove(self, uuid: str) -> MediaItem:
        """Take the photo or video off its day; the file is kept until the next opening, so
        :meth:`restore` can put it back."""
        removed = repo.remove(self.engine, uuid)
        if removed is None:
            raise LookupError(uuid)
        self._removed[uuid] = removed
        return self._item(removed)

    def restore(self, item: MediaItem) -> None:
        """Undo :meth:`remove`: the same record (same UUID, caption, day) is back."""
        removed = self._removed.pop(item.uuid, None)
        if removed is None:  # removed by another service object: rebuilt from the item
            removed = repo.ChildMedia(
                item.child_id,
                repo.new_record(
                    uuid=item.uuid,
                    child_uuid=self._child_uuid(item.child_id),
                    day=item.day,
                    kind=item.kind,
                    original_name=item.original_name,
                    size_bytes=item.size_bytes,
                    sha256=item.sha256,
                    caption=item.caption,
                    taken_at=item.taken.when if item.taken else None,
                    taken_source=item.taken.source if item.taken else None,
                ),
            )
        repo.restore(self.engine, removed)

    # --- opening ---

    def copy_for_viewer(self, item: MediaItem, progress: Progress | None = None) -> Path:
        """A private, read-only copy of the stored file for the computer's own viewer or player
        (never the stored file: an edit in place would damage it and the backups that link
        it). Removed when the program ends, or at the next opening after a crash. Raises
        ``FileNotFoundError`` when the stored file is missing, ``OSError`` on a disk problem."""
        from journal_app.storage import media_viewer

        copy = media_viewer.copy_for_viewer(
            self.store.root, item.path, item.original_name, progress
        )
        if not self._viewer_copies:
            import atexit

            atexit.register(media_viewer.remove_copies, self._viewer_copies)
        self._viewer_copies.append(copy)
        return copy

    def remove_viewer_copies(self) -> None:
        """Remove the copies :meth:`copy_for_viewer` made (the journal is closing)."""
        from journal_app.storage import media_viewer

        media_viewer.remove_copies(self._viewer_copies)
        self._viewer_copies.clear()

    # --- checking ---

    def referenced_hashes(self) -> set[str]:
        return repo.referenced_hashes(self.engine)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
