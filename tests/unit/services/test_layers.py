"""Services hold the rules and call storage: no service module runs SQL or touches the ORM."""

from __future__ import annotations

import journal_app.services
from tests.helpers.source import PACKAGE, imported_modules, modules

SERVICES = PACKAGE / "services"
FORBIDDEN = ("sqlalchemy", "sqlite3", "alembic", "journal_app.storage.models")


def test_the_service_modules_are_found() -> None:
    assert PACKAGE / journal_app.services.__name__.split(".")[-1] == SERVICES
    found = {p.relative_to(SERVICES).as_posix() for p in modules(SERVICES)}
    assert {
        "backups.py",
        "journal.py",
        "guidance.py",
        "portability/__init__.py",
        "portability/reading.py",
    } <= found


def test_no_service_imports_sqlalchemy_sqlite3_or_the_orm_models() -> None:
    offenders = {
        (path.relative_to(SERVICES).as_posix(), name)
        for path in modules(SERVICES)
        for name in imported_modules(path)
        if name == "sqlite3" or name.startswith(FORBIDDEN)
    }
    assert offenders == set()
