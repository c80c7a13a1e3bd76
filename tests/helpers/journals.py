"""Journals and exports built for tests, and ways of reading a journal file back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext
from tests.helpers.constants import LEO, MAYA, TODAY


def place_new_journal(template: Path, data_dir: Path) -> None:
    """Unless ``data_dir`` holds a journal already, put a copy of ``template`` (a new journal the
    app created and migrated) there as the app would have left it: folders 0700, the file 0600."""
    paths = JournalPaths(data_dir)
    if paths.journal.exists():
        return
    paths.ensure()
    with template.open("rb") as source:
        fd = os.open(paths.journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as target:
            shutil.copyfileobj(source, target)
    os.chmod(paths.journal, 0o600)


def journal_bytes(ctx: JournalContext) -> tuple[bytes, bytes]:
    """The journal file and its write-ahead log, byte for byte."""
    wal = ctx.paths.journal.with_name(ctx.paths.journal.name + "-wal")
    return ctx.paths.journal.read_bytes(), wal.read_bytes() if wal.exists() else b""


def rows(window: Any, sql: str) -> list[tuple]:
    """The rows ``sql`` returns from the journal file of ``window`` (read as another program would)."""
    with sqlite3.connect(window.context.paths.journal) as conn:
        return conn.execute(sql).fetchall()


def schema_revision_only(path: Path) -> Path:
    """A SQLite file that claims the app's schema revision but has none of the journal's tables."""
    from journal_app.storage.database import HEAD_REVISION

    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (HEAD_REVISION,))
    conn.close()
    return path


def big_export(days: int, name: str = "Big", birth: date = date(2018, 1, 1)) -> dict[str, Any]:
    """A valid export with one child and ``days`` days, built directly (no journal needed)."""
    import uuid

    stamp = "2026-01-01T00:00:00.000000Z"

    def tracked() -> dict[str, str]:
        return {"uuid": str(uuid.uuid4()), "created": stamp, "updated": stamp}

    return {
        "format": "crawl-journal",
        "version": 1,
        "children": [
            {
                **tracked(),
                "name": name,
                "birth_date": birth.isoformat(),
                "due_date": None,
                "days": [
                    {
                        **tracked(),
                        "date": (birth + timedelta(days=i)).isoformat(),
                        "tummy_minutes": i % 60,
                        "floor": "play_mat",
                        "notes": f"day {i}",
                        "questions": "",
                        "notes_in_summary": False,
                        "movements": [
                            {
                                **tracked(),
                                "style": "backward_crawl",
                                "episodes": i % 9,
                                "minutes": None,
                            },
                            {
                                **tracked(),
                                "style": "forward_crawl",
                                "episodes": None,
                                "minutes": i % 30,
                            },
                        ],
                        "warning_signs": [],
                    }
                    for i in range(days)
                ],
                "milestones": [],
                "tips_tried": [],
                "summaries_made": [],
            }
        ],
    }


def journal_with_history(data_dir: Path, days: int) -> None:
    """Maya with ``days`` recorded days up to TODAY (an old one with a note to search for), and Leo."""
    from journal_app.domain.entries import DayEntry, MovementCount
    from journal_app.domain.enums import MovementStyle
    from journal_app.paths import JournalPaths
    from journal_app.services.context import open_context

    context = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = context.journal.save_child(MAYA)
    context.journal.save_child(LEO)
    assert maya.id is not None
    for i in range(days):
        notes = "on the old rug" if i == days - 5 else ""
        movements = {MovementStyle.BACKWARD: MovementCount(i % 5 + 1)}
        context.journal.save_day(
            DayEntry(maya.id, TODAY - timedelta(days=i), movements=movements, notes=notes)
        )
    context.close()
