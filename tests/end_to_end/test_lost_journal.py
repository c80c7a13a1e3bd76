"""A journal that is missing or 0 bytes while its backups hold days is treated like a damaged
one: said plainly, never silently replaced by a new, empty journal, and restorable (issue 13,
point 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.database import prepare_journal
from journal_app.storage.errors import JournalGoneError
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY


@pytest.fixture
def journal_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    """A journal of Maya with two days, and its manual backup (path)."""
    data_dir = tmp_path / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1), notes="one"))
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 2), notes="two"))
    backup = ctx.backups.back_up_now()
    ctx.close()
    return data_dir, backup


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_lost_journal_is_not_made_new_and_the_backup_restores_it(
    journal_with_backup: tuple[Path, Path], how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, backup = journal_with_backup
    journal = data_dir / "journal.sqlite3"
    if how == "missing":
        journal.unlink()
    else:
        journal.write_bytes(b"")

    with pytest.raises(JournalGoneError) as caught:
        prepare_journal(journal, data_dir / "backups")
    assert caught.value.days == 2
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 4
    assert ("is missing" if how == "missing" else "is empty (0 bytes)") in done.stderr
    assert "held 2 days" in done.stderr and "Restore" in done.stderr
    assert journal.exists() == (how == "empty")  # no new journal was made
    if how == "empty":
        assert journal.stat().st_size == 0

    done = cli(capsys, data_dir, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 0 and "journal_day: 2" in done.stdout


def test_a_new_journal_without_backups_with_days_is_still_made(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)  # first run: an empty backup
    ctx.backups.back_up_now()
    ctx.close()
    (data_dir / "journal.sqlite3").unlink()
    prepare_journal(data_dir / "journal.sqlite3", data_dir / "backups")
    assert (data_dir / "journal.sqlite3").stat().st_size > 0
