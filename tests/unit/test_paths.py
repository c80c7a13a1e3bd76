"""The journal folder: folders the app creates are the user's alone (0700); a folder that already
exists, such as a shared one the user chose, keeps its mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths, ensure_private_dir
from journal_app.services.context import open_context
from tests.helpers.constants import TODAY

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX"),
    pytest.mark.posix,
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_folder_created_here_is_private_whatever_the_umask(
    tmp_path: Path, usual_umask: None
) -> None:
    made = ensure_private_dir(tmp_path / "a" / "b")
    assert made.is_dir() and mode(made) == 0o700
    os.umask(0o277)  # would give dr-x------ from mkdir(mode=0o700) alone
    also = ensure_private_dir(tmp_path / "c")
    assert mode(also) == 0o700


def test_an_existing_shared_folder_keeps_its_mode(tmp_path: Path, usual_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    assert ensure_private_dir(shared) == shared
    assert mode(shared) == 0o1777

    ctx = open_context(JournalPaths(shared), lambda: TODAY)  # --data-dir on the shared folder
    try:
        ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
        ctx.backups.back_up_now()
    finally:
        ctx.close()
    assert mode(shared) == 0o1777  # the user's folder is left as it was
    assert mode(shared / "backups") == 0o700  # the folder the app made is private
    assert mode(shared / "journal.sqlite3") == 0o600
    assert all(mode(b) == 0o600 for b in (shared / "backups").iterdir())


def test_an_existing_backups_folder_keeps_its_mode_and_a_lost_one_comes_back_private(
    tmp_path: Path, usual_umask: None
) -> None:
    paths = JournalPaths(tmp_path / "journal")
    paths.data_dir.mkdir(mode=0o750)
    paths.backups.mkdir(mode=0o750)
    paths.ensure()
    assert (mode(paths.data_dir), mode(paths.backups)) == (0o750, 0o750)

    ctx = open_context(paths, lambda: TODAY)
    try:
        paths.backups.rmdir()  # removed while the journal is open: the next backup remakes it
        made = ctx.backups.back_up_now()
    finally:
        ctx.close()
    assert mode(paths.backups) == 0o700 and mode(made) == 0o600


def test_a_file_where_the_folder_should_be_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        ensure_private_dir(blocker)
    with pytest.raises(OSError):  # FileExistsError or NotADirectoryError, by the parent's turn
        ensure_private_dir(blocker / "inside")
    assert blocker.read_text(encoding="utf-8") == "x"
