"""``crawl-journal summary`` refuses a period that starts before the child was born."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.constants import TODAY

ROOT = Path(__file__).resolve().parents[2]


def test_a_period_before_the_birth_date_is_refused_and_no_pdf_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
        assert maya.id is not None
        ctx.journal.save_day(
            DayEntry(
                maya.id, date(2026, 11, 1), movements={MovementStyle.BACKWARD: MovementCount(3)}
            )
        )
    finally:
        ctx.close()
    out = tmp_path / "before.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "journal_app", "--data-dir", str(data_dir), "summary",
         "--child", "Maya", "--from", "2026-01-01", "--to", "2026-11-20", "-o", str(out)],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The period starts (1 Jan 2026) before Maya was born (1 Mar 2026)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
