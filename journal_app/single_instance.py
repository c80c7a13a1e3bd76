"""One writer per journal folder: a lock file that a second copy of the app cannot take."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile


class JournalLock:
    """Wraps QLockFile (stale locks from a crashed app are detected and taken over)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)  # only a dead process's lock is stale, never a live one's

    def acquire(self) -> bool:
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def problem(self) -> str | None:
        """After a failed :meth:`acquire`: why, when it is not another copy of the app holding
        the lock (a folder that cannot be written to, a lock path that is not a file); None
        when a live process holds it."""
        if self.holder_pid() is not None:
            return None
        folder = self.path.parent
        if not os.access(folder, os.W_OK):
            return f"The journal folder {folder} cannot be written to (permission denied)."
        return (
            f"The journal in {folder} cannot be locked for writing: {self.path} is not a lock "
            "file this app can use. Move it away, then start again."
        )

    def holder_pid(self) -> int | None:
        """The process id holding the lock, or None when nobody holds it."""
        pid, _host, _app = self._lock.getLockInfo()  # PySide6 returns (0, "", "") when unlocked
        return int(pid) or None
