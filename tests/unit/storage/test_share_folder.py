"""The shared-folder file layer (storage/share_folder.py) on real folders: what sync tools do to
files (cut short, copied as "conflicted copies", twice, out of order, their own bookkeeping), a
folder that vanishes, files that are wrong on purpose, and the modes of what the app writes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from journal_app.domain.hlc import HlcClock
from journal_app.domain.sharing import Kind, Replica
from journal_app.storage.share_folder import (
    MAX_CHANGE_FILE_BYTES,
    PauseReason,
    ProblemReason,
    ShareFolder,
    change_file_name,
    encode_body,
    is_bookkeeping,
    new_device_id,
    sync_round,
)
from journal_app.storage.share_format import CHANGES_VERSION
from tests.helpers.sharing import FakeClock, child, day

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix

WRITTEN = "2026-11-21T20:14:00.000000Z"
DAY_MS = 24 * 3600 * 1000
IS_ROOT = os.name == "posix" and os.geteuid() == 0


class Computer:
    """A journal's sharing side: a replica and its view of the shared folder."""

    def __init__(self, root: Path, name: str, clock: FakeClock | None = None) -> None:
        self.device = new_device_id()
        self.clock = clock or FakeClock()
        self.replica = Replica(self.device, HlcClock(self.device, now_ms=self.clock))
        self.folder = ShareFolder(root, self.device)
        assert self.folder.join(name) is None

    def round(self):
        return sync_round(self.folder, self.replica, WRITTEN, now_ms=self.clock.ms)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    root = tmp_path / "Sync" / "Crawl Journal"
    root.mkdir(parents=True)
    return root


@pytest.fixture
def mum(shared: Path) -> Computer:
    return Computer(shared, "Mum's laptop")


@pytest.fixture
def dad(shared: Path) -> Computer:
    return Computer(shared, "Dad's laptop")


def files_of(computer: Computer) -> list[Path]:
    return sorted(p for p in computer.folder.own_folder.iterdir() if p.name != "device.json")


def write_one(computer: Computer, notes: str = "", maya: dict | None = None) -> dict:
    maya = maya or child()
    computer.replica.save(Kind.CHILD, maya)
    d = day(maya["uuid"], notes=notes)
    computer.replica.save(Kind.DAY, d)
    report = computer.round()
    assert report.paused is None and report.written is not None
    return d


def place(folder: Path, seq: int, body: bytes, copy: str = "") -> Path:
    """A file under a correct change-file name for ``body`` (whatever the body is)."""
    name = change_file_name(seq, body)
    if copy:
        name = name[: -len(".json")] + copy + ".json"
    path = folder / name
    path.write_bytes(body)
    return path


def body_for(computer: Computer, number: int, /, **changes) -> bytes:
    document = json.loads(encode_body(computer.device, number, {}, [], WRITTEN, "test"))
    document.update(changes)
    return json.dumps(document).encode()


# -- writing ---------------------------------------------------------------------------------------


def test_a_change_file_is_named_by_number_length_and_sha256_and_read_back_exactly(mum, dad):
    d = write_one(mum, notes='Crawled to the cat 🐈 "twice"\nthen slept')
    [path] = files_of(mum)
    raw = path.read_bytes()
    seq, size, sha = path.name[: -len(".json")].split("-")
    assert (int(seq), int(size), sha) == (1, len(raw), hashlib.sha256(raw).hexdigest())
    read = dad.folder.read_others({}, now_ms=dad.clock.ms)
    assert read.problems == [] and read.waiting == {}
    assert read.devices[mum.device].name == "Mum's laptop"
    [change_file] = read.files
    assert change_file.device == mum.device and change_file.seq == 1
    theirs = {
        (v.kind, v.uuid, v.hlc, v.seq, tuple(v.seen.items())): v.record
        for v in change_file.versions
    }
    mine = {
        (v.kind, v.uuid, v.hlc, v.seq, tuple(v.seen.items())): v.record
        for v in mum.replica.versions.values()
    }
    assert theirs == mine
    assert theirs[next(k for k in theirs if k[1] == d["uuid"])]["notes"] == d["notes"]


