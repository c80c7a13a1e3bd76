"""Shared fixtures: every test gets its own journal folder; nothing touches the user's real data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

# Temporary folders (tmp_path, and those of the processes the tests start) in memory where the
# machine has it: the journals are still real SQLite files, but each commit's fsync (4 ms on this
# machine's disk, thousands of commits a run) costs nothing there. TMPDIR set by hand wins.
if "TMPDIR" not in os.environ and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    os.environ["TMPDIR"] = "/dev/shm"
    tempfile.tempdir = None  # computed again from TMPDIR on next use

# Before Qt is imported anywhere: no display, and settings/data folders inside a throwaway place.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="crawl-journal-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["MPLCONFIGDIR"] = str(_SANDBOX / "mpl")
os.environ.pop("CRAWL_JOURNAL_DIR", None)

import pytest  # noqa: E402

from journal_app.domain.entries import ChildProfile  # noqa: E402
from journal_app.paths import JournalPaths  # noqa: E402
from journal_app.services.context import JournalContext, open_context  # noqa: E402
from tests.helpers.constants import TODAY  # noqa: E402  (still importable from here for now)
from tests.helpers.journals import place_new_journal  # noqa: E402


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new journal, created and migrated by the app once per run: the journals of the
    ``context`` and window fixtures start as copies of it rather than each running Alembic (the
    migrations themselves are tested in tests/unit/storage)."""
    paths = JournalPaths(tmp_path_factory.mktemp("template") / "journal")
    open_context(paths, lambda: TODAY).close()
    assert list(paths.backups.iterdir()) == []  # nothing beside the file to copy
    return paths.journal


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def context(data_dir: Path, journal_template: Path) -> Iterator[JournalContext]:
    place_new_journal(journal_template, data_dir)
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    yield ctx
    ctx.close()


@pytest.fixture
def child(context: JournalContext) -> ChildProfile:
    """Maya, born 1 March 2026 at full term: 8 months 22 days old on TODAY."""
    return context.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))


@pytest.fixture
def preterm_child(context: JournalContext) -> ChildProfile:
    """Leo, born 1 March 2026 at 32 weeks (due 26 April 2026): corrected age applies."""
    return context.journal.save_child(ChildProfile("Leo", date(2026, 3, 1), date(2026, 4, 26)))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On Windows, skip the tests that check what only POSIX systems have (0600 modes, SIGKILL,
    fork, tmpfs mounts, symlinks), saying why; everything else runs everywhere."""
    if os.name == "posix":
        return
    skip = pytest.mark.skip(
        reason="checks file modes, signals, fork, mounts or links that only POSIX systems have"
    )
    for item in items:
        if item.get_closest_marker("posix") is not None:
            item.add_marker(skip)
