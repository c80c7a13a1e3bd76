"""Under umask 000, every folder the app creates for --data-dir (parents too) is 0700 and
every file it writes, the lock included, is 0600 (issue 13, point 7)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import cli

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_created_parents_are_0700_and_files_0600_under_umask_000(
    tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chmod(tmp_path, 0o755)
    data_dir = tmp_path / "a" / "b" / "journal"
    done = cli(capsys, data_dir, "backup")
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data_dir, data_dir / "backups"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert tmp_path.stat().st_mode & 0o777 == 0o755  # not ours: left alone
    files = [data_dir / "journal.sqlite3", data_dir / "journal.lock"]
    files += list((data_dir / "backups").iterdir())
    for file in files:
        assert file.stat().st_mode & 0o777 == 0o600, file
