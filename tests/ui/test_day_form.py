"""The day form keeps text exactly, keeps a focused field in view, and its labels name its fields.

Driven through the real main window on a real journal in a temporary folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel

from journal_app.domain.entries import DayEntry, WarningSignEntry
from journal_app.domain.enums import Side, WarningSign
from journal_app.domain.validation import MAX_TEXT_LENGTH
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.constants import MAYA, TODAY

NOTES = (
    "Rolled\u00a0over twice\u2028then slept \U0001f600 \"quoted\" 'single' <b>bold</b> &amp; "
    "done\r\nSecond line\tafter a tab\n"
)
QUESTIONS = 'Is\u00a0this OK?\u2028Ask about <i>hips</i> \U0001f476 & "W-sitting"'
SIGN_NOTE = "left arm " * 4_444 + "<b>\u00a0end\U0001f600</b>"  # 40,000 characters and more


def stored(data_dir: Path) -> tuple[str, str, str]:
    with sqlite3.connect(JournalPaths(data_dir).journal) as conn:
        notes, questions = conn.execute("SELECT notes, questions FROM journal_day").fetchone()
        (note,) = conn.execute("SELECT note FROM warning_sign").fetchone()
    return notes, questions, note


@pytest.fixture
def noted_window(make_window, data_dir: Path):
    """Maya's journal with today's notes, questions and a long sign note (as an import leaves)."""
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    child = ctx.journal.save_child(MAYA)
    assert child.id is not None
    ctx.journal.save_day(
        DayEntry(
            child_id=child.id,
            day=TODAY,
            warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, SIGN_NOTE)],
            notes=NOTES,
            questions=QUESTIONS,
        )
    )
    ctx.close()
    assert len(SIGN_NOTE) > 40_000
    assert stored(data_dir) == (NOTES, QUESTIONS, SIGN_NOTE)
    return make_window()


def test_text_is_saved_back_exactly_when_another_field_is_edited(
    noted_window, qtbot, data_dir: Path
) -> None:
    form = noted_window.form
    assert form.sign_rows[0].note.text() == SIGN_NOTE
    assert form.sign_rows[0].note.maxLength() == MAX_TEXT_LENGTH  # as long as validation allows
    qtbot.keyClicks(form.tummy_field, "5")
    qtbot.keyClick(form.tummy_field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.is_dirty
    assert stored(data_dir) == (NOTES, QUESTIONS, SIGN_NOTE)


def test_an_edited_text_keeps_its_no_break_spaces_and_its_line_breaks_are_line_breaks(
    noted_window, qtbot, data_dir: Path
) -> None:
    """Edited, the box gives what the parent sees: no-break spaces kept, and every break between
    lines a plain line break, the one Shift+Return types (U+2028 inside Qt) included, so exports
    and spreadsheets show it as a new line."""
    form = noted_window.form
    form.questions_edit.setFocus()
    qtbot.keyClick(form.questions_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.questions_edit, " Yes")
    qtbot.keyClick(form.questions_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(form.questions_edit, "And")
    qtbot.keyClick(form.questions_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    expected = QUESTIONS.replace("\u2028", "\n") + " Yes\nAnd"
    assert stored(data_dir) == (NOTES, expected, SIGN_NOTE)
    assert "\u00a0" in stored(data_dir)[1]


def in_view(window, widget) -> bool:
    """True when ``widget``, top to bottom, is inside the visible part of the day form's scroll
    area (and at least partly across: the small window's form is wider than its view)."""
    viewport = window.form_scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    shown = QRect(top_left, widget.size())
    return (
        shown.top() >= 0
        and shown.bottom() < viewport.height()
        and shown.intersects(viewport.rect())
    )


@pytest.mark.parametrize(
    ("key", "field"),
    [
        (Qt.Key.Key_N, "notes_edit"),
        (Qt.Key.Key_Q, "questions_edit"),
        (Qt.Key.Key_M, "milestone_list"),
    ],
)
def test_an_access_key_scrolls_its_field_into_view_in_a_small_window(
    window, qtbot, key: Qt.Key, field: str
) -> None:
    window.resize(640, 420)
    qtbot.waitUntil(lambda: window.form_scroll.verticalScrollBar().maximum() > 0)
    target = getattr(window.form, field)
    assert not in_view(window, target)
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is target
    assert in_view(window, target)
    # And back up to a field at the top of the page.
    qtbot.keyClick(target, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.form.tummy_field
    assert in_view(window, window.form.tummy_field)


def test_every_milestone_row_shows_without_scrolling_the_list(window, qtbot) -> None:
    milestones = window.form.milestone_list
    assert milestones.count() >= 14
    last = milestones.visualRect(milestones.model().index(milestones.count() - 1, 0))
    assert milestones.item(milestones.count() - 1).text() == "Walks alone"
    assert last.bottom() <= milestones.viewport().height()
    assert milestones.verticalScrollBar().maximum() == 0
    milestones.setFocus()  # the thicker focus frame still leaves room for every row
    assert milestones.verticalScrollBar().maximum() == 0


def test_every_label_is_the_accessible_name_of_its_field(window) -> None:
    labelled = [label for label in window.form.findChildren(QLabel) if label.buddy() is not None]
    assert {label.buddy() for label in labelled} >= {
        window.form.tummy_field,
        window.form.floor_combo,
        window.form.notes_edit,
        window.form.questions_edit,
    }
    for label in labelled:
        assert label.buddy().accessibleName() == label.text().replace("&", ""), label.text()
    assert window.form.tummy_field.accessibleName() == "Tummy time (minutes)"


@pytest.mark.posix
def test_an_unusual_amount_of_tummy_time_gets_a_gentle_note_and_still_saves(
    window, qtbot, data_dir: Path
) -> None:
    form = window.form
    note = form.tummy_note
    qtbot.keyClicks(form.tummy_field, "200")
    assert not note.isHidden() and "over 3 hours" in note.text()
    qtbot.keyClick(form.tummy_field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with sqlite3.connect(JournalPaths(data_dir).journal) as conn:
        assert conn.execute("SELECT tummy_minutes FROM journal_day").fetchall() == [(200,)]
    form.tummy_field.selectAll()
    qtbot.keyClicks(form.tummy_field, "45")
    assert note.isHidden()
