"""Running the command line in the test's own process (fast), or as a real process (slow, for
what only a process shows: exit codes end to end, no display, the lock across processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Done:
    """What a command did, shaped like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path | None, *args: str) -> Done:
    """Run ``crawl-journal [--data-dir DATA_DIR] ARGS`` in this process; its code and output.

    The command chooses the app's language (``--language``, or the environment); the language
    the test process had is put back afterwards, so a Spanish command leaves no Spanish behind."""
    from journal_app import i18n
    from journal_app.cli import main

    if "summary" in args:
        # The summary draws with Qt; in this process that must be the one QApplication the
        # widget tests share (pytest-qt's qapp reuses it), not a bare QGuiApplication.
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None:
            QApplication([])
    capsys.readouterr()  # start from clean output
    argv = [*(["--data-dir", str(data_dir)] if data_dir is not None else []), *args]
    previous = i18n.app_translator()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help, bad arguments
        code = int(exc.code or 0)
    finally:
        i18n.setup(previous.locale, [])
    out, err = capsys.readouterr()
    return Done(code, out, err)


def run_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m journal_app ARGS`` as a separate process, without a display."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CRAWL_JOURNAL_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "journal_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
