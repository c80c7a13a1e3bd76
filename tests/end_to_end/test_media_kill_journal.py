"""SIGKILL during `crawl-journal attach` and during `crawl-journal import FILE.zip` (real
processes, real files): afterwards, once the journal is opened again, no record points at
nothing, no half file or temporary is left, no file is kept that no record refers to, and a zip
import is all or nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.domain.media import MediaStatus
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.media_store import TEMP_PREFIX, MediaStore
from tests.helpers.media_files import ftyp_box

pytestmark = [pytest.mark.slow, pytest.mark.posix]
ROOT = Path(__file__).resolve().parents[2]
FILE_MB = 12
DAY = date(2026, 11, 20)


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"media crash seed: {value} (CRASH_SEED={value} to repeat)")
    return value


def make_sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for i in range(count):
        path = folder / f"VID_{i:04d}.MP4"
        with path.open("wb") as out:
            out.write(ftyp_box(b"isom", b"mp42"))
            for _ in range(FILE_MB):
                out.write(os.urandom(1024 * 1024))
        sources.append(path)
    return sources


def new_journal(data_dir: Path, with_child: bool = True) -> None:
    ctx = open_context(JournalPaths(data_dir))
    try:
        if with_child:
            ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    finally:
        ctx.close()


def _stored_and_copying(media: Path) -> tuple[int, bool]:
    """How many files are under hash names, and whether a copy is in progress."""
    try:
        entries = list(media.iterdir())
    except FileNotFoundError:
        return 0, False
    copying = any(e.name.startswith(TEMP_PREFIX) for e in entries)
    stored = 0
    for sub in entries:
        if sub.is_dir():
            try:
                stored += len(os.listdir(sub))
            except FileNotFoundError:
                continue
    return stored, copying


def run_and_kill(args: list[str], data_dir: Path, after_files: int, delay: float) -> None:
    """Start ``crawl-journal --data-dir DATA_DIR ARGS``; once ``after_files`` files are stored
    and the next is being copied, wait ``delay`` seconds and SIGKILL it (unless it has ended)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "journal_app", "--data-dir", str(data_dir), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    media = data_dir / "media"
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        stored, copying = _stored_and_copying(media)
        if stored >= after_files and (copying or stored > after_files):
            break
        time.sleep(0.001)  # leave the CPU to the process being watched
    if delay:
        time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    _out, err = process.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()


def assert_consistent(data_dir: Path) -> list[str]:
    """Open the journal (which sweeps), then check it; the media's original names."""
    ctx = open_context(JournalPaths(data_dir))
    try:
        items = ctx.media.list_all()
        referenced = ctx.media.referenced_hashes()
    finally:
        ctx.close()
    store = MediaStore(data_dir)
    for item in items:  # no record points at nothing
        check = store.verify(item.sha256, item.kind, item.original_name)
        assert check.status is MediaStatus.OK, check.message
    assert {s.sha256 for s in store.list_stored()} == referenced
    media = data_dir / "media"
    left = [p for p in media.rglob("*") if p.name.startswith(TEMP_PREFIX)] if media.is_dir() else []
    assert left == []
    return [i.original_name for i in items]


def test_sigkill_during_an_attach_leaves_no_record_pointing_at_nothing(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    sources = make_sources(tmp_path / "phone", 4)
    for round_ in range(3):
        data_dir = tmp_path / f"journal{round_}"
        new_journal(data_dir)
        args = ["attach", "--child", "Maya", "--date", DAY.isoformat(), *map(str, sources)]
        run_and_kill(args, data_dir, rng.randrange(len(sources)), rng.choice([0, 0, 0.01]))
        names = assert_consistent(data_dir)
        assert names == [p.name for p in sources][: len(names)], f"seed {seed}"
        print(f"round {round_}: {len(names)} of {len(sources)} attached")


def test_sigkill_during_a_zip_import_is_all_or_nothing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    source = tmp_path / "source"
    new_journal(source)
    ctx = open_context(JournalPaths(source))
    try:
        maya = ctx.journal.find_child("Maya")
        assert maya is not None and maya.id is not None
        report = ctx.media.attach(maya.id, DAY, make_sources(tmp_path / "phone", 4))
        assert len(report.added) == 4
        bundle = tmp_path / "with media.zip"
        ctx.portability.export_zip(bundle)
    finally:
        ctx.close()
    outcomes = set()
    for round_ in range(3):
        data_dir = tmp_path / f"journal{round_}"
        new_journal(data_dir, with_child=False)
        run_and_kill(["import", str(bundle)], data_dir, rng.randrange(4), rng.choice([0, 0.3]))
        names = assert_consistent(data_dir)
        assert len(names) in (0, 4), f"seed {seed}: half an import ({names})"
        ctx = open_context(JournalPaths(data_dir))
        try:
            children = ctx.journal.list_children()
        finally:
            ctx.close()
        assert len(children) == (1 if names else 0), f"seed {seed}"
        outcomes.add(len(names))
    print(f"outcomes: {outcomes}")