def test_writing_touches_only_the_own_subfolder_and_leaves_no_temp_file(mum, dad, shared):
    write_one(dad)
    before = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file() and dad.device in str(p)}
    write_one(mum)
    write_one(mum)
    after = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file() and dad.device in str(p)}
    assert after == before
    names = [p.name for p in mum.folder.own_folder.iterdir()]
    assert "device.json" in names and len(names) == 3
    assert not any(n.startswith(".") or n.endswith((".part", ".sqlite", ".db")) for n in names)
    assert {p.name for p in shared.iterdir()} == {mum.device, dad.device}


def test_modes_are_private_even_under_umask_000(shared):
    old = os.umask(0)
    try:
        computer = Computer(shared, "Gran's PC")
        write_one(computer)
    finally:
        os.umask(old)
    assert stat.S_IMODE(computer.folder.own_folder.stat().st_mode) == 0o700
    for path in computer.folder.own_folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_number_already_in_the_own_folder_means_another_computer_writes_as_this_one(mum):
    write_one(mum)
    # A copy of Mum's journal on another computer wrote file 2 first.
    place(mum.folder.own_folder, 2, body_for(mum, 2))
    maya = child()
    mum.replica.save(Kind.CHILD, maya)
    report = mum.round()
    assert report.paused is not None and report.paused.reason is PauseReason.DEVICE_ID_IN_USE
    assert mum.replica.pending  # kept for writing under a new device id
    assert len(files_of(mum)) == 2


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="needs a folder the user cannot write")
def test_a_write_that_fails_pauses_and_leaves_nothing(mum):
    mum.replica.save(Kind.CHILD, child())
    os.chmod(mum.folder.own_folder, 0o500)
    try:
        report = mum.round()
    finally:
        os.chmod(mum.folder.own_folder, 0o700)
    assert report.paused is not None and report.paused.reason is PauseReason.WRITE_FAILED
    assert files_of(mum) == [] and mum.replica.pending


# -- what sync tools do ----------------------------------------------------------------------------


def test_a_file_still_arriving_or_cut_short_waits_and_is_applied_once_whole(mum, dad):
    write_one(mum)
    [path] = files_of(mum)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    report = dad.round()
    assert report.applied == [] and report.read.waiting == {mum.device: 1}
    assert [p.reason for p in report.read.problems] == [ProblemReason.INCOMPLETE]
    assert dad.replica.view().records[Kind.DAY] == {}
    # Same length, bytes not there yet (a tool that allocates the file first).
    path.write_bytes(b"\0" * len(whole))
    assert dad.round().applied == []
    path.write_bytes(whole)
    report = dad.round()
    assert [f.seq for f in report.applied] == [1]
    assert len(dad.replica.view().records[Kind.DAY]) == 1


@pytest.mark.parametrize(
    "copy",
    [
        " (Dad's conflicted copy 2026-12-02)",  # Dropbox
        ".sync-conflict-20261202-161500-ABCDEFG",  # Syncthing
        " (conflicted copy 2026-12-02 161500)",  # Nextcloud
        "-MUMS-LAPTOP",  # OneDrive
        " (1)",  # Google Drive
    ],
)
def test_a_conflicted_copy_is_read_as_the_duplicate_it_is(mum, dad, copy):
    write_one(mum)
    [path] = files_of(mum)
    raw = path.read_bytes()
    place(mum.folder.own_folder, 1, raw, copy)
    report = dad.round()
    assert [f.seq for f in report.applied] == [1]
    assert report.read.duplicates == 1 and report.read.problems == []
    # The original gone, only the copy there: the copy is the file (checked the same way).
    other = Computer(mum.folder.root, "Gran's PC")
    path.unlink()
    report = other.round()
    assert [f.seq for f in report.applied] == [1] and report.read.duplicates == 0
    assert other.replica.view().records == dad.replica.view().records
    # Already applied: a copy arriving later is not read again.
    assert dad.round().read.duplicates == 1 and dad.round().applied == []


def test_a_conflicted_copy_cut_short_waits_like_any_file(mum, dad):
    write_one(mum)
    [path] = files_of(mum)
    raw = path.read_bytes()
    path.unlink()
    copy_name = change_file_name(1, raw)[: -len(".json")] + " (conflicted copy).json"
    (mum.folder.own_folder / copy_name).write_bytes(raw[:-10])
    report = dad.round()
    assert report.applied == [] and report.read.waiting == {mum.device: 1}


