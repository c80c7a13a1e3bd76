"""Services hold the rules and call storage: no service module runs SQL or touches the ORM."""

from __future__ import annotations

import ast
from pathlib import Path

import journal_app.services

SERVICES = Path(journal_app.services.__file__).parent
#: Not yet moved to storage (another change owns it).
NOT_YET = {"backups.py"}
FORBIDDEN = ("sqlalchemy", "sqlite3", "alembic", "journal_app.storage.models")


def _imports(path: Path) -> list[str]:
    """Every module imported anywhere in the file, under ``TYPE_CHECKING`` or in a function too."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_service_modules_are_found() -> None:
    found = {p.relative_to(SERVICES).as_posix() for p in SERVICES.rglob("*.py")}
    assert {
        "journal.py",
        "guidance.py",
        "portability/__init__.py",
        "portability/reading.py",
    } <= found


def test_no_service_imports_sqlalchemy_sqlite3_or_the_orm_models() -> None:
    offenders = {
        path.relative_to(SERVICES).as_posix(): name
        for path in SERVICES.rglob("*.py")
        if path.name not in NOT_YET
        for name in _imports(path)
        if name.startswith(FORBIDDEN)
    }
    assert offenders == {}


def test_no_module_of_the_services_is_over_700_lines() -> None:
    long = {
        p.relative_to(SERVICES).as_posix(): n
        for p in SERVICES.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700
    }
    assert long == {}
