"""Every package of journal_app is listed in pyproject.toml, so a plain (non-editable) install and
the PyInstaller bundle carry it: an editable install finds unlisted packages anyway and hides it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_for_installation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "journal_app").rglob("__init__.py")
    }
    assert on_disk - listed == set()
