"""The video reminder in the tips panel: off by default, switched on in the View menu, gone once a
recent video is in the journal; never a pop-up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from journal_app.ui.widgets.media_reminder import MediaReminderCard, reminder_wanted
from tests.helpers.constants import TODAY
from tests.helpers.media_files import ftyp_box, write


def _panel(qtbot, window):
    qtbot.waitUntil(lambda: window._tips_panel is not None, timeout=20000)
    return window._tips_panel


def _shown_cards(panel) -> list[MediaReminderCard]:
    return [c for c in panel.findChildren(MediaReminderCard) if c.isVisibleTo(panel)]


def test_off_by_default(qtbot, isolated_settings, window) -> None:
    panel = _panel(qtbot, window)
    qtbot.waitUntil(lambda: panel._journal_part is not None, timeout=20000)
    assert not reminder_wanted()
    assert not window.media.reminder_action.isChecked()
    assert _shown_cards(panel) == []


def test_switched_on_it_reminds_then_a_new_video_quiets_it(
    qtbot, isolated_settings, window, tmp_path: Path
) -> None:
    panel = _panel(qtbot, window)
    window.media.reminder_action.setChecked(True)
    assert reminder_wanted()
    qtbot.waitUntil(lambda: bool(_shown_cards(panel)), timeout=20000)
    text = _shown_cards(panel)[0].text.text()
    assert "no video of Maya moving" in text
    assert QApplication.activeModalWidget() is None  # in the panel, never a pop-up
    clip = write(tmp_path / "crawl.mp4", ftyp_box(b"isom") + b"\0" * 200)
    window.context.media.attach(window.current_child.id, TODAY, [clip])
    with qtbot.waitSignal(panel.refreshed, timeout=20000):
        panel.refresh()
    newest = panel._journal_part.findChildren(MediaReminderCard)[0]
    qtbot.waitUntil(lambda: newest.answered, timeout=20000)
    assert _shown_cards(panel) == []
