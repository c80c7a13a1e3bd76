"""The app's own words in the parent's language: gettext catalogues, chosen once at start-up.

One mechanism for every layer (domain, services, cli and ui alike; nothing here imports Qt):

- ``_("text")`` / ``gettext``, ``ngettext(singular, plural, n)``, ``pgettext(context, text)`` and
  ``npgettext(context, singular, plural, n)`` translate with the *current* translator;
- ``N_("text")`` and ``NP_(context, "text")`` only mark a module-level constant for extraction;
  the code translates it where it is shown, with ``translate(marked)``;
- :func:`setup` chooses the app's language once at start-up: an explicit code (``--language``,
  a saved preference), then the system's preferred languages (a list passed in by the UI layer,
  e.g. ``QLocale.uiLanguages()``, or else LANGUAGE / LC_ALL / LC_MESSAGES / LANG), then English;
- :func:`translator_for` gives a separate translator for one job (the doctor's summary printed in
  another language than the app's), with the same methods and its own locale-aware formatters;
  ``with speaking(translator):`` makes it the current one for the code below (one thread or
  task only: a context variable), so ``_()`` deep inside domain code follows it.

Placeholders are named ``str.format`` fields: ``_("Exported to {path}").format(path=out)``.
English is the source language: an English translator has no catalogue and returns the text.
Babel (dates, numbers, plurals of ages) is imported only when a formatter is first used.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from journal_app.i18n_format import Formats

#: The gettext domain: the catalogues are locale/<lang>/LC_MESSAGES/crawl_journal.mo.
DOMAIN = "crawl_journal"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The language the strings in the code are written in.
SOURCE_LANGUAGE = "en"
#: Environment variables gettext reads, in its order (the first one set wins).
ENV_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class ContextMessage(NamedTuple):
    """A message marked with its context by :func:`NP_`, translated later by :func:`translate`."""

    context: str
    message: str


def N_(message: str) -> str:
    """Mark ``message`` for extraction, leaving it untranslated (module-level constants)."""
    return message


def NP_(context: str, message: str) -> ContextMessage:
    """Mark ``message`` with a ``context`` (the same English word meaning two things)."""
    return ContextMessage(context, message)


def normalize_code(code: str) -> str | None:
    """``"es_MX"`` for "es-MX", "es_MX.UTF-8" or "es_MX@euro"; None for "", "C" and "POSIX"."""
    code = code.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if not code or code in ("C", "POSIX"):
        return None
    language, _sep, region = code.partition("_")
    if not language.isalpha():
        return None
    language = language.lower()
    return f"{language}_{region.upper()}" if region else language


def base_language(code: str) -> str:
    """ "es" for "es_MX"."""
    return code.split("_", 1)[0]


def available_languages(locale_dir: Path | None = None) -> tuple[str, ...]:
    """English and every language with a compiled catalogue, sorted: ("en", "es")."""
    folder = LOCALE_DIR if locale_dir is None else locale_dir
    found = {SOURCE_LANGUAGE}
    try:
        entries = list(folder.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
            found.add(entry.name)
    return tuple(sorted(found))


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the environment asks for, best first, as gettext reads them.

    The first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set gives the list (LANGUAGE may
    hold several, "es:en"); "C" and "POSIX" mean no preference.
    """
    env = os.environ if environ is None else environ
    for name in ENV_VARIABLES:
        value = env.get(name, "")
        if value:
            codes = [normalize_code(part) for part in value.split(":")]
            return [code for code in codes if code is not None]
    return []


def match_language(code: str, available: Iterable[str]) -> str | None:
    """The locale to use for ``code`` if its language (or the code itself) has a catalogue."""
    normalized = normalize_code(code)
    if normalized is None:
        return None
    languages = set(available)
    if normalized in languages or base_language(normalized) in languages:
        return normalized
    return None


