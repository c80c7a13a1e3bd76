"""Qt's own texts and QLocale follow the app's language (PySide6's bundled qtbase catalogue)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from journal_app import i18n, i18n_qt

BUTTONS = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel


def _button_texts() -> list[str]:
    box = QDialogButtonBox(BUTTONS)  # kept alive while its buttons are read
    texts = sorted(button.text() for button in box.buttons())
    box.deleteLater()
    return texts


def test_qt_dialog_buttons_and_qlocale_speak_spanish(qapp: QApplication) -> None:
    previous = QLocale()
    english_buttons = _button_texts()
    installed = i18n_qt.install(qapp, i18n.translator_for("es_MX"))
    try:
        assert len(installed) == 1
        assert _button_texts() == ["Cancelar", "Guardar"]
        assert QLocale().name() == "es_MX"
        assert QLocale().toString(3.8, "f", 1) == "3.8"  # Mexico: decimal point
    finally:
        i18n_qt.uninstall(qapp, installed, previous)
    assert _button_texts() == english_buttons == ["Cancel", "Save"]
    assert QLocale().name() == previous.name()


def test_spain_writes_the_decimal_comma_in_qt_widgets(qapp: QApplication) -> None:
    previous = QLocale()
    installed = i18n_qt.install(qapp, i18n.translator_for("es"))
    try:
        assert QLocale().toString(3.8, "f", 1) == "3,8"
    finally:
        i18n_qt.uninstall(qapp, installed, previous)


def test_english_installs_no_qt_translator(qapp: QApplication) -> None:
    previous = QLocale()
    installed = i18n_qt.install(qapp, i18n.translator_for("en_US"))
    try:
        assert installed == []
        assert QLocale().name() == "en_US"
        assert _button_texts() == ["Cancel", "Save"]
    finally:
        i18n_qt.uninstall(qapp, installed, previous)


def test_on_linux_the_environment_gives_the_languages() -> None:
    preferred = i18n_qt.preferred_languages()
    if sys.platform.startswith("linux"):
        assert preferred is None
    else:
        assert preferred and all(isinstance(code, str) for code in preferred)
    assert i18n_qt.system_locale() == QLocale.system().name()
