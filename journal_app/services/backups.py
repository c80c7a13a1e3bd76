"""Backup use cases: the daily automatic backup, Back Up Now, listing, restore and the check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.backups import MANUAL, BackupInfo
from journal_app.domain.backups import BackupContents as BackupContents
from journal_app.i18n import NP_, _, translate
from journal_app.paths import JournalPaths
from journal_app.storage import backups as store
from journal_app.storage.database import (
    HEAD_REVISION,
    known_revisions,
    migrate,
    quick_check,
    read_revision,
)
from journal_app.storage.errors import JournalError, JournalTooNewError
from journal_app.storage.schema_check import integrity_problems, row_counts, schema_problems
from journal_app.storage.sqlite_errors import sqlite_errors_as_journal_errors
from journal_app.storage.tables import expected_tables as expected_tables
from journal_app.storage.tables import missing_journal_tables
from journal_app.storage.wal import kept_wal_copies

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: list[str]
    counts: dict[str, int]
    #: Things to know that are not problems of the journal itself (a kept damaged -wal).
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The report as ``check`` prints it, in the current language (indented lines)."""
        lines = [_("Journal check: OK") if self.ok else _("Journal check: PROBLEMS FOUND")]
        lines += [
            # Translators: a line of the check's report: a table of the journal, its rows.
            "  " + _("{table}: {count}").format(table=table_label(name), count=n)
            for name, n in self.counts.items()
        ]
        lines += ["  " + _("problem: {problem}").format(problem=p) for p in self.problems]
        lines += ["  " + _("note: {note}").format(note=n) for n in self.notes]
        return "\n".join(lines)


#: The journal's tables as the check's report names them. The English is the table's own name
#: (what the report always printed); a translation may name it in words.
_TABLE_LABELS = {
    "child": NP_("table of the journal", "child"),
    "journal_day": NP_("table of the journal", "journal_day"),
    "media": NP_("table of the journal", "media"),
    "milestone": NP_("table of the journal", "milestone"),
    "movement_observation": NP_("table of the journal", "movement_observation"),
    "share_alias": NP_("table of the journal", "share_alias"),
    "share_conflict": NP_("table of the journal", "share_conflict"),
    "share_cursor": NP_("table of the journal", "share_cursor"),
    "share_device": NP_("table of the journal", "share_device"),
    "share_settings": NP_("table of the journal", "share_settings"),
    "share_version": NP_("table of the journal", "share_version"),
    "summary_made": NP_("table of the journal", "summary_made"),
    "tip_tried": NP_("table of the journal", "tip_tried"),
    "warning_sign": NP_("table of the journal", "warning_sign"),
}


def table_label(name: str) -> str:
    """A table's name in the check's report (an unknown table: its own name)."""
    marked = _TABLE_LABELS.get(name)
    return name if marked is None else translate(marked)


class BackupService:
    def __init__(self, paths: JournalPaths, engine: Engine) -> None:
        self.paths = paths
        self.engine = engine

    def automatic_backup(self, now: datetime | None = None) -> Path | None:
        return store.run_automatic_backup(self.paths.journal, self.paths.backups, now)

    def back_up_now(self, target: Path | None = None) -> Path:
        return store.make_backup(self.paths.journal, self.paths.backups, MANUAL, target=target)

    def list_backups(self) -> list[BackupInfo]:
        return store.list_backups(self.paths.backups)

    def contents(self, backup: Path) -> BackupContents | None:
        """Children, days and the last day in ``backup``; None when it cannot be read."""
        return store.backup_contents(backup)

    def restore(self, backup: Path) -> Path:
        """Replace the journal with ``backup``; the current journal is backed up first (returned).

        A file that is not a healthy Crawl Journal database is refused and nothing changes.
        """
        verify_backup(backup)
        self.engine.dispose()
        safety = store.restore_into_live_journal(self.paths.journal, backup, self.paths.backups)
        self.engine.dispose()
        migrate(self.engine, self.paths.journal, self.paths.backups)
        from journal_app.services.sharing import mark_restored  # rejoins under a new device id

        mark_restored(self.engine)
        return safety

    def check(self) -> IntegrityReport:
        """A full integrity and foreign-key check, the schema compared with this version's,
        and the number of rows in each table."""
        journal = self.paths.journal
        with sqlite_errors_as_journal_errors(journal):
            problems = integrity_problems(journal)
            problems += schema_problems(journal)
            counts = row_counts(journal)
            revision = read_revision(journal)
        if revision != HEAD_REVISION:
            problems.append(
                _("schema revision {revision} is not the app's {head}").format(
                    revision=revision, head=HEAD_REVISION
                )
            )
        problems += media_problems(journal)
        notes = [
            _(
                "{copy} is a copy of a damaged write-ahead file, kept because it holds changes "
                "that could not be read back; restore a backup if it held more, or delete the copy"
            ).format(copy=copy)
            for copy in kept_wal_copies(journal)
        ]
        return IntegrityReport(not problems, problems, counts, notes)


