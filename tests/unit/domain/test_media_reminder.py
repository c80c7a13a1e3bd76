"""The video reminder's rule: four weeks since the last video (or none yet), never for a newborn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app.domain.media_reminder import (
    REMIND_AFTER_DAYS,
    VideoReminder,
    reminder_text,
    video_reminder,
)

BORN = date(2026, 3, 1)
TODAY = date(2026, 11, 23)


def test_a_recent_video_means_no_reminder() -> None:
    assert video_reminder(TODAY - timedelta(days=REMIND_AFTER_DAYS - 1), TODAY, BORN) is None
    assert video_reminder(TODAY, TODAY, BORN) is None


@pytest.mark.parametrize(("days", "weeks"), [(28, 4), (34, 4), (35, 5), (200, 28)])
def test_four_weeks_or_more_since_the_last_video(days: int, weeks: int) -> None:
    assert video_reminder(TODAY - timedelta(days=days), TODAY, BORN) == VideoReminder(weeks)


def test_no_video_yet_reminds_once_the_baby_is_four_weeks_old() -> None:
    assert video_reminder(None, BORN + timedelta(days=27), BORN) is None
    assert video_reminder(None, BORN + timedelta(days=28), BORN) == VideoReminder(None)


def test_dates_that_make_no_sense_give_no_reminder() -> None:
    assert video_reminder(None, BORN - timedelta(days=1), BORN) is None


def test_the_words_name_the_child_and_the_weeks() -> None:
    text = reminder_text(VideoReminder(4), "Maya")
    assert text.startswith("It has been 4 weeks since the last video of Maya moving")
    assert "doctor" in text and "she" not in text.split()  # no guessed pronoun
    assert "no video of Leo" in reminder_text(VideoReminder(None), "Leo")
    assert "1 week since" in reminder_text(VideoReminder(1), "Maya")
