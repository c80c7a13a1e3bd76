"""The shape of journal_app (issue 12): ui/ reaches storage only through services, and no module
grows past what a newcomer can hold."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.source import PACKAGE, imported_modules, line_count, modules

UI = PACKAGE / "ui"
MAX_LINES = 700


def test_the_ui_modules_are_found() -> None:
    found = {p.relative_to(UI).as_posix() for p in modules(UI)}
    assert {"main_window.py", "workers.py"} <= found
    assert any(name.startswith("window/") for name in found)


def test_no_ui_module_imports_storage() -> None:
    offenders = {
        (path.relative_to(PACKAGE).as_posix(), name)
        for path in modules(UI)
        for name in imported_modules(path)
        if name == "journal_app.storage" or name.startswith("journal_app.storage.")
    }
    assert offenders == set()


def test_the_import_walk_sees_a_storage_import_however_it_is_written(tmp_path: Path) -> None:
    """Each way of importing storage is found, so the empty answer above means something."""
    written = {
        "import journal_app.storage.reads": "journal_app.storage.reads",
        "from journal_app.storage import reads": "journal_app.storage",
        "from journal_app import storage": "journal_app.storage",
        "from ...storage.reads import JournalReader": "journal_app.storage.reads",
        "from ... import storage": "journal_app.storage",
        "def later() -> None:\n    from journal_app.storage.days import save_day": (
            "journal_app.storage.days"
        ),
        "if TYPE_CHECKING:\n    from journal_app.storage.transaction import Engine": (
            "journal_app.storage.transaction"
        ),
    }
    for source, storage_module in written.items():
        module = tmp_path / "module.py"
        module.write_text(source + "\n", encoding="utf-8")
        assert storage_module in imported_modules(module, "journal_app.ui.window"), source
    module.write_text("from journal_app.services import journal\n", encoding="utf-8")
    assert not any("storage" in name for name in imported_modules(module, "journal_app.ui"))


def test_no_module_of_journal_app_is_over_700_lines() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): n
        for path in modules()
        if (n := line_count(path)) > MAX_LINES
    }
    assert long == {}


def test_main_window_is_under_600_lines() -> None:
    assert line_count(UI / "main_window.py") < 600