def test_files_arriving_out_of_order_wait_for_the_gap(mum, dad, tmp_path):
    maya = child()
    write_one(mum, "one", maya)
    write_one(mum, "two", maya)
    write_one(mum, "three", maya)
    second = files_of(mum)[1]
    aside = tmp_path / second.name
    shutil.move(second, aside)
    report = dad.round()
    assert [f.seq for f in report.applied] == [1] and report.read.waiting == {mum.device: 2}
    shutil.move(aside, second)
    report = dad.round()
    assert [f.seq for f in report.applied] == [2, 3] and report.read.waiting == {}
    assert dad.round().applied == []  # each file once
    assert dad.replica.view().records == mum.replica.view().records


def test_two_different_files_with_one_number_are_both_applied_and_reported(mum, dad):
    write_one(mum)
    fork = Replica(mum.device, HlcClock(mum.device, mum.replica.clock.last, mum.clock))
    fork.next_seq = 1
    twin = child("Leo")
    fork.save(Kind.CHILD, twin)
    _seq, seen, versions = fork.outbox()
    place(mum.folder.own_folder, 1, encode_body(mum.device, 1, seen, versions, WRITTEN, "x"))
    report = dad.round()
    assert [f.seq for f in report.applied] == [1, 1]
    assert [p.reason for p in report.read.problems] == [ProblemReason.FORK]
    assert twin["uuid"] in dad.replica.view().records[Kind.CHILD]


@pytest.mark.parametrize(
    "name",
    [
        ".stfolder",
        ".stversions",
        ".sync",
        ".dropbox.cache",
        ".dropbox",
        "desktop.ini",
        "Thumbs.db",
        "~$notes.docx",
        "backup.tmp",
        ".syncthing.0000000002-10-abc.json.tmp",
        ".tmp-x1y2.part",
        "0000000002-1-" + "0" * 64 + ".json.part",
        "journal.sqlite3",
        "notes.txt",
    ],
)
def test_bookkeeping_and_foreign_files_are_ignored(mum, dad, shared, name):
    write_one(mum)
    for folder in (shared, mum.folder.own_folder):
        target = folder / name
        if name in (".stfolder", ".stversions"):
            target.mkdir()
        else:
            target.write_bytes(b"\x00not ours")
    (shared / "0123456789abcdef").mkdir()  # not a device id
    report = dad.round()
    assert [f.seq for f in report.applied] == [1]
    assert report.read.problems == [] and report.read.waiting == {}


def test_bookkeeping_names():
    assert is_bookkeeping(".stfolder") and is_bookkeeping("~$x") and is_bookkeeping("x.TMP")
    assert not is_bookkeeping(change_file_name(3, b"{}"))


# -- wrong or hostile files ------------------------------------------------------------------------


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda c: b"not json at all", ProblemReason.NOT_JSON),
        (lambda c: b"\xff\xfe{}", ProblemReason.NOT_JSON),
        (lambda c: body_for(c, 1, changes=json.loads(_deep(50))), ProblemReason.TOO_DEEP),
        (lambda c: _deep(100_000).encode(), ProblemReason.TOO_DEEP),
        (lambda c: body_for(c, 1, format="crawl-journal"), ProblemReason.WRONG_FORMAT),
        (lambda c: body_for(c, 1, version=CHANGES_VERSION + 1), ProblemReason.NEWER_VERSION),
        (lambda c: body_for(c, 1, seq=7), ProblemReason.MISMATCH),
        (lambda c: body_for(c, 1, device="f" * 32), ProblemReason.MISMATCH),
        (lambda c: body_for(c, 1, seen={"x": 1}), ProblemReason.INVALID),
        (
            lambda c: body_for(c, 1, changes=[{"kind": "day", "uuid": "nope", "hlc": [1, 0]}]),
            ProblemReason.INVALID,
        ),
        (
            lambda c: body_for(
                c, 1, changes=[{"kind": "virus", "uuid": child()["uuid"], "hlc": [1, 0]}]
            ),
            ProblemReason.INVALID,
        ),
        (
            lambda c: body_for(
                c,
                1,
                changes=[
                    {
                        "kind": "child",
                        "uuid": (u := child())["uuid"],
                        "hlc": [2**60, 0],
                        "record": u,
                    }
                ],
            ),
            ProblemReason.INVALID,
        ),
        (
            lambda c: body_for(
                c,
                1,
                changes=[
                    {
                        "kind": "child",
                        "uuid": (u := child())["uuid"],
                        "hlc": [1, 0],
                        "record": {"uuid": u["uuid"]},
                    }
                ],
            ),
            ProblemReason.INVALID,
        ),
        (
            lambda c: body_for(c, 1).replace(b'"seq": 1', b'"seq": 1, "seq": 1'),
            ProblemReason.INVALID,
        ),
        (lambda c: body_for(c, 1).replace(b'"seen": {}', b'"seen": NaN'), ProblemReason.INVALID),
    ],
)
def test_a_wrong_file_is_refused_with_a_reason_and_nothing_is_applied(mum, dad, make, reason):
    place(mum.folder.own_folder, 1, make(mum))
    report = dad.round()
    assert report.applied == [] and report.paused is None
    assert [p.reason for p in report.read.problems] == [reason]
    assert report.read.waiting == {mum.device: 1}
    assert dad.replica.versions == {}


