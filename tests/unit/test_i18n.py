"""The translation mechanism: choosing the language, translators, context, marks, import cost."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from journal_app import i18n


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Each test may set the app's language; the next test starts in English again."""
    yield
    i18n.setup("en", [])


# -- choosing the language --------------------------------------------------------------------


def test_the_shipped_languages_are_english_and_spanish() -> None:
    assert i18n.available_languages() == ("en", "es")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es_ES"),
        ({"LANG": "es_MX.utf8"}, "es_MX"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en_US"),
        # LANGUAGE comes first and may list several; a language without a catalogue is skipped.
        ({"LANGUAGE": "fr:es", "LANG": "en_GB.UTF-8"}, "es"),
        ({"LANGUAGE": "fr_FR:de", "LANG": "es_AR.UTF-8"}, "en"),
        # The first variable that is set decides, as gettext reads them.
        ({"LC_ALL": "es_CL.UTF-8", "LANG": "en_US.UTF-8"}, "es_CL"),
        ({"LC_MESSAGES": "es_ES@euro", "LANG": "en_US.UTF-8"}, "es_ES"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "es_ES.UTF-8"}, "es_ES"),
        # "C" means no preference: English, even if LANG (read later) says otherwise.
        ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_language_comes_from_the_environment(
    environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose_locale(environ=environ) == expected


def test_an_explicit_code_beats_the_system() -> None:
    assert i18n.choose_locale("en", environ={"LANG": "es_ES.UTF-8"}) == "en"
    assert i18n.choose_locale("es", environ={"LANG": "en_US.UTF-8"}) == "es"
    assert i18n.choose_locale("es-MX", environ={}) == "es_MX"


def test_an_explicit_code_without_a_catalogue_falls_through_to_the_system() -> None:
    assert i18n.choose_locale("xx", environ={"LANG": "es_ES.UTF-8"}) == "es_ES"
    assert i18n.choose_locale("fr", environ={}) == "en"


def test_the_ui_layers_list_of_languages_replaces_the_environment() -> None:
    # QLocale.uiLanguages() on Windows or macOS: BCP 47 codes, best first.
    ui = ["fr-FR", "es-419", "en-US"]
    assert i18n.choose_locale(None, ui, environ={"LANG": "en_US.UTF-8"}) == "es_419"
    assert i18n.choose_locale(None, ["de-DE"], environ={"LANG": "es_ES.UTF-8"}) == "en"
    assert i18n.choose_locale("en", ui) == "en"


@pytest.mark.parametrize(
    ("code", "normalized"),
    [
        ("es-MX", "es_MX"),
        ("ES_mx.UTF-8", "es_MX"),
        ("es_ES@euro", "es_ES"),
        ("es", "es"),
        (" en_GB ", "en_GB"),
        ("C", None),
        ("C.UTF-8", None),
        ("", None),
        ("123", None),
    ],
)
def test_codes_are_normalized(code: str, normalized: str | None) -> None:
    assert i18n.normalize_code(code) == normalized


def test_setup_makes_the_chosen_language_current_for_every_layer() -> None:
    translator = i18n.setup(environ={"LANG": "es_ES.UTF-8"})
    assert translator is i18n.app_translator() is i18n.current()
    assert (translator.locale, translator.language) == ("es_ES", "es")
    assert i18n._("Nothing was changed.") == "No se ha cambiado nada."
    assert i18n.gettext("Exported to {path}").format(path="/tmp/x") == "Exportado a /tmp/x"
    assert i18n.pgettext("floor surface", "Other") == "Otro"
    assert i18n.ngettext("{count} day", "{count} days", 1) == "{count} día"
    assert i18n.ngettext("{count} day", "{count} days", 3) == "{count} días"
    # English comes back with an English setup: the source text, untouched.
    i18n.setup("en")
    assert i18n._("Nothing was changed.") == "Nothing was changed."
    assert i18n.ngettext("{count} day", "{count} days", 3) == "{count} days"


def test_a_message_with_no_translation_stays_in_english() -> None:
    i18n.setup("es")
    assert i18n._("A sentence nobody has translated") == "A sentence nobody has translated"
    assert i18n.pgettext("movement style", "Other") == "Other"  # the context counts


def test_the_empty_string_is_not_the_catalogue_header() -> None:
    i18n.setup("es")
    assert i18n._("") == ""
    assert i18n.pgettext("floor surface", "") == ""


# -- marks for module-level constants ---------------------------------------------------------


LABELS: dict[str, str | i18n.ContextMessage] = {
    "other": i18n.NP_("floor surface", "Other"),
    "done": i18n.N_("Nothing was changed."),
}


def test_marked_constants_are_translated_where_they_are_shown() -> None:
    assert LABELS["done"] == "Nothing was changed."  # marking changes nothing
    assert LABELS["other"] == ("floor surface", "Other")
    i18n.setup("es")
    assert i18n.translate(LABELS["other"]) == "Otro"
    assert i18n.translate(LABELS["done"]) == "No se ha cambiado nada."


# -- a separate translator for one job --------------------------------------------------------


def test_a_separate_translator_leaves_the_apps_language_alone() -> None:
    i18n.setup("es")
    english = i18n.translator_for("en")
    assert english.gettext("Nothing was changed.") == "Nothing was changed."
    assert english.pgettext("floor surface", "Other") == "Other"
    assert english.formats.date(date(2026, 12, 2)) == "2 Dec 2026"
    assert i18n._("Nothing was changed.") == "No se ha cambiado nada."
    assert i18n.formats().date(date(2026, 12, 2)) == "2 dic 2026"
    assert i18n.translator_for("en") is english  # cached


def test_a_spanish_summary_from_an_english_app() -> None:
    i18n.setup("en")
    spanish = i18n.translator_for("es")
    assert spanish.npgettext("no such context", "{count} day", "{count} days", 3) == "{count} days"
    assert spanish.ngettext("{count} day", "{count} days", 3) == "{count} días"
    assert spanish.translate(i18n.NP_("side of the body", "Left")) == "Izquierdo"
    assert spanish.formats.number(3.8) == "3,8"
    assert i18n.formats().number(3.8) == "3.8"


def test_a_translator_for_a_language_without_a_catalogue_is_english() -> None:
    fallback = i18n.translator_for("fr_FR")
    assert (fallback.locale, fallback.language) == ("en", "en")
    assert fallback.gettext("Nothing was changed.") == "Nothing was changed."


def test_speaking_switches_the_current_translator_for_a_block_only() -> None:
    i18n.setup("es")
    with i18n.speaking(i18n.translator_for("en")) as english:
        assert i18n.current() is english
        assert i18n._("Nothing was changed.") == "Nothing was changed."
        assert i18n.formats().months(13.5) == "13.5 months"
        with i18n.speaking(i18n.translator_for("es")):
            assert i18n._("Nothing was changed.") == "No se ha cambiado nada."
        assert i18n._("Nothing was changed.") == "Nothing was changed."
    assert i18n._("Nothing was changed.") == "No se ha cambiado nada."
    assert i18n.formats().months(13.5) == "13,5 meses"


def test_speaking_in_one_thread_does_not_change_another() -> None:
    i18n.setup("es")
    seen: list[str] = []
    with i18n.speaking(i18n.translator_for("en")):
        worker = threading.Thread(target=lambda: seen.append(i18n._("Nothing was changed.")))
        worker.start()
        worker.join()
        assert i18n._("Nothing was changed.") == "Nothing was changed."
    assert seen == ["No se ha cambiado nada."]


# -- start-up cost ----------------------------------------------------------------------------


def test_translating_does_not_import_babel_until_a_formatter_is_used() -> None:
    code = (
        "import sys\n"
        "from journal_app import i18n\n"
        "i18n.setup(environ={'LANG': 'es_ES.UTF-8'})\n"
        "assert i18n._('Nothing was changed.') == 'No se ha cambiado nada.'\n"
        "i18n.pgettext('floor surface', 'Other'); i18n.translator_for('en')\n"
        "before = sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.'))\n"
        "import datetime\n"
        "text = i18n.formats().date(datetime.date(2026, 12, 2))\n"
        "print(before, 'babel' in sys.modules, text, 'PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["[]", "True", "2", "dic", "2026", "False"]
