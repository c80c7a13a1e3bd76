"""A damaged write-ahead log is kept, and said, before SQLite can checkpoint it away; a sound
one after a crash (or with an earlier generation's leftovers) replays and says nothing (issue 13,
point 4). The WALs are real ones, taken from a journal whose app has not closed it yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.storage.database import prepare_journal
from journal_app.storage.errors import JournalWalDamagedError
from journal_app.storage.wal import inspect_wal
from tests.helpers.cli import cli
from tests.helpers.saved_journals import crashed_journal


def day_count(data_dir: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(data_dir / "journal.sqlite3")
    try:
        return int(conn.execute("SELECT count(*) FROM journal_day").fetchone()[0])
    finally:
        conn.close()


def test_a_sound_wal_after_a_crash_replays_every_day_and_says_nothing(tmp_path: Path) -> None:
    crashed = crashed_journal(tmp_path / "live", tmp_path / "crashed")
    report = inspect_wal(crashed / "journal.sqlite3-wal")
    assert report is not None and not report.damaged and report.replayable == report.frames
    prepare_journal(crashed / "journal.sqlite3", crashed / "backups")
    assert day_count(crashed) == 8
    assert not list(crashed.glob("*unreplayed*"))


def test_leftovers_of_an_earlier_wal_generation_are_not_damage(tmp_path: Path) -> None:
    crashed = crashed_journal(tmp_path / "live", tmp_path / "crashed", days=8, restart_after=6)
    report = inspect_wal(crashed / "journal.sqlite3-wal")
    assert report is not None and report.replayable < report.frames  # old frames behind
    assert not report.damaged
    prepare_journal(crashed / "journal.sqlite3", crashed / "backups")
    assert day_count(crashed) == 8


@pytest.mark.posix
def test_garbage_in_the_middle_of_the_wal_is_kept_and_said_before_anything_checkpoints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crashed = crashed_journal(tmp_path / "live", tmp_path / "crashed")
    wal = crashed / "journal.sqlite3-wal"
    damaged = bytearray(wal.read_bytes())
    middle = len(damaged) // 2
    damaged[middle : middle + 16] = b"\xde\xad\xbe\xef" * 4
    wal.write_bytes(bytes(damaged))
    report = inspect_wal(wal)
    assert report is not None and report.damaged and report.lost_commits >= 1

    with pytest.raises(JournalWalDamagedError) as caught:
        prepare_journal(crashed / "journal.sqlite3", crashed / "backups")
    kept = caught.value.kept
    assert kept.read_bytes() == bytes(damaged)  # the copy is the WAL as it was, unreplayed
    assert kept.stat().st_mode & 0o777 == 0o600
    assert wal.read_bytes() == bytes(damaged)  # nothing opened it yet

    (kept.parent / "again").mkdir()
    kept.rename(kept.parent / "again" / kept.name)  # as if it had never been kept
    done = cli(capsys, crashed, "check")
    assert done.returncode == 4
    assert "write-ahead file journal.sqlite3-wal is damaged" in done.stderr
    assert "A copy of that file was kept as" in done.stderr
    # Said once: the next start opens the journal with what could be read.
    done = cli(capsys, crashed, "check")
    assert done.returncode == 0, done.stderr
    assert 0 < day_count(crashed) < 8
