"""Render resources/crawl-journal.svg into the icon files the Windows and macOS builds need.

    python packaging/make-icons.py      (with PySide6 installed, e.g. in the build venv)

writes packaging/windows/crawl-journal.ico and packaging/macos/crawl-journal.icns (not kept in
git: made from the one SVG at build time, by Qt's own ICO and ICNS image writers).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "crawl-journal.svg"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    targets = {
        HERE / "windows" / "crawl-journal.ico": "ICO",
        HERE / "macos" / "crawl-journal.icns": "ICNS",
    }
    for target, fmt in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), fmt):
            print(f"Qt could not write {target} ({fmt})", file=sys.stderr)
            return 1
        print(f"wrote {target} ({target.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