def media_problems(journal: Path) -> list[str]:
    """Every photo or video of the journal re-hashed; one line per missing or damaged file,
    naming its original name, child and day."""
    from journal_app.i18n import formats
    from journal_app.storage.media_reads import verify_journal_media

    _checked, found = verify_journal_media(journal)
    return [
        _("{child}, {day}: {message}").format(
            child=child, day=formats().date(day), message=check.message
        )
        for check, child, day in found
    ]


def verify_backup(backup: Path) -> None:
    """Raise unless ``backup`` is a healthy Crawl Journal database this app can open.

    :class:`JournalDamagedError` for junk or a damaged file, :class:`JournalTooNewError` for a
    newer app's file, :class:`JournalError` for anything else that is not a journal as this app
    writes it: no file, no schema revision, the journal's tables missing, a schema that differs
    from what this version's migrations create (a missing column, an extra trigger or view), or
    rows pointing nowhere. Reads only.
    """
    if not backup.is_file():  # sqlite3 would create an empty file
        raise JournalError(
            _("No backup file at {path}. The journal is unchanged.").format(path=backup)
        )
    quick_check(backup)
    with sqlite_errors_as_journal_errors(backup):
        revision = read_revision(backup)
        if revision is None:
            raise JournalError(
                _("{path} is not a Crawl Journal backup. The journal is unchanged.").format(
                    path=backup
                )
            )
        if revision != HEAD_REVISION and revision not in known_revisions():
            raise JournalTooNewError(backup, revision)
        # An older revision has an older set of tables; its migration to head checks it then.
        if revision != HEAD_REVISION:
            return
        missing = missing_journal_tables(backup)
        if missing:
            raise JournalError(
                _(
                    "{path} is not a complete Crawl Journal backup (missing: {tables}). "
                    "The journal is unchanged."
                ).format(path=backup, tables=", ".join(table_label(t) for t in missing))
            )
        problems = schema_problems(backup)
    if problems:
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise JournalError(
            _(
                "{path} is not a backup as this app writes it ({problems}). It was not restored; "
                "the journal is unchanged."
            ).format(path=backup, problems=shown)
        )


def newest_good_backup(journal: Path) -> BackupInfo | None:
    """The newest backup of ``journal`` that passes an integrity check (for a damaged journal)."""
    return store.newest_good_backup(JournalPaths(journal.parent).backups)


def backup_for_damaged_journal(journal: Path) -> tuple[BackupInfo, BackupContents] | None:
    """The backup to offer for a damaged journal: the newest good one that holds journal days,
    else the newest good one even if empty (the first day's backup is taken before any entry);
    with what it holds. Backups are checked newest first, only as far as needed."""
    fallback: tuple[BackupInfo, BackupContents] | None = None
    for backup in store.list_backups(JournalPaths(journal.parent).backups):
        if not store.is_healthy(backup.path):
            continue
        contents = store.backup_contents(backup.path)
        if contents is None:
            continue
        if not contents.is_empty:
            return backup, contents
        fallback = fallback or (backup, contents)
    return fallback


def restore_damaged_journal(journal: Path, backup: Path) -> Path:
    """Keep the damaged journal beside it (renamed, never changed) and put ``backup`` in its place.

    ``backup`` is checked first (:func:`verify_backup`); when it is refused nothing moves.
    Returns where the damaged journal was kept.
    """
    verify_backup(backup)
    return store.restore_damaged_from_backup(journal, backup)
