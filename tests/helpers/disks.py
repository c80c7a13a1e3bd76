"""Real small file systems for the tests: a tmpfs of a few hundred KiB that can be filled up or
made read-only. Only root can mount one, on Linux; elsewhere the tests that need it are skipped
with the reason."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(where: Path, size: str = "2m") -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted at ``where`` (created), unmounted afterwards."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux (not available here)")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill ``disk`` until no byte is left; the filler file (delete it to free the space)."""
    filler = disk / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        chunk = b"\0" * 4096
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass
    return filler


def remount(disk: Path, option: str) -> None:
    """Remount ``disk`` with ``option`` ("ro" or "rw")."""
    subprocess.run(["mount", "-o", f"remount,{option}", str(disk)], check=True)


def folder_digest(folder: Path) -> dict[str, str]:
    """Name -> SHA-256 of every file under ``folder`` (to prove nothing changed or moved).

    SQLite's shared-memory index (``-shm``), an empty ``-wal`` and the lock hold no data and are
    left out."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.name != "journal.lock"
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }
