"""Journals on several "computers" (separate data folders, real files) sharing one folder, for
the sharing tests: each has its own context and a clock the test moves on by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.sharing import SharingService, SyncReport
from tests.helpers.constants import TODAY
from tests.helpers.journals import place_new_journal

#: 2026-11-20 18:00 UTC: every computer's clock starts here and the tests move it on.
START_MS = 1_795_370_400_000


@dataclass
class Clock:
    now: int = START_MS
    #: How far this computer's clock is off (a clock that runs a day ahead: +86_400_000).
    skew: int = 0

    def __call__(self) -> int:
        return self.now + self.skew


@dataclass
class Computer:
    """One parent's computer: its journal and its sharing service (on its own clock)."""

    name: str
    context: JournalContext
    clock: Clock
    sharing: SharingService = field(init=False)

    def __post_init__(self) -> None:
        self.sharing = SharingService(self.context.engine, self.context.today, self.clock)

    def join(self, folder: Path) -> SyncReport:
        return self.sharing.join(folder, self.name)

    def sync(self) -> SyncReport:
        return self.sharing.sync()

    def child(self, name: str = "Maya", birth: date = date(2026, 3, 1)) -> ChildProfile:
        return self.context.journal.save_child(ChildProfile(name, birth))

    def only_child(self) -> ChildProfile:
        children = self.context.journal.list_children()
        assert len(children) == 1, children
        return children[0]

    def record(self, day: date, tummy: int, notes: str = "", child_id: int | None = None) -> None:
        cid = child_id if child_id is not None else self.only_child().id
        assert cid is not None
        self.context.journal.save_day(
            DayEntry(
                child_id=cid,
                day=day,
                movements={MovementStyle.BACKWARD: MovementCount(tummy % 7 + 1, None)},
                tummy_minutes=tummy,
                notes=notes,
            )
        )
        self.clock.now += 1000

    def journal(self) -> dict[str, Any]:
        """What a parent sees: children by name, and each one's days and what is in them."""
        out: dict[str, Any] = {}
        for c in self.context.journal.list_children():
            assert c.id is not None
            days = {}
            for row in self.context.journal.recent_days(c.id):
                entry = self.context.journal.load_day(c.id, row.day)
                days[row.day.isoformat()] = (
                    entry.tummy_minutes,
                    entry.notes,
                    sorted((s.value, m.episodes) for s, m in entry.movements.items()),
                )
            out[f"{c.name} {c.birth_date}"] = days
        return out


def make_computers(
    tmp_path: Path, template: Path, names: list[str], today: date = TODAY
) -> list[Computer]:
    computers = []
    for index, name in enumerate(names):
        data_dir = tmp_path / f"computer-{index}"
        place_new_journal(template, data_dir)
        context = open_context(JournalPaths(data_dir), lambda: today)
        computers.append(Computer(name, context, Clock()))
    return computers


def shared_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Synced" / "Crawl Journal"
    folder.mkdir(parents=True)
    (folder / ".stfolder").mkdir()
    return folder


def advance(computers: list[Computer], ms: int = 60_000) -> None:
    for c in computers:
        c.clock.now += ms
