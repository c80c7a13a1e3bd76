"""Reading journal_app's own source for the shape tests: the modules, and what each imports."""

from __future__ import annotations

import ast
from pathlib import Path

import journal_app

PACKAGE = Path(journal_app.__file__).parent


def modules(folder: Path = PACKAGE) -> list[Path]:
    """Every Python module under ``folder`` (migrations included), sorted."""
    return sorted(folder.rglob("*.py"))


def imported_modules(path: Path, package: str | None = None) -> list[str]:
    """Every module imported anywhere in the file: at the top, under ``TYPE_CHECKING``, inside a
    function; a relative import is resolved against ``package`` (by default the file's own)."""
    if package is None:
        package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append(module)
            # ``from journal_app import storage`` imports the package storage itself.
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())
