"""Qt's own texts and QLocale follow the app's language (PySide6's bundled qtbase catalogue)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

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
        assert len(installed) == 2  # ours for the app's words, qtbase_es for Qt's
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


def test_english_loads_no_qt_catalogue(qapp: QApplication) -> None:
    previous = QLocale()
    installed = i18n_qt.install(qapp, i18n.translator_for("en_US"))
    try:
        assert [type(t) for t in installed] == [i18n_qt.GettextTranslator]
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


class _Form(QWidget):
    """A widget that words itself the way ui/ does today: self.tr(text[, disambiguation])."""

    def words(self) -> tuple[str, str, str]:
        return (
            self.tr("Nothing was changed."),
            self.tr("Other", "floor surface"),
            self.tr("A label nobody has translated"),
        )


@pytest.fixture
def spanish_app(qapp: QApplication) -> Iterator[QApplication]:
    previous = QLocale()
    i18n.setup("es")
    installed = i18n_qt.install(qapp, i18n.app_translator())
    yield qapp
    i18n_qt.uninstall(qapp, installed, previous)
    i18n.setup("en", [])


def test_widgets_tr_calls_are_answered_from_the_gettext_catalogue(
    spanish_app: QApplication,
) -> None:
    form = _Form()
    assert form.words() == ("No se ha cambiado nada.", "Otro", "A label nobody has translated")
    assert QCoreApplication.translate("SummaryDocument", "Exported to {path}") == (
        "Exportado a {path}"
    )
    assert QCoreApplication.translate("SummaryDocument", "Other", "floor surface") == "Otro"
    form.deleteLater()


def test_speaking_switches_the_widgets_tr_calls_too(spanish_app: QApplication) -> None:
    form = _Form()
    with i18n.speaking(i18n.translator_for("en")):
        assert form.words() == ("Nothing was changed.", "Other", "A label nobody has translated")
        # Qt's own texts stay with the app's language: the summary needs none of them.
        assert _button_texts() == ["Cancelar", "Guardar"]
    assert form.words()[0] == "No se ha cambiado nada."
    form.deleteLater()


def test_qt_contexts_are_left_to_qtbase(spanish_app: QApplication) -> None:
    ours = i18n_qt.GettextTranslator()
    # Our catalogue has "Other", but a Qt class's text is Qt's catalogue's business.
    assert ours.translate("QFileDialog", "Other", "floor surface") is None
    assert ours.translate("DayForm", "Other", "floor surface") == "Otro"
    assert ours.translate("DayForm", "Untranslated words") is None


def test_qt_contexts_are_answered_only_for_the_supplement(spanish_app: QApplication) -> None:
    ours = i18n_qt.GettextTranslator()
    assert ours.translate("QFileDialog", "&Look in:") == "&Buscar en:"
    assert ours.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == (
        "Carpeta"
    )
    # The same text under another Qt class, or a text only the app uses: qtbase's business.
    assert ours.translate("QPrintDialog", "&Look in:") is None
    assert ours.translate("QFileDialog", "Nothing was changed.") is None
    assert i18n_qt.is_qt_context("QPrintSettingsOutput")
    assert not i18n_qt.is_qt_context("Qualifier") and not i18n_qt.is_qt_context("DayForm")
