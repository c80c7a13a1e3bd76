"""The command line in Spanish leaves no English behind: the check's report, ``-o`` refusals,
restore refusals, the CSV export's headers, the system's own errors (a missing folder, a file that
is not a database) and ``attach`` (its dates, its help, a file it cannot read). The same commands
in English read as they did."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.cli import cli
from tests.helpers.constants import TODAY
from tests.helpers.disks import folder_digest
from tests.helpers.media_journal import clip


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    ctx = open_context(JournalPaths(folder), lambda: TODAY)
    maya = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    assert maya.id is not None
    ctx.journal.save_day(DayEntry(maya.id, date(2026, 10, 1), notes="kept"))
    ctx.close()
    return folder


def es(capsys: pytest.CaptureFixture[str], data_dir: Path | None, *args: str) -> tuple[int, str]:
    """``crawl-journal --language es ARGS``: its exit code and everything it printed."""
    done = cli(capsys, data_dir, "--language", "es", *args)
    return done.returncode, done.stdout + done.stderr


def test_the_check_report_is_spanish_and_the_english_one_unchanged(
    journal_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = es(capsys, journal_dir, "check")
    assert code == 0, text
    assert text.startswith("Comprobación del diario: correcta\n")
    assert "  días del diario: 1\n" in text and "  niños: 1\n" in text
    assert "Journal check" not in text and "journal_day" not in text
    english = cli(capsys, journal_dir, "check")
    assert english.stdout.startswith("Journal check: OK\n")
    assert "  journal_day: 1\n" in english.stdout and "  child: 1\n" in english.stdout


@pytest.mark.posix
def test_output_refusals_are_whole_spanish_sentences(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "e1.json"
    assert es(capsys, journal_dir, "export", "-o", str(first))[0] == 0
    folder = tmp_path / "a folder"
    folder.mkdir()
    before = folder_digest(journal_dir)
    cases = [
        (first, "el archivo ya existe. Indique otro nombre, o añada --force para sustituirlo."),
        (folder, "es una carpeta; indique un nombre de archivo."),
        (
            journal_dir / "journal.sqlite3",
            "es el propio diario, uno de sus archivos de trabajo o una copia de seguridad suya.",
        ),
        (Path("/dev/null"), "no es un archivo normal (es un dispositivo o una tubería)."),
    ]
    for target, reason in cases:
        for command in (["export"], ["summary", "--child", "Maya"]):
            code, text = es(capsys, journal_dir, *command, "-o", str(target))
            assert code == 1, (command, text)
            assert text.strip() == f"No se escribe en {target}: {reason} No se ha escrito nada."
    assert folder_digest(journal_dir) == before
    english = cli(capsys, journal_dir, "export", "-o", str(first))
    assert english.stderr.strip() == (
        f"Not writing to {first}: the file already exists. Give another name, or add --force to "
        "replace it. Nothing was written."
    )


def test_restore_refusals_and_sqlites_words_are_spanish(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE shopping (item TEXT)")
    conn.close()
    junk = tmp_path / "passwd"
    junk.write_text("root:x:0:0:root:/root:/bin/bash\n" * 100)
    before = folder_digest(journal_dir)
    code, text = es(capsys, journal_dir, "restore", str(other))
    assert code == 1
    assert text.strip() == (
        f"{other} no es una copia de seguridad de Crawl Journal. El diario no ha cambiado."
    )
    code, text = es(capsys, journal_dir, "restore", str(junk))
    assert code != 0
    assert "(el archivo no es una base de datos)" in text, text
    assert "file is not a database" not in text
    assert folder_digest(journal_dir) == before
    english = cli(capsys, journal_dir, "restore", str(other))
    assert english.stderr.strip() == (
        f"{other} is not a Crawl Journal backup. The journal is unchanged."
    )
    english = cli(capsys, journal_dir, "restore", str(junk))
    assert "(file is not a database)" in english.stderr


def test_a_missing_folder_is_told_in_spanish(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nonexist" / "dir" / "x.json"
    code, text = es(capsys, journal_dir, "export", "-o", str(target))
    assert code == 1
    assert text.strip() == f"{target}: No existe el archivo o la carpeta"
    english = cli(capsys, journal_dir, "export", "-o", str(target))
    assert english.stderr.strip() == f"{target}: No such file or directory"


def csv_headers(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def test_the_csv_headers_follow_the_language_of_each_export(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spanish, english = tmp_path / "es.zip", tmp_path / "en.zip"
    assert es(capsys, journal_dir, "export", "--format", "csv", "-o", str(spanish))[0] == 0
    assert cli(capsys, journal_dir, "export", "--format", "csv", "-o", str(english)).returncode == 0
    es_headers, en_headers = csv_headers(spanish), csv_headers(english)
    assert es_headers["days.csv"][:5] == [
        "Hijo/a",
        "Fecha",
        "Edad",
        "Edad corregida",
        "Tiempo boca abajo (minutos)",
    ]
    assert es_headers["movements.csv"][4:] == ["Movimiento", "Veces", "Minutos"]
    assert es_headers["milestones.csv"][1:3] == ["Hito", "Fecha en que lo logró"]
    assert es_headers["warning_signs.csv"][3:] == ["Señal de alerta", "Lado", "Nota"]
    assert en_headers["movements.csv"] == [
        "Child",
        "Date",
        "Age",
        "Corrected age",
        "Movement",
        "Times",
        "Minutes",
    ]
    assert en_headers["milestones.csv"] == [
        "Child",
        "Milestone",
        "Date reached",
        "Age",
        "Corrected age",
    ]


def test_attach_in_spanish_dates_help_and_unreadable_files(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = clip(tmp_path / "photo1.mp4")
    folder = tmp_path / "a folder"
    folder.mkdir()
    missing = tmp_path / "gone.jpg"
    code, text = es(
        capsys,
        journal_dir,
        "attach",
        "--child",
        "Maya",
        "--date",
        "2026-11-20",
        str(video),
        str(missing),
        str(folder),
    )
    assert code == 1
    assert "photo1.mp4 añadido al 20 nov 2026." in text
    assert "(No existe el archivo o la carpeta)" in text and "(Es una carpeta)" in text
    assert "No such file" not in text and "Is a directory" not in text
    code, text = es(
        capsys, journal_dir, "attach", "--child", "Maya", "--date", "2026-02-01", str(video)
    )
    assert code == 1
    assert "2026-02-01" not in text
    assert text.startswith("1 feb 2026 no es un día del diario de Maya (del 1 mar 2026 a hoy, ")
    code, text = es(capsys, journal_dir, "attach", "--child", "Nadie", "--date", "2026-11-20", "x")
    assert code == 1 and "«Nadie»" in text and "'Nadie'" not in text
    code, text = es(capsys, journal_dir, "attach", "--child", "Maya", "--date", "ayer", "x")
    assert code == 2 and "«ayer» no es una fecha con la forma AAAA-MM-DD" in text
    code, text = es(capsys, None, "attach", "--help")
    assert code == 0
    for words in ("el nombre del niño o la niña", "el día al que se añaden", "uno o más"):
        assert words in text
    code, text = es(capsys, None, "--help")
    assert "añade fotos o vídeos a un día de un niño o niña" in text
    english = cli(capsys, journal_dir, "attach", "--child", "Nobody", "--date", "2026-11-20", "x")
    assert 'No child named "Nobody" in this journal' in english.stderr
