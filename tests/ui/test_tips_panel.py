"""The tips panel on a real journal: reasons follow saves, tried tips, flags, no child, narrow dock."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import Milestone, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.ui.widgets.tips_panel import TipsPanel
from tests.helpers.constants import TODAY
from tests.helpers.tips import make_panel, refresh


def card(panel: TipsPanel, name: str) -> QWidget:
    found = panel.findChild(QWidget, name)
    assert found is not None, f"no {name} in the panel"
    return found


def label_text(parent: QWidget, name: str) -> str:
    label = parent.findChild(QLabel, name)
    assert label is not None, f"no {name} label"
    return label.text()


def save_backward_days(context: JournalContext, child_id: int, count: int) -> None:
    for i in range(count):
        context.journal.save_day(
            DayEntry(
                child_id,
                TODAY - timedelta(days=i),
                movements={MovementStyle.BACKWARD: MovementCount(4)},
            )
        )


def test_the_reason_follows_a_save(
    qtbot: QtBot, context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    first = label_text(card(panel, "tip:keep_recording"), "tip-reason")
    assert first.startswith("Nothing recorded for Maya in the last 14 days")
    assert panel.findChild(QWidget, "tip:toy_ahead") is None

    save_backward_days(context, child.id, 9)
    refresh(qtbot, panel)

    assert panel.findChild(QWidget, "tip:keep_recording") is None
    reason = label_text(card(panel, "tip:toy_ahead"), "tip-reason")
    assert reason == (
        "Backward crawling on 9 of the 9 days recorded in the last 14: "
        "a toy just out of reach in front can draw Maya forward."
    )
    source = label_text(card(panel, "tip:toy_ahead"), "tip-source")
    assert source.startswith("Source: Article")


def test_mark_as_tried_shows_the_date_and_persists(
    qtbot: QtBot, context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    button = card(panel, "tip:limit_walkers").findChild(QPushButton, "mark-tried")
    assert button is not None
    assert button.accessibleName() == "Mark “Floor time rather than baby walkers” as tried"
    # A reminder has nothing to try: no button.
    assert card(panel, "tip:patience").findChild(QPushButton, "mark-tried") is None

    with (
        qtbot.waitSignal(panel.tipTriedChanged) as signal,
        qtbot.waitSignal(panel.refreshed, timeout=10_000),
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == ["limit_walkers", True]
    assert label_text(card(panel, "tip:limit_walkers"), "tried-on") == "Tried on 23 Nov"
    assert context.guidance.tried_tips(child.id) == {"limit_walkers": TODAY}

    undo = card(panel, "tip:limit_walkers").findChild(QPushButton, "unmark-tried")
    assert (
        undo is not None
        and undo.accessibleName() == "Mark “Floor time rather than baby walkers” as not tried"
    )
    with (
        qtbot.waitSignal(panel.tipTriedChanged) as signal,
        qtbot.waitSignal(panel.refreshed, timeout=10_000),
    ):
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert signal.args == ["limit_walkers", False]
    assert card(panel, "tip:limit_walkers").findChild(QLabel, "tried-on") is None
    assert context.guidance.tried_tips(child.id) == {}


def test_how_shows_the_tip_text(qtbot: QtBot, context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    tip = card(panel, "tip:patience")
    text = tip.findChild(QLabel, "tip-text")
    more = tip.findChild(QToolButton, "tip-more")
    assert text is not None and more is not None
    assert not text.isVisible()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert text.isVisible() and text.text().startswith("Every child moves on at their own pace")


def test_calm_line_then_a_flag_after_a_warning_sign_is_saved(
    qtbot: QtBot, context: JournalContext
) -> None:
    child = context.journal.save_child(ChildProfile("Noor", date(2026, 7, 1)))  # under 6 months
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    # A journal without days yet: the calm line says the milestone checks have not started.
    assert label_text(panel, "no-flags").startswith("The journal is still new")

    sign = WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT)
    context.journal.save_day(DayEntry(child.id, TODAY - timedelta(days=2), warning_signs=[sign]))
    refresh(qtbot, panel)

    assert panel.findChild(QLabel, "no-flags") is None
    flag = card(panel, "flag:warning_sign:favours_one_side")
    assert label_text(flag, "flag-title") == "Uses one side more than the other"
    assert (
        label_text(flag, "flag-reason") == "Noted for Noor on 1 day: 21 Nov (left side used less)."
    )
    # The disclaimer is said once, at the top, not again under each part.
    saying = "talk to your child's doctor"
    said = [w.objectName() for w in panel.findChildren(QLabel) if saying in w.text()]
    assert said == ["disclaimer"]
    # With something worth mentioning, it comes before the ideas to try (visible first).
    part = panel._journal_part
    assert part is not None
    layout = part.layout()
    in_order = [layout.itemAt(i).widget() for i in range(layout.count())]
    headings = [w.text() for w in in_order if isinstance(w, QLabel) and w.objectName() == "heading"]
    assert headings.index("Worth mentioning to your doctor") < headings.index("Ideas to try")


def test_no_child_shows_the_invitation_the_note_and_about(
    qtbot: QtBot, context: JournalContext
) -> None:
    panel = make_panel(qtbot, context, None)
    assert "Add a child" in label_text(panel, "no-child")
    assert "does not diagnose" in label_text(panel, "disclaimer")
    assert panel.findChild(QWidget, "tip:keep_recording") is None
    assert panel.findChild(QWidget, "about:skipping_crawling") is not None
    headings = [w.text() for w in panel.findChildren(QLabel, "heading")]
    assert headings == ["About crawling"]


def test_a_deleted_child_falls_back_to_no_child(
    qtbot: QtBot, context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    context.journal.delete_child(child.id)
    refresh(qtbot, panel)
    assert panel.child_id is None
    assert panel.findChild(QLabel, "no-child") is not None


def test_the_name_is_shown_exactly_as_typed(qtbot: QtBot, context: JournalContext) -> None:
    child = context.journal.save_child(ChildProfile("<b>Zoë</b> & {co}", date(2026, 7, 1)))
    assert child.id is not None
    panel = make_panel(qtbot, context, child.id)
    reason_label = card(panel, "tip:keep_recording").findChild(QLabel, "tip-reason")
    assert reason_label is not None
    assert "Nothing recorded for <b>Zoë</b> & {co} in the last 14 days" in reason_label.text()
    assert reason_label.textFormat() == Qt.TextFormat.PlainText


def test_readable_in_a_narrow_dock(
    qtbot: QtBot, context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    context.journal.save_day(DayEntry(child.id, TODAY, milestones=[Milestone.ROLLS_TUMMY_TO_BACK]))
    panel = make_panel(qtbot, context, child.id)
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None
    page = scroll.widget()
    assert page is not None
    qtbot.waitUntil(lambda: page.width() <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()
    for label in page.findChildren(QLabel):
        assert label.wordWrap(), label.objectName()
    buttons = page.findChildren(QPushButton) + page.findChildren(QToolButton)
    assert buttons and all(b.accessibleName() for b in buttons)


def test_only_the_newest_request_is_shown(
    qtbot: QtBot, context: JournalContext, child: ChildProfile
) -> None:
    """Switching child quickly: the answer for the child asked first never replaces the second's."""
    assert child.id is not None
    other = context.journal.save_child(ChildProfile("Noor", date(2026, 7, 1)))
    panel = make_panel(qtbot, context, child.id)
    shown: list[str] = []
    panel.refreshed.connect(
        lambda: shown.append(label_text(card(panel, "tip:keep_recording"), "tip-reason"))
    )
    panel.set_child(child.id)
    refresh(qtbot, panel, lambda: panel.set_child(other.id))
    assert len(shown) == 1 and "for Noor" in shown[0]
    assert panel.child_id == other.id
