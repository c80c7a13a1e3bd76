"""A running tummy-time timer while the journal changes under it: restore, import, delete a child,
a child gone from the journal, and closing the window."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.ui.dialogs.restore_backup import RestoreBackupDialog
from tests.helpers.constants import LEO, MAYA, TODAY
from tests.helpers.qt import answer_boxes, answer_next_message_box
from tests.helpers.qt import choose_child as _choose


def _tummy(path: Path, name: str) -> list[tuple[str, int]]:
    """(day, tummy minutes) of the child called ``name`` in the journal file at ``path``."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT d.day, d.tummy_minutes FROM journal_day d JOIN child c ON c.id = d.child_id "
            "WHERE c.name = ? ORDER BY d.day",
            (name,),
        ).fetchall()


def _in_restore_dialog(qtbot, button: str, seen: list[str]) -> None:
    """When File > Restore from Backup opens, press ``button`` ("Restore": the newest backup,
    confirmed; "Close": nothing restored)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreBackupDialog) or not dialog.isVisible():
            QTimer.singleShot(5, poll)
            return
        if button == "Restore":
            answer_boxes(["Yes", "OK"], seen)
        target = next(
            b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == button
        )
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, poll)


def _backup_with_maya_only_then_add_leo(data_dir: Path) -> None:
    context = open_context(JournalPaths(data_dir), lambda: TODAY)
    context.journal.save_child(MAYA)
    context.backups.back_up_now()
    context.journal.save_child(LEO)
    context.close()


def test_restore_saves_the_timed_minutes_first_and_stops_a_timer_whose_child_is_gone(
    make_window, data_dir, qtbot, clock
) -> None:
    _backup_with_maya_only_then_add_leo(data_dir)
    window = make_window()
    _choose(window, "Leo")
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    clock.advance(10 * 60 + 20)
    seen: list[str] = []
    _in_restore_dialog(qtbot, "Restore", seen)
    window.restore_action.trigger()

    assert "The journal was restored" in seen[1]
    assert window.current_child is not None and window.current_child.name == "Maya"
    assert not window.timer.running
    assert window.form.timer_button.text() == "Start timer"
    assert "timer was stopped" in window.statusBar().currentMessage()
    # Leo's ten minutes were saved while he was in the journal: the backup made before the
    # restore has them.
    safety = next(b for b in window.context.backups.list_backups() if b.kind == "pre-restore")
    assert _tummy(safety.path, "Leo") == [(TODAY.isoformat(), 10)]
    assert _tummy(window.context.paths.journal, "Leo") == []
    closed: list[bool] = []
    real_close = window.context.close
    window.context.close = lambda: (closed.append(True), real_close())  # type: ignore[method-assign]
    assert window.close()
    assert closed == [True]


def test_a_cancelled_restore_leaves_the_timer_running_and_counts_each_minute_once(
    window, qtbot, clock
) -> None:
    form = window.form
    qtbot.mouseClick(form.timer_button, Qt.MouseButton.LeftButton)
    clock.advance(4 * 60 + 40)
    _in_restore_dialog(qtbot, "Close", [])
    window.restore_action.trigger()

    assert window.timer.running
    assert _tummy(window.context.paths.journal, "Maya") == [(TODAY.isoformat(), 4)]
    assert form.tummy_field.text() == "4"
    assert not window.isWindowModified()
    clock.advance(2 * 60)  # 6 min 40 s in all: 7 minutes
    qtbot.mouseClick(form.timer_button, Qt.MouseButton.LeftButton)
    assert form.tummy_field.text() == "7"
    window.save_action.trigger()
    assert _tummy(window.context.paths.journal, "Maya") == [(TODAY.isoformat(), 7)]


def test_deleting_the_child_being_timed_saves_the_minutes_into_its_backup_first(
    make_window, qtbot, clock
) -> None:
    window = make_window(children=(MAYA, LEO))
    _choose(window, "Leo")
    window.step_day(-1)
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    clock.advance(5 * 60)
    answer_next_message_box(qtbot, "Yes")
    window.delete_child_action.trigger()

    assert window.current_child is not None and window.current_child.name == "Maya"
    assert not window.timer.running
    assert window.form.timer_button.text() == "Start timer"
    (backup,) = window.context.backups.list_backups()
    assert _tummy(backup.path, "Leo") == [((TODAY - timedelta(days=1)).isoformat(), 5)]
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)  # times Maya now
    assert window.timer.running and window.timer.child_id == window.current_child.id


def test_deleting_another_child_leaves_the_timer_running(make_window, qtbot, clock) -> None:
    window = make_window(children=(MAYA, LEO))
    _choose(window, "Maya")
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    maya_id = window.timer.child_id
    _choose(window, "Leo")
    answer_next_message_box(qtbot, "Yes")
    window.delete_child_action.trigger()
    assert window.timer.running and window.timer.child_id == maya_id


def test_stopping_a_timer_whose_child_is_gone_tells_the_parent(window, qtbot, clock) -> None:
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    window.step_day(-1)
    clock.advance(9 * 60)
    child = window.current_child
    assert child is not None and child.id is not None
    window.context.journal.delete_child(child.id)  # gone behind the window's back
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    assert "9 minutes of tummy time timed for 23 Nov 2026 could not be saved" in seen[0]
    assert "not in the journal" in seen[0]
    assert not window.timer.running


def test_closing_with_a_timer_whose_child_is_gone_still_closes_the_journal(
    window, qtbot, clock
) -> None:
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    window.step_day(-1)
    clock.advance(3 * 60)
    child = window.current_child
    assert child is not None and child.id is not None
    window.context.journal.delete_child(child.id)
    closed: list[bool] = []
    real_close = window.context.close
    window.context.close = lambda: (closed.append(True), real_close())  # type: ignore[method-assign]
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    assert window.close()
    assert "could not be saved" in seen[0]
    assert closed == [True]
    assert not window.isVisible()


def test_an_import_saves_the_minutes_timed_so_far_and_the_timer_runs_on(
    window, qtbot, clock, tmp_path, monkeypatch
) -> None:
    import json

    from tests.helpers.journals import big_export
    from tests.helpers.qt import choose

    (tmp_path / "noor.json").write_text(json.dumps(big_export(3, name="Noor")), encoding="utf-8")
    choose(monkeypatch, "choose_open_path", tmp_path / "noor.json")
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    clock.advance(3 * 60 + 10)
    seen: list[str] = []
    answer_boxes(["OK"], seen)
    window.import_action.trigger()
    assert "Import finished" in seen[0]
    assert window.timer.running
    assert _tummy(window.context.paths.journal, "Maya") == [(TODAY.isoformat(), 3)]
    clock.advance(60)
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    assert window.form.tummy_field.text() == "4"


def test_closing_with_edits_for_a_child_that_is_gone_asks_and_closes(window, qtbot) -> None:
    qtbot.keyClicks(window.form.notes_edit, "a note")
    child = window.current_child
    assert child is not None and child.id is not None
    window.context.journal.delete_child(child.id)
    seen: list[str] = []
    answer_boxes(["OK", "Discard changes"], seen)
    assert window.close()
    assert "Maya is not in the journal any more" in seen[0]


def test_a_cancelled_close_leaves_the_timer_running_and_its_minutes_count_once(
    window, qtbot, clock
) -> None:
    from journal_app.domain.enums import MovementStyle

    form = window.form
    qtbot.mouseClick(form.timer_button, Qt.MouseButton.LeftButton)
    belly = form.movement_rows[MovementStyle.BELLY].episodes
    qtbot.keyClicks(belly, "lots")  # an edit that cannot be saved
    clock.advance(8 * 60)
    seen: list[str] = []
    answer_next_message_box(qtbot, "Go back and fix", seen)
    assert not window.close()
    assert "could not be saved" in seen[0]
    assert window.isVisible()
    assert window.timer.running
    assert form.timer_button.text() == "Stop timer"
    assert form.tummy_field.text() == ""  # nothing added yet
    clock.advance(2 * 60)
    belly.selectAll()
    qtbot.keyClicks(belly, "3")
    path = window.context.paths.journal
    assert window.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute(
            "SELECT d.tummy_minutes, m.episodes FROM journal_day d "
            "JOIN movement_observation m ON m.day_id = d.id"
        ).fetchall() == [(10, 3)]


def test_discarding_edits_on_close_keeps_the_timed_minutes(window, qtbot, clock) -> None:
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.form.tummy_field, "-5")
    clock.advance(6 * 60)
    answer_next_message_box(qtbot, "Discard changes")
    path = window.context.paths.journal
    assert window.close()
    assert _tummy(path, "Maya") == [(TODAY.isoformat(), 6)]


def test_a_restore_keeping_the_child_counts_the_whole_session(
    make_window, data_dir, qtbot, clock
) -> None:
    """Timing Maya, a backup that also holds Maya is restored: the minutes timed before the
    restore were saved into the journal the restore replaced, so the timer counts them again
    and Stop adds the whole session (10 + 5 minutes), not only what came after."""
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    ctx.journal.save_child(MAYA)
    ctx.backups.back_up_now()
    ctx.close()
    window = make_window()
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    clock.advance(10 * 60)
    seen: list[str] = []
    _in_restore_dialog(qtbot, "Restore", seen)
    window.restore_action.trigger()
    assert window.timer.running
    clock.advance(5 * 60)
    qtbot.mouseClick(window.form.timer_button, Qt.MouseButton.LeftButton)
    window.save_action.trigger()
    assert _tummy(window.context.paths.journal, "Maya") == [(TODAY.isoformat(), 15)]
