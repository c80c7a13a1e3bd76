"""The desktop entry, the AppStream metainfo, the package data and the .deb's Depends agree with
each other and with the app, so a renamed file or command does not silently break the packages.
(The files' own validity is checked by desktop-file-validate and appstreamcli in
packaging/smoke-test-deb, run by .ci/run.)"""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import journal_app

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.crawljournal.CrawlJournal"
METAINFO = ROOT / "resources" / f"{APP_ID}.metainfo.xml"
DESKTOP = ROOT / "resources" / "crawl-journal.desktop"


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_desktop_entry_starts_the_installed_command_with_its_icon() -> None:
    entry = _desktop()
    scripts = _pyproject()["project"]["gui-scripts"]  # type: ignore[index]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Icon"] == "crawl-journal"
    assert (ROOT / "resources" / f"{entry['Icon']}.svg").is_file()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"


def test_metainfo_names_the_desktop_entry_the_licence_and_no_network() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == _desktop()["Exec"].split()[0]
    assert root.findtext("project_license") == _pyproject()["project"]["license"]  # type: ignore[index]
    assert root.findtext("name") == journal_app.APP_NAME
    assert root.findtext("supports/internet") == "offline-only"
    assert root.find("content_rating") is not None
    assert len(root.findall("screenshots/screenshot/image")) >= 2
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert journal_app.__version__ in releases, "add a <release> for the new version"


def test_metainfo_and_desktop_entry_ship_in_the_package_data() -> None:
    tool = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    patterns = tool["package-data"]["journal_app.resources"]
    assert "*.xml" in patterns and "*.desktop" in patterns and "*.svg" in patterns


def test_deb_depends_names_the_x11_libraries_qt_needs() -> None:
    lines = (ROOT / "packaging" / "linux" / "deb-depends").read_text().splitlines()
    names = {alt.strip().split(" ")[0] for line in lines for alt in line.split("|")}
    for lib in (
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-shape0",
        "libxcb-xinerama0",
        "libxcb-randr0",
        "libxcb-render-util0",
        "libxcb-image0",
        "libegl1",
        "fontconfig",
    ):
        assert lib in names, lib
