"""The app's start on a journal that is gone while its backups hold days: the damaged-journal
dialog says so plainly and restores the newest backup (issue 13, point 3)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer

from journal_app.app import create_main_window
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.errors import JournalGoneError
from journal_app.ui.dialogs.damaged_journal import offer_restore
from tests.helpers.constants import TODAY
from tests.helpers.qt import answer_next_message_box


def test_a_missing_journal_offers_the_newest_backup_with_days(data_dir, qtbot) -> None:
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id or 0, date(2026, 11, 20), notes="in the backup"))
    ctx.backups.back_up_now()
    ctx.close()
    ctx.paths.journal.unlink()

    with pytest.raises(JournalGoneError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    assert not ctx.paths.journal.exists()

    seen: list[str] = []
    answer_next_message_box(qtbot, "Yes", seen)
    QTimer.singleShot(0, lambda: answer_next_message_box(qtbot, "OK", seen))
    assert offer_restore(caught.value)
    assert f"The journal file {ctx.paths.journal} is missing" in seen[0]
    assert "held 1 day of journal" in seen[0]
    assert "It holds 1 child and 1 day of journal" in seen[0]
    assert seen[1].strip() == "The backup was restored."
    window = create_main_window(data_dir, today=lambda: TODAY)
    try:
        day = window.context.journal.load_day(maya.id or 0, date(2026, 11, 20))
        assert day.notes == "in the backup"
    finally:
        window.close()
        window.context.close()
