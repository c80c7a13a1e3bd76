"""A journal folder that cannot be made (--data-dir names a file, or a folder inside one): one clear
line and an exit code, from the commands and from the app's start, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CRAWL_JOURNAL_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "journal_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("inside", [False, True], ids=["the file itself", "a folder in the file"])
@pytest.mark.parametrize(
    ("command", "code"),
    [(["check"], 1), (["backup"], 1), ([], 1)],  # the app exits as the commands do
    ids=["check", "backup", "app start"],
)
def test_a_data_dir_that_is_a_file_is_reported_in_one_line(
    tmp_path: Path, inside: bool, command: list[str], code: int
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    data_dir = blocker / "journal" if inside else blocker
    done = run("--data-dir", str(data_dir), *command)
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"The journal folder {data_dir} cannot be used: {blocker} is a file, not a folder. "
        "Choose another folder with --data-dir or CRAWL_JOURNAL_DIR."
    )
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder\n"


def test_the_app_does_not_call_an_unusable_lock_open_elsewhere(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    (data_dir / "journal.lock").mkdir(parents=True)
    done = run("--data-dir", str(data_dir))
    assert done.returncode == 1
    assert "cannot be locked for writing" in done.stderr
    assert "already open" not in done.stderr
