"""crawl-journal share / sync / share --stop, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import cli, run_process
from tests.helpers.journals import big_export, place_new_journal


@pytest.fixture
def two_dirs(tmp_path: Path, journal_template: Path) -> tuple[Path, Path, Path]:
    mum, dad = tmp_path / "mum", tmp_path / "dad"
    for d in (mum, dad):
        place_new_journal(journal_template, d)
    folder = tmp_path / "Dropbox" / "Crawl Journal"
    folder.mkdir(parents=True)
    return mum, dad, folder


def test_share_sync_and_stop(capsys, two_dirs, tmp_path: Path) -> None:
    mum, dad, folder = two_dirs
    export = tmp_path / "maya.json"
    # Mum's journal has a child and days (an import is a set of saves, so it is shared too).

    export.write_text(json.dumps(big_export(3, name="Maya")), encoding="utf-8")
    assert cli(capsys, mum, "import", str(export)).returncode == 0
    done = cli(capsys, mum, "share", str(folder), "--device-name", "Mum's laptop")
    assert done.returncode == 0, done.stderr
    assert f"shared through {folder} as Mum's laptop" in done.stdout
    done = cli(capsys, dad, "share", str(folder), "--device-name", "Dad's laptop")
    assert done.returncode == 0, done.stderr
    assert "3 days from Mum's laptop" in done.stdout
    done = cli(capsys, dad, "sync")
    assert (done.returncode, done.stdout.strip()) == (0, "Nothing new.")
    files = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert "device.json" in files and not any(f.endswith((".sqlite3", ".db")) for f in files)
    done = cli(capsys, dad, "share", "--stop")
    assert done.returncode == 0 and "Sharing stopped on this computer" in done.stdout
    done = cli(capsys, dad, "sync")
    assert done.returncode == 1 and "not shared" in done.stderr


def test_bad_arguments_and_a_missing_folder(capsys, two_dirs, tmp_path: Path) -> None:
    mum, _dad, folder = two_dirs
    done = cli(capsys, mum, "share", str(folder))
    assert done.returncode == 2 and "--device-name" in done.stderr
    done = cli(capsys, mum, "share", str(tmp_path / "nowhere"), "--device-name", "Mum")
    assert done.returncode == 1 and "is not there" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli(capsys, mum, "share", str(mum), "--device-name", "Mum")
    assert done.returncode == 1 and "holds this journal itself" in done.stderr
    done = cli(capsys, mum, "share", str(mum / "backups"), "--device-name", "Mum")
    assert done.returncode == 1 and "inside the journal's own folder" in done.stderr
    assert cli(capsys, mum, "share", str(folder), "--device-name", "Mum").returncode == 0
    folder.rename(tmp_path / "unplugged")
    done = cli(capsys, mum, "sync")
    assert done.returncode == 1
    assert done.stderr.strip() == "Sharing paused: the shared folder is not there"


def test_the_commands_as_real_processes(two_dirs) -> None:
    mum, _dad, folder = two_dirs
    done = run_process("--data-dir", str(mum), "share", str(folder), "--device-name", "Mum")
    assert done.returncode == 0, done.stderr
    done = run_process("--data-dir", str(mum), "sync")
    assert (done.returncode, done.stdout.strip()) == (0, "Nothing new.")
    [own] = [p for p in folder.iterdir() if p.is_dir()]
    assert (own.stat().st_mode & 0o777) == 0o700
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in own.iterdir())


def test_a_video_attached_on_one_computer_arrives_on_the_other(
    capsys, two_dirs, tmp_path: Path
) -> None:
    from tests.helpers.media_journal import clip

    mum, dad, folder = two_dirs
    export = tmp_path / "maya.json"
    export.write_text(json.dumps(big_export(1, name="Maya")), encoding="utf-8")
    assert cli(capsys, mum, "import", str(export)).returncode == 0
    assert cli(capsys, mum, "share", str(folder), "--device-name", "Mum's laptop").returncode == 0
    assert cli(capsys, dad, "share", str(folder), "--device-name", "Dad's laptop").returncode == 0
    video = clip(tmp_path / "crawl.mp4")
    done = cli(capsys, mum, "attach", "--child", "Maya", "--date", "2026-11-20", str(video))
    assert done.returncode == 0, done.stderr
    assert cli(capsys, mum, "sync").returncode == 0
    done = cli(capsys, dad, "sync")
    assert (done.returncode, done.stdout.strip()) == (0, "1 photo or video from Mum's laptop")
    [stored] = [p for p in (dad / "media").rglob("*.mp4")]
    assert stored.read_bytes() == video.read_bytes()
