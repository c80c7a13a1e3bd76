"""Undoing a day's delete when the journal has moved on since: nothing recorded since is lost."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from PySide6.QtCore import Qt

from journal_app.domain.enums import Milestone
from tests.helpers.constants import TODAY
from tests.helpers.journals import rows
from tests.helpers.qt import answer_next_message_box, ctrl


def _tick_milestone(window, milestone: Milestone) -> None:
    items = window.form.milestone_list
    item = next(
        items.item(i)
        for i in range(items.count())
        if items.item(i).data(Qt.ItemDataRole.UserRole) == milestone.value
    )
    item.setCheckState(Qt.CheckState.Checked)


def test_undoing_a_delete_after_the_day_was_recorded_again_keeps_the_new_entry(
    window, qtbot
) -> None:
    qtbot.keyClicks(window.form.notes_edit, "original")
    ctrl(qtbot, window.form.notes_edit, Qt.Key.Key_S)
    window.delete_day_action.trigger()
    qtbot.keyClicks(window.form.notes_edit, "written again")
    ctrl(qtbot, window.form.notes_edit, Qt.Key.Key_S)
    assert window.undo_action.text() == "&Undo Delete 23 Nov 2026"
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    ctrl(qtbot, window.recent_view, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: bool(seen))

    assert "was not put back, so that nothing recorded since is lost" in seen[0]
    assert "has been recorded again since it was deleted" in seen[0]
    assert rows(window, "SELECT notes FROM journal_day") == [("written again",)]
    assert window.form.notes_edit.toPlainText() == "written again"
    assert not window.isWindowModified()
    # The step is gone from the stack, not half-undone: nothing to undo or redo.
    assert window.undo_stack.count() == 0
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"


def test_undoing_a_delete_whose_milestone_was_recorded_on_another_day(window, qtbot) -> None:
    day = TODAY - timedelta(days=2)
    window.go_to_day(day)
    _tick_milestone(window, Milestone.FIRST_BACKWARD_CRAWL)
    window.save_action.trigger()
    window.delete_day_action.trigger()
    window.go_to_today()
    _tick_milestone(window, Milestone.FIRST_BACKWARD_CRAWL)
    window.save_action.trigger()
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))

    assert "has been recorded on 23 Nov 2026 since" in seen[0]
    assert rows(window, "SELECT kind, achieved_on FROM milestone") == [
        ("first_backward_crawl", TODAY.isoformat())
    ]
    assert rows(window, "SELECT day FROM journal_day") == [(TODAY.isoformat(),)]
    assert window.undo_stack.count() == 0


def test_undo_saves_the_days_edits_first(window, qtbot) -> None:
    """Undo from the Edit menu while the deleted day has new, unsaved notes: they are saved (so
    the old day is not put over them), not dropped by the reload."""
    qtbot.keyClicks(window.form.notes_edit, "original")
    window.save_action.trigger()
    window.delete_day_action.trigger()
    qtbot.keyClicks(window.form.notes_edit, "typed, not saved yet")
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert rows(window, "SELECT notes FROM journal_day") == [("typed, not saved yet",)]
    assert window.form.notes_edit.toPlainText() == "typed, not saved yet"


def test_undo_and_redo_of_a_delete_still_round_trip(window, qtbot) -> None:
    qtbot.keyClicks(window.form.notes_edit, "keep me")
    window.save_action.trigger()
    window.delete_day_action.trigger()
    window.undo_action.trigger()
    assert rows(window, "SELECT notes FROM journal_day") == [("keep me",)]
    assert window.redo_action.text() == "&Redo Delete 23 Nov 2026"
    ctrl(qtbot, window.recent_view, Qt.Key.Key_Y)
    assert rows(window, "SELECT count(*) FROM journal_day") == [(0,)]
    window.undo_action.trigger()
    assert window.form.notes_edit.toPlainText() == "keep me"


def test_an_undo_that_cannot_write_keeps_the_step_to_try_again(window, qtbot) -> None:
    qtbot.keyClicks(window.form.notes_edit, "keep me")
    window.save_action.trigger()
    window.delete_day_action.trigger()
    path = window.context.paths.journal
    locker = sqlite3.connect(path, timeout=0)
    locker.execute("BEGIN EXCLUSIVE")  # another program holds the journal
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    try:
        window.undo_action.trigger()
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    finally:
        locker.rollback()
        locker.close()
    assert "It is still deleted; try Undo again" in seen[0]
    assert window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    window.undo_action.trigger()
    assert rows(window, "SELECT notes FROM journal_day") == [("keep me",)]
    assert window.form.notes_edit.toPlainText() == "keep me"
