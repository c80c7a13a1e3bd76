"""Migration 0002 (a milestone reached on a day not known, or not reached) from a real 0001 file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command

from journal_app.domain.entries import MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.storage.backups import list_backups
from journal_app.storage.database import (
    HEAD_REVISION,
    alembic_config,
    create_journal_engine,
    open_journal,
    read_revision,
)
from journal_app.storage.reads import JournalReader
from journal_app.storage.schema_check import schema_problems

STAMP = "2026-11-01 10:00:00.000000"


def make_0001_journal(path: Path) -> None:
    """A journal file at revision 0001 with a child, a day, a movement and two milestones."""
    engine = create_journal_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001_initial")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO child (id, name, birth_date, due_date, uuid, created_at, updated_at) "
            "VALUES (1, 'Ines', '2026-02-01', NULL, '00000000-0000-4000-8000-000000000001', ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO journal_day (id, child_id, day, tummy_minutes, floor_surface, notes, "
            "questions, notes_in_summary, uuid, created_at, updated_at) VALUES (1, 1, "
            "'2026-10-01', 20, NULL, 'rolled twice', '', 0, "
            "'00000000-0000-4000-8000-000000000002', ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO movement_observation (day_id, style, episodes, minutes, uuid, created_at, "
            "updated_at) VALUES (1, 'rolling', 2, NULL, '00000000-0000-4000-8000-000000000003', ?, ?)",
            (STAMP, STAMP),
        )
        for n, (kind, on) in enumerate(
            [("rolls_tummy_to_back", "2026-08-02"), ("sitting_without_support", "2026-10-01")], 4
        ):
            conn.execute(
                "INSERT INTO milestone (child_id, kind, achieved_on, uuid, created_at, updated_at) "
                f"VALUES (1, ?, ?, '00000000-0000-4000-8000-00000000000{n}', ?, ?)",
                (kind, on, STAMP, STAMP),
            )
    assert read_revision(path) == "0001_initial"


def test_a_0001_journal_is_upgraded_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    make_0001_journal(path)
    engine = open_journal(path, tmp_path / "backups")
    try:
        assert read_revision(path) == HEAD_REVISION
        assert schema_problems(path) == []
        # A copy at 0001 was taken before migrating, and Restore lists it.
        copies = list_backups(tmp_path / "backups")
        assert [c.kind for c in copies] == ["pre-migration-0001-initial"]
        assert read_revision(copies[0].path) == "0001_initial"
        reads = JournalReader(path)
        assert reads.milestones(1) == {
            Milestone.ROLLS_TUMMY_TO_BACK: date(2026, 8, 2),
            Milestone.SITTING_WITHOUT_SUPPORT: date(2026, 10, 1),
        }
        assert reads.milestone_answers(1) == [
            MilestoneAnswer(Milestone.ROLLS_TUMMY_TO_BACK, True, date(2026, 8, 2)),
            MilestoneAnswer(Milestone.SITTING_WITHOUT_SUPPORT, True, date(2026, 10, 1)),
        ]
        day = reads.load_day(1, date(2026, 10, 1))
        assert day.notes == "rolled twice" and day.tummy_minutes == 20
        assert day.milestones == [Milestone.SITTING_WITHOUT_SUPPORT]
        with sqlite3.connect(path) as conn:
            uuids = [r[0] for r in conn.execute("SELECT uuid FROM milestone ORDER BY id")]
            statuses = {r[0] for r in conn.execute("SELECT status FROM milestone")}
            counts = [
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("child", "journal_day", "movement_observation", "milestone")
            ]
        assert uuids == [f"00000000-0000-4000-8000-00000000000{n}" for n in (4, 5)]
        assert statuses == {"reached"}
        assert counts == [1, 1, 1, 2]
    finally:
        engine.dispose()


def test_the_new_rows_are_stored_and_read_back(tmp_path: Path) -> None:
    from journal_app.storage.children import save_milestone_answers

    path = tmp_path / "journal.sqlite3"
    make_0001_journal(path)
    engine = open_journal(path, tmp_path / "backups")
    try:
        asked = [Milestone.ROLLS_TUMMY_TO_BACK, Milestone.PUSHES_UP_ON_ARMS, Milestone.CRUISING]
        save_milestone_answers(
            engine,
            1,
            [
                MilestoneAnswer(Milestone.PUSHES_UP_ON_ARMS, True),
                MilestoneAnswer(Milestone.CRUISING, False),
            ],
            asked,
        )
        reads = JournalReader(path)
        # The dated tick was asked about but not answered: it stays.
        assert Milestone.ROLLS_TUMMY_TO_BACK in reads.milestones(1)
        assert Milestone.PUSHES_UP_ON_ARMS not in reads.milestones(1)  # no day to give
        assert reads.milestones_undated(1) == (
            frozenset({Milestone.PUSHES_UP_ON_ARMS}),
            frozenset({Milestone.CRUISING}),
        )
        journal = reads.child_journal(1, date(2026, 11, 23))
        assert journal.reached_undated == {Milestone.PUSHES_UP_ON_ARMS}
        assert journal.said_not_reached == {Milestone.CRUISING}
        assert Milestone.CRUISING not in journal.reached_for_checks()
        assert journal.reached_for_checks()[Milestone.PUSHES_UP_ON_ARMS] == date(2026, 2, 1)
        # Asked again and left unanswered: the undated answers go, the dated one stays.
        save_milestone_answers(engine, 1, [], asked)
        assert reads.milestones_undated(1) == (frozenset(), frozenset())
        assert Milestone.ROLLS_TUMMY_TO_BACK in reads.milestones(1)
    finally:
        engine.dispose()