def test_a_file_too_large_is_refused_unread(mum, dad):
    body = b"x" * 100
    name = f"{1:010d}-{MAX_CHANGE_FILE_BYTES + 1}-{hashlib.sha256(body).hexdigest()}.json"
    (mum.folder.own_folder / name).write_bytes(body)
    report = dad.round()
    assert [p.reason for p in report.read.problems] == [ProblemReason.TOO_LARGE]
    assert report.applied == []


def test_a_bad_device_file_is_reported_and_the_changes_still_read(mum, dad):
    write_one(mum)
    (mum.folder.own_folder / "device.json").write_text('{"format": "crawl-journal-device"')
    report = dad.round()
    assert [f.seq for f in report.applied] == [1]
    assert [p.reason for p in report.read.problems] == [ProblemReason.BAD_DEVICE_FILE]
    assert mum.device not in report.read.devices


# -- the folder itself -----------------------------------------------------------------------------


def test_a_vanished_folder_pauses_sharing_and_changes_nothing(mum, dad, shared, tmp_path):
    write_one(dad)
    mum.replica.save(Kind.CHILD, child())
    aside = tmp_path / "aside"
    shutil.move(shared, aside)
    report = mum.round()
    assert report.paused is not None and report.paused.reason is PauseReason.FOLDER_MISSING
    assert mum.replica.pending and mum.replica.cursors == {}
    assert not shared.exists()  # never made again by the app
    shutil.move(aside, shared)
    report = mum.round()
    assert report.paused is None and report.written is not None
    assert [f.device for f in report.applied] == [dad.device]


def test_an_unplugged_disk_showing_its_empty_mount_point_pauses(mum, dad, shared):
    write_one(mum)
    for entry in shared.iterdir():
        shutil.rmtree(entry)  # what the empty mount point shows
    mum.replica.save(Kind.CHILD, child())
    report = mum.round()
    assert report.paused is not None and report.paused.reason is PauseReason.OWN_FOLDER_MISSING
    assert list(shared.iterdir()) == []


def test_a_file_where_the_folder_should_be_pauses(tmp_path):
    target = tmp_path / "share"
    target.write_text("oops")
    folder = ShareFolder(target, new_device_id())
    assert folder.join("Mum").reason is PauseReason.NOT_A_FOLDER
    assert folder.read_others({}).paused.reason is PauseReason.NOT_A_FOLDER


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="needs a folder the user cannot read")
def test_an_unreadable_folder_pauses(mum, shared):
    os.chmod(shared, 0o000)
    try:
        report = mum.round()
    finally:
        os.chmod(shared, 0o700)
    assert report.paused is not None and report.paused.reason is PauseReason.UNREADABLE


# -- time ------------------------------------------------------------------------------------------


