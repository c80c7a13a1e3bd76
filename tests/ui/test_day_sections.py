"""The day form's section widgets, each on its own."""

from __future__ import annotations

from datetime import date

from journal_app.domain.entries import WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, Side, WarningSign
from journal_app.domain.validation import FieldError
from journal_app.ui.widgets.common import WheelGuard
from journal_app.ui.widgets.day_sections.milestones import MilestonesSection
from journal_app.ui.widgets.day_sections.notes import NotesSection
from journal_app.ui.widgets.day_sections.play import PlaySection
from journal_app.ui.widgets.day_sections.warning_signs import WarningSignsSection


def test_play_section_adds_timed_minutes_and_reads_the_floor(qtbot) -> None:
    play = PlaySection()
    qtbot.addWidget(play)
    play.load(20, FloorSurface.PLAY_MAT)
    play.add_tummy_minutes(7)
    assert play.tummy_field.value() == 27
    assert play.floor() is FloorSurface.PLAY_MAT
    play.load(None, None)
    assert play.floor() is None


def test_milestones_recorded_on_another_day_cannot_be_ticked(qtbot) -> None:
    section = MilestonesSection()
    qtbot.addWidget(section)
    first, second = list(Milestone)[:2]
    section.load(date(2026, 11, 2), [second], {first: date(2026, 10, 1)})
    assert section.ticked() == [second]  # the other day's milestone is shown, not the day's


def test_a_sign_row_with_a_note_but_no_sign_is_an_error(qtbot) -> None:
    section = WarningSignsSection(WheelGuard())
    qtbot.addWidget(section)
    sign = next(s for s in WarningSign if s.side_applies)
    section.load([WarningSignEntry(sign, Side.LEFT, "after the nap")])
    blank = section.add_row()
    blank.note.setText("something")
    errors: list[FieldError] = []
    assert section.values(errors) == [WarningSignEntry(sign, Side.LEFT, "after the nap")]
    assert [e.field for e in errors] == ["warning_signs.1"]


def test_notes_come_back_exactly_as_loaded(qtbot) -> None:
    notes = NotesSection()
    qtbot.addWidget(notes)
    notes.load("one\r\ntwo\u00a0three", True, "")
    assert notes.notes() == "one\r\ntwo\u00a0three"
    assert notes.notes_in_summary.isChecked()
