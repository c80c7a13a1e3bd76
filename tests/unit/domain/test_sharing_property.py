"""Property: three computers edit, delete and sync through one real shared folder in any order,
with the sync tool's faults (files held back, cut short while arriving, conflicted copies, clocks
that jump); after everyone has synced, all three show the same journal and no accepted edit is
lost (those that lost a merge are kept as conflicts)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journal_app.domain.hlc import HlcClock
from journal_app.domain.sharing import Kind, Replica, Version, lost_versions
from journal_app.storage.share_folder import ShareFolder, new_device_id, sync_round
from tests.helpers.sharing import FakeClock, child, day

WRITTEN = "2026-11-21T20:14:00.000000Z"
NAMES = ("Maya", " maya", "Leo")
DATES = ("2026-11-01", "2026-11-02", "2026-11-03")
NOTES = ("", "rolled", "crawled 🐛", "slept")

computer_index = st.integers(0, 2)
pick = st.integers(0, 10)
edit_day = st.tuples(
    st.just("day"),
    computer_index,
    pick,
    st.integers(0, len(DATES) - 1),
    st.integers(0, len(NOTES) - 1),
)
operation = st.one_of(
    edit_day,
    edit_day,
    edit_day,
    st.tuples(st.just("child"), computer_index, st.integers(0, len(NAMES) - 1)),
    st.tuples(st.just("rename"), computer_index, pick),
    st.tuples(st.just("delete_day"), computer_index, pick),
    st.tuples(st.just("delete_child"), computer_index, pick),
    st.tuples(st.just("keep_other"), computer_index, pick),
    st.tuples(st.just("sync"), computer_index),
    st.tuples(st.just("sync"), computer_index),
    st.tuples(st.just("clock"), computer_index, st.integers(-3_600_000, 90_000_000)),
    st.tuples(st.just("hold_back"), computer_index),
    st.tuples(st.just("cut_short"), computer_index),
    st.tuples(st.just("conflicted_copy"), computer_index),
    st.tuples(
        st.just("release"),
    ),
)


class Computer:
    def __init__(self, root: Path, name: str, start_ms: int) -> None:
        self.device = new_device_id()
        self.clock = FakeClock(start_ms)
        self.replica = Replica(self.device, HlcClock(self.device, now_ms=self.clock))
        self.folder = ShareFolder(root, self.device)
        assert self.folder.join(name) is None
        self.accepted: list[Version] = []

    def live(self, kind: Kind) -> list[dict[str, Any]]:
        records = self.replica.view().records[kind]
        return [records[u] for u in sorted(records)]

    def sync(self) -> None:
        report = sync_round(self.folder, self.replica, WRITTEN, self.clock.ms)
        assert report.paused is None


class Faults:
    """What a sync tool does to the files of the shared folder, undone by ``release``."""

    def __init__(self, root: Path, aside: Path) -> None:
        self.root = root
        self.aside = aside
        self.held: list[tuple[Path, Path]] = []
        self.cut: list[tuple[Path, bytes]] = []

    def newest_file(self, computer: Computer) -> Path | None:
        names = sorted(
            p
            for p in computer.folder.own_folder.iterdir()
            if p.name[0].isdigit() and "(" not in p.name
        )
        return names[-1] if names else None

    def hold_back(self, computer: Computer) -> None:
        path = self.newest_file(computer)
        if path is not None:
            target = self.aside / f"{len(self.held)}-{path.name}"
            shutil.move(path, target)
            self.held.append((path, target))

    def cut_short(self, computer: Computer) -> None:
        path = self.newest_file(computer)
        if path is not None:
            raw = path.read_bytes()
            self.cut.append((path, raw))
            path.write_bytes(raw[: len(raw) // 3])

    def conflicted_copy(self, computer: Computer) -> None:
        path = self.newest_file(computer)
        if path is not None:
            copy = path.with_name(path.name[: -len(".json")] + " (Dad's conflicted copy).json")
            shutil.copyfile(path, copy)

    def release(self) -> None:
        for path, target in self.held:
            shutil.move(target, path)
        for path, raw in reversed(self.cut):
            path.write_bytes(raw)
        self.held.clear()
        self.cut.clear()


def run(computers: list[Computer], faults: Faults, op: tuple[Any, ...]) -> None:
    name = op[0]
    if name == "release":
        faults.release()
        return
    c = computers[op[1]]
    replica = c.replica
    c.clock.ms += 1000
    if name == "child":
        c.accepted.append(replica.save(Kind.CHILD, child(NAMES[op[2]])))
    elif name == "rename" and (children := c.live(Kind.CHILD)):
        record = children[op[2] % len(children)]
        c.accepted.append(replica.save(Kind.CHILD, {**record, "name": record["name"] + "!"}))
    elif name == "day" and (children := c.live(Kind.CHILD)):
        parent = children[op[2] % len(children)]
        on, notes = DATES[op[3]], NOTES[op[4]]
        existing = [
            d for d in c.live(Kind.DAY) if d["child_uuid"] == parent["uuid"] and d["date"] == on
        ]
        record = {**existing[0], "notes": notes} if existing else day(parent["uuid"], on, notes)
        c.accepted.append(replica.save(Kind.DAY, record))
    elif name in ("delete_day", "delete_child"):
        kind = Kind.DAY if name == "delete_day" else Kind.CHILD
        if records := c.live(kind):
            record = records[op[2] % len(records)]
            c.accepted.extend(replica.delete(kind, record["uuid"], WRITTEN))
    elif name == "keep_other" and (conflicts := replica.view().conflicts):
        conflict = conflicts[op[2] % len(conflicts)]
        assert conflict.loser.record is not None
        c.accepted.append(
            replica.save(conflict.kind, {**conflict.loser.record, "uuid": conflict.uuid})
        )
    elif name == "sync":
        c.sync()
    elif name == "clock":
        c.clock.ms += op[2]
    elif name == "hold_back":
        faults.hold_back(c)
    elif name == "cut_short":
        faults.cut_short(c)
    elif name == "conflicted_copy":
        faults.conflicted_copy(c)


def check_journal(c: Computer) -> None:
    view = c.replica.view()
    children = view.records[Kind.CHILD]
    keys = [(d["child_uuid"], d["date"]) for d in view.records[Kind.DAY].values()]
    assert len(keys) == len(set(keys)), "two days for one child and date"
    assert all(child_uuid in children for child_uuid, _ in keys), "a day without its child"


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    ops=st.lists(operation, min_size=1, max_size=60),
    skews=st.tuples(*(st.integers(-86_400_000, 86_400_000) for _ in range(3))),
)
def test_three_computers_end_identical_and_lose_nothing(ops, skews):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "shared"
        root.mkdir()
        aside = Path(tmp) / "aside"
        aside.mkdir()
        base = FakeClock().ms
        computers = [
            Computer(root, name, base + skew)
            for name, skew in zip(("Mum's laptop", "Dad's laptop", "Gran's PC"), skews, strict=True)
        ]
        faults = Faults(root, aside)
        # Two journals started apart, each with "Maya"; the third joins empty.
        computers[0].accepted.append(computers[0].replica.save(Kind.CHILD, child("Maya")))
        computers[1].accepted.append(computers[1].replica.save(Kind.CHILD, child("maya ")))
        for c in computers:
            c.sync()
        for op in ops:
            run(computers, faults, op)
            for c in computers:
                check_journal(c)
        faults.release()
        for _ in range(2):
            for c in computers:
                c.sync()
        first = computers[0].replica
        for c in computers:
            assert not c.replica.pending
            assert c.replica.versions.keys() == first.versions.keys()
            view = c.replica.view()
            assert view.records == first.view().records
            assert view.aliases == first.view().aliases
            assert [(k.kind, k.uuid, k.loser.key) for k in view.conflicts] == [
                (k.kind, k.uuid, k.loser.key) for k in first.view().conflicts
            ]
            assert lost_versions(c.replica.versions.values(), view) == []
            check_journal(c)
        view = first.view()
        event(f"conflicts: {min(len(view.conflicts), 3)}")
        event(f"recognised under another UUID: {bool(view.aliases)}")
        event(f"deleted: {any(view.deleted.values())}")
        # Every accepted edit is there, unless the same computer changed it again before
        # writing it (an evening's edits to one day are one change).
        for c in computers:
            for version in c.accepted:
                if version.key in first.versions:
                    continue
                assert any(
                    v.device == version.device
                    and (v.kind, v.uuid, v.seq) == (version.kind, version.uuid, version.seq)
                    and v.hlc > version.hlc
                    for v in first.versions.values()
                ), version
