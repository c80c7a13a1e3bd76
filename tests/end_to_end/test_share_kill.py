"""A writer of change files killed with SIGKILL at random moments, while a reader reads the shared
folder: the reader never sees a half file, every file the writer reported is there and whole, and
the restarted writer carries on with the next number (its leftover temporary file removed)."""

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

from journal_app.storage.share_folder import ShareFolder, new_device_id

pytestmark = [
    pytest.mark.posix,
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]
ROOT = Path(__file__).resolve().parents[2]
RECORDS_PER_FILE = 200

WRITER = textwrap.dedent(
    """
    import os
    import sys
    import time
    from pathlib import Path
    from journal_app.domain.hlc import HlcClock
    from journal_app.domain.sharing import Kind, Replica
    from journal_app.storage.share_folder import ShareFolder
    from tests.helpers.sharing import child, day

    root, device, per_file = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    # A slow disk: each fsync takes a while, so most kills land inside a write (between the
    # temporary file and the rename, or between the rename and the folder's fsync).
    real_fsync = os.fsync
    def slow_fsync(fd):
        time.sleep(0.02)
        real_fsync(fd)
    os.fsync = slow_fsync
    folder = ShareFolder(root, device)
    assert folder.join("Mum's laptop") is None
    replica = Replica(device)
    taken = folder.own_sequence_numbers()
    replica.next_seq = (taken[-1] if taken else 0) + 1
    print("ready", flush=True)
    maya = child()
    while True:
        replica.save(Kind.CHILD, maya)
        for i in range(per_file):
            replica.save(Kind.DAY, day(maya["uuid"], notes="crawled to the cat " * 12 + str(i)))
        seq, seen, versions = replica.outbox()
        result = folder.write_changes(seq, seen, versions, "2026-11-21T20:14:00.000000Z")
        assert result.path is not None, result
        replica.written(seq)
        print(seq, flush=True)  # reported only once the file is in place
    """
)


def start(root: Path, device: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), device, str(RECORDS_PER_FILE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        process.wait(timeout=30)
        raise AssertionError(f"the writer stopped on its own: {process.stderr.read()}")
    return line.strip()


class Reader:
    """The other computer, reading each new file once, in order, as a sync round does."""

    def __init__(self, root: Path, device: str) -> None:
        self.folder = ShareFolder(root, new_device_id())
        assert self.folder.join("Dad's laptop") is None
        self.device = device
        self.cursor = 0

    def read(self, reported: list[int]) -> None:
        result = self.folder.read_others({self.device: self.cursor})
        assert result.paused is None
        assert result.problems == [], result.problems  # never a half file
        assert result.waiting == {}
        for change_file in result.files:
            assert change_file.seq == self.cursor + 1
            assert len(change_file.versions) == RECORDS_PER_FILE + 1
            self.cursor = change_file.seq
        assert all(seq <= self.cursor for seq in reported), (reported, self.cursor)


def test_a_writer_killed_mid_write_never_leaves_a_half_file(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"share kill seed: {seed} (CRASH_SEED={seed} to repeat)")
    rng = random.Random(seed)
    root = tmp_path / "shared"
    root.mkdir()
    device = new_device_id()
    reader = Reader(root, device)
    own = root / device
    reported: list[int] = []
    killed_mid_write = 0
    for _ in range(12):
        left = [p for p in own.iterdir() if p.name.startswith(".tmp-")] if own.exists() else []
        writer = start(root, device)
        assert read_line(writer) == "ready"
        assert not [p for p in left if p.exists()]  # the restarted writer removed them
        for _ in range(rng.randint(0, 2)):
            reported.append(int(read_line(writer)))
        # Read while it writes, then kill it at a random moment.
        until = time.monotonic() + rng.uniform(0.0, 0.3)
        while time.monotonic() < until:
            reader.read(reported)
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        reported += [int(line) for line in rest.split()]
        reader.read(reported)
        killed_mid_write += bool([p for p in own.iterdir() if p.name.startswith(".tmp-")])
    assert reported and reader.cursor >= max(reported)
    # A fresh reader reads every file whole, each once, in order.
    fresh = Reader(root, device)
    fresh.read(reported)
    assert fresh.cursor == reader.cursor
    assert killed_mid_write > 0  # the kills did land inside writes
    print(f"{reader.cursor} files written, {killed_mid_write} of 12 kills mid-write")
