"""A tummy-time stopwatch driven by a clock, so it counts right while the window is hidden."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TimedSession:
    child_id: int
    day: date
    minutes: int


class TummyTimer:
    """Start on a child's day, stop to get the whole minutes (rounded) to add to that day."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started_at: float | None = None
        self._child_id: int | None = None
        self._day: date | None = None

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

    def elapsed_seconds(self) -> float:
        if self._started_at is None:
            return 0.0
        return max(0.0, self._clock() - self._started_at)

    def elapsed_text(self) -> str:
        total = int(self.elapsed_seconds())
        minutes, seconds = divmod(total, 60)
        return f"{minutes}:{seconds:02d}"

    def stop(self) -> TimedSession:
        if self._started_at is None or self._child_id is None or self._day is None:
            raise RuntimeError("The timer is not running.")
        minutes = int(self.elapsed_seconds() / 60 + 0.5)
        session = TimedSession(self._child_id, self._day, minutes)
        self._started_at = None
        self._child_id = None
        self._day = None
        return session
