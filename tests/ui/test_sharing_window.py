"""Sharing in the window (issue 18): this window's journal and another computer's journal (its own
data folder, driven through its services) kept in step through one real shared folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal_app.services.context import JournalContext
from journal_app.ui.dialogs.share_journal import ShareJournalDialog
from journal_app.ui.main_window import MainWindow
from tests.helpers.constants import MAYA, TODAY
from tests.helpers.qt import answer_next_message_box, type_text
from tests.helpers.sharing_ui import other_computer, when_open

ROUND_MS = 15_000


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync" / "Crawl Journal"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def window(make_window, qtbot) -> MainWindow:
    window = make_window(children=(MAYA,))
    qtbot.waitUntil(lambda: window.sharing.idle, timeout=ROUND_MS)  # the start-up round
    return window


@pytest.fixture
def dad(journal_template: Path, tmp_path: Path):
    with other_computer(journal_template, tmp_path / "dad", (MAYA,)) as ctx:
        yield ctx


def maya_id(ctx: JournalContext) -> int:
    child = next(c for c in ctx.reads.list_children() if c.name == MAYA.name)
    assert child.id is not None
    return child.id


def save_notes(ctx: JournalContext, day: date, notes: str) -> None:
    entry = ctx.reads.load_day(maya_id(ctx), day)
    entry.notes = notes
    ctx.journal.save_day(entry)


def join_in_window(qtbot, window: MainWindow, folder: Path, name: str = "Mum's laptop") -> str:
    """File > Share Journal with Another Computer, filled in and Share pressed; the outcome
    box's text is returned."""
    outcome: list[str] = []

    def fill(dialog: ShareJournalDialog) -> None:
        dialog.folder_edit.setText(str(folder))
        dialog.name_edit.setText(name)
        dialog.share_button.click()

    when_open(ShareJournalDialog, fill)
    answer_next_message_box(qtbot, "OK", outcome)
    window.window_actions["share_action"].trigger()
    assert outcome, "the outcome of joining was not shown"
    return outcome[0]


def next_by_tab(start, count: int) -> list:
    """The ``count`` widgets Tab reaches after ``start`` (hidden ones too: the chain's order)."""
    from PySide6.QtCore import Qt

    found, widget = [], start
    while len(found) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            found.append(widget)
    return found


def round_in(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sharing.round_finished, timeout=ROUND_MS):
        window.sharing.run_round()


def in_step(qtbot, window: MainWindow, dad: JournalContext, shared: Path) -> None:
    join_in_window(qtbot, window, shared)
    dad.sharing.join(shared, "Dad's laptop")
    round_in(qtbot, window)


def test_share_dialog_joins_and_the_status_bar_says_so(qtbot, window, shared: Path) -> None:
    assert not window.sharing.status_label.isVisible()  # not shared: nothing said
    outcome = join_in_window(qtbot, window, shared)
    status = window.context.sharing.status()
    assert status.active and status.folder == shared and status.device_name == "Mum's laptop"
    assert str(shared) in outcome
    label = window.sharing.status_label
    assert label.isVisible() and label.text() == status.describe() != ""
    # Only change files went there: never the journal's database.
    written = [p for p in shared.rglob("*") if p.is_file()]
    assert written
    assert not any(p.name.startswith(window.context.paths.journal.name) for p in written)
    assert not any(p.read_bytes().startswith(b"SQLite format 3") for p in written)