def choose_locale(
    explicit: str | None = None,
    preferred: Iterable[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    locale_dir: Path | None = None,
) -> str:
    """The locale for the app: ``explicit`` if it has a catalogue, else the first of ``preferred``
    (the UI layer's list, e.g. QLocale.uiLanguages()) or, without that list, of the system's
    environment variables; else English. The result keeps the region ("es_MX") for formats."""
    available = available_languages(locale_dir)
    candidates: list[str] = [explicit] if explicit else []
    candidates += list(preferred) if preferred is not None else system_languages(environ)
    for candidate in candidates:
        chosen = match_language(candidate, available)
        if chosen is not None:
            return chosen
    return SOURCE_LANGUAGE


class Translator:
    """The app's words in one locale: gettext methods plus locale-aware formatters."""

    def __init__(self, locale: str, translations: _gettext.NullTranslations) -> None:
        self.locale = locale
        self.language = base_language(locale)
        self._translations = translations
        self._formats: Formats | None = None

    def __repr__(self) -> str:
        return f"Translator({self.locale!r})"

    def gettext(self, message: str) -> str:
        # gettext("") would return the catalogue's header.
        return self._translations.gettext(message) if message else message

    _ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, message) if message else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translations.npgettext(context, singular, plural, n)

    def translate(self, marked: str | ContextMessage) -> str:
        """A message marked with :func:`N_` or :func:`NP_`, translated."""
        if isinstance(marked, ContextMessage):
            return self.pgettext(marked.context, marked.message)
        return self.gettext(marked)

    @property
    def formats(self) -> Formats:
        """Dates, numbers, ages and paper size in this locale (imports Babel on first use)."""
        if self._formats is None:
            from journal_app.i18n_format import Formats

            self._formats = Formats(self)
        return self._formats


def _load(locale: str, locale_dir: Path) -> _gettext.NullTranslations:
    if base_language(locale) == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    try:
        # gettext tries "es_MX" then "es".
        return _gettext.translation(DOMAIN, locale_dir, languages=[locale])
    except OSError:
        return _gettext.NullTranslations()


@cache
def _translator(locale: str, locale_dir: Path) -> Translator:
    return Translator(locale, _load(locale, locale_dir))


def translator_for(code: str, *, locale_dir: Path | None = None) -> Translator:
    """A translator for ``code`` ("es", "en_US"), separate from the app's; English when there is
    no catalogue for it. The same code gives the same (cached) translator."""
    locale = match_language(code, available_languages(locale_dir)) or SOURCE_LANGUAGE
    return _translator(locale, LOCALE_DIR if locale_dir is None else locale_dir)


_app_translator: Translator = _translator(SOURCE_LANGUAGE, LOCALE_DIR)
_speaking: ContextVar[Translator | None] = ContextVar("crawl_journal_speaking", default=None)


def setup(
    explicit: str | None = None,
    preferred: Iterable[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    locale_dir: Path | None = None,
) -> Translator:
    """Choose the app's language (see :func:`choose_locale`) and make it current everywhere.
    Called once at start-up, before any window or message is made."""
    global _app_translator
    locale = choose_locale(explicit, preferred, environ=environ, locale_dir=locale_dir)
    _app_translator = _translator(locale, LOCALE_DIR if locale_dir is None else locale_dir)
    return _app_translator


def app_translator() -> Translator:
    """The app's translator (English until :func:`setup` runs)."""
    return _app_translator


def current() -> Translator:
    """The translator in force here: the one of an enclosing :func:`speaking`, else the app's."""
    return _speaking.get() or _app_translator


@contextmanager
def speaking(translator: Translator) -> Iterator[Translator]:
    """Within the block (this thread or task only), ``_()`` and the rest use ``translator``."""
    token = _speaking.set(translator)
    try:
        yield translator
    finally:
        _speaking.reset(token)


def gettext(message: str) -> str:
    return current().gettext(message)


def _(message: str) -> str:
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return current().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return current().npgettext(context, singular, plural, n)


def translate(marked: str | ContextMessage) -> str:
    """A message marked with :func:`N_` or :func:`NP_`, in the current language."""
    return current().translate(marked)


def formats() -> Formats:
    """The current translator's dates, numbers and ages."""
    return current().formats
