"""When the journal file is damaged: say so, keep the damaged file, offer the newest good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from journal_app.services.backups import newest_good_backup, restore_damaged_journal
from journal_app.storage.errors import JournalDamagedError


def offer_restore(error: JournalDamagedError) -> bool:
    """Ask to restore the newest good backup; True when it was restored and the app can go on."""
    journal = error.path
    backup = newest_good_backup(journal)
    if backup is None:
        QMessageBox.critical(
            None,
            "Crawl Journal",
            f"The journal file {journal} is damaged ({error.detail}) and there is no backup to "
            "restore. The file has not been changed or deleted; keep it, it may still be rescued.",
        )
        return False
    answer = QMessageBox.warning(
        None,
        "Crawl Journal",
        f"The journal file {journal} is damaged ({error.detail}).\n\n"
        f"Restore the newest good backup, from {backup.made_at:%d %b %Y %H:%M}? The damaged file is "
        "kept beside it (renamed, not deleted). Entries made after that backup are not in it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    aside = restore_damaged_journal(journal, backup.path)
    QMessageBox.information(
        None, "Crawl Journal", f"The backup was restored. The damaged file was kept as {aside}."
    )
    return True
