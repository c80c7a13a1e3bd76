"""The video reminder's card in the tips panel, and its setting (View > Remind Me to Film a Short
Video, off by default). The rule is :mod:`journal_app.domain.media_reminder`; the date of the last
video is read on a worker thread. With the setting off the card stays hidden and reads nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from journal_app.domain.media_reminder import reminder_text, video_reminder
from journal_app.ui.workers import run_after_repaint

if TYPE_CHECKING:
    from datetime import date

    from journal_app.services.context import JournalContext

#: QSettings key of the reminder's setting.
REMINDER_KEY = "media/videoReminder"


def reminder_wanted() -> bool:
    """The parent switched the video reminder on."""
    return bool(QSettings().value(REMINDER_KEY, False, type=bool))


def set_reminder_wanted(wanted: bool) -> None:
    settings = QSettings()
    settings.setValue(REMINDER_KEY, bool(wanted))
    settings.sync()


class MediaReminderCard(QFrame):
    """Hidden unless the setting is on and a reminder is due for the child."""

    #: The answer arrived (shown or not); tests wait on it.
    settled = Signal()

    def __init__(
        self, context: JournalContext, child_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("media-reminder")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("A short video for the doctor"), self)
        self.title.setObjectName("media-reminder-title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("media-reminder-text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.note = QLabel(self.tr("You can switch this reminder off in the View menu."), self)
        self.note.setObjectName("media-reminder-note")
        self.note.setWordWrap(True)
        small = self.note.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.note.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.note)
        self.hide()
        #: The worker's answer arrived (the card is shown if a reminder is due).
        self.answered = False
        if child_id is None or not reminder_wanted():
            return
        try:
            child = context.reads.get_child(child_id)
        except Exception:  # the child is gone: the panel shows that itself
            return
        today = context.today()

        def work() -> date | None:
            return context.media.last_video_day(child_id)

        def arrived(last: date | None) -> None:
            reminder = video_reminder(last, today, child.birth_date)
            if reminder is not None:
                self.text.setText(reminder_text(reminder, child.name))
                self.setAccessibleName(self.text.text())
                self.show()
            self.answered = True
            self.settled.emit()

        run_after_repaint(self, work, on_done=arrived, on_error=lambda _exc: self.settled.emit())
