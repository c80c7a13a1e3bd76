"""The About box: version, where the journal is stored, and that the app gives no medical advice."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from journal_app import APP_NAME, __version__

NOT_MEDICAL_ADVICE = (
    "Crawl Journal helps you record and organise what you see. It does not give medical advice "
    "and does not diagnose anything. If you are worried about how your child moves or develops, "
    "talk to your child's doctor."
)


def about_text(data_dir: Path) -> str:
    return (
        f"<h3>{APP_NAME} {html.escape(__version__)}</h3>"
        "<p>A journal of your baby's crawling and early movement, with tips and a summary to take "
        "to the doctor.</p>"
        f"<p><b>Your journal is stored in:</b><br>{html.escape(str(data_dir))}</p>"
        "<p>Everything stays on this computer; the app makes no network connections.</p>"
        f"<p><b>Not medical advice.</b> {html.escape(NOT_MEDICAL_ADVICE)}</p>"
        "<p>Milestone windows: WHO Motor Development Study (2006). Checklists: CDC "
        "\u201cLearn the Signs. Act Early.\u201d (2022).</p>"
    )


def show_about(parent: QWidget, data_dir: Path) -> None:
    QMessageBox.about(parent, parent.tr("About Crawl Journal"), about_text(data_dir))
