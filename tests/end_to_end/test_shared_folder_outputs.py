"""Exports, backups and summaries written into a shared 1777 folder where another user planted
symlinks at the temporary names: nothing is written through them (issue 13, point 6)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.files import private_temp_file, write_private_bytes
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1), notes="private"))
    ctx.close()
    return folder


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    assert folder.stat().st_mode & 0o7777 == 0o1777
    return folder


def test_planted_symlinks_at_the_old_temporary_names_are_never_followed(
    journal_dir: Path, shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the other user's file")
    outputs = {
        "export.json": ["export", "--format", "json"],
        "export.zip": ["export", "--format", "csv"],
        "copy.sqlite3": ["backup"],
        "maya.pdf": ["summary", "--child", "Maya"],
    }
    for name in outputs:
        (shared / f".{name}.partial").symlink_to(victim)
    for name, command in outputs.items():
        done = cli(capsys, journal_dir, *command, "-o", str(shared / name))
        assert done.returncode == 0, (name, done.stderr)
        assert (shared / name).is_file() and not (shared / name).is_symlink()
        assert (shared / name).stat().st_mode & 0o777 == 0o600
    assert victim.read_text() == "the other user's file"
    left = sorted(p.name for p in shared.iterdir() if p.name.startswith("."))
    assert left == sorted(f".{name}.partial" for name in outputs)  # only the planted links


def test_temporary_names_are_unpredictable_and_created_exclusively(shared: Path) -> None:
    target = shared / "export.json"
    first, second = private_temp_file(target), private_temp_file(target)
    assert first != second and first.parent == shared == second.parent
    assert first.name.startswith(".export.json.") and first.name.endswith(".partial")
    assert first.stat().st_mode & 0o777 == 0o600
    write_private_bytes(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert {p.name for p in shared.iterdir()} == {first.name, second.name, "export.json"}
