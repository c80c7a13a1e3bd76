"""The app's window started as a real process speaks the chosen language from its first widget:
``--language es``, or a Spanish system (LANG) without it; ``--language en`` overrides the system."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal_app import i18n
from tests.helpers.cli import ROOT

#: Start the window (it closes itself once usable), then say what spoke.
SCRIPT = """
import sys
from journal_app.app import main
code = main(sys.argv[1:])
from PySide6.QtCore import QCoreApplication, QLocale
from journal_app import i18n
print("language=" + i18n.app_translator().language)
print("tr=" + QCoreApplication.translate("MainWindow", "Nothing was changed."))
print("locale=" + QLocale().name())
raise SystemExit(code)
"""


def start(tmp_path: Path, *args: str, lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENV_VARIABLES}
    env.pop("CRAWL_JOURNAL_DIR", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LANG=lang,
        CRAWL_JOURNAL_STARTUP_PROBE="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # no Preferences choice of the user's own
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--data-dir", str(tmp_path / "journal"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "startup_seconds=" in done.stdout  # the window did open
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LANG decides on Linux only")
def test_the_window_speaks_the_language_of_the_flag_or_of_the_system(tmp_path: Path) -> None:
    flagged = start(tmp_path, "--language", "es", lang="C.UTF-8")
    assert flagged["language"] == "es"
    assert flagged["tr"] == "No se ha cambiado nada."
    assert flagged["locale"] == "es_ES"
    system = start(tmp_path, lang="es_MX.UTF-8")
    assert (system["language"], system["locale"]) == ("es", "es_MX")
    assert system["tr"] == "No se ha cambiado nada."
    overridden = start(tmp_path, "--language", "en", lang="es_ES.UTF-8")
    assert overridden["language"] == "en"
    assert overridden["tr"] == "Nothing was changed."
