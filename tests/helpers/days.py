"""Days filled in for tests."""

from __future__ import annotations

from datetime import date

from journal_app.domain.entries import DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign

ODD_TEXT = 'She said "ba-ba" 👶🏽 <img src=x> </table> & it\'s 10% — 中文 עברית \\n'


def full_day(child_id: int, day: date) -> DayEntry:
    """A day with every section filled in, odd text in the notes and a warning sign's note."""
    return DayEntry(
        child_id=child_id,
        day=day,
        movements={
            MovementStyle.BACKWARD: MovementCount(6, 12),
            MovementStyle.FORWARD: MovementCount(1, None),
            MovementStyle.ROLLING: MovementCount(None, None),
        },
        tummy_minutes=25,
        floor=FloorSurface.SMOOTH_FLOOR,
        milestones=[Milestone.FIRST_BACKWARD_CRAWL],
        warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, ODD_TEXT)],
        notes=ODD_TEXT,
        questions="Is backward crawling at 8 months OK?",
        notes_in_summary=True,
    )
