"""Issue 15, fits the screen: the summary's print preview opens no bigger than its screen."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from journal_app.ui.dialogs import summary_dialog


def test_the_print_preview_fits_the_screen_it_opens_on(qtbot, context, child) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    available = parent.screen().availableGeometry()
    # The offscreen screen is smaller than the size the preview asks for, as a laptop's is.
    assert available.height() < summary_dialog.PREVIEW_SIZE[1]
    printer = QPrinter()
    preview = summary_dialog.make_preview(printer, parent, child)
    qtbot.addWidget(preview)
    assert preview.frameGeometry().height() <= available.height()
    assert preview.frameGeometry().width() <= available.width()
    assert available.contains(preview.frameGeometry())
    assert preview.height() > 300  # fitted, not collapsed
