"""The Qt side of translation, for the UI layer only: the system's UI languages, Qt's own dialog
texts (PySide6's bundled ``qtbase_<lang>.qm``) and QLocale's default, following journal_app.i18n.

The app's own words come from the gettext catalogue (journal_app.i18n) in every layer, widgets
included; this module only makes Qt's built-in texts (dialog buttons, the print preview, the file
dialog) and QLocale-based widgets (QDateEdit, QDoubleSpinBox) speak the same language.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from journal_app.i18n import SOURCE_LANGUAGE, Translator

#: Qt's catalogues to load, in order (qtbase: dialogs, buttons, print preview).
QT_CATALOGUES = ("qtbase",)


def preferred_languages() -> list[str] | None:
    """The user's UI languages where the environment does not say them (Windows, macOS), for
    ``i18n.setup(explicit, preferred_languages())``; None on Linux, where LANGUAGE / LC_ALL /
    LC_MESSAGES / LANG are the user's choice and gettext's order applies."""
    if sys.platform.startswith(("win", "darwin")):
        return list(QLocale.system().uiLanguages())
    return None


def system_locale() -> str:
    """The system's locale ("es_MX"), e.g. for the printer's default paper size."""
    return QLocale.system().name()


def install(app: QCoreApplication, translator: Translator) -> list[QTranslator]:
    """Make Qt follow ``translator``: QLocale's default and Qt's own texts. Returns the installed
    QTranslators (parented to ``app``, so they live as long as it); call once at start-up."""
    QLocale.setDefault(QLocale(translator.locale))
    if translator.language == SOURCE_LANGUAGE:
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in QT_CATALOGUES:
        qt_translator = QTranslator(app)
        if qt_translator.load(QLocale(translator.locale), name, "_", folder):
            app.installTranslator(qt_translator)
            installed.append(qt_translator)
    return installed


def uninstall(app: QCoreApplication, installed: list[QTranslator], previous: QLocale) -> None:
    """Undo :func:`install`, putting back the ``previous`` default QLocale (for tests: in the
    app a change of language takes a restart)."""
    for qt_translator in installed:
        app.removeTranslator(qt_translator)
    QLocale.setDefault(previous)
