"""A big import stays within a few times the file's size in memory (issue 13, point 12).

New days go into the journal as plain multi-row INSERTs (no ORM object per row) and the file is
read a record at a time (the JSON document is never whole in memory: test_portability_streaming);
the import used to peak at over 10 times the file's size. The 17,000-day stress journal imports in about 3 s (bench's export-and-import part).
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.services.sample_journal import generate_journal
from tests.helpers.constants import TODAY

#: Peak memory of an import, in multiples of the file's size.
MAX_PEAK_PER_FILE_BYTE = 8


def test_a_big_import_peaks_under_a_few_times_the_file_size(tmp_path: Path) -> None:
    source = open_context(JournalPaths(tmp_path / "source"), lambda: TODAY)
    target = open_context(JournalPaths(tmp_path / "target"), lambda: TODAY)
    try:
        generate_journal(source, children=2, days=600, seed=5, batch=True)
        export = tmp_path / "export.json"
        source.portability.export_json(export)
        days = sum(source.journal.count_days(c.id) for c in source.journal.list_children())
        target.portability  # noqa: B018  (the service and SQLAlchemy loaded before measuring)
        target.journal.list_children()
        tracemalloc.start()
        try:
            report = target.portability.import_json(export)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        imported = sum(target.journal.count_days(c.id) for c in target.journal.list_children())
    finally:
        source.close()
        target.close()
    assert imported == days > 900
    assert report.added > days
    size = export.stat().st_size
    assert peak < MAX_PEAK_PER_FILE_BYTE * size, f"{peak / size:.1f} x the file's size"
