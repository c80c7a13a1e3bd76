"""The data commands of the command line: run in the test's process (fast), and as a separate
process where only a process shows it (the lock held by another process)."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import cli, run_process
from tests.helpers.constants import TODAY
from tests.helpers.journals import journal_bytes

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """A journal with Maya and two days, closed again (the commands open it themselves)."""
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_child(ChildProfile("Leo", date(2025, 12, 1)))
    for day, notes in ((date(2026, 10, 1), "first «day» 🐢"), (date(2026, 10, 2), "second")):
        ctx.journal.save_day(
            DayEntry(
                maya.id,
                day,
                movements={MovementStyle.BACKWARD: MovementCount(3, None)},
                notes=notes,
            )
        )
    ctx.close()
    return folder


def test_export_json_and_csv(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = cli(capsys, journal_dir, "export", "--format", "json", "-o", str(tmp_path / "all.json"))
    assert done.returncode == 0, done.stderr
    assert "Exported to" in done.stdout
    assert mode(tmp_path / "all.json") == 0o600
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in document["children"]] == ["Leo", "Maya"]
    assert document["children"][1]["days"][0]["notes"] == "first «day» 🐢"

    done = cli(
        capsys,
        journal_dir,
        "export",
        "--format",
        "csv",
        "--child",
        "maya",
        "-o",
        str(tmp_path / "maya.zip"),
    )
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "maya.zip") == 0o600
    with zipfile.ZipFile(tmp_path / "maya.zip") as archive:
        movements = archive.read("movements.csv").decode("utf-8-sig").splitlines()
    assert movements[1].startswith("Maya,2026-10-01,7 months,,Backward crawling,3,")
    assert len(movements) == 3


def test_export_of_an_unknown_child_fails_clearly(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = cli(capsys, journal_dir, "export", "--child", "Nobody", "-o", str(tmp_path / "x.json"))
    assert done.returncode == 1
    assert 'No child named "Nobody"' in done.stderr and "Leo, Maya" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_export_into_a_missing_folder_names_the_file_asked_for(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no such folder" / "maya.json"
    done = cli(capsys, journal_dir, "export", "--format", "json", "-o", str(target))
    assert done.returncode == 1
    assert str(target) in done.stderr and ".partial" not in done.stderr
    assert "Traceback" not in done.stderr


def test_export_needs_an_output_file(journal_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = cli(capsys, journal_dir, "export", "--format", "json")
    assert done.returncode == 2
    assert "-o/--output" in done.stderr


def test_import_merges_and_says_what_it_did(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, journal_dir, "export", "-o", str(tmp_path / "all.json")).returncode == 0
    other = tmp_path / "other"
    done = cli(capsys, other, "import", str(tmp_path / "all.json"))
    assert done.returncode == 0, done.stderr
    assert "Import finished: 6 added, 0 updated, 0 left alone" in done.stdout
    done = cli(capsys, other, "import", str(tmp_path / "all.json"))
    assert "Import finished: 0 added, 0 updated, 6 left alone" in done.stdout
    assert cli(capsys, other, "export", "-o", str(tmp_path / "again.json")).returncode == 0
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "all.json").read_bytes()


def test_a_refused_import_exits_1_and_changes_nothing(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, journal_dir, "export", "-o", str(tmp_path / "all.json")).returncode == 0
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    document["children"][1]["days"][1]["movements"][0]["style"] = "moonwalk"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    before = journal_bytes(ctx)
    ctx.close()
    done = cli(capsys, journal_dir, "import", str(tmp_path / "bad.json"))
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Import refused, the journal is unchanged: In children[1].days[1]"
    )
    assert '"moonwalk" is not a known movement style' in done.stderr
    assert "Traceback" not in done.stderr
    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    assert journal_bytes(ctx) == before
    ctx.close()
    done = cli(capsys, journal_dir, "import", str(tmp_path / "missing.json"))
    assert done.returncode == 1 and "There is no file" in done.stderr


def test_backup_restore_and_check(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = cli(capsys, journal_dir, "backup", "-o", str(tmp_path / "copy.sqlite3"))
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "copy.sqlite3") == 0o600
    done = cli(capsys, journal_dir, "backup")
    assert done.returncode == 0
    [listed] = (journal_dir / "backups").glob("manual-*.sqlite3")
    assert str(listed) in done.stdout and mode(listed) == 0o600

    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    maya = ctx.journal.find_child("Maya")
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 3), notes="after the backup"))
    ctx.close()
    done = cli(capsys, journal_dir, "restore", str(tmp_path / "copy.sqlite3"))
    assert done.returncode == 0, done.stderr
    assert "pre-restore-" in done.stdout
    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    assert ctx.journal.load_day(maya.id, date(2026, 10, 3)).notes == ""
    assert ctx.journal.load_day(maya.id, date(2026, 10, 2)).notes == "second"
    ctx.close()

    done = cli(capsys, journal_dir, "check")
    assert done.returncode == 0
    assert "Journal check: OK" in done.stdout and "journal_day: 2" in done.stdout
    done = cli(capsys, journal_dir, "restore", str(tmp_path / "nothing-here.sqlite3"))
    assert done.returncode == 1 and "No backup file" in done.stderr


def test_commands_refuse_a_journal_open_in_the_app(journal_dir: Path, tmp_path: Path) -> None:
    from journal_app.single_instance import JournalLock

    lock = JournalLock(JournalPaths(journal_dir).lock)
    assert lock.acquire()
    try:
        done = run_process("--data-dir", str(journal_dir), "export", "-o", str(tmp_path / "x.json"))
    finally:
        lock.release()
    assert done.returncode == 3
    assert "close the app first" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_a_lock_that_cannot_be_taken_is_not_called_open_in_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Something that is not a lock file where the lock goes (or a read-only folder): the
    parent is told that, not that the journal is open in another window."""
    data_dir = tmp_path / "journal"
    (data_dir / "journal.lock").mkdir(parents=True)
    done = cli(capsys, data_dir, "check")
    assert done.returncode == 1
    assert "cannot be locked for writing" in done.stderr
    assert "open in Crawl Journal" not in done.stderr
