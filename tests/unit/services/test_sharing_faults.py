"""What sync tools do to the shared folder, made real on journals sharing one folder: files still
arriving or cut short, conflicted copies, duplicates, files out of order, a clock a day ahead, a
copied journal folder writing as the same computer, and a computer restored from an old backup."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.sharing import Kind, Replica
from journal_app.paths import JournalPaths
from journal_app.services.context import open_context
from journal_app.storage.share_folder import ShareFolder, new_device_id
from tests.helpers.shared_journals import Clock, Computer, advance, make_computers, shared_folder
from tests.helpers.sharing import child, day

D1, D2, D3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)
DAY_MS = 86_400_000


@pytest.fixture
def pair(tmp_path: Path, journal_template: Path) -> Iterator[tuple[Computer, Computer, Path]]:
    mum, dad = make_computers(tmp_path, journal_template, ["Mum's laptop", "Dad's laptop"])
    folder = shared_folder(tmp_path)
    mum.child()
    mum.join(folder)
    dad.join(folder)
    yield mum, dad, folder
    for c in (mum, dad):
        c.context.close()


def own_files(computer: Computer, folder: Path) -> list[Path]:
    device = computer.sharing.computers()[0].device_id
    return sorted(p for p in (folder / device).iterdir() if p.name[0].isdigit())


def days_of(computer: Computer) -> set[str]:
    return set(next(iter(computer.journal().values())))


def test_a_file_still_arriving_waits_and_is_never_half_applied(pair, tmp_path: Path) -> None:
    mum, dad, folder = pair
    mum.record(D1, 10)
    mum.record(D2, 20)
    mum.sync()
    newest = own_files(mum, folder)[-1]
    whole = newest.read_bytes()
    newest.write_bytes(whole[: len(whole) // 2])  # the sync tool has delivered half of it
    report = dad.sync()
    assert not report.paused and report.days == 0
    assert days_of(dad) == set()
    newest.write_bytes(whole[:-1] + b" ")  # all its bytes, but not yet the right ones
    assert dad.sync().days == 0
    newest.write_bytes(whole)
    assert dad.sync().days == 2
    assert dad.journal() == mum.journal()


def test_a_conflicted_copy_is_read_once_and_stands_in_for_a_lost_file(pair) -> None:
    mum, dad, folder = pair
    mum.record(D1, 10)
    mum.sync()
    mum.record(D2, 20)
    mum.sync()
    first, second = own_files(mum, folder)[-2:]
    # A duplicate beside the first, and the second only as Syncthing's conflicted copy.
    shutil.copy(first, first.with_name(first.stem + " (Dad's conflicted copy 2026-12-02).json"))
    second.rename(second.with_name(second.stem + ".sync-conflict-20261202-161500-ABCDEFG.json"))
    report = dad.sync()
    assert report.days == 2 and report.refused == ()
    assert dad.journal() == mum.journal()
    assert dad.sync().days == 0  # a copy is never applied again


def test_files_out_of_order_wait_for_the_gap(pair, tmp_path: Path) -> None:
    mum, dad, folder = pair
    for n, on in enumerate((D1, D2, D3)):
        mum.record(on, 10 + n)
        mum.sync()
    files = own_files(mum, folder)
    held = tmp_path / "held-back"
    held.mkdir()
    middle = files[-2]
    middle.rename(held / middle.name)
    assert dad.sync().days == 1  # the first; the third waits behind the missing second
    assert days_of(dad) == {"2026-11-01"}
    (held / middle.name).rename(middle)
    assert dad.sync().days == 2
    assert dad.journal() == mum.journal()


def test_a_damaged_file_is_reported_and_the_rest_of_the_journal_works(pair) -> None:
    mum, dad, folder = pair
    mum.record(D1, 10)
    mum.sync()
    newest = own_files(mum, folder)[-1]
    body = newest.read_bytes().replace(b'"tummy_minutes":10', b'"tummy_minutes":"x"')

    name = f"{newest.name[:10]}-{len(body)}-{hashlib.sha256(body).hexdigest()}.json"
    newest.unlink()
    (newest.parent / name).write_bytes(body)
    report = dad.sync()
    assert report.days == 0
    assert any("not applied" in line for line in report.refused), report.refused
    assert days_of(dad) == set()
    dad.record(D2, 5)  # the journal works on
    assert days_of(dad) == {"2026-11-02"}


def test_a_clock_a_day_ahead_does_not_win_after_it_was_seen(pair) -> None:
    mum, dad, _folder = pair
    dad.clock.skew = DAY_MS  # Dad's laptop thinks it is tomorrow
    dad.record(D1, 40, "dad, clock ahead")
    dad.sync()
    assert mum.sync().notes == ("Dad's laptop's clock seems to be 1 day ahead of this computer's.",)
    advance([mum, dad])
    mum.record(D1, 15, "mum's correction after seeing it")
    mum.sync()
    dad.sync()
    assert mum.journal() == dad.journal()
    assert mum.journal()["Maya 2026-03-01"]["2026-11-01"][1] == "mum's correction after seeing it"
    assert dad.sharing.day_conflicts(dad.only_child().id, D1) == []


def test_a_copied_journal_folder_takes_a_new_device_id(pair, tmp_path: Path) -> None:
    mum, dad, _folder = pair
    mum.record(D1, 10)
    mum.sync()
    copy_dir = tmp_path / "copied"
    mum.context.close()
    shutil.copytree(mum.context.paths.data_dir, copy_dir)
    twin = Computer(
        "Mum's laptop", open_context(JournalPaths(copy_dir), lambda: date(2026, 11, 23)), Clock()
    )
    try:
        mum.record(D2, 20)
        mum.sync()
        twin.record(D3, 30)
        report = twin.sync()  # file 2 of this device id is there already: not written over
        assert not report.paused
        assert twin.sharing.computers()[0].device_id != mum.sharing.computers()[0].device_id
        mum.sync(), dad.sync(), twin.sync(), mum.sync()
        assert mum.journal() == dad.journal() == twin.journal()
        assert days_of(dad) == {"2026-11-01", "2026-11-02", "2026-11-03"}
    finally:
        twin.context.close()


def test_a_computer_restored_from_an_old_backup_rejoins(pair) -> None:
    mum, dad, _folder = pair
    mum.record(D1, 10)
    mum.record(D2, 20)
    mum.sync(), dad.sync()
    backup = mum.context.backups.back_up_now()
    old_device = mum.sharing.computers()[0].device_id
    advance([mum, dad])
    mum.record(D3, 30, "after the backup")
    mum.sync()
    dad.context.journal.delete_day(dad.only_child().id, D1)
    dad.sync()
    mum.context.backups.restore(backup)
    assert days_of(mum) == {"2026-11-01", "2026-11-02"}
    report = mum.sync()
    assert not report.paused
    assert mum.sharing.computers()[0].device_id != old_device
    # Mum's day written after the backup is back; Dad's deletion stays.
    assert days_of(mum) == {"2026-11-02", "2026-11-03"}
    dad.sync()
    assert mum.journal() == dad.journal()
    advance([mum, dad])
    mum.record(D1, 50, "recorded again")
    mum.sync(), dad.sync()
    assert days_of(dad) == {"2026-11-01", "2026-11-02", "2026-11-03"}


def test_another_program_writing_times_its_own_way_is_applied_once(pair) -> None:
    """A change file written by another program (times without microseconds, the child under
    its own UUID): each of its records arrives once, not again every round."""
    _mum, dad, folder = pair
    other = Replica(new_device_id())
    writer = ShareFolder(folder, other.device)
    assert writer.join("Tablet") is None
    maya = child("Maya", "2026-03-01")
    first = {
        **day(maya["uuid"], "2026-11-05", "from the tablet"),
        "created": "2026-11-05T10:00:00Z",
    }
    first["updated"] = first["created"]
    for kind, record in ((Kind.CHILD, maya), (Kind.DAY, first)):
        other.save(kind, record)
    seq, seen, versions = other.outbox()
    writer.write_changes(seq, seen, versions, "2026-11-05T10:00:00Z")
    other.written(seq)
    assert dad.sync().days == 1
    assert len(dad.context.journal.list_children()) == 1  # the same child, recognised
    other.save(Kind.DAY, day(maya["uuid"], "2026-11-06", "again"))
    seq, seen, versions = other.outbox()
    writer.write_changes(seq, seen, versions, "2026-11-06T10:00:00Z")
    other.written(seq)
    report = dad.sync()
    assert report.days == 1 and report.from_computers == ("Tablet",)
    assert days_of(dad) == {"2026-11-05", "2026-11-06"}


def test_a_subfolder_emptied_by_the_sync_tool_pauses_and_joining_again_writes_it_anew(
    pair, tmp_path: Path, journal_template: Path
) -> None:
    mum, dad, folder = pair
    mum.record(D1, 10)
    mum.record(D2, 20)
    dad.record(D3, 30, "dad's")
    for c in (mum, dad, mum):
        c.sync()
    mum.context.journal.delete_day(mum.only_child().id, D3)
    mum.sync(), dad.sync()
    old = mum.sharing.computers()[0].device_id
    shutil.rmtree(folder / old)  # the sync tool emptied Mum's subfolder
    report = mum.sync()
    assert report.paused and not (folder / old).exists()  # never made again by itself
    assert "share the journal again" in report.describe()
    assert not mum.join(folder).paused
    assert not (folder / old).exists()
    [gran] = make_computers(tmp_path / "gran", journal_template, ["Gran's PC"])
    try:
        gran.join(folder)
        assert days_of(gran) == {"2026-11-01", "2026-11-02"}  # Mum's days, Dad's deleted one gone
        assert gran.journal() == mum.journal() == dad.journal()
    finally:
        gran.context.close()
