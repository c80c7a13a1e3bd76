"""Recovering from the command line, as a user without a display would: a damaged journal is
restored from a backup (the damaged file kept), files that are not whole journals are refused."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY

PAGE = 4096
FIRST_DAY = date(2026, 9, 1)


def damage_middle_pages(journal: Path) -> bytes:
    """Overwrite three pages in the middle of the file (the header page stays intact)."""
    for side in ("-wal", "-shm"):
        assert not Path(f"{journal}{side}").exists()  # closed cleanly: everything is in the file
    content = bytearray(journal.read_bytes())
    pages = len(content) // PAGE
    assert pages > 10
    for page in range(pages // 2 - 1, pages // 2 + 2):
        content[page * PAGE : (page + 1) * PAGE] = b"\xa5" * PAGE
    journal.write_bytes(bytes(content))
    return bytes(content)


@pytest.fixture
def damaged_with_backup(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A journal of 60 days backed up to a file, one more day written, then the journal damaged."""
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    for i in range(60):
        ctx.journal.save_day(DayEntry(maya.id or 0, FIRST_DAY + timedelta(days=i), notes="n" * 300))
    backup = ctx.backups.back_up_now(tmp_path / "good.sqlite3")
    ctx.journal.save_day(DayEntry(maya.id or 0, date(2026, 11, 20), notes="after the backup"))
    ctx.close()
    damaged = damage_middle_pages(JournalPaths(folder).journal)
    return folder, backup, damaged


def kept_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("journal.damaged-*.sqlite3"))


def test_restore_on_a_damaged_journal_puts_the_backup_in_place_and_keeps_the_damaged_file(
    damaged_with_backup: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, backup, damaged = damaged_with_backup
    done = cli(capsys, folder, "check")
    assert done.returncode == 4 and "looks damaged" in done.stderr  # other commands still refuse

    done = cli(capsys, folder, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    [kept] = kept_copies(folder)
    assert kept.read_bytes() == damaged  # kept byte for byte, not overwritten or deleted
    assert str(kept) in done.stdout and str(backup) in done.stdout

    done = cli(capsys, folder, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "journal_day: 60" in done.stdout
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    try:
        maya = ctx.journal.find_child("Maya")
        assert maya is not None and maya.id is not None
        assert ctx.journal.load_day(maya.id, FIRST_DAY).notes == "n" * 300
        assert ctx.journal.load_day(maya.id, date(2026, 11, 20)).notes == ""  # after the backup
    finally:
        ctx.close()
    assert kept.read_bytes() == damaged


def test_restore_on_a_damaged_journal_refuses_a_bad_backup_and_moves_nothing(
    damaged_with_backup: tuple[Path, Path, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, _backup, damaged = damaged_with_backup
    journal = JournalPaths(folder).journal
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a backup at all" * 100)
    for source in (junk, tmp_path / "missing.sqlite3", journal):
        done = cli(capsys, folder, "restore", str(source))
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "nothing was changed" in done.stderr.lower()
        assert journal.read_bytes() == damaged
        assert kept_copies(folder) == []
    assert not (tmp_path / "missing.sqlite3").exists()


def test_restore_and_check_refuse_a_file_without_the_journal_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.journals import schema_revision_only

    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.close()
    hollow = schema_revision_only(tmp_path / "hollow.sqlite3")

    done = cli(capsys, folder, "restore", str(hollow))
    assert done.returncode == 1
    assert "not a complete Crawl Journal backup" in done.stderr and "Traceback" not in done.stderr
    done = cli(capsys, folder, "check")
    assert done.returncode == 0 and "child: 1" in done.stdout  # the journal is as it was

    JournalPaths(folder).journal.write_bytes(hollow.read_bytes())  # a journal that lost its tables
    done = cli(capsys, folder, "check")
    assert done.returncode == 1
    assert "PROBLEMS FOUND" in done.stdout and "the table child is missing" in done.stdout


def test_a_backup_to_a_missing_folder_names_the_file_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "x.sqlite3"
    done = cli(capsys, tmp_path / "journal", "backup", "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.strip() == f"{target}: No such file or directory"


def test_the_restore_of_a_damaged_journal_speaks_the_apps_language(
    damaged_with_backup: tuple[Path, Path, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, backup, _damaged = damaged_with_backup
    missing = tmp_path / "missing.sqlite3"
    refused = cli(capsys, folder, "--language", "es", "restore", str(missing))
    assert refused.returncode == 1
    assert refused.stderr.rstrip().endswith(
        f"No hay ninguna copia de seguridad en {missing}; no se ha cambiado nada."
    )
    done = cli(capsys, folder, "--language", "es", "restore", str(backup))
    assert done.returncode == 0, done.stderr
    [kept] = kept_copies(folder)
    assert done.stdout.strip() == (
        f"Diario restaurado desde {backup}. El diario dañado se conserva, sin cambios, como {kept}"
    )
