"""Issue 13, what the hand verification on the merged code found (docs/safety-verification.md):
the summary onto a full disk said as every other full disk is, a refusal that quotes a hostile
name shows its control characters escaped, and the import size limit rounds up and names a way
that works for a journal of any size. Real tmpfs, real files, the real command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal_app.services.portability import MAX_IMPORT_BYTES
from tests.helpers.cli import cli
from tests.helpers.disks import fill, small_disk
from tests.helpers.saved_journals import make_journal

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "1m") as mounted:
        yield mounted


@pytest.mark.parametrize("left", [0, 8192])
def test_a_summary_onto_a_full_disk_says_the_disk_is_full_once(
    disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], left: int
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=30)
    filler = fill(disk)
    if left:
        with open(filler, "r+b") as handle:
            handle.truncate(filler.stat().st_size - left)
    target = disk / "maya.pdf"
    done = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(target))
    assert done.returncode == 1, done
    assert f"The disk is full: {target} could not be written" in done.stderr, done.stderr
    assert done.stderr.count(str(target)) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in disk.iterdir()) == [filler.name]


def _export_with_name(tmp_path: Path, name: str) -> Path:
    day = {
        "uuid": str(uuid.uuid4()),
        "created": "2026-10-01T08:00:00Z",
        "updated": "2026-10-01T08:00:00Z",
        "date": "2026-10-01",
        "tummy_minutes": 10,
        "floor": None,
        "notes": "",
        "questions": "",
        "notes_in_summary": False,
        "movements": [],
        "warning_signs": [],
    }
    child = {
        "uuid": str(uuid.uuid4()),
        "created": "2026-10-01T08:00:00Z",
        "updated": "2026-10-01T08:00:00Z",
        "name": name,
        "birth_date": "2026-03-01",
        "due_date": None,
        "days": [day],
    }
    path = tmp_path / "hostile.json"
    document = {"format": "crawl-journal", "version": 1, "exported_by": "x", "children": [child]}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\u202e", "\n"])
def test_a_refused_name_is_quoted_with_its_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=2)
    before = (data_dir / "journal.sqlite3").read_bytes()
    source = _export_with_name(tmp_path, f"Ma{bad}ya")
    done = cli(capsys, data_dir, "import", str(source))
    assert done.returncode == 1, done
    assert f'"Ma\\u{ord(bad):04x}ya"' in done.stderr, done.stderr
    assert bad not in done.stderr.rstrip("\n")  # no bell rung, no text turned around, no NUL
    assert (data_dir / "journal.sqlite3").read_bytes() == before


def test_a_file_just_over_the_import_limit_is_not_said_to_be_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=2)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # 100.19 MiB, like the export of 104 MB of notes
        handle.truncate(MAX_IMPORT_BYTES + 200 * 1024)
    done = cli(capsys, data_dir, "import", str(big))
    assert done.returncode == 1
    limit = MAX_IMPORT_BYTES // (1024 * 1024)
    assert f"is {limit + 1} MB; import reads files of up to {limit} MB" in done.stderr
    assert "backup -o FILE, then restore FILE" in done.stderr  # works for one child too


HOT_PARTIAL = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("pragma cache_size=1")
connection.execute("create table t(x)")
connection.execute("begin")
connection.executemany("insert into t values (?)", [(b"x" * 4000,) for _ in range(200)])
print("writing", flush=True)
sys.stdin.readline()  # killed here, in the middle of writing the temporary copy
"""


def test_a_killed_backup_leaves_no_hidden_sqlite_sidecar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hand: a `backup` SIGKILLed while SQLite wrote its temporary left
    `.NAME.partial-journal` beside it; the next start removed the `.partial` only."""
    data_dir = tmp_path / "journal"
    make_journal(data_dir, days=2)
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    temporary = backups / ".manual-20261202-175024.sqlite3.czgbp7fr.partial"
    killed = subprocess.Popen(
        [sys.executable, "-c", HOT_PARTIAL, str(temporary)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "writing"
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    sidecar = temporary.with_name(temporary.name + "-journal")
    assert temporary.is_file() and sidecar.is_file()
    kept = backups / ".someone-elses.partial-notes"  # not ours: left alone
    kept.write_text("x")
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in backups.iterdir() if p.name.startswith(".")) == [kept.name]


def test_later_checks_still_point_at_the_kept_copy_of_a_damaged_wal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hand: after the first check told of the damaged -wal, the next said a plain OK
    while the copy holding the unreplayed days sat beside the journal unmentioned."""
    from tests.helpers.saved_journals import crashed_journal

    crashed = crashed_journal(tmp_path / "live", tmp_path / "crashed")
    wal = crashed / "journal.sqlite3-wal"
    damaged = bytearray(wal.read_bytes())
    middle = len(damaged) // 2
    damaged[middle : middle + 16] = os.urandom(16)
    wal.write_bytes(bytes(damaged))
    first = cli(capsys, crashed, "check")
    assert first.returncode == 4, first
    [kept] = crashed.glob("journal.sqlite3-wal.unreplayed-*")
    second = cli(capsys, crashed, "check")
    assert second.returncode == 0, second.stderr
    assert f"note: {kept} is a copy of a damaged write-ahead file" in second.stdout
    kept.unlink()
    third = cli(capsys, crashed, "check")
    assert third.returncode == 0 and "note:" not in third.stdout
