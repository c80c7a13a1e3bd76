"""The sharing migration on a real 0002 file, and the change log the repositories keep: every
save and delete of a child, day, milestone, tip or summary records its version in the same
transaction while sharing is on, and nothing while it is off."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command

from journal_app.domain.entries import ChildProfile, DayEntry, MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.domain.validation import ValidationFailed
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.storage import tips_and_summaries
from journal_app.storage.backups import list_backups, make_backup
from journal_app.storage.database import (
    HEAD_REVISION,
    alembic_config,
    create_journal_engine,
    open_journal,
    read_revision,
)
from journal_app.storage.schema_check import schema_problems
from journal_app.storage.share_repository import round_transaction
from tests.helpers.days import full_day
from tests.helpers.journals import big_export

STAMP = "2026-11-01 10:00:00.000000"
DEVICE = "0123456789abcdef0123456789abcdef"


def test_a_0002_journal_is_upgraded_with_the_sharing_tables(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    engine = create_journal_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002_milestone_status")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO child (id, name, birth_date, due_date, uuid, created_at, updated_at) "
            "VALUES (1, 'Ines', '2026-02-01', NULL, '00000000-0000-4000-8000-000000000001', ?, ?)",
            (STAMP, STAMP),
        )
    conn.close()
    engine = open_journal(path, tmp_path / "backups")
    engine.dispose()
    assert read_revision(path) == HEAD_REVISION == "0004_sharing"
    assert schema_problems(path) == []  # the check that guards restore accepts the new tables
    assert [c.kind for c in list_backups(tmp_path / "backups")] == [
        "pre-migration-0002-milestone-status"
    ]
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert conn.execute("SELECT name FROM child").fetchall() == [("Ines",)]
    conn.close()
    assert {
        "share_settings",
        "share_version",
        "share_cursor",
        "share_device",
        "share_conflict",
        "share_alias",
    } <= tables
    # A backup of a shared journal passes the same check (restore compares schemas).
    backup = make_backup(path, tmp_path / "more-backups", "manual")
    assert schema_problems(backup) == []


@pytest.fixture
def shared(context: JournalContext) -> JournalContext:
    with round_transaction(context.engine) as s:
        s.start(str(context.paths.data_dir.parent / "Shared"), DEVICE, "Mum's laptop")
    return context


def log(ctx: JournalContext) -> list[tuple[str, bool, int]]:
    """(kind, is a tombstone, seq) of every version, oldest first."""
    with round_transaction(ctx.engine) as s:
        versions = sorted(s.versions(), key=lambda v: v.hlc)
    return [(v.kind.value, v.record is None, v.seq) for v in versions]


def test_nothing_is_recorded_while_sharing_is_off(context: JournalContext) -> None:
    child = context.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    context.journal.save_day(full_day(child.id, date(2026, 11, 1)))
    assert log(context) == []


def test_saves_and_deletes_become_versions(shared: JournalContext) -> None:
    ctx = shared
    child = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    assert log(ctx) == [("child", False, 1)]
    ctx.journal.save_day(full_day(child.id, date(2026, 11, 1)))  # with a milestone on it
    kinds = sorted(k for k, _, _ in log(ctx))
    assert kinds == ["child", "day", "milestone"]
    with round_transaction(ctx.engine) as s:
        [day] = [v for v in s.versions() if v.kind.value == "day"]
    assert day.record is not None
    assert day.record["notes"] == full_day(child.id, date(2026, 11, 1)).notes
    entry = full_day(child.id, date(2026, 11, 1))
    assert {m["style"] for m in day.record["movements"]} == {s.value for s in entry.movements}
    with sqlite3.connect(ctx.paths.journal) as conn:
        [(child_uuid,)] = conn.execute("SELECT uuid FROM child").fetchall()
    conn.close()
    assert day.record["child_uuid"] == child_uuid
    # An evening's edits of one day are one pending change: the newer replaces the older.
    ctx.journal.save_day(DayEntry(child_id=child.id, day=date(2026, 11, 1), tummy_minutes=5))
    assert sorted(k for k, _, _ in log(ctx)) == ["child", "day", "milestone"]
    deleted = ctx.journal.delete_day(child.id, date(2026, 11, 1))
    assert ("day", True, 1) in log(ctx)
    ctx.journal.restore_day(deleted)  # undo is a save
    assert ("day", False, 1) in log(ctx)
    ctx.journal.save_milestone_answers(
        child.id, [MilestoneAnswer(Milestone.ROLLS_TUMMY_TO_BACK, True, None)], []
    )
    tips_and_summaries.mark_tip_tried(ctx.engine, child.id, "toy-ahead", date(2026, 11, 2))
    tips_and_summaries.record_summary_made(
        ctx.engine, child.id, date(2026, 11, 3), date(2026, 10, 1), date(2026, 11, 1)
    )
    kinds = [k for k, _, _ in log(ctx)]
    assert kinds.count("milestone") == 2 and "tip_tried" in kinds and "summary_made" in kinds
    tips_and_summaries.unmark_tip_tried(ctx.engine, child.id, "toy-ahead")
    assert ("tip_tried", True, 1) in log(ctx)
    ctx.journal.delete_child(child.id)
    assert ("child", True, 1) in log(ctx)


def test_a_refused_save_records_nothing(shared: JournalContext) -> None:
    ctx = shared
    child = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    before = log(ctx)
    with pytest.raises(ValidationFailed):
        ctx.journal.save_day(DayEntry(child_id=child.id, day=date(2030, 1, 1), tummy_minutes=5))
    assert log(ctx) == before


def test_an_import_is_a_set_of_saves(shared: JournalContext, tmp_path: Path) -> None:
    export = tmp_path / "big.json"
    export.write_text(json.dumps(big_export(40)), encoding="utf-8")
    shared.portability.import_json(export)
    kinds = [k for k, _, _ in log(shared)]
    assert kinds.count("child") == 1 and kinds.count("day") == 40
    with round_transaction(shared.engine) as s:
        days = [v for v in s.versions() if v.kind.value == "day"]
    assert all(v.record and v.record["movements"] is not None for v in days)


def test_a_journal_reopened_keeps_its_log(shared: JournalContext) -> None:
    shared.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    shared.close()
    again = open_context(JournalPaths(shared.paths.data_dir))
    try:
        assert log(again) == [("child", False, 1)]
    finally:
        again.close()
