"""Writing the journal's bookkeeping (through the ORM): tips marked tried, summaries made.

Reading them is :meth:`JournalReader.tried_tips` and :meth:`JournalReader.last_summary_period`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, delete, select

from journal_app.storage.models import SummaryMadeRow, TipTriedRow
from journal_app.storage.share_repository import tracked
from journal_app.storage.transaction import transaction


def mark_tip_tried(engine: Engine, child_id: int, tip_id: str, tried_on: date) -> None:
    """Remember the tip as tried on ``tried_on``; marking it again moves the date."""
    with transaction(engine) as s, tracked(s):
        row = s.scalar(
            select(TipTriedRow).where(
                TipTriedRow.child_id == child_id, TipTriedRow.tip_id == tip_id
            )
        )
        if row is None:
            s.add(TipTriedRow(child_id=child_id, tip_id=tip_id, tried_on=tried_on))
        else:
            row.tried_on = tried_on


def unmark_tip_tried(engine: Engine, child_id: int, tip_id: str) -> None:
    with transaction(engine) as s, tracked(s):
        s.execute(
            delete(TipTriedRow).where(
                TipTriedRow.child_id == child_id, TipTriedRow.tip_id == tip_id
            )
        )


def record_summary_made(
    engine: Engine, child_id: int, made_on: date, start: date, end: date
) -> None:
    with transaction(engine) as s, tracked(s):
        s.add(
            SummaryMadeRow(child_id=child_id, made_on=made_on, period_start=start, period_end=end)
        )
