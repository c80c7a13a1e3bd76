"""When the journal file is damaged: say so, keep the damaged file, offer the best good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from journal_app.domain.dates import format_date, format_date_time
from journal_app.domain.errors import (
    JournalDamagedError,
    JournalGoneError,
    JournalWalDamagedError,
)
from journal_app.services.backups import (
    BackupContents,
    backup_for_damaged_journal,
    restore_damaged_journal,
)


def describe_contents(contents: BackupContents) -> str:
    """What the backup holds, in a parent's words."""
    if contents.is_empty:
        if contents.children:
            who = "the child's profile" if contents.children == 1 else "the children's profiles"
            return f"It holds {who} but no journal days yet."
        return "It holds no journal entries: it was made before any were saved."
    children = "1 child" if contents.children == 1 else f"{contents.children} children"
    days = "1 day" if contents.days == 1 else f"{contents.days} days"
    last = f", the last on {format_date(contents.last_day)}" if contents.last_day else ""
    return f"It holds {children} and {days} of journal{last}."


def offer_restore(error: JournalDamagedError) -> bool:
    """Ask to restore the best good backup; True when it was restored and the app can go on."""
    journal = error.path
    headline = (
        error.headline
        if isinstance(error, (JournalGoneError, JournalWalDamagedError))
        else f"The journal file {journal} is damaged ({error.detail})."
    )
    found = backup_for_damaged_journal(journal)
    if found is None:
        QMessageBox.critical(
            None,
            "Crawl Journal",
            f"{headline} There is no backup to restore. The file has not been changed or "
            "deleted; keep it, it may still be rescued.",
        )
        return False
    backup, contents = found
    answer = QMessageBox.warning(
        None,
        "Crawl Journal",
        f"{headline}\n\n"
        f"Restore the backup from {format_date_time(backup.made_at)}? "
        f"{describe_contents(contents)}\n\n"
        "The damaged file is kept beside it (renamed, not deleted). Entries made after that "
        "backup are not in it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    aside = restore_damaged_journal(journal, backup.path)
    kept = f" The damaged file was kept as {aside}." if aside.exists() else ""
    QMessageBox.information(None, "Crawl Journal", f"The backup was restored.{kept}")
    return True
