"""The catalogue tool on a small project of its own: extract, add a language, update, compile,
check; and the app then speaks the new language. Adding a language is these commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journal_app import i18n, i18n_tools

SOURCE = """
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from journal_app.i18n import N_, NP_, _, ngettext, npgettext, pgettext, translate
from journal_app.ui.printing.summary_document import _tr

LABEL = NP_("floor surface", "Other")
PLAIN = N_("Saved")


def messages(n: int) -> list[str]:
    return [
        # Translators: shown after an export.
        _("Exported to {path}"),
        ngettext("{count} day", "{count} days", n),
        pgettext("side of the body", "Left"),
        npgettext("tummy time", "{count} minute", "{count} minutes", n),
        len("not a message"),
        translate(LABEL),
    ]


class Form(QWidget):
    def words(self) -> list[str]:
        return [
            self.tr("Save the day"),
            self.tr("Right", "side of the body"),
            QCoreApplication.translate("SummaryDocument", "Page {page} of {pages}"),
            QCoreApplication.translate("SummaryDocument", "Both", "side of the body"),
            _tr("Working…"),
        ]
"""

FRENCH = {
    "Other": "Autre",
    "Saved": "Enregistré",
    "Exported to {path}": "Exporté vers {path}",
    "{count} day": ("{count} jour", "{count} jours"),
    "Left": "Gauche",
    "{count} minute": ("{count} minute", "{count} minutes"),
    "Save the day": "Enregistrer la journée",
    "Right": "Droite",
    "Page {page} of {pages}": "Page {page} sur {pages}",
    "Both": "Les deux",
    "Working…": "En cours…",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "journal_app").mkdir()
    (tmp_path / "journal_app" / "sample.py").write_text(SOURCE, encoding="utf-8")
    mapping = tmp_path / "babel.cfg"
    # The mapping the project will use once every module is wired (babel.cfg says so).
    mapping.write_text("[python: journal_app/**.py]\nencoding = utf-8\n", encoding="utf-8")
    locale_dir = tmp_path / "journal_app" / "locale"
    monkeypatch.setattr(i18n_tools, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(i18n_tools, "MAPPING_FILE", mapping)
    monkeypatch.setattr(i18n_tools, "LOCALE_DIR", locale_dir)
    monkeypatch.setattr(i18n_tools, "TEMPLATE", locale_dir / "crawl_journal.pot")
    return tmp_path


def test_extraction_finds_every_kind_of_marked_message(project: Path) -> None:
    found = {(m.context, m.id): m for m in i18n_tools.extract() if m.id}
    assert set(found) == {
        ("floor surface", "Other"),
        (None, "Saved"),
        (None, "Exported to {path}"),
        (None, ("{count} day", "{count} days")),
        ("side of the body", "Left"),
        ("tummy time", ("{count} minute", "{count} minutes")),
        # Qt's calls in widgets: self.tr(text[, disambiguation]), translate(ctx, text[, d]), _tr.
        (None, "Save the day"),
        ("side of the body", "Right"),
        (None, "Page {page} of {pages}"),
        ("side of the body", "Both"),
        (None, "Working…"),
    }
    assert "python-brace-format" in found[(None, "Exported to {path}")].flags
    assert "python-brace-format" not in found[(None, "Saved")].flags
    assert found[(None, "Exported to {path}")].auto_comments == ["shown after an export."]


def test_adding_a_language_is_mechanical(project: Path) -> None:
    assert i18n_tools.main(["update"]) == 0
    assert i18n_tools.TEMPLATE.is_file()
    assert i18n_tools.main(["add", "fr"]) == 0
    assert i18n_tools.main(["check"]) == 1  # the French .mo is not compiled yet

    po = i18n_tools.po_path("fr")
    catalog = i18n_tools.read_catalog(po, "fr")
    message: Any
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            text = FRENCH[key]
            if isinstance(text, tuple):  # every plural form the header asks for (CLDR: 3)
                text = (text[0],) + (text[1],) * (catalog.num_plurals - 1)
            message.string = text
    po.write_bytes(i18n_tools._po_bytes(catalog))
    assert i18n_tools.main(["update"]) == 0
    assert i18n_tools.main(["check"]) == 0

    locale_dir = project / "journal_app" / "locale"
    assert i18n.available_languages(locale_dir) == ("en", "fr")
    assert i18n.choose_locale(environ={"LANG": "fr_CA.UTF-8"}, locale_dir=locale_dir) == "fr_CA"
    french = i18n.translator_for("fr", locale_dir=locale_dir)
    assert french.gettext("Exported to {path}").format(path="x") == "Exporté vers x"
    assert french.pgettext("floor surface", "Other") == "Autre"
    assert french.ngettext("{count} day", "{count} days", 2) == "{count} jours"
    assert (
        french.npgettext("tummy time", "{count} minute", "{count} minutes", 1) == "{count} minute"
    )
    assert french.formats.number(3.8) == "3,8"  # CLDR, with no code for French


def test_a_new_message_makes_the_catalogues_stale_until_update(project: Path) -> None:
    i18n_tools.main(["update"])
    i18n_tools.main(["add", "fr"])
    i18n_tools.main(["update"])
    assert i18n_tools.stale_files() == []
    source = project / "journal_app" / "sample.py"
    # Moving code to other lines changes nothing that matters.
    source.write_text("\n\n\n" + SOURCE, encoding="utf-8")
    assert i18n_tools.stale_files() == []
    source.write_text(SOURCE + '\nNEW = N_("A new message")\n', encoding="utf-8")
    assert i18n_tools.stale_files() == [i18n_tools.TEMPLATE, i18n_tools.po_path("fr")]
    i18n_tools.main(["update"])
    assert i18n_tools.stale_files() == []
    new = i18n_tools.read_catalog(i18n_tools.po_path("fr"), "fr").get("A new message")
    assert new is not None and not new.string


def test_the_projects_mapping_extracts_every_module_of_the_app() -> None:
    """Every layer's messages land in the one catalogue: domain, services, cli and the widgets'
    tr() calls alike."""
    mapping = i18n_tools.MAPPING_FILE.read_text(encoding="utf-8")
    assert "[python: journal_app/**.py]" in mapping
    files = {location[0] for m in i18n_tools.extract() for location in m.locations}
    assert "journal_app/i18n_vocabulary.py" in files
    assert any(name.startswith("journal_app/ui/") for name in files)


def test_english_needs_no_catalogue(project: Path) -> None:
    with pytest.raises(SystemExit):
        i18n_tools.main(["add", "en"])
