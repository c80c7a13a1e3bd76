"""Where the journal lives: the user's data folder, ``--data-dir`` or ``CRAWL_JOURNAL_DIR``."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from journal_app import APP_NAME
from journal_app.i18n import _

ENV_VAR = "CRAWL_JOURNAL_DIR"
JOURNAL_FILENAME = "journal.sqlite3"
BACKUP_DIRNAME = "backups"
LOCK_FILENAME = "journal.lock"


def default_data_dir() -> Path:
    """The platform's per-user data folder for the app (``~/.local/share/Crawl Journal`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The journal folder: the command line wins, then the environment variable, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if missing; every folder created here is the user's alone
    (0700, whatever the umask: each is made, then set to exactly 0700).

    A folder that already exists keeps its mode: it may be one the user chose and shares (a 1777
    folder, say); the journal and backup files in it are private (0600) on their own.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made meanwhile by someone else: not ours to change
        if os.name == "posix":
            os.chmod(folder, 0o700)  # mkdir's mode is reduced by the umask; make it exactly 0700
    if not path.is_dir():
        raise FileExistsError(17, "File exists", str(path))
    return path


def data_dir_problem(data_dir: Path, error: OSError) -> str:
    """One line for the user when the journal folder cannot be created or used."""
    blocker = next(
        (
            p
            for p in (data_dir / BACKUP_DIRNAME, data_dir, *data_dir.parents)
            if p.exists() and not p.is_dir()
        ),
        None,
    )
    if blocker is not None:
        reason = _("{blocker} is a file, not a folder").format(blocker=blocker)
    elif error.errno == errno.EROFS:
        reason = _("it is on a read-only disk")
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = _("the disk is full")
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = _("permission to use it was denied")
    else:
        reason = error.strerror or str(error)
    return _(
        "The journal folder {folder} cannot be used: {reason}. "
        "Choose another folder with --data-dir or {variable}."
    ).format(folder=data_dir, reason=reason, variable=ENV_VAR)


class JournalPaths:
    """The files of one journal folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    @property
    def journal(self) -> Path:
        return self.data_dir / JOURNAL_FILENAME

    @property
    def backups(self) -> Path:
        return self.data_dir / BACKUP_DIRNAME

    @property
    def lock(self) -> Path:
        return self.data_dir / LOCK_FILENAME

    def protected_files(self) -> list[Path]:
        """What no export, backup or summary may ever be written over: the journal, SQLite's
        working files beside it, the lock, and every file in the backups folder."""
        journal = self.journal
        found = [
            journal,
            *(journal.with_name(journal.name + s) for s in ("-wal", "-shm", "-journal")),
        ]
        found.append(self.lock)
        if self.backups.is_dir():
            found += [entry for entry in self.backups.iterdir() if entry.is_file()]
        return found

    def ensure(self) -> JournalPaths:
        ensure_private_dir(self.data_dir)
        ensure_private_dir(self.backups)
        return self
