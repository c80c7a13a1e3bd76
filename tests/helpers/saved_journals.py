"""Journals saved through the real services for the safety tests: a few days, and a copy with its
days still in the WAL as a power cut leaves it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import text

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.constants import TODAY


def make_journal(data_dir: Path, days: int = 8) -> None:
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    for n in range(days):
        ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1 + n), notes=f"day {n}"))
    ctx.close()


def crashed_journal(source: Path, target: Path, days: int = 8, restart_after: int = 0) -> Path:
    """A copy of a journal with ``days`` saved days still in its WAL, as a power cut leaves it.

    With ``restart_after``, the WAL is checkpointed and restarted after that many days, so the
    rest overwrite its start and the older frames stay behind it."""
    ctx = open_context(JournalPaths(source), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    for n in range(days):
        ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1 + n), notes=f"day {n} " * 40))
        if restart_after and n + 1 == restart_after:
            with ctx.engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(RESTART)"))
    target.mkdir(parents=True)
    for name in ("journal.sqlite3", "journal.sqlite3-wal"):
        shutil.copyfile(source / name, target / name)  # while the app still has it open
    ctx.close()
    return target
