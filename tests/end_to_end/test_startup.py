"""The app as a process: entry points, --help/--version without a window, the lock, a light start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from journal_app import __version__
from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.single_instance import JournalLock

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
    )


def test_version_and_help_from_every_entry_point_without_a_window() -> None:
    for entry in (["main.py"], ["-m", "journal_app"]):
        version = run(*entry, "--version")
        assert version.returncode == 0
        assert version.stdout.strip() == f"Crawl Journal {__version__}"
        helped = run(*entry, "--help")
        assert helped.returncode == 0
        assert "--data-dir" in helped.stdout and "summary" in helped.stdout


def test_gui_script_entry_point_is_declared() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'crawl-journal = "journal_app.app:main"' in pyproject
    assert "[project.gui-scripts]" in pyproject


def test_a_second_copy_on_the_same_journal_says_so_and_exits(tmp_path: Path) -> None:
    paths = JournalPaths(tmp_path / "journal").ensure()
    lock = JournalLock(paths.lock)
    assert lock.holder_pid() is None
    assert lock.acquire()
    assert lock.holder_pid() == os.getpid()
    try:
        second = run("-m", "journal_app", "--data-dir", str(paths.data_dir))
        assert second.returncode == 3
        assert "already open" in second.stderr
        assert not paths.journal.exists()  # it did not even open the file
    finally:
        lock.release()


@pytest.mark.posix
def test_data_dir_from_the_environment_is_used_and_created(tmp_path: Path) -> None:
    target = tmp_path / "from-env" / "nested"
    result = run("-m", "journal_app", "check", env={"CRAWL_JOURNAL_DIR": str(target)})
    assert result.returncode == 0, result.stderr
    assert (target / "journal.sqlite3").exists()
    if os.name == "posix":
        assert oct(target.stat().st_mode & 0o777) == "0o700"


def test_startup_reaches_a_usable_window_without_heavy_imports(tmp_path: Path) -> None:
    script = (
        "import sys, os\n"
        "from journal_app.app import main\n"
        "code = main(['--data-dir', sys.argv[1]])\n"
        "heavy = sorted(m for m in ('matplotlib', 'alembic', 'journal_app.ui.printing') if m in sys.modules)\n"
        "print('heavy=' + ','.join(heavy))\n"
        "raise SystemExit(code)\n"
    )
    data_dir = str(tmp_path / "journal")
    first = run("-c", script, data_dir, env={"CRAWL_JOURNAL_STARTUP_PROBE": "1"})
    assert first.returncode == 0, first.stderr
    assert "startup_seconds=" in first.stdout
    # The first start creates the journal with Alembic; later starts skip it entirely.
    context = open_context(JournalPaths(Path(data_dir)))
    context.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))  # a day form to show
    context.close()
    second = run("-c", script, data_dir, env={"CRAWL_JOURNAL_STARTUP_PROBE": "1"})
    assert second.returncode == 0, second.stderr
    assert "heavy=\n" in second.stdout or second.stdout.rstrip().endswith("heavy=")
    # When the window is first usable, not even SQLAlchemy has been imported (it follows on a
    # worker thread): the first screen reads with sqlite3.
    assert "heavy_modules_at_ready=\n" in second.stdout, second.stdout


def test_the_sample_journal_is_removed_when_the_app_ends(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = run(
        "-m",
        "journal_app",
        "--demo",
        env={"CRAWL_JOURNAL_STARTUP_PROBE": "1", "TMPDIR": str(scratch)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "startup_seconds=" in done.stdout  # the sample window did open
    assert list(scratch.iterdir()) == []  # and its temporary folder is gone
