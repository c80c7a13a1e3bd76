"""Two journals kept in step through two real Syncthing instances on loopback (Debian's
``syncthing``): each computer's shared folder is its own Syncthing folder, and only the sync tool
carries the change files across. Skipped, saying why, where Syncthing is not installed."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.shared_journals import make_computers

SYNCTHING = shutil.which("syncthing")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SYNCTHING is None, reason="Syncthing is not installed (apt install syncthing)"
    ),
]
FOLDER_ID = "crawl-journal"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    home: Path
    folder: Path
    device_id: str
    api_key: str
    gui_port: int
    sync_port: int
    process: subprocess.Popen[bytes] | None = None

    def request(self, path: str, method: str = "GET") -> bytes:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.read()

    def scan(self) -> None:
        # Not up yet: its watcher and rescans pick the change up.
        with contextlib.suppress(OSError):
            self.request(f"/rest/db/scan?folder={FOLDER_ID}", "POST")


def generate(home: Path, folder: Path) -> Instance:
    env = {**os.environ, "STNODEFAULTFOLDER": "1"}
    done = subprocess.run(
        [SYNCTHING, "generate", f"--home={home}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    device_id = next(
        line.split("Device ID:")[1].strip()
        for line in (done.stdout + done.stderr).splitlines()
        if "Device ID:" in line
    )
    api_key = ET.parse(home / "config.xml").getroot().findtext("gui/apikey") or ""
    folder.mkdir(parents=True)
    (folder / ".stfolder").mkdir()
    return Instance(home, folder, device_id, api_key, free_port(), free_port())


def configure(me: Instance, other: Instance) -> None:
    path = me.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    root.find("gui/address").text = f"127.0.0.1:{me.gui_port}"  # type: ignore[union-attr]
    options = root.find("options")
    assert options is not None
    settings = {
        "listenAddress": f"tcp://127.0.0.1:{me.sync_port}",
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "startBrowser": "false",
        "urAccepted": "-1",
        "crashReportingEnabled": "false",
        "autoUpgradeIntervalH": "0",
        "reconnectionIntervalS": "1",
    }
    for name, value in settings.items():
        element = options.find(name)
        if element is None:
            element = ET.SubElement(options, name)
        element.text = value
    peer = ET.SubElement(
        root, "device", id=other.device_id, name="other", compression="metadata", introducer="false"
    )
    ET.SubElement(peer, "address").text = f"tcp://127.0.0.1:{other.sync_port}"
    folder = ET.SubElement(
        root,
        "folder",
        id=FOLDER_ID,
        label="Crawl Journal",
        path=str(me.folder),
        type="sendreceive",
        rescanIntervalS="2",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
        ignorePerms="false",
        autoNormalize="true",
    )
    ET.SubElement(folder, "filesystemType").text = "basic"
    for device in (me.device_id, other.device_id):
        ET.SubElement(folder, "device", id=device, introducedBy="")
    ET.SubElement(folder, "markerName").text = ".stfolder"
    tree.write(path)


def wait_for(
    condition: Callable[[], bool], instances: list[Instance], timeout: float = 120
) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if condition():
            return
        for instance in instances:
            instance.scan()
        time.sleep(0.5)
    raise AssertionError("Syncthing did not carry the files across in time")


@pytest.fixture
def syncthings(tmp_path: Path) -> Iterator[tuple[Instance, Instance]]:
    a = generate(tmp_path / "st-a", tmp_path / "A" / "Crawl Journal")
    b = generate(tmp_path / "st-b", tmp_path / "B" / "Crawl Journal")
    configure(a, b)
    configure(b, a)
    env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
    try:
        for instance in (a, b):
            instance.process = subprocess.Popen(
                [SYNCTHING, "serve", f"--home={instance.home}", "--no-browser", "--no-restart"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        yield a, b
    finally:
        for instance in (a, b):
            if instance.process is not None:
                instance.process.terminate()
                try:
                    instance.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    instance.process.kill()
                    instance.process.wait(timeout=20)


def names(folder: Path) -> set[str]:
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".") and ".stfolder" not in p.parts
    }


def test_two_journals_in_step_through_syncthing(
    tmp_path: Path, journal_template: Path, syncthings: tuple[Instance, Instance]
) -> None:
    a, b = syncthings
    mum, dad = make_computers(
        tmp_path / "journals", journal_template, ["Mum's laptop", "Dad's laptop"]
    )
    try:
        mum.child()
        for n in range(1, 4):
            mum.record(date(2026, 11, n), 10 * n, f"day {n}")
        mum.join(a.folder)
        wait_for(lambda: names(a.folder) and names(a.folder) <= names(b.folder), [a, b])
        report = dad.join(b.folder)
        assert report.days == 3 and report.from_computers == ("Mum's laptop",)
        dad.record(date(2026, 11, 4), 40, "dad's day")
        dad.sync()
        wait_for(lambda: names(b.folder) <= names(a.folder), [a, b])
        report = mum.sync()
        assert report.days == 1 and report.from_computers == ("Dad's laptop",)
        assert mum.journal() == dad.journal()
        # What Syncthing delivered kept the modes the app gave its files.
        for path in b.folder.rglob("*.json"):
            assert path.stat().st_mode & 0o077 == 0, path
    finally:
        mum.context.close()
        dad.context.close()
