"""Keep the translation catalogues up to date (a developer's tool; the app never runs it).

    python -m journal_app.i18n_tools update      # extract -> .pot, merge into every .po, compile .mo
    python -m journal_app.i18n_tools add fr      # start a new language from the template
    python -m journal_app.i18n_tools compile     # .po -> .mo only
    python -m journal_app.i18n_tools check       # exit 1 if the .pot or a .mo is out of date

It does what ``pybabel extract -F babel.cfg -k ... / update / compile`` do, with the project's
keywords and folders fixed here, so nobody has to remember them. See docs/translating.md.
"""

from __future__ import annotations

import argparse
import gettext
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from journal_app import __version__
from journal_app.i18n import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
MAPPING_FILE = PROJECT_DIR / "babel.cfg"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

#: The translation functions and markers of journal_app.i18n, as Babel keyword specs.
KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    # Qt's calls, answered from the same catalogue by i18n_qt.GettextTranslator: self.tr(text,
    # disambiguation), QCoreApplication.translate(qt_context, text, disambiguation) and the UI's
    # module helpers _tr(text). Qt's own context (a class name) is not part of the message.
    # (A spec per number of arguments; i18n.translate(marked), one argument, is not a message.)
    "tr": {1: (1,), 2: (1, (2, "c"))},
    "translate": {2: (2,), 3: (2, (3, "c"))},
    "_tr": None,
}
COMMENT_TAGS = ("Translators:",)
TEMPLATE_HEADER = """\
# Translations template for Crawl Journal: made by `python -m journal_app.i18n_tools update`.
# This file is distributed under the same license as the Crawl Journal project (MIT).
#"""


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def translated_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """Every marked message in journal_app/, as a template catalogue."""
    with MAPPING_FILE.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING_FILE))  # type: ignore[no-untyped-call]
    template = Catalog(
        project="Crawl Journal",
        version=__version__,
        copyright_holder="Crawl Journal contributors",
        msgid_bugs_address=None,
        charset="utf-8",
        fuzzy=False,
        header_comment=TEMPLATE_HEADER,
    )
    found = extract_from_dir(
        str(PROJECT_DIR),
        method_map,
        options_map,
        keywords=KEYWORDS,  # type: ignore[arg-type]
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        flags = ("python-brace-format",) if _has_brace_field(message) else ()
        template.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
            flags=flags,
        )
    return template


def _has_brace_field(message: str | tuple[str, ...]) -> bool:
    texts = (message,) if isinstance(message, str) else message
    return any("{" in text and "}" in text for text in texts)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, omit_header=False, ignore_obsolete=True)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _without_date_lines(data: bytes) -> bytes:
    """A catalogue's text without the header lines that change on every run."""
    keep = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')
    return b"\n".join(line for line in data.splitlines() if not line.startswith(keep))


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and _without_date_lines(path.read_bytes()) == _without_date_lines(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def compile_language(language: str) -> bool:
    """Write the .mo of ``language`` from its .po; True if it changed."""
    catalog = read_catalog(po_path(language), language)
    data = _mo_bytes(catalog)
    path = mo_path(language)
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def update(languages: Iterable[str] | None = None) -> list[Path]:
    """Extract the template, merge it into each language's .po, compile; the files changed."""
    changed: list[Path] = []
    template = extract()
    if _write_if_changed(TEMPLATE, _po_bytes(template)):
        changed.append(TEMPLATE)
    for language in languages or translated_languages():
        path = po_path(language)
        catalog = read_catalog(path, language)
        catalog.update(template, update_header_comment=False)
        if _write_if_changed(path, _po_bytes(catalog)):
            changed.append(path)
        if compile_language(language):
            changed.append(mo_path(language))
    return changed


def add_language(language: str) -> Path:
    """Start ``language``'s catalogue from the template (then translate it and run update)."""
    path = po_path(language)
    if path.exists():
        raise SystemExit(f"{path} already exists; run 'update' instead.")
    template = read_catalog(TEMPLATE)
    catalog = Catalog(locale=language, project="Crawl Journal", version=__version__, fuzzy=False)
    for message in template:
        if message.id:
            catalog.add(
                message.id,
                None,
                message.locations,
                flags=message.flags,
                auto_comments=message.auto_comments,
                context=message.context,
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))
    return path


def _messages(
    catalog: Catalog,
) -> dict[tuple[str | None, object], tuple[object, bool, frozenset[str]]]:
    """What a catalogue says, without locations and header: (context, id) -> (text, fuzzy, flags)."""
    return {
        (m.context, m.id): (_text(m.string), m.fuzzy, frozenset(m.flags - {"fuzzy"}))
        for m in catalog
        if m.id
    }


def _text(string: object) -> object:
    """A message's translation, "" when it has none (None, "" and ("", "") alike)."""
    if isinstance(string, tuple | list):
        return tuple(string) if any(string) else ""
    return string or ""


def _compiled(data: bytes) -> dict[object, str]:
    """The messages of a compiled catalogue, without its header."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    return {k: v for k, v in translations._catalog.items() if k != ""}  # type: ignore[attr-defined]


def stale_files() -> list[Path]:
    """The catalogue files whose messages ``update`` would change (empty when all is current).

    Only the messages count: a message that moved to another line, or a new creation date, does
    not make a file stale (``update`` still refreshes those when it runs).
    """
    stale: list[Path] = []
    template = extract()
    if not TEMPLATE.exists() or _messages(read_catalog(TEMPLATE)) != _messages(template):
        stale.append(TEMPLATE)
    for language in translated_languages():
        catalog = read_catalog(po_path(language), language)
        merged = read_catalog(po_path(language), language)
        merged.update(template, update_header_comment=False)
        if _messages(merged) != _messages(catalog):
            stale.append(po_path(language))
        path = mo_path(language)
        if not path.exists() or _compiled(path.read_bytes()) != _compiled(_mo_bytes(catalog)):
            stale.append(path)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m journal_app.i18n_tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("update", help="extract, merge into every .po and compile")
    p.add_argument("languages", nargs="*")
    sub.add_parser("compile", help="compile every .po into its .mo")
    p = sub.add_parser("add", help="start a new language's catalogue")
    p.add_argument("language")
    sub.add_parser("check", help="exit 1 if a catalogue file is out of date")
    args = parser.parse_args(argv)
    if args.command == "update":
        for path in update(args.languages or None):
            print(f"updated {path.relative_to(PROJECT_DIR)}")
    elif args.command == "compile":
        for language in translated_languages():
            if compile_language(language):
                print(f"compiled {mo_path(language).relative_to(PROJECT_DIR)}")
    elif args.command == "add":
        if args.language == SOURCE_LANGUAGE:
            raise SystemExit("English is the source language; it needs no catalogue.")
        print(f"created {add_language(args.language).relative_to(PROJECT_DIR)}")
    else:
        stale = stale_files()
        for path in stale:
            print(f"out of date: {path.relative_to(PROJECT_DIR)}", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
