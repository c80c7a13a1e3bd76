"""Backups of the journal with SQLite's online backup API: written aside, verified, then named.

A backup only appears under its final name once it is complete and has passed an integrity check,
so a backup cut short (power loss, kill) is never listed as good. Automatic backups are made at
most once a day and the newest :data:`KEEP_AUTOMATIC` are kept.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from journal_app.domain.backups import AUTO, MANUAL, BackupContents, BackupInfo
from journal_app.i18n import _, ngettext
from journal_app.paths import ensure_private_dir
from journal_app.storage.backup_media import (
    MissingMedia,
    bring_back_media,
    place_backup_media,
    remove_backup_media,
    remove_orphan_media_dirs,
    stage_backup_media,
)
from journal_app.storage.connection import raw_connection
from journal_app.storage.errors import JournalDamagedError, JournalError, JournalInUseError
from journal_app.storage.files import (
    PRIVATE_FILE_MODE,
    fsync_dir,
    make_private,
    private_temp_file,
    remove_stale_temporaries,
)
from journal_app.storage.sqlite_errors import (
    Failure,
    failure_at,
    journal_error,
    os_journal_error,
    sqlite_error_text,
)

KEEP_AUTOMATIC = 14
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^(?P<kind>[a-z][a-z0-9-]*)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)\.sqlite3$")


class MediaNotRestorable(JournalError):
    """The backup refers to photos or videos that neither it nor the journal holds intact; the
    restore was refused and nothing changed (``lost`` names them)."""

    def __init__(self, backup: Path, lost: list[MissingMedia]) -> None:
        from journal_app.i18n import formats

        self.backup = backup
        self.lost = lost
        shown = "; ".join(
            _("{name} ({child}, {day})").format(
                name=m.original_name, child=m.child, day=formats().date(m.day)
            )
            for m in lost[:5]
        )
        more = len(lost) - 5
        if more > 0:
            shown = ngettext("{files} and {count} more", "{files} and {count} more", more).format(
                files=shown, count=more
            )
        super().__init__(
            _(
                "The backup {backup} was not restored: photos or videos it refers to are missing "
                "or damaged in its media folder ({files}). The journal is unchanged."
            ).format(backup=backup, files=shown)
        )


def is_healthy(path: Path) -> bool:
    """True when ``path`` passes SQLite's full integrity check."""
    try:
        with raw_connection(path) as conn:
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False


