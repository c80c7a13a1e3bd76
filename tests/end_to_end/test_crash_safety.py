"""Crash safety: separate processes save, import and back up while the test kills them with SIGKILL
at random moments; afterwards every reported save is there and the journal passes its check."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from tests.helpers.constants import TODAY
from tests.helpers.journals import big_export

pytestmark = [pytest.mark.slow, pytest.mark.posix]
ROOT = Path(__file__).resolve().parents[2]

_PRELUDE = """
import sys
from datetime import date, timedelta
from pathlib import Path
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
ctx = open_context(JournalPaths(Path(sys.argv[1])), lambda: date(2026, 11, 23))
"""

SAVER = _PRELUDE + textwrap.dedent(
    """
    from journal_app.domain.entries import DayEntry, MovementCount
    from journal_app.domain.enums import MovementStyle
    child = ctx.journal.find_child("Crawler")
    day = date.fromisoformat(sys.argv[2])
    print("ready", flush=True)
    while True:
        ctx.journal.save_day(DayEntry(
            child.id, day, movements={MovementStyle.BACKWARD: MovementCount(day.day, None)},
            tummy_minutes=day.day, notes=f"saved {day.isoformat()}",
        ))
        print(day.isoformat(), flush=True)  # reported only after save_day returned
        day += timedelta(days=1)
    """
)

IMPORTER = _PRELUDE + textwrap.dedent(
    """
    def progress(done, total):
        print(f"{done} {total}", flush=True)
    report = ctx.portability.import_json(Path(sys.argv[2]), progress=progress)
    print("done", report.added, flush=True)
    """
)

BACKER = _PRELUDE + textwrap.dedent(
    """
    print("ready", flush=True)
    while True:
        print(ctx.backups.back_up_now(), flush=True)
    """
)


#: Imports what every worker needs once, then forks a worker per request: each worker is a real
#: process of its own (killed with SIGKILL), without paying Python's and SQLAlchemy's start-up each
#: round. A request is a JSON line [script, args, stdout fifo, stderr file]; the answers are
#: {"pid": ...} at once and {"returncode": ...} when the worker has ended.
ZYGOTE = textwrap.dedent(
    """
    import json, os, sys, traceback
    import journal_app.domain.entries, journal_app.domain.enums, journal_app.paths
    import journal_app.services.context, journal_app.storage.database, journal_app.storage.models
    import sqlalchemy.orm
    print(json.dumps({"ready": True}), flush=True)
    for request in sys.stdin:
        script, args, out, err = json.loads(request)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT, 0o600), 2)
                os.dup2(os.open(out, os.O_WRONLY), 1)
                sys.argv = ["-c", *args]
                exec(compile(script, "<worker>", "exec"), {"__name__": "__main__"})
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)
    """
)


class Worker:
    """A worker forked by the zygote, with what the tests use of :class:`subprocess.Popen`."""

    def __init__(self, zygote: subprocess.Popen[str], folder: Path, script: str, *args: str):
        self._zygote = zygote
        number = len(list(folder.glob("out-*")))
        out, err = folder / f"out-{number}", folder / f"err-{number}"
        os.mkfifo(out)
        zygote.stdin.write(json.dumps([script, list(args), str(out), str(err)]) + "\n")
        zygote.stdin.flush()
        self.pid = json.loads(zygote.stdout.readline())["pid"]
        self.stdout = out.open(encoding="utf-8")  # opens once the worker does
        self._err = err
        self.returncode: int | None = None

    @property
    def stderr(self) -> io.StringIO:
        return io.StringIO(self._err.read_text(encoding="utf-8") if self._err.exists() else "")

    def send_signal(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = json.loads(self._zygote.stdout.readline())["returncode"]
        return self.returncode

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        rest = self.stdout.read()  # to the end: the worker is gone
        self.stdout.close()
        self.wait()
        return rest, self.stderr.read()


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Worker]]:
    folder = tmp_path_factory.mktemp("workers")
    process = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert json.loads(process.stdout.readline()) == {"ready": True}

    def start(script: str, *args: str) -> Worker:
        return Worker(process, folder, script, *args)

    yield start
    process.stdin.close()
    assert process.wait(timeout=30) == 0


def kill_and_drain(process: Worker) -> list[str]:
    """SIGKILL now; the lines the process had already written are still reported."""
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return rest.splitlines()


def read_line(process: Worker) -> str:
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=30)
        raise AssertionError(f"the process stopped on its own: {process.stderr.read()}")
    return line.strip()


def integrity_ok(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"crash-safety seed: {value} (CRASH_SEED={value} to repeat)")
    return value


def test_every_reported_save_survives_sigkill(tmp_path: Path, seed: int, zygote) -> None:
    rng = random.Random(seed)
    data_dir = tmp_path / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    child = ctx.journal.save_child(ChildProfile("Crawler", date(2020, 1, 1)))
    ctx.close()
    reported: list[date] = []
    next_day = date(2020, 1, 1)
    for round_ in range(6):
        saver = zygote(SAVER, str(data_dir), next_day.isoformat())
        assert read_line(saver) == "ready"
        for _ in range(rng.randint(1, 40)):
            reported.append(date.fromisoformat(read_line(saver)))
        reported += [date.fromisoformat(line) for line in kill_and_drain(saver)]
        next_day = reported[-1] + timedelta(days=1)

        ctx = open_context(JournalPaths(data_dir), lambda: TODAY)  # checks the file on opening
        try:
            missing = [
                d
                for d in reported
                if ctx.journal.load_day(child.id, d).notes != f"saved {d.isoformat()}"
            ]
            assert missing == [], f"seed {seed}, round {round_}: reported saves lost: {missing}"
            report = ctx.backups.check()
            assert report.ok, f"seed {seed}: {report.describe()}"
        finally:
            ctx.close()
    assert len(reported) >= 6


def test_import_killed_midway_is_all_or_nothing(tmp_path: Path, seed: int, zygote) -> None:
    rng = random.Random(seed)
    template = tmp_path / "template"
    ctx = open_context(JournalPaths(template), lambda: TODAY)
    ctx.journal.save_child(ChildProfile("Crawler", date(2020, 1, 1)))
    ctx.close()
    days = 2500
    (tmp_path / "big.json").write_text(json.dumps(big_export(days)), encoding="utf-8")
    outcomes = []
    # Kill at a random point of the run; the later rounds always fall in the writing half.
    for round_, (low, high) in enumerate([(0.02, 0.98), (0.55, 0.97), (0.6, 0.99)]):
        data_dir = tmp_path / f"round{round_}"
        shutil.copytree(template, data_dir)
        importer = zygote(IMPORTER, str(data_dir), str(tmp_path / "big.json"))
        fraction = rng.uniform(low, high)
        finished = False
        while True:
            line = read_line(importer)
            if line.startswith("done"):
                finished = True
                break
            done, total = map(int, line.split())
            if done >= fraction * total:
                break
        tail = kill_and_drain(importer)
        finished = finished or any(t.startswith("done") for t in tail)

        ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
        try:
            big = ctx.journal.find_child("Big")
            count = 0 if big is None else ctx.journal.count_days(big.id)
            assert count in (0, days), f"seed {seed}: a partial import is visible ({count} days)"
            if finished:
                assert count == days
            assert [c.name for c in ctx.journal.list_children()] in (
                ["Crawler"],
                ["Big", "Crawler"],
            )
            assert ctx.backups.check().ok
            outcomes.append(count)
        finally:
            ctx.close()
    assert 0 in outcomes, f"seed {seed}: no round was cut off before the import committed"


def test_backup_killed_midway_is_never_listed(tmp_path: Path, seed: int, zygote) -> None:
    rng = random.Random(seed)
    data_dir = tmp_path / "journal"
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    (tmp_path / "big.json").write_text(json.dumps(big_export(2500)), encoding="utf-8")
    ctx.portability.import_json(tmp_path / "big.json")  # a few MB, so a backup takes a moment
    ctx.close()
    for _round in range(4):
        backer = zygote(BACKER, str(data_dir))
        assert read_line(backer) == "ready"
        for _ in range(rng.randint(1, 3)):
            read_line(backer)
        kill_and_drain(backer)
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        listed = ctx.backups.list_backups()
        partial = list(ctx.paths.backups.glob(".*.partial"))
        print(f"{len(listed)} complete backups listed, {len(partial)} cut short and not listed")
        assert listed, "no backup was ever completed"
        assert all(integrity_ok(b.path) for b in listed), f"seed {seed}: a damaged backup is listed"
        assert all(not b.path.name.startswith(".") for b in listed)
        assert ctx.backups.check().ok
        assert ctx.journal.count_days(ctx.journal.find_child("Big").id) == 2500
    finally:
        ctx.close()
