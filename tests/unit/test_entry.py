"""The entry module stays light, and the storage modules import each other one way only."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal_app import i18n
from journal_app.entry import (
    EXIT_ALREADY_OPEN,
    EXIT_BAD_JOURNAL,
    EXIT_FAILED,
    EXIT_USAGE,
    language_argument,
    parse_args,
)

PACKAGE = Path(__file__).resolve().parents[2] / "journal_app"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of its code (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_entry_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, journal_app.entry; "
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'alembic', 'matplotlib', 'babel', "
        "'journal_app.cli', 'journal_app.app', 'journal_app.services') if m in sys.modules]; "
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_app_and_the_commands_share_the_entry_module() -> None:
    assert "journal_app.entry" in imported_modules(PACKAGE / "app.py")
    assert "journal_app.entry" in imported_modules(PACKAGE / "cli.py")
    assert "build_parser" not in (PACKAGE / "app.py").read_text(encoding="utf-8")
    args = parse_args(["--data-dir", "x", "summary", "--child", "Maya", "-o", "m.pdf", "--force"])
    assert (args.command, args.child, args.force) == ("summary", "Maya", True)
    assert (EXIT_FAILED, EXIT_ALREADY_OPEN, EXIT_BAD_JOURNAL) == (1, 3, 4)


def test_backups_and_database_do_not_import_each_other_both_ways() -> None:
    database = imported_modules(PACKAGE / "storage" / "database.py")
    backups = imported_modules(PACKAGE / "storage" / "backups.py")
    assert not (
        "journal_app.storage.backups" in database and "journal_app.storage.database" in backups
    )
    assert "journal_app.storage.database" not in backups


@pytest.fixture
def app_language() -> Iterator[None]:
    """parse_args chooses the app's language; the test's own is put back afterwards."""
    previous = i18n.app_translator()
    yield
    i18n.setup(previous.locale, [])


def test_parsing_a_spanish_command_line_in_a_real_process_imports_no_babel_and_no_qt() -> None:
    code = (
        "import sys; from journal_app.entry import parse_args; "
        "args = parse_args(['--language', 'es', 'check']); "
        "from journal_app import i18n; "
        "print(i18n.app_translator().language, args.language, "
        "[m for m in ('babel', 'PySide6') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "es es []"


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        ([], None),
        (["--language", "es"], "es"),
        (["--language=es_MX", "check"], "es_MX"),
        (["--data-dir", "x", "--language", "es", "summary", "--language", "en"], "es"),
        (["summary", "--child", "Maya", "--language", "en"], None),  # the summary's, not the app's
        (["--lang", "es", "backup"], "es"),  # argparse's abbreviations work here too
        (["--language"], None),  # left to the parser to refuse
    ],
)
def test_the_apps_language_is_read_before_the_command_only(
    argv: list[str], language: str | None
) -> None:
    assert language_argument(argv) == language


def test_language_sets_up_the_apps_translator_and_keeps_the_summarys_apart(
    app_language: None,
) -> None:
    args = parse_args(["--language", "es", "summary", "--child", "Maya", "-o", "m.pdf"])
    assert (args.language, args.summary_language) == ("es", None)
    assert i18n.app_translator().language == "es"
    args = parse_args(["summary", "--child", "Maya", "-o", "m.pdf", "--language", "en"])
    assert (args.language, args.summary_language) == (None, "en")


def test_an_unknown_language_is_a_usage_error_naming_the_available_ones(
    app_language: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_args(["--language", "xx", "check"])
    assert stopped.value.code == EXIT_USAGE == 2
    assert capsys.readouterr().err == "There is no 'xx' translation (available: en, es).\n"
    with pytest.raises(SystemExit) as stopped:
        parse_args(
            ["--language", "es", "summary", "--child", "M", "-o", "m.pdf", "--language", "x1"]
        )
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "uso: crawl-journal summary" in err
    assert "No hay traducción para el idioma 'x1' (disponibles: en, es)." in err


def test_the_english_help_is_unchanged_without_a_language(
    app_language: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in i18n.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: crawl-journal")
    assert "show this help message and exit" in out
    assert "--language CODE  language of the app and its messages (en, es)" in out


@pytest.mark.parametrize(
    ("argv", "told"),
    [
        (
            ["export"],
            "crawl-journal export: error: faltan estos argumentos obligatorios: -o/--output",
        ),
        (
            ["export", "--format", "xml", "-o", "x"],
            "crawl-journal export: error: argumento --format: opción no válida: 'xml' "
            "(elija entre 'json', 'csv', 'zip')",
        ),
        (["check", "extra"], "crawl-journal: error: argumentos no reconocidos: extra"),
        (["--data-dir"], "crawl-journal: error: argumento --data-dir: falta un valor"),
    ],
)
def test_argparses_own_errors_are_told_in_the_apps_language(
    app_language: None, capsys: pytest.CaptureFixture[str], argv: list[str], told: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_args(["--language", "es", *argv])
    assert stopped.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("uso: crawl-journal")
    assert err.rstrip().endswith(told)


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("en", "2026-02-30 is not a real date: check the month and the day."),
        ("es", "2026-02-30 no es una fecha real: revise el mes y el día."),
    ],
)
def test_a_day_that_does_not_exist_is_not_called_a_wrong_form(
    app_language: None, capsys: pytest.CaptureFixture[str], language: str, told: str
) -> None:
    argv = ["--language", language, "summary", "--child", "M", "-o", "m.pdf"]
    with pytest.raises(SystemExit) as stopped:
        parse_args([*argv, "--from", "2026-02-30"])
    assert stopped.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.rstrip().endswith(told)
    assert "YYYY" not in err.splitlines()[-1] and "AAAA" not in err.splitlines()[-1]
    with pytest.raises(SystemExit):
        parse_args([*argv, "--to", "30/02/2026"])
    assert "-MM-DD" in capsys.readouterr().err.splitlines()[-1]  # the form is wrong here
    assert parse_args([*argv, "--from", "2024-02-29"]).start.isoformat() == "2024-02-29"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("command", [["check"], ["backup"], ["export", "-o", "x.json"]])
def test_demo_with_a_command_is_refused(
    app_language: None, capsys: pytest.CaptureFixture[str], language: str, command: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_args(["--language", language, "--demo", *command])
    assert stopped.value.code == EXIT_USAGE
    last = capsys.readouterr().err.rstrip().splitlines()[-1]
    assert "--demo" in last and command[0] in last
    assert ("window only" if language == "en" else "solo en la ventana") in last
    assert parse_args(["--demo"]).demo  # the window's sample journal is still there


def test_the_help_says_demo_is_for_the_window(
    app_language: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in i18n.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "(not with a command)" in " ".join(capsys.readouterr().out.split())
