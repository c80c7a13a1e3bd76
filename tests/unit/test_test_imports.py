"""Tests share what they share through tests/helpers/: no test module imports another test module
or a conftest (a test module's import runs its fixtures' module-level code twice, and renaming
one test breaks another)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_test_module_imports_another_test_module_or_a_conftest() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for name in _imported_modules(path):
            last = name.rsplit(".", 1)[-1]
            if name.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                offenders.append(f"{path.relative_to(TESTS)} imports {name}")
    assert offenders == []


def test_the_check_finds_such_an_import(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text("def f():\n    from tests.ui.test_tips_panel import refresh\n")
    assert "tests.ui.test_tips_panel" in _imported_modules(sample)
