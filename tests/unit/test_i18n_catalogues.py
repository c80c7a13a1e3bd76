"""The catalogues: complete, placeholders kept, compiled and current, and the vocabulary's English
exactly the wording the app shows today."""

from __future__ import annotations

import gettext
import string
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog

from journal_app import i18n, i18n_tools, i18n_vocabulary
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign

PROJECT = Path(__file__).resolve().parents[2]


def _catalog(language: str) -> Catalog:
    return i18n_tools.read_catalog(i18n_tools.po_path(language), language)


def _entries(catalog: Catalog) -> list[Any]:  # babel's Message, loosely typed
    return [message for message in catalog if message.id]


def _fields(text: str) -> list[tuple[str, str | None, str | None]]:
    """The str.format fields of ``text`` as (name, conversion, format spec), sorted."""
    return sorted(
        (name, conversion, spec)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


TRANSLATED = i18n_tools.translated_languages()


def test_spanish_is_a_translated_language() -> None:
    assert TRANSLATED == ["es"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    assert not catalog.fuzzy
    entries = _entries(catalog)
    assert len(entries) > 90
    untranslated = [m.id for m in entries if not m.string or not all(m.string)]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert catalog.obsolete == {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_placeholder_is_kept(language: str) -> None:
    for message in _entries(_catalog(language)):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = _fields(ids[-1])
        assert _fields(ids[0]) == expected, f"singular and plural differ: {message.id!r}"
        for text in strings:
            assert _fields(text) == expected, f"{message.id!r} -> {text!r}"
        if expected:
            assert "python-brace-format" in message.flags


def test_the_spanish_catalogue_has_spanish_plural_forms() -> None:
    catalog = _catalog("es")
    assert catalog.num_plurals >= 2
    assert catalog.plural_expr.startswith("(n == 1 ? 0")


def test_the_catalogues_are_current_with_the_code() -> None:
    """The .pot holds every marked message of journal_app/, each .po is merged and each .mo is
    compiled from its .po: otherwise run `python -m journal_app.i18n_tools update`."""
    assert i18n_tools.stale_files() == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_one_the_app_loads(language: str) -> None:
    mo = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert mo.is_file()
    loaded = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=[language])
    for message in _entries(_catalog(language)):
        if isinstance(message.id, tuple):
            singular, plural = message.id
            if message.context:
                got = loaded.npgettext(message.context, singular, plural, 1)
            else:
                got = loaded.ngettext(singular, plural, 1)
            assert got == message.string[0]
        elif message.context:
            assert loaded.pgettext(message.context, message.id) == message.string
        else:
            assert loaded.gettext(message.id) == message.string


def test_the_package_ships_the_catalogues() -> None:
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["journal_app"]
    package = PROJECT / "journal_app"
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    for language in TRANSLATED:
        assert i18n_tools.po_path(language) in shipped
        assert i18n_tools.mo_path(language) in shipped
    assert i18n_tools.TEMPLATE in shipped
    assert "babel" in " ".join(pyproject["project"]["dependencies"])


def test_same_english_word_in_two_roles_has_two_contexts() -> None:
    contexts = {m.context for m in _entries(_catalog("es")) if m.id == "Other"}
    assert contexts == {"floor surface"}
    spanish = i18n.translator_for("es")
    assert spanish.pgettext("side of the body", "Left") == "Izquierdo"
    assert spanish.pgettext("short movement name", "back") == "atrás"
    assert spanish.pgettext("milestone", "Walks alone") == "Camina sin ayuda"
    assert spanish.pgettext("movement style", "Walking alone") == "Caminar sin ayuda"


# -- the vocabulary: today's English, every member ------------------------------------------------


@pytest.mark.parametrize(
    ("members", "table"),
    [
        (MovementStyle, i18n_vocabulary.MOVEMENT_LABELS),
        (Milestone, i18n_vocabulary.MILESTONE_LABELS),
        (WarningSign, i18n_vocabulary.WARNING_SIGN_LABELS),
        (Side, i18n_vocabulary.SIDE_LABELS),
        (FloorSurface, i18n_vocabulary.FLOOR_LABELS),
    ],
)
def test_the_vocabulary_is_the_apps_english_wording(
    members: Any, table: dict[str, i18n.ContextMessage]
) -> None:
    assert set(table) == {member.value for member in members}
    english = i18n.translator_for("en")
    spanish = i18n.translator_for("es")
    for member in members:
        assert english.translate(table[member.value]) == member.label
        assert spanish.translate(table[member.value]) != member.label


def test_the_short_movement_names_cover_every_style() -> None:
    assert set(i18n_vocabulary.MOVEMENT_SHORT_NAMES) == {style.value for style in MovementStyle}


def test_the_used_less_sides_match_the_warning_sign_wording() -> None:
    for side in (Side.LEFT, Side.RIGHT):
        marked = i18n_vocabulary.SIDE_USED_LESS[side.value]
        assert marked.message == WarningSign.FAVOURS_ONE_SIDE.describe_side(side)


def test_the_spanish_catalogue_keeps_one_register_usted() -> None:
    texts = []
    for message in _entries(_catalog("es")):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts += [f" {text} " for text in strings]
    joined = " ".join(texts)
    for informal in (" tú ", " tu ", " te ", " puedes ", " cierra ", " elige "):
        assert informal not in joined, informal
    assert "cierre primero la aplicación" in joined  # usted's imperative
