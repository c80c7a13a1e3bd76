"""The days with photos or videos, marked in the day navigator: in the calendar (an overline,
italics and a tooltip, on top of the entry mark) and in the recent days (a camera beside the
date; "photos or videos" in the tooltip and the accessible text), as milestones and warning
signs are marked there.

Start-up is not slowed: nothing is read until the services are loaded (``services_ready``), and
then on a worker thread (:meth:`MediaDayMarks.reload`), again after every change to the journal
and whenever another child is shown. A day that holds only photos (no notes) is marked in the
calendar; the recent days list only the days with entries.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QCalendarWidget

from journal_app.ui.widgets.common import to_qdate
from journal_app.ui.workers import run_in_background

if TYPE_CHECKING:
    from collections.abc import Collection

    from journal_app.ui.main_window import MainWindow


def mark_media_days(
    calendar: QCalendarWidget, days: Collection[date], first: date, last: date
) -> None:
    """Add the media mark to ``days`` between ``first`` and ``last`` (the month shown and a
    week either side), keeping the entry mark a day already has."""
    if not days:
        return
    tip = QCoreApplication.translate("MediaMarks", "Photos or videos on this day")
    link = calendar.palette().link()
    for day in days:
        if not first <= day <= last:
            continue
        qdate = to_qdate(day)
        fmt = calendar.dateTextFormat(qdate)
        fmt.setFontOverline(True)
        fmt.setFontItalic(True)
        fmt.setForeground(link)
        fmt.setToolTip(tip)
        calendar.setDateTextFormat(qdate, fmt)


class MediaDayMarks(QObject):
    """Reads the current child's days with media on a worker and hands them to the navigator."""

    #: The navigator shows the days just read (tests wait on it).
    marked = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._ready = False
        self._generation = 0
        window.services_ready.connect(self._services_ready)
        window.journal_changed.connect(lambda _child_id: self.reload())
        window.navigator.child_set.connect(self.reload)

    def _services_ready(self) -> None:
        self._ready = True
        self.reload()

    def reload(self) -> None:
        """Read the days again (after the repaints already asked for), on a worker thread."""
        self._generation += 1
        if not self._ready:
            return
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        window = self._window
        child_id = window.navigator.child_id
        if child_id is None or not window.isVisible():  # no child, or the journal is closing
            return
        generation, service = self._generation, window.context.media
        run_in_background(
            lambda: (generation, child_id, service.days_with_media(child_id)),
            on_done=self._arrived,
            on_error=lambda _exc: None,  # the marks are a help: the day itself says what it has
        )

    def _arrived(self, answer: tuple[int, int, set[date]]) -> None:
        import shiboken6

        generation, child_id, days = answer
        if generation != self._generation or not shiboken6.isValid(self._window):
            return
        self._window.navigator.set_media_days(child_id, days)
        self.marked.emit()
