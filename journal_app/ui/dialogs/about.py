"""The About box: version, where the journal is stored, and that the app gives no medical advice."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from journal_app import APP_NAME, __version__
from journal_app.i18n import N_, _, translate


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


NOT_MEDICAL_ADVICE = N_(
    "Crawl Journal helps you record and organise what you see. It does not give medical advice "
    "and does not diagnose anything. If you are worried about how your child moves or develops, "
    "talk to your child's doctor."
)


def about_text(data_dir: Path) -> str:
    return (
        f"<h3>{APP_NAME} {html.escape(__version__)}</h3>"
        "<p>{intro}</p>"
        "<p><b>{stored}</b><br>{folder}</p>"
        "<p>{offline}</p>"
        "<p><b>{not_advice}</b> {advice}</p>"
        "<p>{sources}</p>"
    ).format(
        intro=_escape(
            _(
                "A journal of your baby's crawling and early movement, with tips and a summary "
                "to take to the doctor."
            )
        ),
        stored=_escape(_("Your journal is stored in:")),
        folder=_escape(str(data_dir)),
        offline=_escape(
            _("Everything stays on this computer; the app makes no network connections.")
        ),
        not_advice=_escape(_("Not medical advice.")),
        advice=_escape(translate(NOT_MEDICAL_ADVICE)),
        sources=_escape(
            _(
                "Milestone windows: WHO Motor Development Study (2006). Checklists: CDC "
                "\u201cLearn the Signs. Act Early.\u201d (2022)."
            )
        ),
    )


def show_about(parent: QWidget, data_dir: Path) -> None:
    QMessageBox.about(parent, parent.tr("About Crawl Journal"), about_text(data_dir))
