"""Crash safety of the media folder: a separate process copies photos and videos in while the test
kills it with SIGKILL at random moments (mid-copy, between files); afterwards no file under a
hash name is a half file, every reported file is whole, and only temporaries are left to clean."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from journal_app.domain.media import MediaStatus
from journal_app.storage.media_store import MediaStore, hash_file
from tests.helpers.media_files import ftyp_box

pytestmark = [pytest.mark.slow, pytest.mark.posix]
ROOT = Path(__file__).resolve().parents[2]
FILE_MB = 6

COPIER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from journal_app.storage.media_store import MediaStore
    store = MediaStore(Path(sys.argv[1]))
    print("ready", flush=True)
    for source in sys.argv[2:]:
        stored = store.add(
            Path(source), progress=lambda done, total: print("chunk", done, total, flush=True)
        )
        print("stored", stored.sha256, flush=True)  # reported only after add() returned
    print("finished", flush=True)
    """
)


def start(journal: Path, sources: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", COPIER, str(journal), *map(str, sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=30)
        raise AssertionError(f"the copier stopped on its own: {process.stderr.read()}")
    return line.strip()


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"media crash seed: {value} (CRASH_SEED={value} to repeat)")
    return value


def make_sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    sources = []
    for i in range(count):
        path = folder / f"VID_{i:04d}.MP4"
        with path.open("wb") as out:
            out.write(ftyp_box(b"isom", b"mp42"))
            for _ in range(FILE_MB):
                out.write(os.urandom(1024 * 1024))
        sources.append(path)
    return sources


def test_sigkill_during_copies_leaves_no_half_file(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    journal = tmp_path / "journal"
    journal.mkdir()
    sources = make_sources(tmp_path / "phone", 10)
    expected = {hash_file(p)[0]: p for p in sources}
    store = MediaStore(journal)
    reported: set[str] = set()
    temporaries_seen = 0
    for round_ in range(6):
        pending = [p for p in sources if hash_file(p)[0] not in reported] or sources
        copier = start(journal, pending)
        assert read_line(copier) == "ready"
        # Kill after a random number of progress lines: mid-copy, or just after a file is stored.
        for _ in range(rng.randint(1, 3 * (FILE_MB + 2))):
            line = read_line(copier)
            if line.startswith("stored"):
                reported.add(line.split()[1])
            if line == "finished":
                break
        copier.send_signal(signal.SIGKILL)
        rest, _ = copier.communicate(timeout=30)
        reported |= {line.split()[1] for line in rest.splitlines() if line.startswith("stored")}

        stored = store.list_stored()
        for item in stored:  # every file under a hash name is whole
            assert item.sha256 in expected, f"seed {seed}, round {round_}: unknown {item.path}"
            check = store.verify(item.sha256, item.kind)
            assert check.status is MediaStatus.OK, f"seed {seed}, round {round_}: {check.message}"
        assert reported <= {s.sha256 for s in stored}, f"seed {seed}: a reported file is missing"
        temporaries_seen += store.clean_temporaries()
        left = sorted(p for p in journal.rglob("*") if p.is_file())
        assert left == sorted(s.path for s in stored), f"seed {seed}: strays {left}"
    assert temporaries_seen > 0, f"seed {seed}: no kill landed during a copy"
    assert reported, f"seed {seed}: no copy ever finished"
