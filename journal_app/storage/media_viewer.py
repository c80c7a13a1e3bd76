"""Private copies of stored photos and videos for the computer's own viewer or player.

A stored file is never handed to another program: a viewer that edits in place (rotate and
save) would change a file named by its hash (``check`` would then call it damaged), and the
backups hard-link the same file, so the edit would reach them too. :func:`copy_for_viewer`
copies it instead into ``media/.opened/<random>/<original name>``: the folders 0700, the copy
read-only (0400), so a viewer that offers to save asks for another place.

The copies are throwaways. Those a session made are removed when it ends
(:func:`remove_copies`); whatever a killed session left is removed at the next opening
(:func:`remove_all_copies`, from ``sweep_media``, under the journal's single-instance lock).
No backup, export or check looks into ``.opened`` (``MediaStore.list_stored`` only reads the
two-hex-digit folders).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from journal_app.storage.files import fsync_dir

OPENED_DIRNAME = ".opened"
PRIVATE_DIR_MODE = 0o700
VIEWER_COPY_MODE = 0o400
_CHUNK = 1024 * 1024
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def opened_root(media_root: Path) -> Path:
    return media_root / OPENED_DIRNAME


def _viewer_name(name: str, fallback: str) -> str:
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .")
    return cleaned[:150] or fallback


def _private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE)
    except FileExistsError:
        if path.is_symlink() or not path.is_dir():
            raise
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)


def copy_for_viewer(
    media_root: Path,
    source: Path,
    name: str,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy the stored ``source`` to a new private folder under ``media/.opened``, named
    ``name`` (the original file name, made safe), read-only; its path. Raises ``OSError``
    (nothing left) when ``source`` cannot be read or the copy cannot be written."""
    root = opened_root(media_root)
    _private_dir(root)
    folder = Path(tempfile.mkdtemp(dir=root))  # 0700, a name no one can guess
    target = folder / _viewer_name(name, source.name)
    try:
        with source.open("rb") as src:
            total = os.fstat(src.fileno()).st_size
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                done = 0
                while chunk := src.read(_CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        os.chmod(target, VIEWER_COPY_MODE)
    except BaseException:
        _remove_tree(folder)
        raise
    return target


def _remove_tree(folder: Path) -> None:
    """Remove ``folder`` and what is in it, read-only copies included (Windows will not delete a
    read-only file); a file another program still holds open (Windows) is left."""
    if folder.is_symlink():
        folder.unlink()
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                if os.name != "posix":
                    os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
                path.unlink()
    folder.rmdir()


def remove_copies(copies: Iterable[Path]) -> None:
    """Remove the folders of the copies this session made (its end)."""
    for copy in copies:
        folder = copy.parent
        if folder.parent.name == OPENED_DIRNAME and folder.is_dir():
            with contextlib.suppress(OSError):
                _remove_tree(folder)


def remove_all_copies(media_root: Path) -> int:
    """Remove every copy a session left (at opening, under the journal's lock); how many
    folders were removed."""
    root = opened_root(media_root)
    if root.is_symlink():
        root.unlink()
        return 0
    if not root.is_dir():
        return 0
    removed = 0
    for entry in root.iterdir():
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                _remove_tree(entry)
            else:
                entry.unlink()
            removed += 1
    with contextlib.suppress(OSError):
        root.rmdir()
        fsync_dir(media_root)
    return removed
