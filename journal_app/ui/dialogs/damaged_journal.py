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


def _ask(
    icon: QMessageBox.Icon,
    text: str,
    buttons: QMessageBox.StandardButton,
    technical: str | None,
) -> QMessageBox.StandardButton:
    """A message box; SQLite's own (English) words, when there are any, only under Show Details,
    for whoever tries to rescue the file."""
    box = QMessageBox(icon, APP_NAME, text, buttons)
    if technical:
        box.setDetailedText(
            _("For whoever tries to rescue the file, what SQLite reported: {detail}").format(
                detail=technical
            )
        )
    return QMessageBox.StandardButton(box.exec())


def offer_restore(error: JournalDamagedError) -> bool:
    """Ask to restore the best good backup; True when it was restored and the app can go on."""
    journal = error.path
    technical: str | None = None
    if isinstance(error, (JournalGoneError, JournalWalDamagedError)):
        headline = error.headline
    else:
        # error.detail is SQLite's text ("database disk image is malformed"): never in the
        # parent's language, so it is not the message, only its details.
        headline = _("The journal file {path} is damaged, so the app cannot open it.").format(
            path=journal
        )
        technical = error.detail
    found = backup_for_damaged_journal(journal)
    if found is None:
        _ask(
            QMessageBox.Icon.Critical,
            _(
                "{headline} There is no backup to restore. The file has not been changed or "
                "deleted; keep it, it may still be rescued."
            ).format(headline=headline),
            QMessageBox.StandardButton.Ok,
            technical,
        )
        return False
    backup, contents = found
    answer = _ask(
        QMessageBox.Icon.Warning,
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
        technical,
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
