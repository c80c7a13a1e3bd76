"""The photo and video records of an import file, merged like the other records (issue 19).

Their files are not this module's business: the service keeps only the records whose file is in
the journal's media folder (a JSON import), or has copied and checked them first (a zip import).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal_app.storage.merge import Stamped
from journal_app.storage.models import MediaRow


@dataclass(slots=True)
class InMedia(Stamped):
    """A photo or video record of the file (its file is checked by the service)."""

    child_uuid: str
    day: date
    kind: str  # MediaKind.value
    file_name: str
    size: int
    sha256: str
    caption: str
    added: datetime
    taken: datetime | None
    taken_source: str | None

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, *self.values(), self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (
            self.day,
            self.kind,
            self.file_name,
            self.size,
            self.sha256,
            self.caption,
            self.added,
            self.taken,
            self.taken_source,
        )


def media_row_values(r: MediaRow) -> tuple[Any, ...]:
    """A row's values in the order of :meth:`InMedia.values`."""
    return (
        r.day,
        r.kind,
        r.original_name,
        r.size_bytes,
        r.sha256,
        r.caption,
        r.added_at,
        r.taken_at,
        r.taken_source,
    )


def assign_media(row: MediaRow, m: InMedia) -> None:
    row.day, row.kind, row.original_name = m.day, m.kind, m.file_name
    row.size_bytes, row.sha256, row.caption = m.size, m.sha256, m.caption
    row.added_at, row.taken_at, row.taken_source = m.added, m.taken, m.taken_source
