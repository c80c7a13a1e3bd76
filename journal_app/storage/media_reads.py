"""The media records read with plain ``sqlite3``: at opening (before SQLAlchemy loads), from a
backup file, and for ``check``. The writes and the everyday reads are in :mod:`.media_repository`.

:func:`sweep_media` runs at opening, with the journal's single-instance lock held: it removes the
temporaries a killed copy left, the copies handed to a viewer
(:mod:`.media_viewer`) and every stored file no record refers to (a removal whose undo
window has passed with the session, a kill between a file and its record).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from journal_app.domain.media import MediaKind, MediaStatus, status_message
from journal_app.storage.connection import raw_connection
from journal_app.storage.media_store import MEDIA_DIRNAME, MediaCheck, MediaStore
from journal_app.storage.media_viewer import remove_all_copies


def referenced_hashes_raw(journal: Path) -> set[str] | None:
    """Every hash a record of the journal file refers to, read with plain ``sqlite3`` (at
    opening, before SQLAlchemy is loaded); None when the file has no media table or cannot be
    read (then nothing may be swept)."""
    try:
        with raw_connection(journal, read_only=True) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='media'"
            ).fetchone()
            if has_table is None:
                return None
            return {str(r[0]) for r in conn.execute("SELECT DISTINCT sha256 FROM media")}
    except sqlite3.Error:
        return None


def media_files_raw(journal: Path) -> list[tuple[str, MediaKind]] | None:
    """(sha256, kind) of every record of the journal file at ``journal`` (a backup, say), with
    plain ``sqlite3``; None when it has no media table."""
    with raw_connection(journal, read_only=True) as conn:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='media'"
        ).fetchone()
        if has_table is None:
            return None
        rows = conn.execute("SELECT DISTINCT sha256, kind FROM media ORDER BY sha256").fetchall()
    found = []
    for sha, kind in rows:
        try:
            found.append((str(sha), MediaKind(str(kind))))
        except ValueError:
            continue  # a kind this version does not know: schema_check reports the file
    return found


def media_for_check_raw(journal: Path) -> list[tuple[str, MediaKind, str, str, date]]:
    """(sha256, kind, original name, child's name, day) of every record, for ``check``."""
    with raw_connection(journal, read_only=True) as conn:
        rows = conn.execute(
            "SELECT m.sha256, m.kind, m.original_name, c.name, m.day FROM media m "
            "JOIN child c ON c.id = m.child_id ORDER BY c.name, m.day, m.id"
        ).fetchall()
    found = []
    for sha, kind, name, child, day in rows:
        try:
            found.append((str(sha), MediaKind(str(kind)), str(name), str(child), _day(day)))
        except ValueError:
            continue
    return found


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def sweep_media(journal_dir: Path, journal: Path) -> int:
    """Remove stray temporaries and unreferenced files from ``journal_dir/media``; nothing is
    removed when the records of ``journal`` cannot be read. How many files were removed."""
    if not (journal_dir / MEDIA_DIRNAME).is_dir():
        return 0
    remove_all_copies(journal_dir / MEDIA_DIRNAME)  # what the viewer was given last time
    store = MediaStore(journal_dir)
    removed = store.clean_temporaries()
    if any(journal.parent.glob(f"{journal.stem}.damaged-*{journal.suffix}")):
        # A damaged journal kept aside may refer to files the restored one does not: keep
        # every file while such a copy is there (it may still be rescued).
        return removed
    referenced = referenced_hashes_raw(journal)
    if referenced is None:
        return removed
    return removed + len(store.remove_all_unreferenced(referenced))


def verify_journal_media(journal: Path) -> tuple[int, list[tuple[MediaCheck, str, date]]]:
    """Re-hash every file a record of ``journal`` refers to: how many records were checked, and
    (check, child's name, day) for each missing or damaged one, by child and day."""
    try:
        records = media_for_check_raw(journal)
    except sqlite3.OperationalError:  # no media table (a journal not migrated yet)
        return 0, []
    store = MediaStore(journal.parent)
    verdicts: dict[tuple[str, MediaKind], MediaStatus] = {}
    problems = []
    for sha, kind, name, child, day in records:
        status = verdicts.get((sha, kind))
        if status is None:
            status = verdicts[(sha, kind)] = store.verify(sha, kind).status
        if status is not MediaStatus.OK:
            message = status_message(status, name)
            problems.append(
                (MediaCheck(sha, kind, status, store.path_for(sha, kind), message), child, day)
            )
    return len(records), problems
