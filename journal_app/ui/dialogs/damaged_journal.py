"""When the journal file is damaged: say so, keep the damaged file, offer the best good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from journal_app import APP_NAME
from journal_app.domain.dates import format_date, format_date_time
from journal_app.domain.errors import (
    JournalDamagedError,
    JournalGoneError,
    JournalWalDamagedError,
)
from journal_app.i18n import _, ngettext
from journal_app.services.backups import (
    BackupContents,
    backup_for_damaged_journal,
    restore_damaged_journal,
)


def describe_contents(contents: BackupContents) -> str:
    """What the backup holds, in a parent's words."""
    if contents.is_empty:
        if contents.children == 1:
            return _("It holds the child's profile but no journal days yet.")
        if contents.children:
            return _("It holds the children's profiles but no journal days yet.")
        return _("It holds no journal entries: it was made before any were saved.")
    children = ngettext("{count} child", "{count} children", contents.children).format(
        count=contents.children
    )
    days = ngettext("{count} day of journal", "{count} days of journal", contents.days).format(
        count=contents.days
    )
    if contents.last_day:
        return _("It holds {children} and {days}, the last on {date}.").format(
            children=children, days=days, date=format_date(contents.last_day)
        )
    return _("It holds {children} and {days}.").format(children=children, days=days)


def offer_restore(error: JournalDamagedError) -> bool:
    """Ask to restore the best good backup; True when it was restored and the app can go on."""
    journal = error.path
    headline = (
        error.headline
        if isinstance(error, (JournalGoneError, JournalWalDamagedError))
        else _("The journal file {path} is damaged ({detail}).").format(
            path=journal, detail=error.detail
        )
    )
    found = backup_for_damaged_journal(journal)
    if found is None:
        QMessageBox.critical(
            None,
            APP_NAME,
            _(
                "{headline} There is no backup to restore. The file has not been changed or "
                "deleted; keep it, it may still be rescued."
            ).format(headline=headline),
        )
        return False
    backup, contents = found
    answer = QMessageBox.warning(
        None,
        APP_NAME,
        _(
            "{headline}\n\nRestore the backup from {made_at}? {contents}\n\n"
            "The damaged file is kept beside it (renamed, not deleted). Entries made after that "
            "backup are not in it."
        ).format(
            headline=headline,
            made_at=format_date_time(backup.made_at),
            contents=describe_contents(contents),
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    aside = restore_damaged_journal(journal, backup.path)
    if aside.exists():
        done = _("The backup was restored. The damaged file was kept as {path}.").format(path=aside)
    else:
        done = _("The backup was restored.")
    QMessageBox.information(None, APP_NAME, done)
    return True
