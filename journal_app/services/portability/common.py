"""What export and import share: the format's name and version, the import's refusal and report,
the wording of a merge conflict, stamps and sort orders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from journal_app.i18n import _, ngettext
from journal_app.services.messages import MERGE_CONFLICTS
from journal_app.storage.merge import MergeConflict, MergeCounts

FORMAT_NAME = "crawl-journal"
FORMAT_VERSION = 3
#: Larger files are refused before they are read (a year's journal is well under 1 MB).
MAX_IMPORT_BYTES = 100 * 1024 * 1024
MAX_TIP_ID_LENGTH = 64
#: Created/updated times later than this after the computer's clock are refused on import
#: (clocks and zones differ a bit).
STAMP_CLOCK_LEEWAY = timedelta(days=1)

Progress = Callable[[int, int], None]
_E = TypeVar("_E", bound=StrEnum)


class ImportRefused(Exception):
    """The file was not imported; the message says what is wrong and where. Nothing was changed."""

    def __init__(self, problem: str, record: str | None = None, field: str | None = None) -> None:
        self.problem = problem
        self.record = record
        self.field = field
        if record is None:
            message = problem
        elif field is None:
            # Translators: where in the file a problem is: "In children[1].days[1]: ...".
            message = _("In {record}: {problem}").format(record=record, problem=problem)
        else:
            message = _('In {record}, field "{field}": {problem}').format(
                record=record, field=field, problem=problem
            )
        super().__init__(message)


@dataclass
class ImportReport(MergeCounts):
    """What an import did: each record of the file counts once, as added, updated or unchanged."""

    #: Photo or video records of a plain JSON file left out: their file is not in this journal.
    media_without_file: int = 0

    @classmethod
    def of(cls, counts: MergeCounts, media_without_file: int = 0) -> ImportReport:
        return cls(**asdict(counts), media_without_file=media_without_file)

    def describe(self) -> str:
        lines = [
            _(
                "Import finished: {added} added, {updated} updated, {unchanged} left alone "
                "(already the same here, or changed more recently here)."
            ).format(added=self.added, updated=self.updated, unchanged=self.unchanged)
        ]
        if self.removed:
            lines.append(
                ngettext(
                    "{count} movement or warning-sign entry was removed because the newer "
                    "version of its day no longer has it.",
                    "{count} movement or warning-sign entries were removed because the newer "
                    "version of their day no longer has them.",
                    self.removed,
                ).format(count=self.removed)
            )
        if self.matched_without_uuid:
            lines.append(
                ngettext(
                    "{count} record (a child, a day, a milestone ...) already existed here under "
                    "another ID (same child, same date) and was merged with it.",
                    "{count} records (children, days, milestones ...) already existed here under "
                    "another ID (same child, same date) and were merged with them.",
                    self.matched_without_uuid,
                ).format(count=self.matched_without_uuid)
            )
        if self.media_without_file:
            n = self.media_without_file
            lines.append(
                ngettext(
                    "{count} photo or video was not imported because its file is not in this "
                    "journal; export the journal with media (zip) to bring the files along.",
                    "{count} photos or videos were not imported because their files are not in "
                    "this journal; export the journal with media (zip) to bring the files along.",
                    n,
                ).format(count=n)
            )
        return "\n".join(lines)


def conflict_refusal(conflict: MergeConflict) -> ImportRefused:
    values = {
        k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in conflict.values.items()
    }
    problem = MERGE_CONFLICTS[conflict.conflict].format(**values)
    return ImportRefused(problem, conflict.record, conflict.field)


# -- helpers shared by export and import ---------------------------------------------------------


def stamp_text(moment: datetime) -> str:
    """``2026-05-31T18:02:03.000000Z``; always a 4-digit year (``strftime`` writes year 999 as
    ``999``, which is not ISO 8601)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep="T", timespec="microseconds") + "Z"


def code_order(member_type: type[_E], value: str) -> tuple[int, str]:
    """Sort key: the vocabulary's own order, unknown codes last."""
    values = [m.value for m in member_type]
    return (values.index(value) if value in values else len(values), value)


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