def test_a_clock_a_day_ahead_is_reported_and_loses_to_an_edit_made_after_seeing_it(shared):
    mum = Computer(shared, "Mum's laptop")
    dad = Computer(shared, "Dad's laptop", FakeClock(FakeClock().ms + DAY_MS))
    maya = child()
    d = write_one(mum, "Mum", maya)
    dad.round()
    dad.replica.save(Kind.DAY, {**d, "notes": "Dad, clock ahead"})
    dad.round()
    report = mum.round()
    assert report.read.clock_ahead_ms[dad.device] >= DAY_MS - 1000
    mum.clock.ms += 60_000
    mum.replica.save(Kind.DAY, {**d, "notes": "Mum's correction"})
    mum.round()
    dad.round()
    for c in (mum, dad):
        assert c.replica.view().records[Kind.DAY][d["uuid"]]["notes"] == "Mum's correction"
        assert c.replica.view().conflicts == []


def test_three_computers_stay_in_step_through_one_folder(shared):
    computers = [Computer(shared, n) for n in ("Mum's laptop", "Dad's laptop", "Gran's PC")]
    maya = child()
    computers[0].replica.save(Kind.CHILD, maya)
    for c in computers:
        c.round()
    for i, c in enumerate(computers):
        c.clock.ms += 1000 * (i + 1)
        c.replica.save(Kind.DAY, day(maya["uuid"], on=f"2026-11-1{i}", notes=f"by {i}"))
    for _ in range(2):
        for c in computers:
            c.round()
    views = [c.replica.view().records for c in computers]
    assert views[0] == views[1] == views[2] and len(views[0][Kind.DAY]) == 3


def test_a_first_sync_of_two_years_takes_seconds_and_an_edit_adds_kilobytes(shared):
    from datetime import date, timedelta

    mum, dad = Computer(shared, "Mum's laptop"), Computer(shared, "Dad's laptop")
    start = date(2024, 11, 1)
    for computer in (mum, dad):  # two journals started apart, both every day for two years
        maya = child()
        computer.replica.save(Kind.CHILD, maya)
        for i in range(730):
            on = (start + timedelta(days=i)).isoformat()
            computer.replica.save(
                Kind.DAY,
                day(maya["uuid"], on, notes="rolled and crawled " * 5, movements=[("rolling", 3)]),
            )
    began = time.perf_counter()
    mum.round()
    dad.round()
    mum.round()
    elapsed = time.perf_counter() - began
    assert mum.replica.view().records == dad.replica.view().records
    assert len(mum.replica.view().records[Kind.DAY]) == 730
    assert elapsed < 10, f"first sync took {elapsed:.1f} s"
    some_day = next(iter(mum.replica.view().records[Kind.DAY].values()))
    mum.replica.save(Kind.DAY, {**some_day, "notes": "an evening's edit"})
    report = mum.round()
    assert report.written is not None and report.written.stat().st_size < 4096


def test_two_different_own_files_with_one_number_stop_the_writer(mum):
    write_one(mum)
    # A copy of this journal on another computer wrote its own file 1.
    place(mum.folder.own_folder, 1, body_for(mum, 1))
    mum.replica.save(Kind.CHILD, child())
    report = mum.round()
    assert report.paused is not None and report.paused.reason is PauseReason.DEVICE_ID_IN_USE
    assert "two different change files numbered 1" in report.paused.detail
    # A sync tool's conflicted copy of our own file is not taken for another writer.
    other = Computer(mum.folder.root, "Gran's PC")
    write_one(other)
    [path] = files_of(other)
    place(other.folder.own_folder, 1, path.read_bytes(), " (conflicted copy)")
    other.replica.save(Kind.CHILD, child())
    assert other.round().paused is None


def test_a_file_written_just_before_a_crash_counts_as_written_not_as_another_writer(mum, dad):
    maya = child()
    mum.replica.save(Kind.CHILD, maya)
    seq, seen, versions = mum.replica.outbox()
    first = mum.folder.write_changes(seq, seen, versions, "2026-11-21T20:14:00.000000Z")
    assert first.path is not None
    # Killed before the journal noted "file 1 written": the next start writes it again.
    again = mum.folder.write_changes(seq, seen, versions, "2026-11-21T20:20:00.000000Z")
    assert again.paused is None and again.path == first.path
    assert len(files_of(mum)) == 1
    # Other versions under that number are another writer's.
    mum.replica.save(Kind.DAY, day(maya["uuid"]))
    _, _, more = mum.replica.outbox()
    clash = mum.folder.write_changes(seq, seen, more, WRITTEN)
    assert clash.paused is not None and clash.paused.reason is PauseReason.DEVICE_ID_IN_USE
