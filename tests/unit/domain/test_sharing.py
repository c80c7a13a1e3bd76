"""The merge rules of a shared journal (domain/sharing.py), on plain records, without files."""

from __future__ import annotations

import random

import pytest

from journal_app.domain.hlc import Hlc, HlcClock
from journal_app.domain.sharing import (
    ConflictReason,
    Kind,
    Replica,
    Version,
    content,
    lost_versions,
    merge,
)
from tests.helpers.sharing import (
    Bus,
    FakeClock,
    child,
    day,
    milestone,
    summary,
    tip,
)

MUM = "a" * 32
DAD = "b" * 32
GRAN = "c" * 32
DAY_MS = 24 * 3600 * 1000


def replica(device: str, clock: FakeClock) -> Replica:
    return Replica(device, HlcClock(device, now_ms=clock))


@pytest.fixture
def clocks() -> dict[str, FakeClock]:
    return {MUM: FakeClock(), DAD: FakeClock(), GRAN: FakeClock()}


@pytest.fixture
def mum(clocks) -> Replica:
    return replica(MUM, clocks[MUM])


@pytest.fixture
def dad(clocks) -> Replica:
    return replica(DAD, clocks[DAD])


def later(clocks: dict[str, FakeClock], ms: int = 1000) -> None:
    for clock in clocks.values():
        clock.ms += ms


def same_journal(*replicas: Replica) -> None:
    views = [r.view() for r in replicas]
    for view in views[1:]:
        assert view.records == views[0].records
        assert view.aliases == views[0].aliases
        assert [(c.kind, c.uuid, c.loser.key) for c in view.conflicts] == [
            (c.kind, c.uuid, c.loser.key) for c in views[0].conflicts
        ]
    for r in replicas:
        assert lost_versions(r.versions.values(), r.view()) == []


def test_hlc_never_goes_back_and_orders_after_what_it_received():
    wall = FakeClock(1000)
    clock = HlcClock(MUM, now_ms=wall)
    first = clock.tick()
    wall.ms = 500  # the wall clock was set back
    second = clock.tick()
    assert second > first and second.wall_ms == 1000 and second.counter == 1
    clock.receive(Hlc(DAY_MS, 7, DAD))
    third = clock.tick()
    assert third > Hlc(DAY_MS, 7, DAD) and third.wall_ms == DAY_MS
    restarted = HlcClock(MUM, last=clock.last, now_ms=wall)
    assert restarted.tick() > third


def test_ties_between_devices_are_broken_by_device_id():
    assert Hlc(5, 0, MUM) < Hlc(5, 0, DAD)
    assert max(Hlc(5, 0, DAD), Hlc(5, 0, MUM)).device == DAD


