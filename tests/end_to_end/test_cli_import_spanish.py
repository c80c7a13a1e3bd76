"""The import's refusals and report in Spanish (tester report, item 1): the file's own words (the
JSON field names, the codes, the dates it holds) stay as they are; everything around them is
Spanish, on the command line and in the two readers alike."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from journal_app import i18n
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.services.portability.common import ImportRefused
from journal_app.services.portability.reading import document_from_bytes, parse_document
from journal_app.services.portability.stream_reading import children_from_bytes
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY
from tests.helpers.journals import journal_bytes

REFUSED = "Importación rechazada, el diario no ha cambiado: "


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """A journal with Maya and one day, closed again (the commands open it themselves)."""
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    ctx.journal.save_day(
        DayEntry(
            maya.id, date(2026, 10, 1), movements={MovementStyle.BACKWARD: MovementCount(3, None)}
        )
    )
    ctx.close()
    return folder


def _unchanged_after(journal_dir: Path, capsys: pytest.CaptureFixture[str], file: Path) -> str:
    """Import ``file`` in Spanish; the refusal (stderr), checked to have changed nothing."""
    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    before = journal_bytes(ctx)
    ctx.close()
    done = cli(capsys, journal_dir, "--language", "es", "import", str(file))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    ctx = open_context(JournalPaths(journal_dir), lambda: TODAY)
    assert journal_bytes(ctx) == before
    ctx.close()
    return done.stderr


def test_a_missing_file_is_refused_in_spanish(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexist.json"
    stderr = _unchanged_after(journal_dir, capsys, missing)
    assert stderr.strip() == f"{REFUSED}No hay ningún archivo en {missing}."


def test_a_file_that_is_not_json_is_refused_in_spanish(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    stderr = _unchanged_after(journal_dir, capsys, passwd)
    assert stderr.strip() == (
        f"{REFUSED}El archivo passwd no es una exportación de Crawl Journal (no es JSON)."
    )
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "crawl-journal"', encoding="utf-8")
    stderr = _unchanged_after(journal_dir, capsys, cut)
    assert "El archivo cut.json no es JSON válido: se esperaba el separador ','" in stderr
    assert "en la línea 1, columna 27. Puede que el archivo esté cortado o dañado." in stderr


def test_a_bad_field_is_refused_in_spanish_with_the_files_own_words(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, journal_dir, "export", "-o", str(tmp_path / "all.json")).returncode == 0
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    document["children"][0]["days"][0]["movements"][0]["style"] = "moonwalk"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    stderr = _unchanged_after(journal_dir, capsys, tmp_path / "bad.json")
    # The place in the file and the code stay as the file writes them; the rest is Spanish.
    assert "children[0].days[0].movements[0] (del 2026-10-01)" in stderr
    assert "«moonwalk» no es una forma de moverse conocida (conocidas: " in stderr
    assert "backward" in stderr
    assert "is not a known" not in stderr and " (on " not in stderr
    document["children"][0]["days"][0]["movements"] = []
    document["children"][0]["days"][0]["tummy_minutes"] = "ten"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    stderr = _unchanged_after(journal_dir, capsys, tmp_path / "bad.json")
    assert "children[0].days[0] (el día 2026-10-01 de «Maya»)" in stderr
    assert "se esperaba un número entero o null y se ha encontrado el texto «ten»." in stderr


def test_a_finished_import_is_reported_in_spanish(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, journal_dir, "export", "-o", str(tmp_path / "all.json")).returncode == 0
    done = cli(capsys, tmp_path / "other", "--language", "es", "import", str(tmp_path / "all.json"))
    assert done.returncode == 0, done.stderr
    assert "Import finished" not in done.stdout
    assert "Importación terminada: añadidos: 3; actualizados: 0; sin tocar: 0" in done.stdout


def _refusal(read: object) -> str:
    try:
        read()  # type: ignore[operator]
    except ImportRefused as refused:
        return str(refused)
    raise AssertionError("not refused")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"PK\x03\x04rest",
        b"\xff\xfe{\x00",
        b"{\xff}",
        b"name,date\n",
        b'{"format": "crawl-journal", "version": 3, "children": [{"days": [NaN]}]}',
        b'{"format": "crawl-journal", "version": 3, "children": [7]}',
        b'{"format": "other", "version": 3, "children": []}',
        b'{"format": "crawl-journal", "version": 99, "children": []}',
        b'{"format": "crawl-journal", "version": 3, "children": [{"name": "A", "name": "B"}]}',
        b'{"format": "crawl-journal", "version": 3, "children": [{"name": "Ana", "uuid": "x"}]}',
    ],
)
def test_both_readers_refuse_in_the_same_spanish(raw: bytes) -> None:
    path = Path("odd.json")
    with i18n.speaking(i18n.translator_for("es")):
        whole = _refusal(lambda: parse_document(document_from_bytes(raw, path)))
        streamed = _refusal(lambda: children_from_bytes(raw, path, chunk=3))
    english = _refusal(lambda: parse_document(document_from_bytes(raw, path)))
    assert whole == streamed
    assert whole != english  # every one of these has Spanish words
    assert not any(word in whole for word in ("The file", "expected", "is not", " of "))
