"""The journal folder's lock: released by the operating system, never blocked by a leftover file,
and not fooled by a deleted lock file (issue 13, point 10). Real second processes hold it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from journal_app.paths import JournalPaths
from journal_app.single_instance import APP, COMMAND, JournalLock
from tests.helpers.cli import ROOT, cli

HOLD = """
import sys
from pathlib import Path
from journal_app.single_instance import JournalLock
lock = JournalLock(Path(sys.argv[1]), sys.argv[2])
print("held" if lock.acquire() else "refused", flush=True)
sys.stdin.readline()
"""


@contextmanager
def held_elsewhere(lock_path: Path, kind: str = APP) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock (until the block ends)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        if holder.poll() is None:
            holder.communicate("\n", timeout=30)


@pytest.fixture
def paths(tmp_path: Path) -> JournalPaths:
    return JournalPaths(tmp_path / "journal").ensure()


def test_an_empty_lock_file_left_by_a_power_cut_never_blocks(paths: JournalPaths) -> None:
    paths.lock.write_bytes(b"")
    lock = JournalLock(paths.lock)
    assert lock.acquire()
    lock.release()


def test_a_stale_lock_naming_a_live_python_process_does_not_block(paths: JournalPaths) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"],
                             stdin=subprocess.PIPE, text=True)  # fmt: skip
    try:
        paths.lock.write_text(f"{other.pid}\nlocalhost\nCrawl Journal\n")
        lock = JournalLock(paths.lock)
        assert lock.acquire()
        lock.release()
    finally:
        other.communicate("\n", timeout=30)


@pytest.mark.posix
def test_a_lock_held_by_another_process_is_refused_and_freed_when_it_is_killed(
    paths: JournalPaths,
) -> None:
    with held_elsewhere(paths.lock) as holder:
        lock = JournalLock(paths.lock)
        assert not lock.acquire()
        assert lock.problem() is None
        assert lock.holder_pid() == holder.pid and lock.holder_kind() == APP
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert lock.acquire()  # the kernel released it; nobody had to clean anything up
        assert lock.holder_pid() == os.getpid()
        lock.release()


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(paths: JournalPaths) -> None:
    with held_elsewhere(paths.lock):
        paths.lock.unlink()
        second = JournalLock(paths.lock)
        assert not second.acquire()
        assert second.problem() is None
        paths.lock.unlink(missing_ok=True)
        paths.lock.write_text("someone else's file")
        assert not JournalLock(paths.lock).acquire()


def test_a_command_beside_a_command_says_so(
    paths: JournalPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with held_elsewhere(paths.lock, COMMAND):
        done = cli(capsys, paths.data_dir, "check")
    assert done.returncode == 3
    assert "in use by another crawl-journal command" in done.stderr
    assert "open in Crawl Journal" not in done.stderr


@pytest.mark.posix
def test_the_lock_file_is_private_even_under_umask_000(paths: JournalPaths) -> None:
    old = os.umask(0)
    try:
        lock = JournalLock(paths.lock)
        assert lock.acquire()
        lock.release()
    finally:
        os.umask(old)
    assert paths.lock.stat().st_mode & 0o777 == 0o600


def test_the_lock_messages_speak_the_apps_language(
    paths: JournalPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with held_elsewhere(paths.lock, COMMAND):
        busy = cli(capsys, paths.data_dir, "--language", "es", "check")
    assert busy.returncode == 3
    assert busy.stderr.strip() == (
        f"El diario de {paths.data_dir} lo está usando otro comando de crawl-journal; "
        "espere a que termine y vuelva a intentarlo."
    )
    with held_elsewhere(paths.lock, APP):
        open_in_app = cli(capsys, paths.data_dir, "--language", "es", "check")
    assert open_in_app.stderr.strip() == (
        f"El diario de {paths.data_dir} está abierto en Crawl Journal; "
        "cierre primero la aplicación."
    )
    paths.lock.unlink()
    paths.lock.mkdir()  # a lock path that is not a file: the lock's own message
    not_a_file = cli(capsys, paths.data_dir, "--language", "es", "check")
    assert not_a_file.returncode == 1
    assert "no es un archivo de bloqueo que esta aplicación pueda usar" in not_a_file.stderr