def test_an_edit_made_after_seeing_another_wins_without_conflict(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"], notes="Mum's note")
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    later(clocks)
    dad.save(Kind.DAY, {**d, "notes": "Dad's correction"})
    bus.sync(dad, mum)
    same_journal(mum, dad)
    assert mum.view().records[Kind.DAY][d["uuid"]]["notes"] == "Dad's correction"
    assert mum.view().winners[(Kind.DAY, d["uuid"])].device == DAD
    assert mum.view().conflicts == []


def test_both_changed_the_same_day_the_newer_wins_and_the_other_is_kept(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    later(clocks)
    dad.save(Kind.DAY, {**d, "notes": "Dad at 20:10"})
    later(clocks)
    mum.save(Kind.DAY, {**d, "notes": "Mum at 20:14"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    view = dad.view()
    assert view.records[Kind.DAY][d["uuid"]]["notes"] == "Mum at 20:14"
    [conflict] = view.conflicts_of(Kind.DAY, d["uuid"])
    assert conflict.reason is ConflictReason.CONCURRENT_EDIT
    assert conflict.loser.device == DAD and conflict.loser.record["notes"] == "Dad at 20:10"


def test_keeping_the_other_version_settles_the_conflict_everywhere(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    dad.save(Kind.DAY, {**d, "notes": "Dad"})
    later(clocks)
    mum.save(Kind.DAY, {**d, "notes": "Mum"})
    bus.sync(mum, dad)
    [conflict] = dad.view().conflicts
    later(clocks)
    dad.save(Kind.DAY, conflict.loser.record)  # "Keep this one"
    bus.sync(dad, mum)
    same_journal(mum, dad)
    assert mum.view().records[Kind.DAY][d["uuid"]]["notes"] == "Dad"
    assert mum.view().conflicts == []


def test_the_same_change_on_both_computers_is_no_conflict(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    dad.save(Kind.DAY, {**d, "notes": "same", "updated": "2026-11-21T10:00:00.000000Z"})
    mum.save(Kind.DAY, {**d, "notes": "same", "updated": "2026-11-21T10:00:05.000000Z"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert mum.view().conflicts == []


def test_a_deletion_beats_the_edits_it_knew(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    later(clocks)
    dad.delete(Kind.DAY, d["uuid"], "2026-11-21T10:00:00.000000Z")
    bus.sync(dad, mum)
    same_journal(mum, dad)
    assert d["uuid"] not in mum.view().records[Kind.DAY]
    assert d["uuid"] in mum.view().deleted[Kind.DAY]
    assert mum.view().conflicts == []


def test_a_newer_edit_beats_a_deletion_it_had_not_seen(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    mum.delete(Kind.DAY, d["uuid"], "2026-11-21T10:00:00.000000Z")
    later(clocks)
    dad.save(Kind.DAY, {**d, "notes": "still here"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert mum.view().records[Kind.DAY][d["uuid"]]["notes"] == "still here"


def test_an_older_edit_the_deletion_had_not_seen_is_kept_as_a_conflict(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    dad.save(Kind.DAY, {**d, "notes": "Dad wrote this first"})
    later(clocks)
    mum.delete(Kind.DAY, d["uuid"], "2026-11-21T10:00:00.000000Z")
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert d["uuid"] not in dad.view().records[Kind.DAY]
    [conflict] = dad.view().conflicts
    assert conflict.reason is ConflictReason.EDITED_BUT_DELETED
    assert conflict.loser.record["notes"] == "Dad wrote this first"


def test_a_day_recorded_again_after_its_deletion_elsewhere_comes_back(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"], on="2026-11-05")
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    later(clocks)
    mum.delete(Kind.DAY, d["uuid"], "2026-11-21T10:00:00.000000Z")
    bus.sync(mum, dad)
    later(clocks)
    again = day(maya["uuid"], on="2026-11-05", notes="recorded again")
    dad.save(Kind.DAY, again)
    bus.sync(dad, mum)
    same_journal(mum, dad)
    days = mum.view().records[Kind.DAY]
    assert list(days) == [again["uuid"]] and days[again["uuid"]]["notes"] == "recorded again"


def test_the_same_child_and_day_under_other_uuids_are_recognised(mum, dad, clocks):
    bus = Bus()
    mum_maya, dad_maya = child("Maya"), child("  maya ")
    mum.save(Kind.CHILD, mum_maya)
    later(clocks)
    dad.save(Kind.CHILD, dad_maya)
    mum_day = day(mum_maya["uuid"], on="2026-11-01", notes="Mum's")
    mum.save(Kind.DAY, mum_day)
    later(clocks)
    dad_day = day(dad_maya["uuid"], on="2026-11-01", notes="Dad's")
    dad.save(Kind.DAY, dad_day)
    other = day(dad_maya["uuid"], on="2026-11-02")
    dad.save(Kind.DAY, other)
    for made in (milestone, tip, summary):
        mum.save(_kind(made), made(mum_maya["uuid"]))
        dad.save(_kind(made), made(dad_maya["uuid"]))
    bus.sync(mum, dad)
    same_journal(mum, dad)
    view = mum.view()
    # One child: the UUID of the one made first, the newest content (Dad's spelling).
    assert list(view.records[Kind.CHILD]) == [mum_maya["uuid"]]
    assert view.records[Kind.CHILD][mum_maya["uuid"]]["name"] == "  maya "
    assert view.aliases[dad_maya["uuid"]] == mum_maya["uuid"]
    assert view.members(Kind.CHILD, dad_maya["uuid"]) == [mum_maya["uuid"], dad_maya["uuid"]]
    days = view.records[Kind.DAY]
    assert set(days) == {mum_day["uuid"], other["uuid"]}
    assert days[mum_day["uuid"]]["notes"] == "Dad's"
    assert {d["child_uuid"] for d in days.values()} == {mum_maya["uuid"]}
    [conflict] = view.conflicts_of(Kind.DAY, dad_day["uuid"])
    assert conflict.loser.record["notes"] == "Mum's"
    for kind in (Kind.MILESTONE, Kind.TIP_TRIED, Kind.SUMMARY_MADE):
        assert len(view.records[kind]) == 1, kind
    # Deleting the recognised child names both UUIDs, so neither comes back.
    later(clocks)
    mum.delete(Kind.CHILD, mum_maya["uuid"], "2026-11-21T10:00:00.000000Z")
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert dad.view().records[Kind.CHILD] == {} and dad.view().records[Kind.DAY] == {}


def _kind(made) -> Kind:
    return {milestone: Kind.MILESTONE, tip: Kind.TIP_TRIED, summary: Kind.SUMMARY_MADE}[made]


def test_two_such_children_made_on_one_computer_are_not_guessed(mum, dad, clocks):
    bus = Bus()
    mum.save(Kind.CHILD, child("Sam"))
    mum.save(Kind.CHILD, child("sam"))
    dad.save(Kind.CHILD, child("Sam"))
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert len(mum.view().records[Kind.CHILD]) == 3 and mum.view().aliases == {}


def test_a_deleted_child_hides_its_days_and_keeps_what_the_deletion_had_not_seen(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    old = day(maya["uuid"], on="2026-11-01")
    mum.save(Kind.DAY, old)
    bus.sync(mum, dad)
    later(clocks)
    fresh = day(maya["uuid"], on="2026-11-02", notes="Dad, not knowing")
    dad.save(Kind.DAY, fresh)
    mum.delete(Kind.CHILD, maya["uuid"], "2026-11-21T10:00:00.000000Z")
    bus.sync(mum, dad)
    same_journal(mum, dad)
    view = dad.view()
    assert view.records[Kind.CHILD] == {} and view.records[Kind.DAY] == {}
    [conflict] = view.conflicts
    assert conflict.reason is ConflictReason.CHILD_DELETED
    assert conflict.loser.record["notes"] == "Dad, not knowing"
    # A newer edit of the child brings it back, with its days.
    later(clocks)
    dad.save(Kind.CHILD, {**maya, "name": "Maya Rose"})
    bus.sync(dad, mum)
    same_journal(mum, dad)
    assert set(mum.view().records[Kind.DAY]) == {old["uuid"], fresh["uuid"]}


def test_a_clock_a_day_ahead_wins_only_edits_made_without_seeing_it(mum, dad, clocks):
    clocks[DAD].ms += DAY_MS
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    d = day(maya["uuid"])
    mum.save(Kind.DAY, d)
    bus.sync(mum, dad)
    dad.save(Kind.DAY, {**d, "notes": "Dad (clock a day ahead)"})
    bus.sync(dad, mum)
    later(clocks)
    # Mum's correction, made after she saw Dad's edit, wins though her clock is a day behind his.
    mum.save(Kind.DAY, {**d, "notes": "Mum's correction"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert dad.view().records[Kind.DAY][d["uuid"]]["notes"] == "Mum's correction"
    assert dad.view().conflicts == []
    # Between two syncs the clock ahead wins, but Mum's edit is kept, not lost.
    later(clocks)
    mum.save(Kind.DAY, {**d, "notes": "Mum, same evening"})
    dad.save(Kind.DAY, {**d, "notes": "Dad, same evening"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    assert mum.view().records[Kind.DAY][d["uuid"]]["notes"] == "Dad, same evening"
    assert [c.loser.record["notes"] for c in mum.view().conflicts] == ["Mum, same evening"]


def test_a_computer_restored_from_an_old_backup_rejoins_without_resurrecting(mum, dad, clocks):
    bus = Bus()
    maya = child()
    mum.save(Kind.CHILD, maya)
    gone = day(maya["uuid"], on="2026-11-01")
    kept = day(maya["uuid"], on="2026-11-02", notes="before the backup")
    mum.save(Kind.DAY, gone)
    mum.save(Kind.DAY, kept)
    bus.sync(mum, dad)
    backup = mum.copy()  # a backup of Mum's journal as it is now
    later(clocks)
    dad.delete(Kind.DAY, gone["uuid"], "2026-11-21T10:00:00.000000Z")
    mum.save(Kind.DAY, {**kept, "notes": "after the backup"})
    bus.sync(mum, dad)
    # Mum's journal is restored from the backup: it rejoins as a new device.
    restored = backup.restored_as(GRAN)
    assert restored.view().records[Kind.DAY][gone["uuid"]]  # the backup still has it
    bus.read(restored)
    bus.sync(restored, dad)
    same_journal(restored, dad)
    days = restored.view().records[Kind.DAY]
    assert gone["uuid"] not in days
    assert days[kept["uuid"]]["notes"] == "after the backup"


def test_the_merge_does_not_depend_on_the_order_versions_arrived(mum, dad, clocks):
    bus = Bus()
    mum_maya, dad_maya = child("Maya"), child("Maya")
    mum.save(Kind.CHILD, mum_maya)
    dad.save(Kind.CHILD, dad_maya)
    for i in range(1, 8):
        later(clocks, 137 * i)
        mum.save(Kind.DAY, day(mum_maya["uuid"], on=f"2026-11-0{i}", notes=f"m{i}"))
        if i % 2:
            dad.save(Kind.DAY, day(dad_maya["uuid"], on=f"2026-11-0{i}", notes=f"d{i}"))
    bus.sync(mum, dad)
    versions = list(mum.versions.values())
    expected = merge(versions)
    for seed in range(20):
        random.Random(seed).shuffle(versions)
        got = merge(versions + versions[:3])  # a version read twice counts once
        assert got.records == expected.records
        assert got.aliases == expected.aliases
        assert [c.loser.key for c in got.conflicts] == [c.loser.key for c in expected.conflicts]


def test_files_must_be_applied_in_order_and_after_writing(mum, dad):
    maya = child()
    dad.save(Kind.CHILD, maya)
    v = Version(Kind.CHILD, maya["uuid"], Hlc(1, 0, DAD), 2, {}, maya)
    with pytest.raises(ValueError, match="out of order"):
        mum.apply(DAD, 2, [v])
    with pytest.raises(ValueError, match="write this computer's changes"):
        dad.apply(MUM, 1, [])


def test_content_ignores_uuids_and_times_but_not_what_a_parent_typed():
    a = day("0" * 8 + "-0000-0000-0000-" + "0" * 12, notes="x", movements=[("rolling", 2)])
    b = {**a, "uuid": "other", "updated": "later"}
    b["movements"] = [{**a["movements"][0], "uuid": "again"}]
    assert content(Kind.DAY, a) == content(Kind.DAY, b)
    assert content(Kind.DAY, a) != content(Kind.DAY, {**a, "notes": "x "})


def test_a_recognised_child_renamed_stays_one_child(mum, dad, clocks):
    bus = Bus()
    mum_maya, dad_maya = child("Maya"), child("Maya")
    mum.save(Kind.CHILD, mum_maya)
    later(clocks)
    dad.save(Kind.CHILD, dad_maya)
    dad.save(Kind.DAY, day(dad_maya["uuid"], on="2026-11-04"))
    bus.sync(mum, dad)
    later(clocks)
    shown = mum.view().records[Kind.CHILD][mum_maya["uuid"]]
    mum.save(Kind.CHILD, {**shown, "name": "Maya Rose", "birth_date": "2026-03-02"})
    bus.sync(mum, dad)
    same_journal(mum, dad)
    children = dad.view().records[Kind.CHILD]
    assert (
        list(children) == [mum_maya["uuid"]] and children[mum_maya["uuid"]]["name"] == "Maya Rose"
    )
    assert [d["child_uuid"] for d in dad.view().records[Kind.DAY].values()] == [mum_maya["uuid"]]
    assert dad.view().conflicts == []
