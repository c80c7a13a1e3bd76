"""Hybrid logical clocks: the order of changes made on different computers.

Every change a computer shares is stamped with an :class:`Hlc`: its wall-clock time in
milliseconds, a counter, and the id of the computer (device) that made it. Stamps compare by
``(wall_ms, counter, device)``: a total order, the same on every computer, so every computer
picks the same winner. A clock never goes backwards and, after reading a change, always stamps
later than it (:meth:`HlcClock.receive`): an edit made after seeing another computer's edit is
ordered after it *whatever the two wall clocks say*. See docs/sharing-format.md, "Time".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: Stamps must fit in a JSON number every reader parses exactly (2**53) ...
MAX_WALL_MS = 2**53 - 1
#: ... and a counter far beyond what any journal reaches in one millisecond.
MAX_COUNTER = 2**31 - 1
#: A computer whose newest stamp is this far past the reader's clock is reported as running ahead.
CLOCK_AHEAD_REPORT_MS = 5 * 60 * 1000


@dataclass(frozen=True, order=True)
class Hlc:
    """One stamp; ``order=True`` compares ``(wall_ms, counter, device)``, the sharing order."""

    wall_ms: int
    counter: int
    device: str

    def pair(self) -> list[int]:
        """The form in a change file: ``[wall_ms, counter]`` (the device is the file's)."""
        return [self.wall_ms, self.counter]


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HlcClock:
    """The clock of one computer. ``last`` is persisted by the caller (the newest stamp made or
    received) so that a restart never stamps earlier than before."""

    def __init__(
        self, device: str, last: Hlc | None = None, now_ms: Callable[[], int] = wall_clock_ms
    ) -> None:
        self.device = device
        self.now_ms = now_ms
        self._wall = last.wall_ms if last is not None else 0
        self._counter = last.counter if last is not None else -1

    @property
    def last(self) -> Hlc:
        return Hlc(self._wall, max(self._counter, 0), self.device)

    def tick(self) -> Hlc:
        """A new stamp for a change made here: later than every stamp made or received before."""
        physical = min(max(self.now_ms(), 0), MAX_WALL_MS)
        if physical > self._wall:
            self._wall, self._counter = physical, 0
        elif self._counter >= MAX_COUNTER:
            # Never reached in practice; move on by a millisecond rather than overflow.
            self._wall, self._counter = min(self._wall + 1, MAX_WALL_MS), 0
        else:
            self._counter += 1
        return Hlc(self._wall, self._counter, self.device)

    def receive(self, remote: Hlc) -> None:
        """A change stamped ``remote`` was applied here: later stamps made here come after it."""
        if (remote.wall_ms, remote.counter) > (self._wall, self._counter):
            self._wall, self._counter = remote.wall_ms, remote.counter


def ahead_by_ms(stamp: Hlc, now_ms: int) -> int:
    """How far ``stamp`` is past the reader's clock (0 when it is not)."""
    return max(stamp.wall_ms - now_ms, 0)
