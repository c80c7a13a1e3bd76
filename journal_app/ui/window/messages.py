"""The questions and warnings the main window puts to the parent, each in one message box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from journal_app import APP_NAME
from journal_app.domain.dates import format_weekday_date
from journal_app.i18n import ngettext


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def confirm_delete_child(parent: QWidget, name: str, days: int) -> bool:
    text = ngettext(
        "Delete {name} and {days} day of journal? This cannot be undone; a backup is made first.",
        "Delete {name} and {days} days of journal? This cannot be undone; a backup is made first.",
        days,
    )
    answer = QMessageBox.warning(
        parent,
        _tr("Delete child"),
        text.format(name=name, days=days),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_discard(parent: QWidget, day: date | None, errors: list[str]) -> bool:
    """The day's edits could not be saved: True when the parent chose to discard them."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Unsaved changes"))
    box.setText(
        _tr("The changes to {day} could not be saved:").format(
            day=format_weekday_date(day, year=False) if day else ""
        )
    )
    box.setInformativeText("\n".join(errors))
    fix = box.addButton(_tr("Go back and fix"), QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(_tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(fix)
    box.setObjectName("unsavedChangesBox")
    box.exec()
    return box.clickedButton() is discard


def tell_not_saved(parent: QWidget, error: str | None = None, *, child_name: str = "") -> None:
    """Saving the day failed: the journal's reason, or the child is not in the journal any more."""
    if error is None:
        text = _tr("The day could not be saved: {name} is not in the journal any more.").format(
            name=child_name
        )
    else:
        text = _tr("The day could not be saved.\n\n{error}").format(error=error)
    QMessageBox.critical(parent, APP_NAME, text)


def tell_undo_failed(parent: QWidget, day: date, reason: str, *, retry: bool) -> None:
    if retry:
        text = _tr("{day} could not be put back. It is still deleted; try Undo again.")
    else:
        text = _tr("{day} was not put back, so that nothing recorded since is lost.")
    box = QMessageBox(
        QMessageBox.Icon.Information if not retry else QMessageBox.Icon.Warning,
        _tr("Undo"),
        text.format(day=format_weekday_date(day)),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("undoFailedBox")
    box.setInformativeText(reason)
    box.exec()
