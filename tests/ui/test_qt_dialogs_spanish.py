"""Issue 7: Qt's own dialogs in Spanish, where PySide6's qtbase_es.qm lacks Qt 6's texts.

The app's catalogue supplies those texts (journal_app/ui/qt_supplement.py) under Qt's own
context; everything else in the dialogs still comes from qtbase."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo, QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QFileIconProvider, QMessageBox, QWidget

from journal_app import i18n, i18n_qt
from journal_app.ui.qt_supplement import QT_SUPPLEMENT
from tests.helpers.visible_texts import visible_texts

SUPPLEMENT_SOURCES = frozenset(marked.message for marked in QT_SUPPLEMENT)


@pytest.fixture
def speak(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """``speak("es")`` switches the app's language as start-up does; English again after."""
    previous = QLocale()
    installed: list[list] = []

    def use(code: str) -> None:
        while installed:
            i18n_qt.uninstall(qapp, installed.pop(), previous)
        installed.append(i18n_qt.install(qapp, i18n.setup(code)))

    yield use
    while installed:
        i18n_qt.uninstall(qapp, installed.pop(), previous)
    i18n.setup("en")


def _texts(widget: QWidget) -> set[str]:
    return {text for _kind, _where, text in visible_texts(widget)}


def _file_dialog(folder: Path) -> QFileDialog:
    dialog = QFileDialog(None, "x", str(folder), "JSON (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    return dialog


def _print_dialog_texts(qtbot) -> set[str]:  # type: ignore[no-untyped-def]
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()  # builds the options part (double-sided printing, page set)
    texts = _texts(dialog)
    dialog.close()
    return texts


def test_the_file_dialog_has_no_english_label_in_spanish(
    speak: Callable[[str], None], qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "photos").mkdir()
    speak("en")
    english = _file_dialog(tmp_path)
    qtbot.addWidget(english)
    assert {"&Look in:", "Files of &type:", "File &name:"} <= _texts(english)

    speak("es")
    dialog = _file_dialog(tmp_path)
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert {"&Buscar en:", "Archivos de &tipo:", "&Nombre de archivo:"} <= texts
    assert not texts & {"&Look in:", "Files of &type:", "File &name:", "Look in:"}
    assert QFileIconProvider().type(QFileInfo(str(tmp_path / "photos"))) == "Carpeta"
    # qtbase keeps answering what it has.
    assert QCoreApplication.translate("QFileDialog", "&Open") == "&Abrir"


def test_the_print_dialog_speaks_spanish(speak: Callable[[str], None], qtbot) -> None:  # type: ignore[no-untyped-def]
    speak("en")
    english = _print_dialog_texts(qtbot)
    assert {"Off", "Long side binding", "Short side binding", "Pages", "Page &Set:"} <= english

    speak("es")
    spanish = _print_dialog_texts(qtbot)
    assert not spanish & SUPPLEMENT_SOURCES
    assert {
        "Desactivada",
        "Encuadernación por el lado largo",
        "Encuadernación por el lado corto",
        "Páginas",
        "&Juego de páginas:",
    } <= spanish


def test_the_print_preview_and_message_box_buttons_speak_spanish(
    speak: Callable[[str], None], qtbot
) -> None:  # type: ignore[no-untyped-def]
    speak("en")
    english = QPrintPreviewDialog(QPrinter())
    qtbot.addWidget(english)
    english_texts = _texts(english)
    speak("es")
    preview = QPrintPreviewDialog(QPrinter())
    qtbot.addWidget(preview)
    # Toolbar actions and the window title: none left in English (but for numbers).
    left = {
        text
        for text in _texts(preview) & english_texts
        if any(c.isalpha() for c in text) and text not in {"%"}
    }
    assert not left
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "t",
        "x",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Discard,
    )
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {
        "Sí",
        "No",
        "Cancelar",
        "Descartar",
    }
