"""``crawl-journal summary``: the doctor-visit PDF from the command line, with no display (one
real process with no Qt platform chosen; the other behaviours run in the test's process)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import Milestone, MovementStyle, Side, WarningSign
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m journal_app ARGS`` with no display and no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "journal_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def make_journal(data_dir: Path) -> None:
    """Maya's journal: three weeks in November 2026, a milestone, a sign and a question."""
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
        assert maya.id is not None
        for day in range(1, 22):
            ctx.journal.save_day(
                DayEntry(
                    maya.id,
                    date(2026, 11, day),
                    movements={MovementStyle.BACKWARD: MovementCount(3)},
                    tummy_minutes=25,
                )
            )
        ctx.journal.save_day(
            DayEntry(
                maya.id,
                date(2026, 11, 22),
                movements={MovementStyle.FORWARD: MovementCount(2)},
                milestones=[Milestone.HANDS_AND_KNEES_CRAWLING],
                warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.RIGHT, "")],
                questions="Should she be crawling forwards more by now?",
            )
        )
    finally:
        ctx.close()


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_summary_command_writes_the_pdf_without_a_display(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir)
    out = tmp_path / "maya.pdf"
    done = run(
        "--data-dir", str(data_dir), "summary", "--child", "maya",
        "--from", "2026-11-01", "--to", "2026-11-22", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    text = pdf_text(out)
    for fact in (
        "Maya",
        "1 Nov 2026 – 22 Nov 2026",
        "Backward crawling 21 63",  # days seen, episodes
        "Crawls on hands and knees",
        "Uses one side more than the other",
        "Right",
        "Should she be crawling forwards more by now?",
        "Page 1 of",
    ):
        assert fact in text, fact
    assert 1 <= len(PdfReader(out).pages) <= 3


def test_summary_command_with_the_default_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir)
    out = tmp_path / "default.pdf"
    done = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "MOVEMENT SUMMARY FOR THE DOCTOR" in pdf_text(out)


def test_summary_command_for_an_unknown_child_or_folder_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    make_journal(data_dir)
    unknown = cli(capsys, data_dir, "summary", "--child", "Nobody", "-o", "x.pdf")
    assert unknown.returncode == 1
    assert 'No child named "Nobody"' in unknown.stderr and "Maya" in unknown.stderr
    missing = tmp_path / "no such folder" / "maya.pdf"
    failed = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(missing))
    assert failed.returncode == 1
    assert "does not exist" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert not missing.parent.exists()
    backwards = cli(
        capsys, data_dir, "summary", "--child", "Maya",
        "--from", "2026-11-20", "--to", "2026-11-01", "-o", str(tmp_path / "b.pdf"),
    )  # fmt: skip
    assert backwards.returncode == 1
    assert "The period starts (20 Nov 2026) after it ends (1 Nov 2026)" in backwards.stderr
    assert not (tmp_path / "b.pdf").exists()
    future = cli(
        capsys, data_dir, "summary", "--child", "Maya",
        "--from", "2026-11-01", "--to", "2099-01-01", "-o", str(tmp_path / "f.pdf"),
    )  # fmt: skip
    assert future.returncode == 1
    assert "The period ends (1 Jan 2099) after today" in future.stderr
    assert not (tmp_path / "f.pdf").exists()