def _unique_target(backup_dir: Path, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{kind}-{stamp}{SUFFIX}"
    n = 1
    while target.exists():
        target = backup_dir / f"{kind}-{stamp}-{n}{SUFFIX}"
        n += 1
    return target


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at ``source`` into the private file ``target`` (online, consistent).

    ``target`` is a temporary made by :func:`private_temp_file` (or is created here); a symlink
    there is refused, never followed."""
    flags = os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(target)
    with raw_connection(source) as src, raw_connection(target) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _backup_error(exc: sqlite3.Error, source: Path, target: Path) -> JournalError | None:
    """What a SQLite error while copying ``source`` into ``target`` means (None for a bug)."""
    failure = failure_at(exc, target)
    if failure is Failure.BUSY:
        return JournalInUseError(source, sqlite_error_text(exc))
    if failure is Failure.DAMAGED:
        return JournalDamagedError(source, sqlite_error_text(exc))
    return journal_error(exc, target)


def _verified_copy(source: Path, final: Path) -> Path:
    """Copy ``source`` into a private temporary beside ``final`` and check it; the temporary.

    Errors name ``final`` (the file the user knows) or ``source``, never the temporary, which
    is removed: a full disk, a busy file or a failed check leave nothing behind.
    """
    try:
        temp = private_temp_file(final)
    except OSError as exc:
        raise os_journal_error(exc, final) from exc
    try:
        copy_database(source, temp)
        if not is_healthy(temp):
            raise JournalError(
                _("The backup written to {path} did not pass its check; it was removed.").format(
                    path=final
                )
            )
    except sqlite3.Error as exc:
        temp.unlink(missing_ok=True)
        error = _backup_error(exc, source, final)
        if error is None:
            raise
        raise error from exc
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise os_journal_error(exc, final) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def make_backup(
    journal: Path,
    backup_dir: Path,
    kind: str = MANUAL,
    now: datetime | None = None,
    target: Path | None = None,
) -> Path:
    """Back up ``journal`` into ``backup_dir`` (or to ``target``); returns the verified file."""
    now = now or datetime.now()
    try:
        ensure_private_dir(backup_dir)
    except OSError as exc:
        raise os_journal_error(exc, backup_dir) from exc
    final = target or _unique_target(backup_dir, kind, now)
    if target is not None and not final.parent.is_dir():
        raise OSError(errno.ENOENT, os.strerror(errno.ENOENT), str(final))
    temp = _verified_copy(journal, final)
    staged = None
    try:
        staged = stage_backup_media(temp, journal.parent, final)  # the media it refers to
        place_backup_media(staged, final)
        os.replace(temp, final)
        fsync_dir(final.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        raise os_journal_error(exc, final) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Complete backups, newest first (partial files from an interrupted backup are not listed)."""
    found: list[BackupInfo] = []
    if not backup_dir.is_dir():
        return found
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        made_at = datetime.strptime(match["stamp"][:15], "%Y%m%d-%H%M%S")
        found.append(BackupInfo(entry, match["kind"], made_at, entry.stat().st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def remove_leftover_temporaries(data_dir: Path, backup_dir: Path) -> list[Path]:
    """At start, with the folder's lock held: remove the hidden ``.*.partial`` files that a
    killed backup, restore or copy left in the journal folder and its backups; the removed."""
    return (
        remove_stale_temporaries(data_dir)
        + remove_stale_temporaries(backup_dir)
        + remove_orphan_media_dirs(backup_dir)
    )


def remove_partial_backups(backup_dir: Path) -> None:
    """Remove what a killed backup left: the hidden ``.*.partial`` temporaries."""
    remove_stale_temporaries(backup_dir)


def automatic_backup_due(backup_dir: Path, today: date) -> bool:
    return not any(b.is_automatic and b.made_at.date() == today for b in list_backups(backup_dir))


def run_automatic_backup(
    journal: Path, backup_dir: Path, now: datetime | None = None
) -> Path | None:
    """The once-a-day backup: made if none exists for today, then only the newest 14 are kept."""
    now = now or datetime.now()
    remove_partial_backups(backup_dir)
    made: Path | None = None
    if automatic_backup_due(backup_dir, now.date()):
        made = make_backup(journal, backup_dir, AUTO, now)
    everything = list_backups(backup_dir)
    autos = [b for b in everything if b.is_automatic]
    doomed = autos[KEEP_AUTOMATIC:]
    if doomed and not any(_holds_days(b) for b in everything if b not in doomed):
        # Never rotate out the last backup that holds days (the journal may have been lost and
        # the newest backups made of an empty one): keep the newest such one.
        keeper = next((b for b in doomed if _holds_days(b)), None)
        doomed = [b for b in doomed if b != keeper]
    for old in doomed:
        old.path.unlink(missing_ok=True)
        remove_backup_media(old.path)
    return made


def backup_contents(backup: Path) -> BackupContents | None:
    """Children, journal days and the last day in ``backup`` (None when it cannot be read)."""
    try:
        with raw_connection(backup) as conn:
            children = conn.execute("SELECT count(*) FROM child").fetchone()[0]
            days, last = conn.execute("SELECT count(*), max(day) FROM journal_day").fetchone()
    except sqlite3.Error:
        return None
    return BackupContents(int(children), int(days), date.fromisoformat(last) if last else None)


def newest_backup_with_days(backup_dir: Path) -> tuple[BackupInfo, BackupContents] | None:
    """The newest backup that holds journal days (readable, not necessarily checked in full)."""
    for backup in list_backups(backup_dir):
        contents = backup_contents(backup.path)
        if contents is not None and not contents.is_empty:
            return backup, contents
    return None


def _holds_days(backup: BackupInfo) -> bool:
    contents = backup_contents(backup.path)
    return contents is not None and not contents.is_empty


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    for backup in list_backups(backup_dir):
        if is_healthy(backup.path):
            return backup
    return None


def move_aside(journal: Path, now: datetime | None = None) -> Path:
    """Rename a damaged journal (and its WAL/SHM) out of the way; nothing is deleted."""
    now = now or datetime.now()
    aside = journal.with_name(f"{journal.stem}.damaged-{now:%Y%m%d-%H%M%S}{journal.suffix}")
    n = 1
    while aside.exists():
        aside = journal.with_name(f"{journal.stem}.damaged-{now:%Y%m%d-%H%M%S}-{n}{journal.suffix}")
        n += 1
    for suffix in ("-wal", "-shm"):
        side = journal.with_name(journal.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    if journal.exists():  # a journal that is gone altogether has nothing to keep
        os.replace(journal, aside)
    fsync_dir(journal.parent)
    return aside


def restore_damaged_from_backup(journal: Path, backup: Path, now: datetime | None = None) -> Path:
    """Put a copy of ``backup`` in place of the damaged journal, which is kept renamed beside it.

    The copy is made and checked beside the journal first; only then is the damaged file moved
    aside and the copy renamed into place. A full disk or a busy file stops it before anything
    moves. Returns where the damaged journal was kept.
    """
    if not is_healthy(backup):
        raise JournalDamagedError(backup, _("the backup did not pass its integrity check"))
    # The journal is damaged: what media can come back does; `check` names any that cannot.
    bring_back_media(backup, journal.parent)
    staged = _verified_copy(backup, journal)
    try:
        aside = move_aside(journal, now)
        os.replace(staged, journal)
        fsync_dir(journal.parent)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise os_journal_error(exc, journal) from exc
    return aside


def restore_into_live_journal(journal: Path, backup: Path, backup_dir: Path) -> Path:
    """Replace the journal's content with ``backup`` after backing up the current journal.

    The copy runs through SQLite's backup API into the journal itself, so it is a single
    transaction: a crash part-way leaves the old journal. Returns the pre-restore backup.
    """
    if not is_healthy(backup):
        raise JournalDamagedError(backup, _("the backup did not pass its integrity check"))
    lost = bring_back_media(backup, journal.parent)
    if lost:
        raise MediaNotRestorable(backup, lost)
    safety = make_backup(journal, backup_dir, "pre-restore")
    staged = _verified_copy(backup, journal)
    try:
        with raw_connection(journal) as live:
            page_size = int(live.execute("PRAGMA page_size").fetchone()[0])
        with raw_connection(staged) as copy:
            if int(copy.execute("PRAGMA page_size").fetchone()[0]) != page_size:
                # SQLite's backup API cannot change the page size of a WAL journal: bring the
                # copy to the journal's page size first (VACUUM rewrites every page).
                copy.execute(f"PRAGMA page_size={page_size}")
                copy.execute("VACUUM")
        with raw_connection(staged) as src, raw_connection(journal) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        error = _backup_error(exc, backup, journal)
        if error is None:
            raise
        raise error from exc
    finally:
        staged.unlink(missing_ok=True)
        staged.with_name(staged.name + "-journal").unlink(missing_ok=True)
    return safety
