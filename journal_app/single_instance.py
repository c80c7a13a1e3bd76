"""One writer per journal folder: an advisory lock that the operating system releases.

The lock is ``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows, taken on an open
descriptor of ``journal.lock`` and held for as long as the app or command runs. The kernel
drops it when the process ends however it ends (crash, kill, power cut), so:

- an empty lock file, or one naming a process that is long gone (or whose number now belongs to
  another program), never blocks: only a *held* lock does;
- the file's content (the holder's process id and whether it is the app's window or a
  command) is information for the message only, never what decides.

Deleting ``journal.lock`` while the app runs must not let a second writer in. Two things see to
that on POSIX:

- after locking, the lock file's path is checked to still name the locked inode; when it does
  not (the file was deleted or replaced between our ``open`` and our ``flock``), the lock is
  dropped and taken again on whatever the path now names;
- the journal *folder* itself is locked too (``flock`` on a descriptor of the directory). The
  folder cannot disappear while it holds the journal, so a second process that recreated a
  deleted ``journal.lock`` still finds the folder's lock held.

Windows cannot delete a file that is open without sharing, so the file lock alone holds there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from journal_app.i18n import _

#: Who holds the lock, as written into the lock file (for the message only).
APP = "app"
COMMAND = "command"

_ATTEMPTS = 20
_INFO_OFFSET = 16  # Windows locks byte 0; the holder's details are written after it


def _lock_fd(fd: int) -> None:
    """Take the exclusive lock on ``fd`` without waiting; BlockingIOError when it is held."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            raise BlockingIOError(errno.EAGAIN, "locked") from exc
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock_fd(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class JournalLock:
    """The folder's writer lock; ``holder`` is :data:`APP` (the window) or :data:`COMMAND`."""

    def __init__(self, path: Path, holder: str = APP) -> None:
        self.path = Path(path)
        self.holder = holder
        self._fd: int | None = None
        self._dir_fd: int | None = None
        self._problem: str | None = None

    # -- taking and giving back -------------------------------------------------------------

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it or it cannot be taken
        (then :meth:`problem` says why, or is None when another process holds it)."""
        if self._fd is not None:
            return True
        self._problem = None
        for _attempt in range(_ATTEMPTS):
            try:
                fd = self._open()
            except OSError as exc:
                self._problem = self._describe(exc)
                return False
            if fd is None:
                return False
            try:
                _lock_fd(fd)
            except BlockingIOError:
                os.close(fd)
                return False
            except OSError as exc:
                os.close(fd)
                self._problem = self._describe(exc)
                return False
            if not self._still_names(fd):
                os.close(fd)  # closing drops the lock; take it again on what the path names now
                continue
            if not self._lock_folder():
                os.close(fd)
                return False
            self._fd = fd
            self._write_info(fd)
            return True
        self._problem = self._not_a_lock_file()
        return False

    def release(self) -> None:
        """Give the lock back. The file stays: an unheld lock file never blocks anyone."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                _unlock_fd(fd)
            os.close(fd)
        dir_fd, self._dir_fd = self._dir_fd, None
        if dir_fd is not None:
            os.close(dir_fd)  # closing the descriptor drops the folder's flock

    @property
    def held(self) -> bool:
        return self._fd is not None

    # -- what the caller tells the user -----------------------------------------------------

    def problem(self) -> str | None:
        """After a failed :meth:`acquire`: why, when it is not another process holding the
        lock (a folder that cannot be written to, a lock path that is not a file); None when
        a live process holds it."""
        return self._problem

    def holder_pid(self) -> int | None:
        """The process id holding the lock, or None when nobody holds it."""
        if self._fd is not None:
            return os.getpid()
        pid, _kind = self._holder_info()
        return pid

    def holder_kind(self) -> str | None:
        """:data:`APP` or :data:`COMMAND` for the process holding the lock, None if nobody."""
        if self._fd is not None:
            return self.holder
        _pid, kind = self._holder_info()
        return kind

    # -- inside -----------------------------------------------------------------------------

    def _open(self) -> int | None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        flags |= getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            self._problem = self._not_a_lock_file()
            return None
        if os.name == "posix" and info.st_uid == os.getuid():
            os.fchmod(fd, 0o600)  # O_CREAT's mode is reduced by the umask, never widened
        return fd

    def _still_names(self, fd: int) -> bool:
        if os.name != "posix":
            return True  # Windows does not delete or replace a file that is held open
        try:
            on_disk = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)

    def _lock_folder(self) -> bool:
        """POSIX: also lock the journal folder, which cannot vanish while it holds the journal."""
        if os.name != "posix":
            return True
        import fcntl

        try:
            dir_fd = os.open(self.path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            self._problem = self._describe(exc)
            return False
        try:
            fcntl.flock(dir_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(dir_fd)
            return False
        except OSError:  # a file system without flock on folders (some network ones): the
            os.close(dir_fd)  # file lock alone
            return True
        self._dir_fd = dir_fd
        return True

    def _write_info(self, fd: int) -> None:
        """Best effort: a full disk must not stop the lock, which needs no content."""
        text = f"{os.getpid()}\n{self.holder}\n".encode("ascii")
        with contextlib.suppress(OSError):
            os.ftruncate(fd, _INFO_OFFSET)
            os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
            os.write(fd, text)

    def _holder_info(self) -> tuple[int | None, str | None]:
        """(pid, kind) of the process holding the lock; (None, None) when nobody holds it."""
        probe = JournalLock(self.path, self.holder)
        if probe.acquire():
            probe.release()
            return None, None
        try:
            with open(self.path, "rb") as handle:
                handle.seek(_INFO_OFFSET)
                lines = handle.read(64).decode("ascii", "replace").split()
        except OSError:
            lines = []
        pid = int(lines[0]) if lines and lines[0].isdigit() else None
        kind = lines[1] if len(lines) > 1 and lines[1] in (APP, COMMAND) else None
        return pid, kind

    def _not_a_lock_file(self) -> str:
        return _(
            "The journal in {folder} cannot be locked for writing: {path} is not a lock file "
            "this app can use. Move it away, then start again."
        ).format(folder=self.path.parent, path=self.path)

    def _describe(self, exc: OSError) -> str:
        folder = self.path.parent
        if exc.errno == errno.EROFS:
            return _(
                "The journal folder {folder} is on a read-only disk, so the journal cannot be "
                "written. Choose a folder on a disk that can be written to (--data-dir)."
            ).format(folder=folder)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return _(
                "The disk is full: {path} could not be created. Free some space on that "
                "disk, then try again."
            ).format(path=self.path)
        if exc.errno in (errno.EACCES, errno.EPERM):
            return _(
                "The journal folder {folder} cannot be written to (permission denied)."
            ).format(folder=folder)
        if exc.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO):
            return self._not_a_lock_file()
        # Translators: {problem} is the operating system's own description of the error.
        return _(
            "The journal in {folder} cannot be locked for writing: {problem} ({path})."
        ).format(folder=folder, problem=(exc.strerror or str(exc)).lower(), path=self.path)