def test_a_refused_folder_is_told_in_the_dialog_and_nothing_changes(
    qtbot, window, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    told: list[str] = []

    def fill(dialog: ShareJournalDialog) -> None:
        dialog.folder_edit.setText(str(not_a_folder))
        dialog.share_button.click()
        told.append(dialog.problem.text() if dialog.problem.isVisible() else "")
        dialog.reject()

    when_open(ShareJournalDialog, fill)
    window.window_actions["share_action"].trigger()
    assert told and told[0]  # the service's own message, shown as it is
    assert not window.context.sharing.status().active
    assert not window.sharing.status_label.isVisible()


def test_a_round_brings_the_other_computers_day_into_the_shown_day(
    qtbot, window, dad, shared: Path
) -> None:
    in_step(qtbot, window, dad, shared)
    save_notes(dad, TODAY, "Crawled backwards to the sofa")
    dad.sharing.sync()
    round_in(qtbot, window)
    assert window.form.notes_edit.toPlainText() == "Crawled backwards to the sofa"
    assert window.form.shared_box.isVisible()
    assert window.form.shared_box.changed_label.text() == "Changed on Dad's laptop."
    assert "Dad's laptop" in window.sharing.status_label.text()
    assert window.sharing.status_label.text() == window.context.sharing.status().describe()


def test_the_timer_runs_a_round(qtbot, window, dad, shared: Path) -> None:
    in_step(qtbot, window, dad, shared)
    save_notes(dad, TODAY, "From the timer's round")
    dad.sharing.sync()
    with qtbot.waitSignal(window.sharing.round_finished, timeout=ROUND_MS):
        window.sharing.timer.setInterval(10)
    window.sharing.timer.setInterval(60_000)
    assert window.form.notes_edit.toPlainText() == "From the timer's round"


def test_a_change_in_the_shared_folder_runs_a_round(qtbot, window, dad, shared: Path) -> None:
    in_step(qtbot, window, dad, shared)
    window.sharing.quiet_timer.setInterval(10)
    assert window.sharing.watcher.directories()  # the folder and the computers' subfolders
    save_notes(dad, TODAY, "Seen by the folder watcher")
    with qtbot.waitSignal(window.sharing.round_finished, timeout=ROUND_MS):
        dad.sharing.sync()  # writes Dad's change file into the shared folder
    qtbot.waitUntil(
        lambda: window.form.notes_edit.toPlainText() == "Seen by the folder watcher",
        timeout=ROUND_MS,
    )


def test_a_conflict_is_shown_on_the_day_and_keep_this_one_resolves_it(
    qtbot, window, dad, shared: Path
) -> None:
    in_step(qtbot, window, dad, shared)
    save_notes(dad, TODAY, "Dad's version of the evening")
    dad.sharing.sync()
    type_text(qtbot, window.form.notes_edit, "Mum's version")  # written before Dad's arrives
    assert window.save()
    round_in(qtbot, window)
    box = window.form.shared_box
    assert box.isVisible() and len(box.rows) == 1
    row = box.rows[0]
    assert row.conflict.device_name == "Dad's laptop" or "Dad's laptop" in row.label.text()
    shown = window.form.notes_edit.toPlainText()
    other = "Dad's version of the evening" if shown == "Mum's version" else "Mum's version"
    assert row.label.text().startswith("Also written on ")
    assert row.keep_button.accessibleName() and row.mine_button.accessibleName()
    first_field = next(iter(window.form.movement_rows.values())).seen
    reload = window.form.shared_box.reload_button  # where the section is in the chain
    assert next_by_tab(reload, 3) == [row.keep_button, row.mine_button, first_field]
    row.keep_button.click()
    qtbot.waitUntil(lambda: window.form.notes_edit.toPlainText() == other, timeout=ROUND_MS)
    assert window.context.reads.load_day(maya_id(window.context), TODAY).notes == other
    assert not box.rows
    assert not window.context.sharing.day_conflicts(maya_id(window.context), TODAY)


def test_keep_mine_dismisses_the_other_version(qtbot, window, dad, shared: Path) -> None:
    in_step(qtbot, window, dad, shared)
    save_notes(dad, TODAY, "Dad's version")
    dad.sharing.sync()
    type_text(qtbot, window.form.notes_edit, "Mum's version")
    assert window.save()
    round_in(qtbot, window)
    box = window.form.shared_box
    assert len(box.rows) == 1
    shown = window.form.notes_edit.toPlainText()
    box.rows[0].mine_button.click()
    qtbot.waitUntil(lambda: not box.rows, timeout=ROUND_MS)
    assert window.form.notes_edit.toPlainText() == shown
    assert window.context.reads.load_day(maya_id(window.context), TODAY).notes == shown


def test_an_unsaved_edit_is_not_lost_by_an_incoming_round(qtbot, window, dad, shared: Path) -> None:
    in_step(qtbot, window, dad, shared)
    type_text(qtbot, window.form.notes_edit, "Typing while Dad's change arrives")
    assert window.form.is_dirty
    save_notes(dad, TODAY, "Dad wrote this")
    dad.sharing.sync()
    round_in(qtbot, window)
    # Deferred, never overwritten: the form keeps the typing and says what arrived.
    assert window.form.notes_edit.toPlainText() == "Typing while Dad's change arrives"
    assert window.form.is_dirty
    assert window.form.shared_box.arrived_while_editing
    assert "Dad's laptop" in window.form.shared_box.arrived_label.text()
    assert window.save()
    stored = window.context.reads.load_day(maya_id(window.context), TODAY)
    assert stored.notes == "Typing while Dad's change arrives"
    qtbot.waitUntil(lambda: not window.form.shared_box.arrived_while_editing, timeout=ROUND_MS)
    assert window.form.notes_edit.toPlainText() == "Typing while Dad's change arrives"


def test_show_the_new_version_discards_the_edit_after_asking(
    qtbot, window, dad, shared: Path
) -> None:
    in_step(qtbot, window, dad, shared)
    type_text(qtbot, window.form.notes_edit, "Not wanted after all")
    save_notes(dad, TODAY, "Dad wrote this")
    dad.sharing.sync()
    round_in(qtbot, window)
    seen: list[str] = []
    answer_next_message_box(qtbot, "Discard My Changes", seen)
    window.form.shared_box.reload_button.click()
    assert seen and "unsaved" in seen[0]
    qtbot.waitUntil(lambda: window.form.notes_edit.toPlainText() == "Dad wrote this")
    assert not window.form.is_dirty


def test_a_missing_folder_shows_sharing_paused_and_the_journal_works_on(
    qtbot, window, shared: Path
) -> None:
    join_in_window(qtbot, window, shared)
    shared.rename(shared.with_name("unplugged"))
    round_in(qtbot, window)
    status = window.context.sharing.status()
    assert status.paused_reason
    assert window.sharing.status_label.text() == status.describe()
    assert status.paused_reason in window.sharing.status_label.text()
    type_text(qtbot, window.form.notes_edit, "Saved while paused")
    assert window.save()
    assert window.context.reads.load_day(maya_id(window.context), TODAY).notes == (
        "Saved while paused"
    )


def test_a_round_runs_before_a_summary(qtbot, window, dad, shared: Path) -> None:
    in_step(qtbot, window, dad, shared)
    save_notes(dad, date(2026, 11, 20), "Before the doctor's visit")
    dad.sharing.sync()
    from journal_app.ui.dialogs.summary_dialog import SummaryPeriodDialog

    asked: list[object] = []
    when_open(SummaryPeriodDialog, lambda dialog: dialog.reject(), seen=asked)
    window.window_actions["export_pdf_action"].trigger()  # the round, then the period asked
    assert asked
    stored = window.context.reads.load_day(maya_id(window.context), date(2026, 11, 20))
    assert stored.notes == "Before the doctor's visit"
    save_notes(dad, date(2026, 11, 21), "And the day after")
    dad.sharing.sync()
    assert window.sharing.before_summary()  # the window waits for it, painted
    stored = window.context.reads.load_day(maya_id(window.context), date(2026, 11, 21))
    assert stored.notes == "And the day after"


def test_the_sample_journal_is_never_shared(qtbot, window) -> None:
    window.context.is_sample = True
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    window.window_actions["share_action"].trigger()
    assert seen and "sample" in seen[0]
    assert not window.context.sharing.status().active


def test_a_new_computer_joins_from_the_welcome_page_and_gets_the_journal(
    qtbot, make_window, dad, shared: Path
) -> None:
    dad.sharing.join(shared, "Dad's laptop")
    save_notes(dad, TODAY, "Recorded on Dad's laptop first")
    dad.sharing.sync()
    window = make_window()  # an empty journal: the welcome page
    qtbot.waitUntil(lambda: window.sharing.idle, timeout=ROUND_MS)
    assert window.pages.currentWidget() is window.welcome_page
    outcome = join_in_window(qtbot, window, shared)
    assert "Dad's laptop" in outcome  # what arrived
    assert window.pages.currentWidget() is window.journal_page
    assert window.child_combo.currentText() == MAYA.name
    assert window.form.notes_edit.toPlainText() == "Recorded on Dad's laptop first"
    assert window.form.shared_box.changed_label.text() == "Changed on Dad's laptop."


def test_a_computer_whose_clock_runs_ahead_is_told_in_the_status_bar(
    qtbot, window, dad, shared: Path
) -> None:
    import time

    from journal_app.services.sharing import SharingService

    two_days_ahead = SharingService(
        dad.engine, dad.today, lambda: int(time.time() * 1000) + 2 * 86_400_000
    )
    join_in_window(qtbot, window, shared)
    two_days_ahead.join(shared, "Dad's laptop")
    save_notes(dad, TODAY, "Written two days ahead")
    two_days_ahead.sync()
    round_in(qtbot, window)
    told = window.statusBar().currentMessage()
    assert "Dad's laptop's clock seems to be" in told and "ahead" in told
    assert window.form.notes_edit.toPlainText() == "Written two days ahead"


def test_a_shared_journal_says_so_and_brings_changes_in_at_start_up(
    qtbot, window, dad, shared: Path, data_dir: Path, clock
) -> None:
    from journal_app.app import create_main_window

    join_in_window(qtbot, window, shared)
    dad.sharing.join(shared, "Dad's laptop")
    window.close()  # the parent closes the app; Dad records an evening meanwhile
    save_notes(dad, TODAY, "While Mum's laptop was off")
    dad.sharing.sync()
    again = create_main_window(data_dir, today=lambda: TODAY, clock=clock)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(
        lambda: again.form.notes_edit.toPlainText() == "While Mum's laptop was off",
        timeout=ROUND_MS,
    )
    qtbot.waitUntil(lambda: "Dad's laptop" in again.sharing.status_label.text())
    assert again.sharing.status_label.text() == again.context.sharing.status().describe()
    assert again.sharing.timer.isActive()  # and every few minutes from now on
    again.close()


def test_a_round_that_brings_only_a_photo_shows_it_on_the_day(
    qtbot, window, dad, shared: Path, tmp_path: Path
) -> None:
    from tests.helpers.media_files import image_bytes, write

    in_step(qtbot, window, dad, shared)
    section = window.media.section
    qtbot.waitUntil(lambda: section.listed_for is not None, timeout=ROUND_MS)
    assert section.rows == []
    photo = write(tmp_path / "rug.png", image_bytes("PNG", 64, 48))
    dad.media.attach(maya_id(dad), TODAY, [photo])
    dad.sharing.sync()
    with qtbot.waitSignal(section.listed, timeout=ROUND_MS):
        round_in(qtbot, window)
    qtbot.waitUntil(lambda: len(section.rows) == 1, timeout=ROUND_MS)
    assert section.rows[0].item.original_name == "rug.png"
    assert section.rows[0].item.path.read_bytes() == photo.read_bytes()
