"""Getting a journal out and back in: JSON export/import (merge by UUID) and a CSV zip export.

The JSON format is described in ``docs/export-format.md`` and in the JSON Schema
``resources/journal-export.schema.json``. Import reads and checks the whole file
(:mod:`.reading`) before it writes anything, then merges it in one transaction
(:mod:`journal_app.storage.merge`): a refused file leaves the journal exactly as it was.

The rooms: :mod:`.common` (format, refusal, report, wording), :mod:`.json_export`,
:mod:`.csv_export`, :mod:`.reading`; this module holds the service that ties them together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.services.messages import MERGE_FAILED
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
from journal_app.services.portability.reading import (
    check_records,
    document_from_bytes,
    flatten,
    parse_document,
    read_document,
)
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
            raise LookupError("this journal has no folder for its photos and videos")
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
        # The parsed JSON is dropped as soon as the records are made from it, before the checks.
        records = flatten(parse_document(read_document(Path(path))))
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
            records = flatten(parse_document(document_from_bytes(raw, path)))
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
        check_records(
            records,
            self.today(),
            self.clock() + STAMP_CLOCK_LEEWAY,
            lambda done: report_progress(progress, done, total),
        )

    def _merge(
        self, records: ImportRecords, progress: Progress | None, left_out: int
    ) -> ImportReport:
        total = 2 * records.count
        try:
            counts = merge_records(
                self.engine,
                records,
                self.today(),
                lambda done: report_progress(progress, records.count + done, total),
            )
        except MergeConflict as conflict:
            raise conflict_refusal(conflict) from None
        except MergeFailed as exc:
            raise ImportRefused(MERGE_FAILED.format(detail=exc.detail)) from exc
        return ImportReport.of(counts, left_out)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False
