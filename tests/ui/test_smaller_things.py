"""Issue 15, smaller things: the tummy-time note leaves no gap, a new child opens on today, the
calendar's entry mark follows the palette (dark themes too), dialogs fit their screen."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.ui.dialogs.child_dialog import ChildDialog
from journal_app.ui.widgets.common import to_qdate


def test_the_tummy_note_takes_its_room_back_when_it_goes(window, qtbot) -> None:
    play = window.form.play_box
    before = play.sizeHint().height()
    qtbot.keyClicks(window.form.tummy_field, "200")
    assert play.sizeHint().height() > before
    window.form.tummy_field.selectAll()
    qtbot.keyClicks(window.form.tummy_field, "20")
    assert play.sizeHint().height() == before  # no blank gap left under the field


def test_a_child_added_while_another_day_is_shown_opens_on_today(
    window, qtbot, monkeypatch
) -> None:
    today = window.context.today()
    window.step_day(-3)
    assert window.current_day == today - timedelta(days=3)

    class Added:
        def __init__(self, *_args, **_kwargs) -> None:
            self.saved = window.context.journal.save_child(
                ChildProfile("Leo", today - timedelta(days=90))
            )

        def exec(self) -> bool:
            return True

    monkeypatch.setattr("journal_app.ui.main_window.ChildDialog", Added)
    window.add_child()
    assert window.current_child.name == "Leo"
    assert window.current_day == today


def test_the_calendar_mark_uses_the_palette_in_a_dark_theme(window, qtbot) -> None:
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202020"),
        (QPalette.ColorRole.Base, "#181818"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e0e0e0"),
        (QPalette.ColorRole.Link, "#7fb2ff"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
    ):
        dark.setColor(role, QColor(colour))
    window.navigator.calendar.setPalette(dark)
    child = window.current_child
    day = window.current_day - timedelta(days=1)
    window.context.journal.save_day(DayEntry(child_id=child.id, day=day, notes="x"))
    window.after_journal_changed(child.id, reload_day=False)
    mark = window.navigator.calendar.dateTextFormat(to_qdate(day))
    assert mark.background().color() == QColor("#2a2a2a")
    assert mark.foreground().color() == QColor("#7fb2ff")  # readable on the dark base


def test_a_dialog_fits_the_screen_it_opens_on(window, qtbot) -> None:
    dialog = ChildDialog(window.context.today(), window.context.journal.save_child, None, window)
    dialog.resize(5000, 4000)
    seen = []

    def look() -> None:
        seen.append(dialog.frameGeometry())
        dialog.reject()

    QTimer.singleShot(0, look)
    dialog.exec()
    available = window.screen().availableGeometry()
    assert seen and available.contains(seen[0])
    assert QApplication.activeModalWidget() is None


def test_unticked_boxes_keep_a_visible_frame_in_a_dark_theme(window) -> None:
    from journal_app.domain.enums import MovementStyle

    form = window.form
    box = form.movement_rows[MovementStyle.ROLLING].seen
    light_window = box.palette().color(QPalette.ColorRole.Window)
    dark = QPalette(form.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    form.setPalette(dark)
    # The frame is drawn a shade darker than the Window role: light enough to see on the base.
    for widget in (box, form.notes_in_summary, form.milestone_list):
        assert widget.palette().color(QPalette.ColorRole.Window).lightness() > 128
    light = QPalette(dark)
    light.setColor(QPalette.ColorRole.Window, light_window)
    light.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    form.setPalette(light)
    assert box.palette().color(QPalette.ColorRole.Window) == light_window  # the style's own look
