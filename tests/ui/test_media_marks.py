"""Days with photos or videos are marked in the day navigator: the calendar (overline, italics,
a tooltip) and the recent days (a camera beside the date, "photos or videos" in the tooltip and
the accessible text), read on a worker once the services are ready, and read again after a
change and for another child."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget

from journal_app.domain.entries import DayEntry, DaySummaryRow
from journal_app.ui.models.recent_days import RecentDaysModel
from journal_app.ui.widgets.common import to_qdate
from tests.helpers.constants import LEO, MAYA, TODAY
from tests.helpers.media_journal import clip
from tests.helpers.qt import choose_child

CAMERA = "\U0001f4f7"
YESTERDAY = TODAY - timedelta(days=1)


def _ready(qtbot, window):
    section = window.media.section
    if not section._ready:
        with qtbot.waitSignal(window.services_ready, timeout=20000):
            pass
    qtbot.waitUntil(lambda: section.listed_for == (window.current_child.id, TODAY), timeout=20000)
    return section


def _calendar_mark(window, day: date) -> tuple[bool, str]:
    fmt = window.navigator.calendar.dateTextFormat(to_qdate(day))
    return fmt.fontOverline(), fmt.toolTip()


def _recent_row(window, day: date) -> int:
    model = window.recent_model
    return next(r for r in range(model.rowCount()) if model.day_at(r) == day)


def test_a_day_with_a_clip_is_marked_and_unmarked_when_it_goes(
    qtbot, window, tmp_path: Path
) -> None:
    section = _ready(qtbot, window)
    child_id = window.current_child.id
    window.context.journal.save_day(DayEntry(child_id, YESTERDAY, tummy_minutes=15))
    window.after_journal_changed(child_id, reload_day=False)
    assert _calendar_mark(window, YESTERDAY) == (False, "")
    # A clip on yesterday (a day with notes) and one on today (a day with none).
    window.context.media.attach(child_id, YESTERDAY, [clip(tmp_path / "crawl.mp4", seed=3)])
    section.attach_files([clip(tmp_path / "today.mp4", seed=4)])
    # Read again on a worker after the attach (an earlier read may answer first).
    qtbot.waitUntil(lambda: _calendar_mark(window, TODAY)[0], timeout=20000)
    assert _calendar_mark(window, YESTERDAY) == (True, "Photos or videos on this day")
    assert _calendar_mark(window, TODAY) == (True, "Photos or videos on this day")
    assert _calendar_mark(window, TODAY - timedelta(days=2)) == (False, "")
    entry = window.navigator.calendar.dateTextFormat(to_qdate(YESTERDAY))
    assert entry.fontUnderline()  # the entry mark stays under the media mark
    model = window.recent_model
    row = _recent_row(window, YESTERDAY)
    assert model.index(row, 0).data().endswith(CAMERA)
    assert "photos or videos" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "photos or videos" in model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    # Taking the clip off yesterday (as Remove does) takes the mark away.
    [item] = window.context.media.list_for_day(child_id, YESTERDAY)
    window.context.media.remove(item.uuid)
    window.after_journal_changed(child_id, reload_day=False)
    qtbot.waitUntil(lambda: not _calendar_mark(window, YESTERDAY)[0], timeout=20000)
    assert _calendar_mark(window, YESTERDAY) == (False, "")
    assert CAMERA not in model.index(_recent_row(window, YESTERDAY), 0).data()
    assert _calendar_mark(window, TODAY)[0]


def test_another_childs_days_are_not_marked(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(children=(MAYA, LEO))
    choose_child(window, "Maya")
    section = _ready(qtbot, window)
    section.attach_files([clip(tmp_path / "maya.mp4")])
    qtbot.waitUntil(lambda: _calendar_mark(window, TODAY)[0], timeout=20000)
    with qtbot.waitSignal(window.media.day_marks.marked, timeout=20000):
        choose_child(window, "Leo")  # Leo's days read: none has a photo
    assert window.navigator.child_id == window.current_child.id
    assert _calendar_mark(window, TODAY) == (False, "")
    choose_child(window, "Maya")
    qtbot.waitUntil(lambda: _calendar_mark(window, TODAY)[0], timeout=20000)


def test_the_calendar_tooltip_is_spanish_under_spanish(qtbot, qapp) -> None:
    from PySide6.QtCore import QLocale

    from journal_app import i18n, i18n_qt
    from journal_app.ui.window.media_marks import mark_media_days

    previous = QLocale()
    installed = i18n_qt.install(qapp, i18n.setup("es"))
    try:
        calendar = QCalendarWidget()
        qtbot.addWidget(calendar)
        mark_media_days(calendar, {TODAY}, TODAY, TODAY)
        assert calendar.dateTextFormat(to_qdate(TODAY)).toolTip() == "Fotos o vídeos de este día"
        model = RecentDaysModel()
        model.set_media_days({TODAY})
        model.set_rows([DaySummaryRow(TODAY, "", "", None, False)])
        text = model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        assert text.endswith("fotos o vídeos")
    finally:
        i18n_qt.uninstall(qapp, installed, previous)
        i18n.setup("en")
