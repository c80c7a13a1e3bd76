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
from journal_app.services.portability.json_export import export_document, write_json
from journal_app.services.portability.reading import (
    check_records,
    flatten,
    parse_document,
    read_document,
)
from journal_app.storage.clock import utc_now
from journal_app.storage.merge import MergeConflict, MergeFailed, merge_records

if TYPE_CHECKING:
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
    ) -> None:
        self.engine = engine
        self.today = today
        #: The computer's UTC time (naive), the clock the created/updated times come from.
        self.clock = clock

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

    # -- import ------------------------------------------------------------------------------------

    def import_json(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Merge the JSON export at ``path`` into the journal, all or nothing.

        Raises :class:`ImportRefused` (journal unchanged) when the file is not a valid export.
        """
        # The parsed JSON is dropped as soon as the records are made from it, before the checks.
        records = flatten(parse_document(read_document(Path(path))))
        total = 2 * records.count
        check_records(
            records,
            self.today(),
            self.clock() + STAMP_CLOCK_LEEWAY,
            lambda done: report_progress(progress, done, total),
        )
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
        return ImportReport.of(counts)
