"""File > Sharing (issue 18): the computers, Stop sharing on this computer and Forget a computer,
each asked first; every control named for a screen reader; the dialogs fit a 1024x700 screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTreeWidget

from journal_app.ui.dialogs.share_journal import ShareJournalDialog, default_device_name
from journal_app.ui.dialogs.sharing import SharingDialog
from journal_app.ui.main_window import MainWindow
from tests.helpers.constants import MAYA
from tests.helpers.qt import answer_next_message_box
from tests.helpers.sharing_ui import other_computer, when_open

ROUND_MS = 15_000


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def window(make_window, qtbot, shared: Path, journal_template: Path, tmp_path: Path):
    """Mum's window and Dad's journal, in step through ``shared``."""
    window = make_window(children=(MAYA,))
    qtbot.waitUntil(lambda: window.sharing.idle, timeout=ROUND_MS)
    with other_computer(journal_template, tmp_path / "dad", (MAYA,)) as dad:
        window.context.sharing.join(shared, "Mum's laptop")
        dad.sharing.join(shared, "Dad's laptop")
        with qtbot.waitSignal(window.sharing.round_finished, timeout=ROUND_MS):
            window.sharing.run_round()
        yield window


def names(dialog: SharingDialog) -> list[str]:
    return [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]


def open_sharing(window: MainWindow, act) -> None:
    when_open(SharingDialog, act)
    window.window_actions["sharing_action"].trigger()


def test_the_dialog_lists_the_computers(qtbot, window: MainWindow) -> None:
    listed: list[list[str]] = []
    last: list[str] = []

    def look(dialog: SharingDialog) -> None:
        listed.append(names(dialog))
        last.extend(dialog.list.topLevelItem(i).text(1) for i in range(len(listed[0])))
        dialog.reject()

    open_sharing(window, look)
    assert sorted(listed[0]) == ["Dad's laptop", "Mum's laptop (this computer)"]
    assert all(last)  # a last change, or "None yet"


def test_stop_sharing_asks_first_then_stops(qtbot, window: MainWindow) -> None:
    seen: list[str] = []
    after: list[str] = []

    def stop(dialog: SharingDialog) -> None:
        answer_next_message_box(qtbot, "Cancel", seen)
        dialog.stop_button.click()
        assert window.context.sharing.status().active  # Cancel: nothing changed
        answer_next_message_box(qtbot, "Stop Sharing", seen)
        dialog.stop_button.click()
        after.append(dialog.status_label.text())
        dialog.reject()

    open_sharing(window, stop)
    assert len(seen) == 2 and "Stop sharing this journal on this computer?" in seen[0]
    assert not window.context.sharing.status().active
    assert "not shared" in after[0]
    assert not window.sharing.status_label.isVisible()
    assert not window.sharing.watcher.directories()


def test_forget_asks_first_and_is_only_for_another_computer(qtbot, window: MainWindow) -> None:
    seen: list[str] = []
    states: list[bool] = []
    listed: list[list[str]] = []

    def forget(dialog: SharingDialog) -> None:
        for i in range(dialog.list.topLevelItemCount()):
            item = dialog.list.topLevelItem(i)
            dialog.list.setCurrentItem(item)
            states.append(dialog.forget_button.isEnabled())
            if item.text(0) == "Dad's laptop":
                dad_item = item
        dialog.list.setCurrentItem(dad_item)
        answer_next_message_box(qtbot, "Forget", seen)
        dialog.forget_button.click()
        listed.append(names(dialog))
        dialog.reject()

    open_sharing(window, forget)
    assert sorted(states) == [False, True]  # never this computer
    assert seen and "Forget Dad's laptop?" in seen[0]
    assert listed[0] == ["Mum's laptop (this computer)"]
    computers = window.context.sharing.computers()
    assert all(c.forgotten for c in computers if c.name == "Dad's laptop")


def test_sync_now_runs_a_round_and_the_dialog_reads_again(qtbot, window: MainWindow) -> None:
    done: list[bool] = []

    def sync(dialog: SharingDialog) -> None:
        with qtbot.waitSignal(window.sharing.round_finished, timeout=ROUND_MS):
            dialog.sync_button.click()
        done.append(dialog.sync_button.isEnabled())
        dialog.reject()

    open_sharing(window, sync)
    assert done == [True]


def _unnamed(widget) -> list[str]:
    controls = [
        *widget.findChildren(QAbstractButton),
        *widget.findChildren(QLineEdit),
        *widget.findChildren(QTreeWidget),
    ]
    return [
        type(c).__name__ + ":" + c.text() if hasattr(c, "text") else type(c).__name__
        for c in controls
        if c.isVisibleTo(widget) and not c.accessibleName()
    ]


def test_every_control_is_named_and_the_dialogs_fit_a_small_screen(qtbot, window) -> None:
    for dialog in (
        ShareJournalDialog(window.context.sharing, window),
        SharingDialog(window.context.sharing, window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _unnamed(dialog) == []
        hint = dialog.sizeHint().expandedTo(dialog.size())
        assert hint.width() <= 1024 and hint.height() <= 700
        dialog.close()
    box = window.form.shared_box
    assert box.reload_button.accessibleName()
    for row in box.rows:
        assert row.keep_button.accessibleName() and row.mine_button.accessibleName()


def test_the_default_name_comes_from_the_host_name() -> None:
    assert default_device_name("sarahs-laptop.local") == "Sarahs laptop"
    assert default_device_name("DESKTOP_7Q2") == "DESKTOP 7Q2"
    assert default_device_name("") == ""
