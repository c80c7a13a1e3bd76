"""The tummy-time timer of the window: start and stop from the day form, the minutes to their day.

The rule (add the timed minutes to the day as stored) is the service's
:func:`~journal_app.services.tummy_timer.add_timed_minutes`; this controller only decides where the
minutes go (into the form on the day shown, or straight to the journal) and tells the parent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from journal_app.domain.dates import format_date, format_day_month
from journal_app.domain.errors import ChildNotFound, JournalError
from journal_app.domain.validation import ValidationFailed
from journal_app.i18n import ngettext
from journal_app.services.tummy_timer import TimedSession, TummyTimer, add_timed_minutes

if TYPE_CHECKING:
    from journal_app.domain.entries import ChildProfile
    from journal_app.services.context import JournalContext
    from journal_app.ui.widgets.day_form import DayForm


class TummyTimerController(QObject):
    """Runs :class:`TummyTimer` for the window and keeps the form's timer button and label."""

    def __init__(
        self,
        context: JournalContext,
        form: DayForm,
        window: QWidget,
        *,
        current_child: Callable[[], ChildProfile | None],
        saved: Callable[[int, bool], None],
        tell: Callable[[str, int], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._context = context
        self._form = form
        self._window = window
        self._current_child = current_child
        #: After minutes went to the journal: (child id, whether the day shown should reload).
        self._saved = saved
        self._tell = tell
        self.timer = TummyTimer(clock)
        #: The child the timer runs for, by UUID: after a restore the same id may be another child.
        self._child_uuid: str | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.sync_display)

    @property
    def running(self) -> bool:
        return self.timer.running

    def toggle(self) -> None:
        child = self._current_child()
        if self.timer.running:
            self.stop()
        elif child is not None and child.id is not None and self._form.day is not None:
            self.timer.start(child.id, self._form.day)
            self._child_uuid = child.uuid
            self._tick.start()
            self.sync_display()

    def stop(self) -> int:
        """Stop the timer and add its minutes to the day it was started on; returns the minutes.

        On the day shown they go into the form (saved with it); another day is saved at once.
        """
        session = self.timer.stop()
        self._tick.stop()
        if self._shows_day(session.child_id, session.day):
            self._form.add_tummy_minutes(session.minutes)
        else:
            self.save_minutes(session)
        self.sync_display()
        return session.minutes

    def stop_to_journal(self) -> None:
        """Stop the timer and save its minutes straight to their day (closing, deleting a child)."""
        session = self.timer.stop()
        self._tick.stop()
        self.save_minutes(session)
        self.sync_display()

    def save_so_far(self) -> TimedSession | None:
        """Before a restore or an import: the minutes timed so far go to their day while that child
        is surely there; the timer runs on (a cancelled restore leaves it as it was). Returns the
        minutes saved, so that a restore, which replaces the journal they went into, can hand them
        back to the timer."""
        if not self.timer.running:
            return None
        session = self.timer.take()
        if not self.save_minutes(session):
            self.timer.give_back(session)  # counted again when the timer stops
            return None
        return session

    def give_back(self, session: TimedSession) -> None:
        self.timer.give_back(session)

    def check_child(self) -> None:
        """After a restore or an import: a timer whose child is gone (or is another child now)
        stops; what it timed before the change was saved by :meth:`save_so_far`."""
        if not self.timer.running or self.timer.child_id is None:
            return
        try:
            child = self._context.reads.get_child(self.timer.child_id)
        except ChildNotFound:
            child = None
        if child is not None and child.uuid == self._child_uuid:
            return
        self.timer.stop()
        self._tick.stop()
        self.sync_display()
        self._tell(
            self.tr(
                "The tummy-time timer was stopped: the child it was timing is not in the journal "
                "any more. The minutes up to the change were saved before it."
            ),
            15000,
        )

    def _shows_day(self, child_id: int, day: date) -> bool:
        child = self._current_child()
        return child is not None and child.id == child_id and self._form.day == day

    def save_minutes(self, session: TimedSession) -> bool:
        """Add the session's minutes to its day in the journal; a failure is told, never raised."""
        try:
            saved = add_timed_minutes(self._context.journal, session)
        except ChildNotFound:
            problem = self.tr("The child it was timed for is not in the journal any more.")
        except ValidationFailed as exc:
            problem = exc.errors[0].message
        except JournalError as exc:
            problem = str(exc)
        else:
            if saved is None:
                return True
            shown_clean = self._shows_day(session.child_id, session.day) and not self._form.is_dirty
            self._saved(session.child_id, shown_clean)
            self._tell(
                ngettext(
                    "{n} minute of tummy time added to {day}.",
                    "{n} minutes of tummy time added to {day}.",
                    session.minutes,
                ).format(n=session.minutes, day=format_day_month(session.day)),
                8000,
            )
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Tummy time not saved"),
            ngettext(
                "The {n} minute of tummy time timed for {day} could not be saved.",
                "The {n} minutes of tummy time timed for {day} could not be saved.",
                session.minutes,
            ).format(n=session.minutes, day=format_date(session.day)),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("tummyTimeNotSavedBox")
        box.setInformativeText(problem)
        box.exec()
        return False

    def sync_display(self) -> None:
        running = self.timer.running
        child = self._current_child()
        here = (
            running
            and child is not None
            and self.timer.child_id == child.id
            and self.timer.day == self._form.day
        )
        if running and not here and self.timer.day is not None:
            self._form.set_timer_state(
                True,
                self.tr("running for {day}: {t}").format(
                    day=format_day_month(self.timer.day), t=self.timer.elapsed_text()
                ),
            )
        else:
            self._form.set_timer_state(running, self.timer.elapsed_text() if running else "")
