"""Every language's guidance content has every tip, flag, about item and source of the English one,
with the same placeholders and the same figures (written with the language's decimal mark)."""

from __future__ import annotations

import re
import string
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from journal_app.services.guidance import parse_content

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ENGLISH = RESOURCES / "guidance.toml"
TRANSLATIONS = sorted(RESOURCES.glob("guidance.*.toml"))
#: The decimal mark each language writes in prose.
DECIMAL_MARK = {"es": ","}
#: Keys whose values are not prose (ids and references to other keys).
NOT_PROSE = {"id", "source"}


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _language(path: Path) -> str:
    return path.name.split(".")[1]


def _leaves(node: Any, where: str = "") -> dict[str, Any]:
    """Every value by its path; arrays of tables are keyed by their items' ids."""
    if isinstance(node, dict):
        result: dict[str, Any] = {}
        for key, value in node.items():
            result.update(_leaves(value, f"{where}.{key}" if where else key))
        return result
    if isinstance(node, list) and node and all(isinstance(item, dict) for item in node):
        result = {}
        for item in node:
            result.update(_leaves(item, f"{where}[{item['id']}]"))
        return result
    return {where: node}


def _fields(text: str) -> Counter[str]:
    return Counter(name for _l, name, _s, _c in string.Formatter().parse(text) if name is not None)


def _figures(text: str, mark: str) -> Counter[str]:
    """The numbers in ``text``, decimals written with a point whatever the language's mark."""
    number = re.compile(r"\d+(?:" + re.escape(mark) + r"\d+)?")
    return Counter(match.replace(mark, ".") for match in number.findall(text))


def test_there_is_a_spanish_guidance_file() -> None:
    assert [_language(p) for p in TRANSLATIONS] == ["es"]


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    return _leaves(_load(ENGLISH))


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_language)
def test_every_key_id_and_source_is_there(path: Path, english: dict[str, Any]) -> None:
    translated = _leaves(_load(path))
    assert sorted(translated) == sorted(english)
    for key, value in english.items():
        if key.rsplit(".", 1)[-1] in NOT_PROSE:
            assert translated[key] == value, key
        assert type(translated[key]) is type(value), key


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_language)
def test_every_text_is_translated_with_the_same_placeholders(
    path: Path, english: dict[str, Any]
) -> None:
    translated = _leaves(_load(path))
    for key, value in english.items():
        if not isinstance(value, str) or key.rsplit(".", 1)[-1] in NOT_PROSE:
            continue
        assert _fields(translated[key]) == _fields(value), key
        if any(c.isalpha() for c in value) and len(value) > 12:
            assert translated[key] != value, f"{key} is still in English"


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_language)
def test_the_figures_are_the_published_ones(path: Path, english: dict[str, Any]) -> None:
    mark = DECIMAL_MARK.get(_language(path), ".")
    translated = _leaves(_load(path))
    for key, value in english.items():
        if isinstance(value, str) and key.rsplit(".", 1)[-1] not in NOT_PROSE:
            assert _figures(translated[key], mark) == _figures(value, "."), key


def test_spanish_writes_the_decimal_comma() -> None:
    text = (RESOURCES / "guidance.es.toml").read_text(encoding="utf-8")
    assert "5,2" in text and "13,5" in text and "4,3" in text
    assert not re.search(r"\d\.\d", text)  # no English decimal point left anywhere


@pytest.mark.parametrize("path", TRANSLATIONS, ids=_language)
def test_the_app_reads_the_translated_content(path: Path) -> None:
    content = parse_content(path.read_text(encoding="utf-8"))
    english = parse_content(ENGLISH.read_text(encoding="utf-8"))
    assert content.tips.keys() == english.tips.keys()
    assert [item.id for item in content.about] == [item.id for item in english.about]
    assert len(content.months) == 12


def test_the_spanish_wording_uses_the_projects_terms_and_register() -> None:
    text = (RESOURCES / "guidance.es.toml").read_text(encoding="utf-8")
    data = _load(RESOURCES / "guidance.es.toml")
    assert data["worried"] == "Si le preocupa, hable con el médico de su hijo/a."
    for term in (
        "gateo hacia atrás",
        "gateo sobre manos y rodillas",
        "gateo de oso",
        "arrastrarse sobre la barriga",
        "edad corregida",
        "la OMS",
        "los CDC",
        "«Aprenda los signos. Reaccione pronto.»",
        "windows of achievement for six gross motor development milestones",
    ):
        assert term in text, term
    # One register: usted, never tú.
    for informal in (" tu hijo", " tú ", "habla con", " puedes ", " te "):
        assert informal not in text, informal
    assert "diagnostica" in data["disclaimer"] and "no diagnostica" in data["disclaimer"]
