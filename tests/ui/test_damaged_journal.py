"""A damaged journal at start-up: the user is told, the damaged file is kept, a backup restored."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from journal_app.app import create_main_window
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.backups import AUTO, MANUAL, make_backup
from journal_app.storage.errors import JournalDamagedError
from journal_app.ui.dialogs.damaged_journal import offer_restore
from tests.helpers.constants import TODAY
from tests.helpers.qt import answer_next_message_box


def damage(journal: Path) -> bytes:
    garbage = b"SQLite format 3\x00" + b"\xff" * 4000
    journal.write_bytes(garbage)
    for side in ("-wal", "-shm"):
        Path(f"{journal}{side}").unlink(missing_ok=True)
    return garbage


def test_damaged_journal_offers_the_newest_backup_and_keeps_the_damaged_file(
    data_dir, qtbot
) -> None:
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(DayEntry(maya.id or 0, date(2026, 11, 20), notes="in the backup"))
    ctx.backups.back_up_now()
    ctx.close()
    garbage = damage(ctx.paths.journal)

    with pytest.raises(JournalDamagedError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    assert caught.value.path == ctx.paths.journal

    seen: list[str] = []
    answer_next_message_box(qtbot, "Yes", seen)

    # After the restore, an information box names where the damaged file was kept.
    def after_first() -> None:
        answer_next_message_box(qtbot, "OK", seen)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, after_first)
    assert offer_restore(caught.value)
    assert str(ctx.paths.journal) in seen[0]
    # The parent sees what the backup holds before choosing it.
    assert "It holds 1 child and 1 day of journal, the last on 20 Nov 2026." in seen[0]
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite3"]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    assert str(kept[0]) in seen[1]

    window = create_main_window(data_dir, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.go_to_day(date(2026, 11, 20))
    assert window.form.notes_edit.toPlainText() == "in the backup"


def test_without_a_backup_the_damaged_file_is_left_alone(data_dir, qtbot) -> None:
    paths = JournalPaths(data_dir).ensure()
    garbage = damage(paths.journal)
    with pytest.raises(JournalDamagedError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    seen: list[str] = []
    answer_next_message_box(qtbot, "OK", seen)
    assert not offer_restore(caught.value)
    assert "no backup" in seen[0]
    assert paths.journal.read_bytes() == garbage


def test_a_backup_with_journal_days_is_offered_before_a_newer_empty_one(
    data_dir: Path, tmp_path: Path, qtbot
) -> None:
    """The first day's automatic backup is taken before anything is entered: restoring it would
    look like losing everything. The newest backup that holds days comes first."""
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    for day in (date(2026, 11, 18), date(2026, 11, 19)):
        ctx.journal.save_day(DayEntry(maya.id or 0, day, tummy_minutes=10))
    make_backup(ctx.paths.journal, ctx.paths.backups, MANUAL, datetime(2026, 11, 20, 9, 0))
    ctx.close()
    empty = open_context(JournalPaths(tmp_path / "empty"), lambda: TODAY)
    empty.close()
    make_backup(empty.paths.journal, ctx.paths.backups, AUTO, datetime(2026, 11, 22, 8, 0))
    damage(ctx.paths.journal)
    with pytest.raises(JournalDamagedError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    seen: list[str] = []
    answer_next_message_box(qtbot, "Cancel", seen)
    assert not offer_restore(caught.value)
    assert "Restore the backup from 20 Nov 2026 09:00?" in seen[0]
    assert "It holds 1 child and 2 days of journal, the last on 19 Nov 2026." in seen[0]


def test_an_empty_backup_says_it_is_empty(data_dir: Path, qtbot) -> None:
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    ctx.backups.back_up_now()
    ctx.close()
    damage(ctx.paths.journal)
    with pytest.raises(JournalDamagedError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    seen: list[str] = []
    answer_next_message_box(qtbot, "Cancel", seen)
    assert not offer_restore(caught.value)
    assert "It holds no journal entries: it was made before any were saved." in seen[0]


@pytest.mark.parametrize(
    ("language", "told", "cancel"),
    [
        ("en", "is damaged, so the app cannot open it.", "Cancel"),
        ("es", "está dañado, así que la aplicación no puede abrirlo.", "Cancelar"),
    ],
)
def test_the_damage_is_told_in_the_parents_words_not_sqlites(
    data_dir: Path, qapp, qtbot, language: str, told: str, cancel: str
) -> None:
    """Tester's issue 11: not "(database disk image is malformed)" in a Spanish window.
    SQLite's words stay under Show Details, for whoever tries to rescue the file."""
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    from journal_app import i18n, i18n_qt

    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    ctx.backups.back_up_now()
    ctx.close()
    damage(ctx.paths.journal)
    with pytest.raises(JournalDamagedError) as caught:
        create_main_window(data_dir, today=lambda: TODAY)
    previous = QLocale()
    installed = i18n_qt.install(qapp, i18n.setup(language))
    shown: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        shown.append((box.text(), box.detailedText()))
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == cancel:
                button.click()

    try:
        QTimer.singleShot(0, answer)
        assert not offer_restore(caught.value)
    finally:
        i18n_qt.uninstall(qapp, installed, previous)
        i18n.setup("en")
    text, details = shown[0]
    assert told in text and str(ctx.paths.journal) in text
    assert caught.value.detail not in text and "malformed" not in text
    assert caught.value.detail in details
