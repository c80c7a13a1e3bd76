"""The system's and SQLite's words, the check's report, restore refusals, output refusals and the
import's report in Spanish; in English each reads as it always did."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal_app import i18n
from journal_app.domain.errors import (
    OUTPUT_EXISTS,
    JournalDamagedError,
    JournalError,
    OutputRefused,
    os_error_text,
)
from journal_app.services.backups import IntegrityReport, verify_backup
from journal_app.services.portability.common import ImportRefused, ImportReport
from journal_app.services.portability.csv_export import csv_tables
from journal_app.storage.sqlite_errors import journal_error, sqlite_error_text
from tests.helpers.journals import schema_revision_only


@pytest.fixture
def spanish() -> Iterator[i18n.Translator]:
    with i18n.speaking(i18n.translator_for("es")) as translator:
        yield translator


def english() -> i18n.Translator:
    return i18n.translator_for("en")


def os_error(code: int, path: str = "/tmp/x") -> OSError:
    """An OSError as the system raises it: its errno and the system's own wording."""
    return OSError(code, os.strerror(code), path)


SPANISH_OS_TEXTS = {
    errno.ENOENT: "No existe el archivo o la carpeta",
    errno.EISDIR: "Es una carpeta",
    errno.EACCES: "Permiso denegado",
    errno.ENOSPC: "No queda espacio en el dispositivo",
    errno.EROFS: "Sistema de archivos de solo lectura",
    errno.EEXIST: "El archivo ya existe",
    errno.ENOTDIR: "No es una carpeta",
}


def test_the_systems_errors_are_worded_in_the_current_language(spanish: i18n.Translator) -> None:
    for code, words in SPANISH_OS_TEXTS.items():
        assert os_error_text(os_error(code)) == words
    with i18n.speaking(english()):
        for code in SPANISH_OS_TEXTS:
            assert os_error_text(os_error(code)) == os.strerror(code)


def test_an_error_worded_by_the_app_or_unknown_to_the_table_keeps_its_words(
    spanish: i18n.Translator,
) -> None:
    ours = OSError(errno.ENOENT, "La carpeta /x no existe", "/x/a.pdf")
    assert os_error_text(ours) == "La carpeta /x no existe"
    assert os_error_text(OSError("plain text")) == "plain text"
    assert os_error_text(os_error(errno.ECHILD)) == os.strerror(errno.ECHILD)


def sqlite_error(data: bytes, tmp_path: Path) -> sqlite3.DatabaseError:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(data)
    try:
        with sqlite3.connect(junk) as conn:
            conn.execute("PRAGMA schema_version").fetchall()
    except sqlite3.DatabaseError as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("SQLite read junk as a database")


def test_sqlites_words_are_translated_by_result_code(
    spanish: i18n.Translator, tmp_path: Path
) -> None:
    exc = sqlite_error(b"root:x:0:0:root:/root:/bin/bash\n" * 100, tmp_path)
    assert str(exc) == "file is not a database"
    assert sqlite_error_text(exc) == "el archivo no es una base de datos"
    error = journal_error(exc, tmp_path / "junk.sqlite3")
    assert isinstance(error, JournalDamagedError)
    assert "(el archivo no es una base de datos)" in str(error)
    with i18n.speaking(english()):
        assert sqlite_error_text(exc) == "file is not a database"
        assert "looks damaged (file is not a database)" in str(journal_error(exc, tmp_path))


def test_the_check_report_in_spanish_and_in_english(spanish: i18n.Translator) -> None:
    report = IntegrityReport(
        False,
        ["la tabla tip_tried no está"],
        {"child": 2, "journal_day": 40, "something_new": 3},
        ["x.wal es una copia"],
    )
    assert report.describe().splitlines() == [
        "Comprobación del diario: SE HAN ENCONTRADO PROBLEMAS",
        "  niños: 2",
        "  días del diario: 40",
        "  something_new: 3",
        "  problema: la tabla tip_tried no está",
        "  nota: x.wal es una copia",
    ]
    with i18n.speaking(english()):
        assert report.describe().splitlines() == [
            "Journal check: PROBLEMS FOUND",
            "  child: 2",
            "  journal_day: 40",
            "  something_new: 3",
            "  problem: la tabla tip_tried no está",
            "  note: x.wal es una copia",
        ]
        assert IntegrityReport(True, [], {}).describe() == "Journal check: OK"


def test_restore_refusals_are_spanish(spanish: i18n.Translator, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(JournalError) as refused:
        verify_backup(missing)
    assert str(refused.value) == (
        f"No hay ninguna copia de seguridad en {missing}. El diario no ha cambiado."
    )
    hollow = schema_revision_only(tmp_path / "hollow.sqlite3")
    with pytest.raises(JournalError) as refused:
        verify_backup(hollow)
    text = str(refused.value)
    assert text.startswith(f"{hollow} no es una copia de seguridad completa de Crawl Journal")
    assert "(falta: niños, días del diario, fotos y vídeos, hitos," in text
    assert text.endswith("El diario no ha cambiado.")


def test_an_output_refusal_is_one_sentence_per_reason(spanish: i18n.Translator) -> None:
    refused = OutputRefused(Path("/tmp/e1.json"), OUTPUT_EXISTS)
    assert refused.reason == OUTPUT_EXISTS
    assert str(refused) == (
        "No se escribe en /tmp/e1.json: el archivo ya existe. Indique otro nombre, o añada "
        "--force para sustituirlo. No se ha escrito nada."
    )
    with i18n.speaking(english()):
        assert str(OutputRefused(Path("/tmp/e1.json"), OUTPUT_EXISTS)) == (
            "Not writing to /tmp/e1.json: the file already exists. Give another name, or add "
            "--force to replace it. Nothing was written."
        )


def test_the_import_report_and_refusal_place_are_spanish(spanish: i18n.Translator) -> None:
    report = ImportReport(added=3, updated=1, unchanged=2, removed=1, matched_without_uuid=2)
    lines = report.describe().splitlines()
    assert lines[0].startswith("Importación terminada: añadidos: 3; actualizados: 1;")
    assert lines[1].startswith("1 anotación de movimiento o de señal de alerta se ha quitado")
    assert lines[2].startswith("2 registros (niños, días, hitos...) ya existían aquí")
    where = ImportRefused("no vale", "children[1].days[1]", "floor")
    assert str(where) == "En children[1].days[1], campo «floor»: no vale"
    with i18n.speaking(english()):
        english_report = ImportReport(added=6).describe()
        assert english_report.startswith("Import finished: 6 added, 0 updated, 0 left alone")
        assert str(ImportRefused("bad", "children[1]", "floor")) == (
            'In children[1], field "floor": bad'
        )
        assert str(ImportRefused("bad", "children[1]")) == "In children[1]: bad"


def test_csv_words_are_read_when_the_export_is_made(spanish: i18n.Translator) -> None:
    document = {
        "children": [
            {
                "name": "Maya",
                "birth_date": "2026-03-01",
                "due_date": None,
                "days": [],
                "milestones": [
                    {
                        "milestone": "sitting_without_support",
                        "achieved_on": None,
                        "status": "not_reached",
                    }
                ],
            }
        ]
    }
    tables = csv_tables(document)
    assert tables["milestones.csv"][0][:3] == ["Hijo/a", "Hito", "Fecha en que lo logró"]
    assert tables["milestones.csv"][1][2] == "todavía no"
    with i18n.speaking(english()):
        tables = csv_tables(document)
    assert tables["milestones.csv"][0][:3] == ["Child", "Milestone", "Date reached"]
    assert tables["milestones.csv"][1][2] == "not yet"
