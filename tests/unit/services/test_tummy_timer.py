"""The tummy-time stopwatch: minutes handed over while it runs are never counted twice."""

from __future__ import annotations

from datetime import date

from journal_app.services.tummy_timer import TummyTimer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_take_hands_over_whole_minutes_and_stop_gives_the_rest() -> None:
    clock = Clock()
    timer = TummyTimer(clock)
    timer.start(1, date(2026, 11, 23))
    clock.now += 4 * 60 + 40
    assert timer.take().minutes == 4
    assert timer.take().minutes == 0  # nothing new since
    assert timer.running and timer.elapsed_text() == "4:40"  # the display runs on unchanged
    clock.now += 2 * 60  # 6 min 40 s in all: 7 minutes, as one stop would give
    assert timer.stop().minutes == 3


def test_minutes_given_back_are_counted_again_at_stop() -> None:
    clock = Clock()
    timer = TummyTimer(clock)
    timer.start(1, date(2026, 11, 23))
    clock.now += 5 * 60
    taken = timer.take()
    timer.give_back(taken)  # could not be saved
    assert timer.stop().minutes == 5
    timer.start(1, date(2026, 11, 23))  # a new session starts from nothing taken
    clock.now += 60
    assert timer.stop().minutes == 1
