"""The window's language is chosen before anything is built (--language, else the Preferences'
choice, else the system's) and Qt is made to speak it as soon as the QApplication exists."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from journal_app import i18n, i18n_qt
from journal_app.app import choose_window_language, install_language


@pytest.fixture
def start_up(qapp: QApplication, isolated_settings: Path) -> Iterator[list[QTranslator]]:
    """What start-up changes (language, translators, QLocale, the app's names), put back after."""
    previous_locale = QLocale()
    previous_translator = i18n.app_translator()
    names = (
        QCoreApplication.applicationName(),
        QCoreApplication.organizationName(),
        QCoreApplication.organizationDomain(),
        QCoreApplication.applicationVersion(),
    )
    installed: list[QTranslator] = []
    yield installed
    i18n_qt.uninstall(qapp, installed, previous_locale)
    i18n.setup(previous_translator.locale, [])
    QCoreApplication.setApplicationName(names[0])
    QCoreApplication.setOrganizationName(names[1])
    QCoreApplication.setOrganizationDomain(names[2])
    QCoreApplication.setApplicationVersion(names[3])


@pytest.fixture
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in i18n.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _save_button_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    text = box.buttons()[0].text()
    box.deleteLater()
    return text


def test_language_es_installs_the_spanish_translators(
    qapp: QApplication, start_up: list[QTranslator], english_system: None
) -> None:
    assert choose_window_language("es").language == "es"
    start_up += install_language(qapp)
    assert len(start_up) == 2 and type(start_up[-1]) is i18n_qt.GettextTranslator
    assert (
        QCoreApplication.translate("DayForm", "Nothing was changed.") == "No se ha cambiado nada."
    )  # our catalogue
    assert _save_button_text() == "Guardar"  # Qt's own (qtbase_es)
    assert QLocale().name() == "es_ES"


def test_the_preferences_choice_applies_unless_the_command_line_names_another(
    qapp: QApplication, start_up: list[QTranslator], english_system: None
) -> None:
    assert choose_window_language(None).language == "en"  # nothing saved: the system's
    assert QCoreApplication.organizationName()  # names set, so QSettings finds the choice
    i18n_qt.save_language("es")
    assert choose_window_language(None).language == "es"
    assert choose_window_language("en").language == "en"
    start_up += install_language(qapp)
    assert QCoreApplication.translate("DayForm", "Nothing was changed.") == "Nothing was changed."
    assert _save_button_text() == "Save"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the environment decides on Linux")
def test_a_spanish_environment_gives_the_spanish_window(
    qapp: QApplication, start_up: list[QTranslator], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in i18n.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    translator = choose_window_language(None)
    assert (translator.locale, translator.language) == ("es_MX", "es")
    start_up += install_language(qapp)
    assert _save_button_text() == "Guardar"
