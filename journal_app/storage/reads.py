"""The journal's everyday reads in plain SQL over the standard ``sqlite3`` module.

These are the queries behind the first screen (children, the day, milestones, the recent-days list,
calendar marks). They live here, without SQLAlchemy, so the main window can be on screen before
SQLAlchemy has even been imported; :class:`~journal_app.services.journal.JournalService` uses the
same reader, so there is one implementation of each read. Writes go through the ORM.

Every call opens its own short-lived connection (safe from any thread, about 0.1 ms), reads in one
transaction and closes it. The column names are those of ``storage/models.py``; dates are stored by
SQLAlchemy as ISO text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from journal_app.domain.entries import (
    ChildProfile,
    DayEntry,
    DaySummaryRow,
    MovementCount,
    WarningSignEntry,
)
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.storage.errors import ChildNotFound, JournalUnavailableError

BUSY_TIMEOUT_S = 5.0

#: Short names for the one-line day summaries.
_SHORT_STYLE = {
    MovementStyle.ROLLING: "roll",
    MovementStyle.BACKWARD: "back",
    MovementStyle.BELLY: "belly",
    MovementStyle.FORWARD: "fwd",
    MovementStyle.BEAR: "bear",
    MovementStyle.BOTTOM_SCOOTING: "scoot",
    MovementStyle.PULLING_TO_STAND: "pull up",
    MovementStyle.CRUISING: "cruise",
    MovementStyle.WALKING_WITH_HELP: "walk w/ help",
    MovementStyle.WALKING_ALONE: "walk",
}


def describe_movements(movements: dict[MovementStyle, MovementCount]) -> str:
    """``back x4, fwd 10 min`` in the order of the styles."""
    parts: list[str] = []
    for style in MovementStyle:
        count = movements.get(style)
        if count is None:
            continue
        text = _SHORT_STYLE[style]
        if count.episodes:
            text += f" x{count.episodes}"
        if count.minutes:
            text += f" {count.minutes} min"
        parts.append(text)
    return ", ".join(parts)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _profile(row: sqlite3.Row) -> ChildProfile:
    return ChildProfile(
        name=row["name"],
        birth_date=_day(row["birth_date"]),
        due_date=_day(row["due_date"]) if row["due_date"] else None,
        id=row["id"],
        uuid=row["uuid"],
    )


class JournalReader:
    """Read-only queries on the journal file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise JournalUnavailableError(self.path, str(exc)) from exc
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("BEGIN")  # one consistent snapshot for the whole read
            yield conn
        except sqlite3.Error as exc:
            raise JournalUnavailableError(self.path, str(exc)) from exc
        finally:
            conn.close()

    # -- children -------------------------------------------------------------------------

    def list_children(self) -> list[ChildProfile]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, uuid, name, birth_date, due_date FROM child ORDER BY name, id"
            ).fetchall()
        return [_profile(r) for r in rows]

    def get_child(self, child_id: int) -> ChildProfile:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, uuid, name, birth_date, due_date FROM child WHERE id = ?", (child_id,)
            ).fetchone()
        if row is None:
            raise ChildNotFound(child_id)
        return _profile(row)

    def count_days(self, child_id: int) -> int:
        with self._read() as conn:
            row = conn.execute(
                "SELECT count(*) FROM journal_day WHERE child_id = ?", (child_id,)
            ).fetchone()
        return int(row[0])

    # -- days -----------------------------------------------------------------------------

    def milestones(self, child_id: int) -> dict[Milestone, date]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT kind, achieved_on FROM milestone WHERE child_id = ?", (child_id,)
            ).fetchall()
        return {Milestone(kind): _day(day) for kind, day in rows}

    def load_day(self, child_id: int, day: date) -> DayEntry:
        """The day as stored, or an empty entry for a day with nothing recorded."""
        entry = DayEntry(child_id=child_id, day=day)
        with self._read() as conn:
            entry.milestones = [
                Milestone(kind)
                for (kind,) in conn.execute(
                    "SELECT kind FROM milestone WHERE child_id = ? AND achieved_on = ? ORDER BY id",
                    (child_id, day.isoformat()),
                )
            ]
            row = conn.execute(
                "SELECT id, tummy_minutes, floor_surface, notes, questions, notes_in_summary "
                "FROM journal_day WHERE child_id = ? AND day = ?",
                (child_id, day.isoformat()),
            ).fetchone()
            if row is None:
                return entry
            movements = conn.execute(
                "SELECT style, episodes, minutes FROM movement_observation "
                "WHERE day_id = ? ORDER BY id",
                (row["id"],),
            ).fetchall()
            signs = conn.execute(
                "SELECT sign, side, note FROM warning_sign WHERE day_id = ? ORDER BY id",
                (row["id"],),
            ).fetchall()
        entry.tummy_minutes = row["tummy_minutes"]
        entry.floor = FloorSurface(row["floor_surface"]) if row["floor_surface"] else None
        entry.notes = row["notes"]
        entry.questions = row["questions"]
        entry.notes_in_summary = bool(row["notes_in_summary"])
        entry.movements = {
            MovementStyle(style): MovementCount(episodes, minutes)
            for style, episodes, minutes in movements
        }
        entry.warning_signs = [
            WarningSignEntry(WarningSign(sign), Side(side) if side else None, note)
            for sign, side, note in signs
        ]
        return entry

    def days_with_entries(self, child_id: int, start: date, end: date) -> set[date]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT day FROM journal_day WHERE child_id = ? AND day BETWEEN ? AND ?",
                (child_id, start.isoformat(), end.isoformat()),
            ).fetchall()
        return {_day(d) for (d,) in rows}

    def recent_days(
        self, child_id: int, limit: int | None = None, offset: int = 0
    ) -> list[DaySummaryRow]:
        """One summary line per recorded day, newest first; ``limit`` days after the newest
        ``offset`` when given (a page of the list)."""
        newest = "SELECT id FROM journal_day WHERE child_id = ? ORDER BY day DESC"
        params: tuple[int, ...] = (child_id,)
        if limit is not None or offset:
            newest += " LIMIT ? OFFSET ?"
            params = (child_id, -1 if limit is None else max(0, limit), max(0, offset))
        with self._read() as conn:
            days = conn.execute(
                "SELECT id, day, notes, tummy_minutes FROM journal_day "
                f"WHERE id IN ({newest}) ORDER BY day DESC",
                params,
            ).fetchall()
            movements: dict[int, dict[MovementStyle, MovementCount]] = defaultdict(dict)
            for day_id, style, episodes, minutes in conn.execute(
                "SELECT m.day_id, m.style, m.episodes, m.minutes FROM movement_observation m "
                f"WHERE m.day_id IN ({newest})",
                params,
            ):
                movements[day_id][MovementStyle(style)] = MovementCount(episodes, minutes)
            signs = {
                day_id
                for (day_id,) in conn.execute(
                    f"SELECT DISTINCT day_id FROM warning_sign WHERE day_id IN ({newest})", params
                )
            }
        result = []
        for day_id, day, notes, tummy in days:
            parts = [describe_movements(movements.get(day_id, {}))]
            if tummy:
                parts.append(f"tummy {tummy} min")
            if day_id in signs:
                parts.append("warning sign noted")
            summary = " · ".join(p for p in parts if p) or "notes only"
            result.append(DaySummaryRow(_day(day), summary, notes, tummy, day_id in signs))
        return result
