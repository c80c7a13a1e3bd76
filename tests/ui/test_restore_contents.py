"""Issue 15: the restore list says what each backup holds (children, days, the last day), read on
worker threads so a long list never freezes the window."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from journal_app.domain.backups import BackupContents
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.services.context import JournalContext
from journal_app.ui.dialogs.restore_backup import RestoreBackupDialog

HOLDS = 3


def test_each_backup_says_what_it_holds(qtbot, context: JournalContext, child, monkeypatch) -> None:
    assert child.id is not None
    empty = context.backups.back_up_now()  # Maya only, no days yet
    context.journal.save_day(DayEntry(child_id=child.id, day=date(2026, 11, 20), notes="first"))
    context.journal.save_day(DayEntry(child_id=child.id, day=date(2026, 11, 22), notes="second"))
    context.journal.save_child(ChildProfile("Leo", date(2026, 5, 1)))
    full = context.backups.back_up_now()  # two children, two days

    read_on_main_thread: list[bool] = []
    real_contents = context.backups.contents

    def contents_noting_the_thread(path: Path) -> BackupContents | None:
        read_on_main_thread.append(threading.current_thread() is threading.main_thread())
        return real_contents(path)

    monkeypatch.setattr(context.backups, "contents", contents_noting_the_thread)
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    assert table.rowCount() == 2
    # The window is not kept waiting: the column fills in as each backup is read.
    assert table.horizontalHeaderItem(HOLDS).text() == "Holds"
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10000)
    assert read_on_main_thread == [False, False]
    holds = {b.path: table.item(row, HOLDS).text() for row, b in enumerate(dialog.backups)}
    assert holds == {
        full: "2 children, 2 days, the last 22 Nov 2026",
        empty: "1 child, no days yet",
    }


def test_a_backup_that_cannot_be_read_says_so(qtbot, context: JournalContext, child) -> None:
    made = context.backups.back_up_now()
    made.write_bytes(b"not a database at all" * 100)
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10000)
    assert dialog.table.item(0, HOLDS).text() == "Cannot be read"


def test_closing_before_the_backups_are_read_is_harmless(qtbot, context, child) -> None:
    for _ in range(3):
        context.backups.back_up_now()
    dialog = RestoreBackupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    qtbot.waitUntil(lambda: len(dialog.pending) == 3 and not dialog.isVisible())
    assert dialog.table.item(0, HOLDS).text() == "Reading…"  # nothing was written after closing
