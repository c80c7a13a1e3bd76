"""'What can {name} already do?' in the child dialog, typed and clicked as a parent would; the
answers are read back through the journal service."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea

from journal_app.domain.entries import ChildProfile, MilestoneAnswer
from journal_app.domain.enums import Milestone
from journal_app.services.context import JournalContext
from journal_app.ui.dialogs.child_dialog import ChildDialog
from journal_app.ui.widgets.child_form import ChildProfileForm
from journal_app.ui.window.welcome_page import WelcomePage
from tests.helpers.constants import TODAY

ROLLS, PUSHES, SITS = (
    Milestone.ROLLS_TUMMY_TO_BACK,
    Milestone.PUSHES_UP_ON_ARMS,
    Milestone.SITTING_WITHOUT_SUPPORT,
)


def open_dialog(qtbot, context: JournalContext, child: ChildProfile | None = None) -> ChildDialog:
    dialog = ChildDialog(TODAY, context.journal.save_child, child, journal=context.journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def type_child(qtbot, form: ChildProfileForm, name: str, birth: str) -> None:
    qtbot.keyClicks(form.name_edit, name)
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, birth)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_answers_typed_when_adding_a_child_are_in_the_journal(
    qtbot, context: JournalContext
) -> None:
    dialog = open_dialog(qtbot, context)
    form = dialog.form
    assert form.answers_box.isHidden()  # born today (the date it starts on): nothing to ask
    type_child(qtbot, form, "Ines", "1 Mar 2026")
    assert form.answers_box.isVisible()
    assert form.answers_box.heading.text() == "What can Ines already do?"
    rows = form.answers_box.rows
    assert set(form.answers_box.asked()) == set(context.journal.milestones_to_ask(form.profile()))
    qtbot.keyClicks(rows[ROLLS].date_edit, "15.6.2026")  # typing the date chooses "yes, on about"
    assert rows[ROLLS].yes_on.isChecked()
    click(qtbot, rows[PUSHES].yes_undated)
    click(qtbot, rows[SITS].not_yet)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.saved is not None and dialog.saved.id is not None
    stored = {a.milestone: a for a in context.journal.milestone_answers(dialog.saved.id)}
    assert stored == {
        ROLLS: MilestoneAnswer(ROLLS, True, date(2026, 6, 15)),
        PUSHES: MilestoneAnswer(PUSHES, True),
        SITS: MilestoneAnswer(SITS, False),
    }  # the rows left untouched store nothing


def test_editing_the_child_shows_the_stored_answers(qtbot, context: JournalContext, child) -> None:
    assert child.id is not None
    context.journal.save_milestone_answers(
        child.id,
        [MilestoneAnswer(ROLLS, True, date(2026, 7, 2)), MilestoneAnswer(SITS, False)],
        context.journal.milestones_to_ask(child),
    )
    dialog = open_dialog(qtbot, context, child)
    rows = dialog.form.answers_box.rows
    assert rows[ROLLS].yes_on.isChecked() and rows[ROLLS].date_edit.text() == "2 Jul 2026"
    assert rows[SITS].not_yet.isChecked()
    assert rows[PUSHES].checked() is None
    # Changed and saved again: "sits" is now reached on a day not known.
    click(qtbot, rows[SITS].yes_undated)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(rows[SITS].yes_undated, Qt.Key.Key_Return)
    stored = {a.milestone: a for a in context.journal.milestone_answers(child.id)}
    assert stored[SITS] == MilestoneAnswer(SITS, True)
    assert stored[ROLLS] == MilestoneAnswer(ROLLS, True, date(2026, 7, 2))


def test_a_date_before_birth_is_refused_and_nothing_is_saved(
    qtbot, context: JournalContext
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.resize(1024, 700)
    form = dialog.form
    type_child(qtbot, form, "Ines", "1 Jan 2025")  # many rows: the form scrolls
    rows = form.answers_box.rows
    field = rows[ROLLS].date_edit
    qtbot.waitUntil(lambda: field.height() >= field.minimumSizeHint().height())  # laid out
    dialog.form_scroll.verticalScrollBar().setValue(0)
    click(qtbot, rows[PUSHES].not_yet)
    qtbot.keyClicks(rows[ROLLS].date_edit, "20/12/2024")  # before the birth date
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.isVisible()
    assert form.errors.isVisible()
    assert "Rolls from tummy to back" in form.errors.text()
    assert rows[ROLLS].date_edit.property("invalid") is True
    assert QApplication.focusWidget() is rows[ROLLS].date_edit
    # A bad date in the last row, the form scrolled to the top: the field is brought into view.
    scroll = dialog.form_scroll
    last = rows[Milestone.WALKING_ALONE].date_edit
    field.selectAll()
    qtbot.keyClicks(field, "1 Jun 2025")
    qtbot.keyClicks(last, "1/1/2024")
    scroll.verticalScrollBar().setValue(0)
    assert last.visibleRegion().boundingRect().height() < last.height()  # not whole in view
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert QApplication.focusWidget() is last and "Walks alone" in form.errors.text()
    qtbot.waitUntil(lambda: last.visibleRegion().boundingRect().height() == last.height())
    click(qtbot, rows[Milestone.WALKING_ALONE].yes_undated)
    assert context.reads.list_children() == []  # not the child either
    # After today, and a date that is not one: refused the same way.
    rows[ROLLS].date_edit.selectAll()
    qtbot.keyClicks(rows[ROLLS].date_edit, "1 Dec 2026")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert "Rolls from tummy to back" in form.errors.text() and dialog.isVisible()
    rows[ROLLS].date_edit.selectAll()
    qtbot.keyClicks(rows[ROLLS].date_edit, "soon")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert "Rolls from tummy to back: please type the day" in form.errors.text()
    assert context.reads.list_children() == []


def test_each_control_says_which_milestone(qtbot, context: JournalContext, child) -> None:
    dialog = open_dialog(qtbot, context, child)
    row = dialog.form.answers_box.rows[ROLLS]
    assert row.yes_undated.accessibleName() == "Rolls from tummy to back: yes, date not known"
    assert row.yes_on.accessibleName() == "Rolls from tummy to back: yes, on about a date"
    assert row.date_edit.accessibleName() == "Rolls from tummy to back: about when"
    assert row.not_yet.accessibleName() == "Rolls from tummy to back: not yet"
    assert row.label.buddy() is row.yes_on
    names = [
        b.accessibleName() for r in dialog.form.answers_box.rows.values() for b in r.group.buttons()
    ]
    assert len(names) == len(set(names))  # no two controls share a name
    # Keyboard: the arrow keys move between the answers of one row.
    row.yes_on.setFocus()
    qtbot.keyClick(row.yes_on, Qt.Key.Key_Right)
    assert QApplication.focusWidget() in (row.date_edit, row.yes_undated)


def test_the_rows_follow_the_age(qtbot, context: JournalContext) -> None:
    dialog = open_dialog(qtbot, context)
    form = dialog.form
    type_child(qtbot, form, "Ines", "1 Oct 2026")  # 7 weeks old
    young = form.answers_box.asked()
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, "1 Jan 2025")  # nearly 2 years old
    older = form.answers_box.asked()
    assert len(older) > len(young)
    assert Milestone.WALKING_ALONE in older and Milestone.WALKING_ALONE not in young
    assert older == context.journal.milestones_to_ask(ChildProfile("x", date(2025, 1, 1)))
    # Born early: the corrected age asks about fewer milestones.
    form.birth_edit.selectAll()
    qtbot.keyClicks(form.birth_edit, "1 Mar 2026")
    full_term = form.answers_box.asked()
    click(qtbot, form.early_check)
    form.weeks_spin.setValue(28)
    corrected = form.answers_box.asked()
    assert corrected == context.journal.milestones_to_ask(form.profile())
    assert len(corrected) < len(full_term)


def test_the_dialog_fits_1024_by_700_and_scrolls_only_up_and_down(
    qtbot, context: JournalContext, tmp_path
) -> None:
    older = context.journal.save_child(ChildProfile("Ines", date(2025, 1, 1)))
    dialog = open_dialog(qtbot, context, older)
    dialog.resize(1024, 700)
    qtbot.waitUntil(lambda: dialog.width() <= 1024 and dialog.height() <= 700)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert dialog.form.width() <= scroll.viewport().width()
    assert dialog.form.sizeHint().height() > scroll.viewport().height()  # tall: it scrolls
    assert dialog.buttons.isVisible()
    image = tmp_path / "child_dialog.png"
    assert dialog.grab().save(str(image))
    assert image.stat().st_size > 0


def test_the_welcome_page_asks_too_and_saves_through_the_service(
    qtbot, context: JournalContext
) -> None:
    page = WelcomePage(TODAY, None, context.journal)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    form = page.form
    type_child(qtbot, form, "Noor", "1 Jan 2026")
    assert form.answers_box.heading.text() == "What can Noor already do?"
    click(qtbot, form.answers_box.rows[ROLLS].yes_undated)
    child = page.save_child(context.journal.save_child)
    assert child.id is not None
    assert context.journal.milestone_answers(child.id) == [MilestoneAnswer(ROLLS, True)]
    assert page.page_scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert form.width() <= page.page_scroll.viewport().width()


def test_edit_child_from_the_main_window_asks_and_saves(make_window, qtbot) -> None:
    window = make_window(children=(ChildProfile("Maya", date(2026, 3, 1)),))
    seen: list[ChildDialog] = []

    def answer_in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChildDialog)
        seen.append(dialog)
        click(qtbot, dialog.form.answers_box.rows[ROLLS].yes_undated)
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))

    QTimer.singleShot(0, answer_in_the_dialog)
    window.edit_child()
    assert seen and seen[0].form.answers_box.heading.text() == "What can Maya already do?"
    child_id = window.current_child.id
    assert window.context.journal.milestone_answers(child_id) == [MilestoneAnswer(ROLLS, True)]
