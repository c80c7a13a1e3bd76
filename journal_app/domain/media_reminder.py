"""The gentle video reminder of the tips panel (off unless the parent switches it on).

Physical therapists learn much from a short home video of the baby moving, and reminders make
parents film more often (DOMAIN.md, "Videos for the doctor or physical therapist"). The rule: when
the last video of the child is :data:`REMIND_AFTER_DAYS` days old or more (or there is none yet
and the child is at least that old), the panel says so, once, in calm words; never a pop-up.
It informs and suggests; it says nothing about how the child is doing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal_app.i18n import _, ngettext

#: Four weeks without a new video.
REMIND_AFTER_DAYS = 28


@dataclass(frozen=True)
class VideoReminder:
    #: Whole weeks since the last video; None when the journal holds no video of the child yet.
    weeks_since: int | None


def video_reminder(
    last_video_day: date | None, today: date, birth_date: date
) -> VideoReminder | None:
    """The reminder due on ``today``, or None when a recent video is there (or the baby is
    younger than four weeks, or the dates make no sense)."""
    if today < birth_date:
        return None
    if last_video_day is None:
        if (today - birth_date).days < REMIND_AFTER_DAYS:
            return None
        return VideoReminder(None)
    days = (today - last_video_day).days
    if days < REMIND_AFTER_DAYS:
        return None
    return VideoReminder(days // 7)


def reminder_text(reminder: VideoReminder, name: str) -> str:
    """The reminder in the parent's language."""
    if reminder.weeks_since is None:
        return _(
            "There is no video of {name} moving in the journal yet. A short clip of {name} on "
            "the floor (20 seconds is plenty, from the side and from behind) helps the doctor "
            "or physical therapist see how {name} moves."
        ).format(name=name)
    weeks = reminder.weeks_since
    return ngettext(
        "It has been {weeks} week since the last video of {name} moving: a short clip helps "
        "the doctor or physical therapist see how {name} moves and crawls now.",
        "It has been {weeks} weeks since the last video of {name} moving: a short clip helps "
        "the doctor or physical therapist see how {name} moves and crawls now.",
        weeks,
    ).format(weeks=weeks, name=name)
