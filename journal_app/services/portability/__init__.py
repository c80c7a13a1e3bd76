"""Getting a journal out and back in: JSON export/import (merge by UUID) and a CSV zip export.

The JSON format is described in ``docs/export-format.md`` and in the JSON Schema
``resources/journal-export.schema.json``. Import reads and checks the whole file before it writes
anything, a record at a time (:mod:`.stream_reading`, with the checks of :mod:`.reading`: the
document is never whole in memory), then merges it in one transaction
(:mod:`journal_app.storage.merge`): a refused file leaves the journal exactly as it was.

The rooms: :mod:`.common` (format, refusal, report, wording), :mod:`.json_export`,
:mod:`.csv_export`, :mod:`.reading`; this module holds the service that ties them together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.i18n import _
from journal_app.services.messages import MERGE_FAILED
from journal_app.services.portability import import_messages as msg
from journal_app.services.portability.common import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_IMPORT_BYTES,
    MAX_TIP_ID_LENGTH,
    STAMP_CLOCK_LEEWAY,
    ImportRefused,
    ImportReport,
    Progress,
    conflict_refusal,
    report_progress,
)
from journal_app.services.portability.csv_export import write_csv_zip
from journal_app.services.portability.json_export import export_document, json_bytes, write_json
from journal_app.services.portability.reading import check_records, flatten
from journal_app.services.portability.stream_reading import children_from_bytes, read_children
from journal_app.storage.clock import utc_now
from journal_app.storage.merge import ImportRecords, MergeConflict, MergeFailed, merge_records

if TYPE_CHECKING:
    from journal_app.storage.media_store import MediaStore
    from journal_app.storage.transaction import Engine

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_IMPORT_BYTES",
    "MAX_TIP_ID_LENGTH",
    "STAMP_CLOCK_LEEWAY",
    "ImportRefused",
    "ImportReport",
    "PortabilityService",
    "Progress",
]


class PortabilityService:
    """Export (JSON, CSV zip) and import (JSON, merged by UUID) of one journal."""

    def __init__(
        self,
        engine: Engine,
        today: Callable[[], date],
        clock: Callable[[], datetime] = utc_now,
        *,
        journal_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.today = today
        #: The computer's UTC time (naive), the clock the created/updated times come from.
        self.clock = clock
        #: The journal folder, whose media/ the media records refer to (None: no media here).
        self.journal_dir = journal_dir

    def _store(self) -> MediaStore:
        from journal_app.storage.media_store import MediaStore

        if self.journal_dir is None:
            raise LookupError(_("this journal has no folder for its photos and videos"))
        return MediaStore(self.journal_dir)

    # -- export ------------------------------------------------------------------------------------

    def export_json(
        self, path: Path, child_id: int | None = None, progress: Progress | None = None
    ) -> None:
        """Write the JSON export to ``path`` (atomically, mode 0600)."""
        write_json(Path(path), export_document(self.engine, child_id, progress))

    def export_csv(
        self, path: Path, child_id: int | None = None, progress: Progress | None = None
    ) -> None:
        """Write a zip of spreadsheet-friendly CSV files (UTF-8, BOM) to ``path`` (mode 0600)."""
        write_csv_zip(Path(path), export_document(self.engine, child_id, progress))

    def export_zip(
        self, path: Path, child_id: int | None = None, progress: Progress | None = None
    ) -> None:
        """Write the journal with its photos and videos: one zip of ``journal.json`` and the
        files (atomically, mode 0600). Raises :class:`MediaExportStopped` (nothing written)
        when a file is missing or damaged."""
        from journal_app.services.portability.media_zip import export_zip

        document = export_document(self.engine, child_id)
        export_zip(Path(path), document, json_bytes(document), self._store(), progress)

    # -- import ------------------------------------------------------------------------------------

    def import_json(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Merge the JSON export at ``path`` into the journal, all or nothing.

        Raises :class:`ImportRefused` (journal unchanged) when the file is not a valid export.
        Photo and video records are kept only when their file is in this journal already. A
        zip (a journal with media, or a CSV export) goes to :meth:`import_zip`.
        """
        if self.journal_dir is not None and _is_zip(Path(path)):  # a journal with media
            return self.import_zip(path, progress)
        path = Path(path)
        _readable(path)
        # Read a record at a time (the JSON is never whole in memory), then checked and merged.
        records = flatten(read_children(path, _part(progress, 0, _READING)))
        left_out = 0
        if records.media:
            from journal_app.services.portability.media_zip import keep_media_with_files

            if self.journal_dir is None:
                left_out, records.media = len(records.media), []
            else:
                left_out = keep_media_with_files(records, self._store())
        self._check(records, progress)
        return self._merge(records, progress, left_out)

    def import_zip(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Merge a journal with media (zip) into the journal, its files included; all or
        nothing. Raises :class:`ImportRefused` (journal unchanged)."""
        from journal_app.services.portability.media_zip import import_zip
        from journal_app.storage.media_repository import referenced_hashes

        path = Path(path)
        store = self._store()

        def read_records(raw: bytes) -> ImportRecords:
            records = flatten(children_from_bytes(raw, path))
            self._check(records, None)
            return records

        def merge(records: ImportRecords) -> ImportReport:
            return self._merge(records, None, 0)

        report = import_zip(
            path, store, read_records, merge, lambda: referenced_hashes(self.engine), progress
        )
        assert isinstance(report, ImportReport)
        return report

    def _check(self, records: ImportRecords, progress: Progress | None) -> None:
        total = 2 * records.count
        checking = _part(progress, _READING, _SCALE - _READING)
        check_records(
            records,
            self.today(),
            self.clock() + STAMP_CLOCK_LEEWAY,
            lambda done: report_progress(checking, done, total),
        )

    def _merge(
        self, records: ImportRecords, progress: Progress | None, left_out: int
    ) -> ImportReport:
        total = 2 * records.count
        merging = _part(progress, _READING, _SCALE - _READING)
        try:
            counts = merge_records(
                self.engine,
                records,
                self.today(),
                lambda done: report_progress(merging, records.count + done, total),
            )
        except MergeConflict as conflict:
            raise conflict_refusal(conflict) from None
        except MergeFailed as exc:
            raise ImportRefused(MERGE_FAILED.format(detail=exc.detail)) from exc
        return ImportReport.of(counts, left_out)


#: Progress is told on this scale: reading the file is its first part, checking and merging the rest.
_SCALE = 1000
_READING = 400


def _part(progress: Progress | None, start: int, span: int) -> Progress | None:
    """``progress`` for one part of the import: (done, total) of the part, on the whole scale."""
    if progress is None:
        return None
    shown = progress

    def part(done: int, total: int) -> None:
        shown(start + span * min(done, total) // max(total, 1), _SCALE)

    return part


def _readable(path: Path) -> None:
    """Refuse a path that is not a file, too big, missing or unreadable (before reading it)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(msg.not_a_file(path))
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(msg.too_big(path.name, size))
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise ImportRefused(msg.no_file(path)) from None
    except OSError as exc:
        raise ImportRefused(msg.unreadable(path, exc)) from None


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False
