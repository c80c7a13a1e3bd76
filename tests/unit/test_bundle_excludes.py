"""The bundle (packaging/crawl-journal.spec) leaves out the modules listed in
packaging/bundle_excludes.py; the app must never import one, or the packaged app would fail where
the venv works. A fresh interpreter walks the app's import paths for real (every journal_app
module, a sample journal with its migrations, the command-line summary PDF and export, the main
window with its charts tab) and its ``sys.modules`` is checked against the list."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXCLUDES = runpy.run_path(str(ROOT / "packaging" / "bundle_excludes.py"))

WALK = r"""
import importlib, json, os, pkgutil, sys, tempfile
from pathlib import Path

import journal_app
from journal_app.app import create_application, create_main_window, main

out = Path(os.environ["BUNDLE_WALK_DIR"])
sys.argv[1:] = []
for info in pkgutil.walk_packages(journal_app.__path__, "journal_app."):
    # Not the scripts Alembic runs itself, nor ``python -m journal_app``'s entry (it starts the app).
    if not info.name.startswith("journal_app.storage.migrations.") and info.name != "journal_app.__main__":
        importlib.import_module(info.name)

from journal_app.services.sample_journal import SAMPLE_CHILD_NAME, write_sample_journal

data = out / "journal"
write_sample_journal(data)
app = create_application()
window = create_main_window(data, is_sample=True)
window.show()
window.tabs.setCurrentIndex(1)
from PySide6.QtCore import QDeadlineTimer, QThreadPool
deadline = QDeadlineTimer(20000)
while window._charts_panel is None and not deadline.hasExpired():
    app.processEvents()
app.processEvents()
QThreadPool.globalInstance().waitForDone(20000)
app.processEvents()
charts_open = window._charts_panel is not None
window.close()
window.deleteLater()
app.processEvents()
# The command line after the window (it reuses the QApplication).
codes = [
    main(["--data-dir", str(data), "summary", "--child", SAMPLE_CHILD_NAME, "-o", str(out / "s.pdf")]),
    main(["--data-dir", str(data), "export", "--format", "json", "-o", str(out / "e.json")]),
    main(["--data-dir", str(data), "export", "--format", "csv", "-o", str(out / "e.csv")]),
    main(["--data-dir", str(data), "check"]),
]
print(json.dumps({"codes": codes, "charts": charts_open, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("bundle-walk")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CACHE_HOME=str(tmp / "cache"),
        MPLCONFIGDIR=str(tmp / "mpl"),
        BUNDLE_WALK_DIR=str(tmp),
    )
    done = subprocess.run(
        [sys.executable, "-c", WALK],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_walk_reaches_the_lazily_loaded_parts(walked: dict[str, object]) -> None:
    # The walk really ran the summary, the migrations and the charts, or the check below means little.
    assert walked["codes"] == [0, 0, 0, 0]
    assert walked["charts"] is True
    modules = set(walked["modules"])  # type: ignore[call-overload]
    for needed in (
        "matplotlib.backends.backend_agg",
        "matplotlib.backends.backend_qtagg",
        "alembic.runtime.migration",
        "PySide6.QtPrintSupport",
    ):
        assert needed in modules, needed


def test_no_excluded_module_is_imported(walked: dict[str, object]) -> None:
    excluded = EXCLUDES["EXCLUDED_MODULES"]
    loaded = [
        name
        for name in walked["modules"]  # type: ignore[attr-defined]
        if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    ]
    assert loaded == []


def test_the_spec_reads_this_list_and_keeps_the_needed_qt_plugins() -> None:
    spec = (ROOT / "packaging" / "crawl-journal.spec").read_text(encoding="utf-8")
    assert '"bundle_excludes.py"' in spec and "excludes=EXCLUDED_MODULES" in spec
    kept = EXCLUDES["KEPT_QT_PLUGINS"]
    assert {"qxcb", "qoffscreen"} <= kept["platforms"]
    assert "qsvg" in kept["imageformats"] and "qsvgicon" in kept["iconengines"]
    assert "cupsprintersupport" in kept["printsupport"]
    # Only the Qt modules the app uses are bundled: none of them is in the exclude list.
    for used in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg"):
        assert f"PySide6.{used}" not in EXCLUDES["EXCLUDED_MODULES"]
