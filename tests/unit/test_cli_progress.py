"""The command line shows the progress of a long import or export on a terminal, and nothing in a
log or a pipe (scripts read only the result)."""

from __future__ import annotations

import io

from journal_app import i18n
from journal_app.cli import TerminalProgress
from journal_app.i18n import _


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_line_of_percentages_on_a_terminal() -> None:
    out = _Terminal()
    progress = TerminalProgress("Importing", out)
    for done in (0, 1, 1, 50, 100, 200):
        progress(done, 200)
    progress.finish()
    assert (
        out.getvalue()
        == "\rImporting... 0%\rImporting... 25%\rImporting... 50%\rImporting... 100%\n"
    )


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    out = io.StringIO()
    progress = TerminalProgress("Importing", out)
    progress(10, 20)
    progress.finish()
    assert out.getvalue() == ""


def test_the_progress_line_speaks_the_apps_language() -> None:
    out = _Terminal()
    with i18n.speaking(i18n.translator_for("es")):
        progress = TerminalProgress(_("Importing"), out)
        progress(1, 2)
        progress.finish()
    assert out.getvalue() == "\rImportando... 50 %\n"
