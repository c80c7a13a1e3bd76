"""A tummy-time stopwatch driven by a clock, so it counts right while the window is hidden."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from journal_app.domain.entries import DayEntry


@dataclass(frozen=True)
class TimedSession:
    child_id: int
    day: date
    minutes: int


class DayStore(Protocol):
    """What adding timed minutes needs of the journal (``JournalService`` has both)."""

    def load_day(self, child_id: int, day: date) -> DayEntry: ...

    def save_day(self, entry: DayEntry) -> None: ...


def add_timed_minutes(journal: DayStore, session: TimedSession) -> DayEntry | None:
    """Add the session's minutes to the tummy time of its day, as stored now, and save the day.

    Returns the day saved, or None when there were no whole minutes to add (nothing is written).
    Raises what the journal raises (child not found, validation, journal unavailable).
    """
    if not session.minutes:
        return None
    entry = journal.load_day(session.child_id, session.day)
    entry.tummy_minutes = (entry.tummy_minutes or 0) + session.minutes
    journal.save_day(entry)
    return entry


class TummyTimer:
    """Start on a child's day, stop to get the whole minutes (rounded) to add to that day.

    :meth:`take` hands over the whole minutes timed so far while the timer runs on (to save them
    before the journal changes under it); :meth:`stop` then gives only the rest, so a session adds
    up to what one stop would have given: nothing lost, nothing counted twice.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started_at: float | None = None
        self._child_id: int | None = None
        self._day: date | None = None
        #: Whole minutes already handed over by :meth:`take`.
        self._taken = 0

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def child_id(self) -> int | None:
        return self._child_id

    @property
    def day(self) -> date | None:
        return self._day

    def start(self, child_id: int, day: date) -> None:
        if self.running:
            raise RuntimeError("The timer is already running.")
        self._started_at = self._clock()
        self._child_id = child_id
        self._day = day
        self._taken = 0

    def elapsed_seconds(self) -> float:
        if self._started_at is None:
            return 0.0
        return max(0.0, self._clock() - self._started_at)

    def elapsed_text(self) -> str:
        total = int(self.elapsed_seconds())
        minutes, seconds = divmod(total, 60)
        return f"{minutes}:{seconds:02d}"

    def take(self) -> TimedSession:
        """The whole minutes timed and not yet handed over; the timer runs on."""
        if self._child_id is None or self._day is None:
            raise RuntimeError("The timer is not running.")
        whole = int(self.elapsed_seconds() / 60)
        minutes, self._taken = whole - self._taken, whole
        return TimedSession(self._child_id, self._day, minutes)

    def give_back(self, session: TimedSession) -> None:
        """Undo a :meth:`take` whose minutes could not be saved: :meth:`stop` counts them again."""
        if self.running and (session.child_id, session.day) == (self._child_id, self._day):
            self._taken = max(0, self._taken - session.minutes)

    def stop(self) -> TimedSession:
        if self._started_at is None or self._child_id is None or self._day is None:
            raise RuntimeError("The timer is not running.")
        minutes = max(0, int(self.elapsed_seconds() / 60 + 0.5) - self._taken)
        session = TimedSession(self._child_id, self._day, minutes)
        self._started_at = None
        self._child_id = None
        self._day = None
        self._taken = 0
        return session
