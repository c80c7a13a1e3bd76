"""The command line in the parent's language: ``--language CODE``, the system's language
(LANGUAGE / LC_ALL / LC_MESSAGES / LANG), and ``summary --language`` for the doctor's summary,
independent of the app's."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pypdf import PdfReader

from journal_app import i18n
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import ROOT, cli
from tests.helpers.constants import TODAY

HEADING = "MOVEMENT SUMMARY FOR THE DOCTOR"
FOOTER = "Page {page} of {pages}"


def speak_spanish_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of a Spanish system (Linux: gettext reads these variables)."""
    for name in i18n.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")


def run(*args: str, lang: str | None) -> subprocess.CompletedProcess[str]:
    """``python -m journal_app ARGS`` as its own process, with LANG set to ``lang`` only."""
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENV_VARIABLES}
    env.pop("CRAWL_JOURNAL_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "journal_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )


def make_journal(data_dir: Path) -> None:
    """Maya's journal: a week of backward crawling in November 2026."""
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
        assert maya.id is not None
        for day in range(1, 8):
            ctx.journal.save_day(
                DayEntry(
                    maya.id,
                    date(2026, 11, day),
                    movements={MovementStyle.BACKWARD: MovementCount(3)},
                )
            )
    finally:
        ctx.close()


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_language_es_speaks_spanish_in_the_commands_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    made = cli(capsys, data_dir, "--language", "es", "backup")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Copia de seguridad guardada en ")
    missing = tmp_path / "no-such-backup.sqlite3"
    refused = cli(capsys, data_dir, "--language", "es", "restore", str(missing))
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"No hay ninguna copia de seguridad en {missing}"
    nobody = cli(capsys, data_dir, "--language", "es", "export", "--child", "Nadie", "-o", "x")
    assert nobody.returncode == 1
    assert "No hay ningún niño o niña con el nombre «Nadie»" in nobody.stderr
    assert "(niños: ninguno todavía)" in nobody.stderr
    # And the same commands in English without the flag (the test process speaks English).
    english = cli(capsys, data_dir, "restore", str(missing))
    assert english.stderr.strip() == f"No backup file at {missing}"


def test_the_help_and_the_usage_errors_are_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    helped = cli(capsys, None, "--language", "es", "--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("uso: crawl-journal")
    assert "idioma de la aplicación y de sus mensajes (en, es)" in helped.stdout
    assert "muestra esta ayuda y termina" in helped.stdout
    assert "guarda en PDF el resumen para la consulta médica" in helped.stdout
    summary_help = cli(capsys, None, "--language", "es", "summary", "--help")
    assert "idioma del resumen (en, es)" in summary_help.stdout
    assert "el nombre del niño o la niña" in summary_help.stdout
    bad_date = cli(capsys, None, "--language", "es", "summary", "--child", "M", "--from", "ayer")
    assert bad_date.returncode == 2
    assert "'ayer' no es una fecha con la forma AAAA-MM-DD" in bad_date.stderr
    assert "crawl-journal summary: error:" in bad_date.stderr


def test_an_unknown_language_is_refused_before_anything_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    done = cli(capsys, data_dir, "--language", "xx", "check")
    assert done.returncode == 2
    assert done.stderr.strip() == "There is no 'xx' translation (available: en, es)."
    assert done.stdout == ""
    assert not data_dir.exists()
    for_summary = cli(
        capsys, data_dir, "summary", "--child", "Maya", "-o", "m.pdf", "--language=fr"
    )
    assert for_summary.returncode == 2
    assert "There is no 'fr' translation (available: en, es)." in for_summary.stderr
    assert not data_dir.exists()


def test_a_spanish_system_gives_spanish_and_the_flag_overrides_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    speak_spanish_system(monkeypatch)
    data_dir = tmp_path / "journal"
    spanish = cli(capsys, data_dir, "backup")
    assert spanish.stdout.startswith("Copia de seguridad guardada en "), spanish.stdout
    english = cli(capsys, data_dir, "--language", "en", "backup")
    assert english.stdout.startswith("Backup written to "), english.stdout


def test_lang_es_in_a_real_process_and_an_unknown_code_exits_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    spanish = run("--data-dir", str(data_dir), "backup", lang="es_ES.UTF-8")
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith("Copia de seguridad guardada en ")
    english = run("--data-dir", str(data_dir), "backup", lang="C.UTF-8")
    assert english.stdout.startswith("Backup written to ")
    unknown_dir = tmp_path / "never made"
    unknown = run("--data-dir", str(unknown_dir), "--language", "xx", lang="es_ES.UTF-8")
    assert unknown.returncode == 2
    assert "(disponibles: en, es)" in unknown.stderr  # told in the system's language
    assert "Traceback" not in unknown.stderr
    assert not unknown_dir.exists()


def test_summary_language_en_from_a_spanish_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    speak_spanish_system(monkeypatch)
    data_dir = tmp_path / "journal"
    make_journal(data_dir)
    out = tmp_path / "for-the-doctor.pdf"
    done = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(out), "--language", "en")
    assert done.returncode == 0, done.stderr
    # The summary speaks the doctor's language; the command itself still speaks the app's.
    assert done.stdout.strip() == f"Resumen guardado en {out}"
    text = pdf_text(out)
    for english in (HEADING, "Maya", "Backward crawling", "Page 1 of"):
        assert english in text, english


def _catalogue_with_footer(folder: Path, footer: str) -> Path:
    """A copy of the Spanish catalogue in which the summary's page footer is translated."""
    source = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with source.open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    message = catalogue.get(FOOTER)
    assert message is not None, "the summary's footer is no longer a message"
    message.string = footer
    message.flags.discard("fuzzy")
    target = folder / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / f"{i18n.DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    return folder


def test_summary_language_es_makes_the_documents_words_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The summary's own texts are translated on another branch; a catalogue that has its
    # footer shows that the document asks the summary's language, not the app's.
    folder = _catalogue_with_footer(tmp_path / "locale", "Página {page} de {pages}")
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    data_dir = tmp_path / "journal"
    make_journal(data_dir)
    spanish_pdf = tmp_path / "es.pdf"
    done = cli(capsys, data_dir, "summary", "--child", "Maya", "-o", str(spanish_pdf), "--language", "es")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Summary written to {spanish_pdf}"  # the app speaks English
    assert "Página 1 de" in pdf_text(spanish_pdf)
    assert "Page 1 of" not in pdf_text(spanish_pdf)
    # Without summary --language, the summary follows the app's language (here --language es).
    default_pdf = tmp_path / "default.pdf"
    done = cli(capsys, data_dir, "--language", "es", "summary", "--child", "Maya", "-o", str(default_pdf))  # fmt: skip
    assert done.stdout.strip() == f"Resumen guardado en {default_pdf}"
    assert "Página 1 de" in pdf_text(default_pdf)
    # And the app's Spanish does not leak into an English summary.
    english_pdf = tmp_path / "en.pdf"
    cli(capsys, data_dir, "--language", "es", "summary", "--child", "Maya", "-o", str(english_pdf), "--language", "en")  # fmt: skip
    assert "Page 1 of" in pdf_text(english_pdf)
