"""The entry module stays light, and the storage modules import each other one way only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from journal_app.entry import EXIT_ALREADY_OPEN, EXIT_BAD_JOURNAL, EXIT_FAILED, parse_args

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
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'alembic', 'matplotlib', "
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
