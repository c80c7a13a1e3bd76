"""The start-up baseline: a bare PySide6 script that shows an empty QMainWindow, reports, quits.

It prints ``READY`` once the window is shown and the event loop has run (the moment the app's
CRAWL_JOURNAL_STARTUP_PROBE reports); the harness times the process from its launch to that line.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(900, 600)
    window.show()

    def ready() -> None:
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
