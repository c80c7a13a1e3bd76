"""The Qt side of translation, for the UI layer only, following journal_app.i18n.

The app's own words come from the one gettext catalogue in every layer. Widgets may keep calling
``self.tr("text")`` / ``self.tr("text", "context")`` and ``QCoreApplication.translate(ctx,
"text")``: :class:`GettextTranslator`, installed by :func:`install`, answers those calls from the
gettext catalogue of the *current* translator (so ``with i18n.speaking(...)`` also switches the
``tr()`` calls of code run inside it, such as the summary's document). Qt's own texts (dialog
buttons, the print preview, the file dialog) come from PySide6's bundled ``qtbase_<lang>.qm``,
except the few that catalogue lacks, which the app's catalogue supplies (ui/qt_supplement.py).
QLocale's default follows the chosen locale, for QDateEdit, QDoubleSpinBox and the like.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from journal_app import i18n
from journal_app.i18n import SOURCE_LANGUAGE, Translator

#: Qt's catalogues to load, in order (qtbase: dialogs, buttons, print preview).
QT_CATALOGUES = ("qtbase",)


class GettextTranslator(QTranslator):
    """Answers Qt's ``tr()`` and ``QCoreApplication.translate()`` from the gettext catalogue.

    Qt's context (the class name) is not part of the lookup, so a word is translated once for
    every widget; a disambiguation (``self.tr("Other", "floor surface")``) is the gettext context.
    Qt's own classes' texts (contexts "QFileDialog", "QPrintSettingsOutput", ...) are looked up
    with the Qt context as the gettext context (``Context|disambiguation`` when Qt gives one), so
    only the entries of ui/qt_supplement.py answer them and qtbase keeps the rest. A message the
    catalogue does not have returns None (a null QString), so Qt goes on to the next translator
    and finally to the source text.
    """

    def translate(
        self,
        context: str,
        sourceText: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        translator = i18n.current()
        if is_qt_context(context):
            key = f"{context}|{disambiguation}" if disambiguation else context
            text = translator.pgettext(key, sourceText)
        elif disambiguation:
            text = translator.pgettext(disambiguation, sourceText)
        else:
            text = translator.gettext(sourceText)
        return None if text == sourceText else text

    def isEmpty(self) -> bool:
        return False


def is_qt_context(context: str | None) -> bool:
    """Whether ``context`` is one of Qt's own classes ("QFileDialog"), not one of the app's."""
    return context is not None and len(context) > 1 and context[0] == "Q" and context[1].isupper()


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
    """Make Qt follow ``translator``: QLocale's default, the widgets' ``tr()`` calls (from the
    gettext catalogue, whatever translator is current when they run) and Qt's own texts. Returns
    the installed QTranslators (parented to ``app``, so they live as long as it); call once at
    start-up, after :func:`journal_app.i18n.setup`."""
    QLocale.setDefault(QLocale(translator.locale))
    installed: list[QTranslator] = []
    if translator.language != SOURCE_LANGUAGE:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            qt_translator = QTranslator(app)
            if qt_translator.load(QLocale(translator.locale), name, "_", folder):
                app.installTranslator(qt_translator)
                installed.append(qt_translator)
    # Installed last, so Qt asks it first (Qt asks the most recently installed translator
    # first): the supplement may then correct a qtbase text as well as fill a gap in it.
    ours = GettextTranslator(app)
    app.installTranslator(ours)
    installed.append(ours)
    return installed


def uninstall(app: QCoreApplication, installed: list[QTranslator], previous: QLocale) -> None:
    """Undo :func:`install`, putting back the ``previous`` default QLocale (for tests: in the
    app a change of language takes a restart)."""
    for qt_translator in installed:
        app.removeTranslator(qt_translator)
    QLocale.setDefault(previous)


#: Where the Language choice of Preferences is kept (QSettings of the app's organisation/name):
#: "" or missing = follow the system, else a code such as "es" or "en".
LANGUAGE_KEY = "preferences/language"


def saved_language() -> str | None:
    """The language chosen in Preferences, or None to follow the system. Needs the
    application's organisation and name set (``app.py`` sets them before reading this)."""
    from PySide6.QtCore import QSettings

    value = QSettings().value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) and value else None


def save_language(code: str | None) -> None:
    """Keep the Preferences choice (None or "" = follow the system); applies at the next start."""
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue(LANGUAGE_KEY, code or "")
    settings.sync()
