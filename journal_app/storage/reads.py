"""The journal's everyday reads in plain SQL over the standard ``sqlite3`` module.

These are the queries behind the first screen (children, the day, milestones, the recent-days list,
calendar marks) and the read-only queries of the services (the guidance and summary snapshots, the
chart series, tips tried, the last summary made). They live here, without SQLAlchemy, so the main
window can be on screen before SQLAlchemy has even been imported; the services use the same
reader, so there is one implementation of each read and one row->domain mapping per record
(:func:`_profile`, :func:`_day_entry`). Writes go through the ORM (``storage/children.py``,
``storage/days.py`` ...).

Every call opens its own short-lived connection (safe from any thread, about 0.1 ms), reads in one
transaction and closes it. The column names are those of ``storage/models.py``; dates are stored by
SQLAlchemy as ISO text. ``tests/unit/storage/test_reads.py`` runs every read against a freshly
migrated journal, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.entries import (
    MILESTONE_NOT_REACHED,
    MILESTONE_REACHED,
    ChildProfile,
    DayEntry,
    DaySummaryRow,
    MilestoneAnswer,
    MovementCount,
    WarningSignEntry,
)
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.i18n import pgettext, translate
from journal_app.i18n_vocabulary import EPISODES, MINUTES, MOVEMENT_SHORT_NAMES
from journal_app.storage.errors import ChildNotFound
from journal_app.storage.sqlite_errors import sqlite_errors_as_journal_errors

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_S = 5.0


def describe_movements(movements: dict[MovementStyle, MovementCount]) -> str:
    """``back x4, fwd 10 min`` in the order of the styles."""
    parts: list[str] = []
    for style in MovementStyle:
        count = movements.get(style)
        if count is None:
            continue
        # The short names and their counts come from the shared vocabulary, in the current
        # language ("back x4, fwd 10 min" / "atrás x4, adelante 10 min").
        text = translate(MOVEMENT_SHORT_NAMES[style.value])
        if count.episodes:
            text += " " + translate(EPISODES).format(count=count.episodes)
        if count.minutes:
            text += " " + translate(MINUTES).format(minutes=count.minutes)
        parts.append(text)
    return ", ".join(parts)


def _day(text: str) -> date:
    return date.fromisoformat(text)


#: A milestone row that says the milestone is reached (a tick, or the parent's answer).
_REACHED = f"status = '{MILESTONE_REACHED}'"

_CHILD_COLUMNS = "id, uuid, name, birth_date, due_date"
_DAY_COLUMNS = "id, day, tummy_minutes, floor_surface, notes, questions, notes_in_summary"


def _profile(row: sqlite3.Row) -> ChildProfile:
    """The one place a child profile is made from a stored row."""
    return ChildProfile(
        name=row["name"],
        birth_date=_day(row["birth_date"]),
        due_date=_day(row["due_date"]) if row["due_date"] else None,
        id=row["id"],
        uuid=row["uuid"],
    )


def _day_entry(
    child_id: int,
    row: sqlite3.Row,
    movements: Sequence[sqlite3.Row],
    signs: Sequence[sqlite3.Row],
    milestones: Sequence[Milestone] = (),
) -> DayEntry:
    """The one place a day is made from its stored rows (movements and signs in stored order)."""
    return DayEntry(
        child_id=child_id,
        day=_day(row["day"]),
        movements={
            MovementStyle(m["style"]): MovementCount(m["episodes"], m["minutes"]) for m in movements
        },
        tummy_minutes=row["tummy_minutes"],
        floor=FloorSurface(row["floor_surface"]) if row["floor_surface"] else None,
        milestones=list(milestones),
        warning_signs=[
            WarningSignEntry(
                WarningSign(w["sign"]), Side(w["side"]) if w["side"] else None, w["note"]
            )
            for w in signs
        ],
        notes=row["notes"],
        questions=row["questions"],
        notes_in_summary=bool(row["notes_in_summary"]),
    )


@dataclass(frozen=True)
class ChildJournal:
    """A child with the days recorded from ``start`` (or the beginning) to ``end``, in date
    order, and the milestones ticked up to ``end``; read in one consistent snapshot."""

    child: ChildProfile
    days: list[DayEntry]
    milestones: dict[Milestone, date]
    #: Reached on a day not known (the parent's answer): counts as reached, before the journal.
    reached_undated: frozenset[Milestone] = frozenset()
    #: The parent said the child cannot do it yet (the late rule may apply again).
    said_not_reached: frozenset[Milestone] = frozenset()

    def reached_for_checks(self) -> dict[Milestone, date]:
        """The milestones reached, for rules that need a day: one reached on a day not known
        stands at the birth date, so it counts as reached and is never late."""
        undated = {m: self.child.birth_date for m in self.reached_undated}
        return {**undated, **self.milestones}


@dataclass(frozen=True)
class MovementTotals:
    """What SQLite counted for the charts, per bucket (the first day of the day or week)."""

    #: (bucket, style, amount): episodes (a style seen without a count is 1) or days seen.
    by_style: list[tuple[date, MovementStyle, int]]
    #: (bucket, days recorded, average tummy minutes or None)
    by_bucket: list[tuple[date, int, float | None]]
    #: milestones ticked in the range, by date
    milestones: list[tuple[date, Milestone]]


class JournalReader:
    """Read-only queries on the journal file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_engine(cls, engine: Engine) -> JournalReader:
        """The reader of the file an engine writes to (the services hold the engine)."""
        return cls(Path(str(engine.url.database)))

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # The machine or the file got in the way (told by SQLite's result code, as a full disk,
        # a busy or read-only file, or damage); a bug such as "no such column" propagates.
        with sqlite_errors_as_journal_errors(self.path):
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("BEGIN")  # one consistent snapshot for the whole read
                yield conn
            finally:
                conn.close()

    # -- children -------------------------------------------------------------------------

    def list_children(self) -> list[ChildProfile]:
        with self._read() as conn:
            rows = conn.execute(f"SELECT {_CHILD_COLUMNS} FROM child ORDER BY name, id").fetchall()
        return [_profile(r) for r in rows]

    def get_child(self, child_id: int) -> ChildProfile:
        with self._read() as conn:
            return self._child(conn, child_id)

    @staticmethod
    def _child(conn: sqlite3.Connection, child_id: int) -> ChildProfile:
        row = conn.execute(
            f"SELECT {_CHILD_COLUMNS} FROM child WHERE id = ?", (child_id,)
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
                "SELECT kind, achieved_on FROM milestone WHERE child_id = ? "
                f"AND achieved_on IS NOT NULL AND {_REACHED}",
                (child_id,),
            ).fetchall()
        return {Milestone(kind): _day(day) for kind, day in rows}

    def milestone_answers(self, child_id: int) -> list[MilestoneAnswer]:
        """Every stored milestone of the child as an answer (reached on a day, reached on a day
        not known, not reached), in the order of the milestones."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT kind, achieved_on, status FROM milestone WHERE child_id = ?", (child_id,)
            ).fetchall()
        answers = {
            Milestone(kind): MilestoneAnswer(
                Milestone(kind), status != MILESTONE_NOT_REACHED, _day(on) if on else None
            )
            for kind, on, status in rows
        }
        return [answers[m] for m in Milestone if m in answers]

    def load_day(self, child_id: int, day: date) -> DayEntry:
        """The day as stored, or an empty entry for a day with nothing recorded."""
        with self._read() as conn:
            milestones = [
                Milestone(kind)
                for (kind,) in conn.execute(
                    "SELECT kind FROM milestone WHERE child_id = ? AND achieved_on = ? "
                    f"AND {_REACHED} ORDER BY id",
                    (child_id, day.isoformat()),
                )
            ]
            row = conn.execute(
                f"SELECT {_DAY_COLUMNS} FROM journal_day WHERE child_id = ? AND day = ?",
                (child_id, day.isoformat()),
            ).fetchone()
            if row is None:
                return DayEntry(child_id=child_id, day=day, milestones=milestones)
            movements = conn.execute(
                "SELECT day_id, style, episodes, minutes FROM movement_observation "
                "WHERE day_id = ? ORDER BY id",
                (row["id"],),
            ).fetchall()
            signs = conn.execute(
                "SELECT day_id, sign, side, note FROM warning_sign WHERE day_id = ? ORDER BY id",
                (row["id"],),
            ).fetchall()
        return _day_entry(child_id, row, movements, signs, milestones)

    def child_journal(self, child_id: int, end: date, start: date | None = None) -> ChildJournal:
        """The child, its days from ``start`` (or the first) to ``end`` and its milestones ticked
        by ``end``, in one snapshot; raises :class:`ChildNotFound`."""
        first = (start or date.min).isoformat()
        last = end.isoformat()
        in_range = "SELECT id FROM journal_day WHERE child_id = ? AND day BETWEEN ? AND ?"
        params = (child_id, first, last)
        with self._read() as conn:
            child = self._child(conn, child_id)
            days = conn.execute(
                f"SELECT {_DAY_COLUMNS} FROM journal_day "
                "WHERE child_id = ? AND day BETWEEN ? AND ? ORDER BY day",
                params,
            ).fetchall()
            movements: dict[int, list[sqlite3.Row]] = defaultdict(list)
            for m in conn.execute(
                "SELECT day_id, style, episodes, minutes FROM movement_observation "
                f"WHERE day_id IN ({in_range}) ORDER BY id",
                params,
            ):
                movements[m["day_id"]].append(m)
            signs: dict[int, list[sqlite3.Row]] = defaultdict(list)
            for w in conn.execute(
                "SELECT day_id, sign, side, note FROM warning_sign "
                f"WHERE day_id IN ({in_range}) ORDER BY id",
                params,
            ):
                signs[w["day_id"]].append(w)
            milestones = {
                Milestone(kind): _day(on)
                for kind, on in conn.execute(
                    "SELECT kind, achieved_on FROM milestone WHERE child_id = ? AND achieved_on <= ?"
                    f" AND {_REACHED}",
                    (child_id, last),
                )
            }
            undated, not_reached = self._undated(conn, child_id)
        entries = [
            _day_entry(child_id, row, movements.get(row["id"], ()), signs.get(row["id"], ()))
            for row in days
        ]
        return ChildJournal(child, entries, milestones, undated, not_reached)

    @staticmethod
    def _undated(
        conn: sqlite3.Connection, child_id: int
    ) -> tuple[frozenset[Milestone], frozenset[Milestone]]:
        """The milestones reached on a day not known, and those said not reached."""
        rows = conn.execute(
            "SELECT kind, status FROM milestone WHERE child_id = ? AND achieved_on IS NULL",
            (child_id,),
        ).fetchall()
        reached = frozenset(Milestone(k) for k, st in rows if st == MILESTONE_REACHED)
        return reached, frozenset(Milestone(k) for k, st in rows if st == MILESTONE_NOT_REACHED)

    def milestones_undated(
        self, child_id: int
    ) -> tuple[frozenset[Milestone], frozenset[Milestone]]:
        """The milestones reached on a day not known, and those the parent said not reached."""
        with self._read() as conn:
            return self._undated(conn, child_id)

    def first_and_last_day(self, child_id: int) -> tuple[date, date] | None:
        """The first and last recorded day of the child, or None with no days."""
        with self._read() as conn:
            first, last = conn.execute(
                "SELECT min(day), max(day) FROM journal_day WHERE child_id = ?", (child_id,)
            ).fetchone()
        return None if first is None else (_day(first), _day(last))

    def milestone_evidence(
        self, child_id: int, on: date
    ) -> tuple[ChildProfile, dict[Milestone, date], dict[MovementStyle, date]]:
        """The child, the milestones ticked by ``on`` and the first day each movement style was
        recorded up to ``on``, in one snapshot; raises :class:`ChildNotFound`."""
        with self._read() as conn:
            child = self._child(conn, child_id)
            ticked = conn.execute(
                "SELECT kind, achieved_on FROM milestone WHERE child_id = ? AND achieved_on <= ?"
                f" AND {_REACHED}",
                (child_id, on.isoformat()),
            ).fetchall()
            seen = conn.execute(
                "SELECT m.style, min(d.day) FROM movement_observation m "
                "JOIN journal_day d ON d.id = m.day_id "
                "WHERE d.child_id = ? AND d.day <= ? GROUP BY m.style",
                (child_id, on.isoformat()),
            ).fetchall()
        recorded = {Milestone(kind): _day(day) for kind, day in ticked}
        return child, recorded, {MovementStyle(style): _day(day) for style, day in seen}

    def movement_totals(
        self, child_id: int, start: date, end: date, *, weekly: bool, episodes: bool
    ) -> MovementTotals:
        """Movement per style and bucket (a day, or a week starting Monday), days recorded and
        average tummy time per bucket, and the milestones ticked from ``start`` to ``end``."""
        key = "date(d.day, 'weekday 0', '-6 days')" if weekly else "d.day"
        amount = "sum(coalesce(m.episodes, 1))" if episodes else "count(*)"
        params = (child_id, start.isoformat(), end.isoformat())
        in_range = "d.child_id = ? AND d.day BETWEEN ? AND ?"
        with self._read() as conn:
            by_style = [
                (_day(bucket), MovementStyle(style), int(total))
                for bucket, style, total in conn.execute(
                    f"SELECT {key} AS bucket, m.style, {amount} FROM movement_observation m "
                    f"JOIN journal_day d ON d.id = m.day_id WHERE {in_range} "
                    "GROUP BY bucket, m.style",
                    params,
                )
            ]
            by_bucket = [
                (_day(bucket), int(days), None if minutes is None else float(minutes))
                for bucket, days, minutes in conn.execute(
                    f"SELECT {key} AS bucket, count(*), avg(d.tummy_minutes) FROM journal_day d "
                    f"WHERE {in_range} GROUP BY bucket",
                    params,
                )
            ]
            milestones = [
                (_day(on), Milestone(kind))
                for on, kind in conn.execute(
                    "SELECT achieved_on, kind FROM milestone WHERE child_id = ? "
                    f"AND achieved_on BETWEEN ? AND ? AND {_REACHED} ORDER BY achieved_on, id",
                    params,
                )
            ]
        return MovementTotals(by_style, by_bucket, milestones)

    def tried_tips(self, child_id: int) -> dict[str, date]:
        """The tips marked tried for the child, with the day they were tried."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT tip_id, tried_on FROM tip_tried WHERE child_id = ?", (child_id,)
            ).fetchall()
        return {tip_id: _day(on) for tip_id, on in rows}

    def last_summary_period(self, child_id: int) -> tuple[date, date] | None:
        """The period of the summary made last for the child (latest made, then last saved)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT period_start, period_end FROM summary_made WHERE child_id = ? "
                "ORDER BY made_on DESC, id DESC LIMIT 1",
                (child_id,),
            ).fetchone()
        return None if row is None else (_day(row[0]), _day(row[1]))

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
                parts.append(pgettext("day summary", "tummy {minutes} min").format(minutes=tummy))
            if day_id in signs:
                parts.append(pgettext("day summary", "warning sign noted"))
            summary = " · ".join(p for p in parts if p) or pgettext("day summary", "notes only")
            result.append(DaySummaryRow(_day(day), summary, notes, tummy, day_id in signs))
        return result
