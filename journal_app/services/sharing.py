"""Sharing a journal with another computer through a folder the family already syncs.

The use cases below the window and the command line (docs/sharing-format.md, "Wiring into the
journal"): join (or start) sharing through a folder, run a sync round (this computer's changes
written first, then the others' read, merged and applied to the journal in one transaction),
the status, the computers, and the conflicts kept on a day ("Also written on Dad's laptop").

The change log lives in the journal file (storage/share_repository.py); the files in the shared
folder are storage/share_folder.py's; the merge and the clock are domain/sharing.py and
domain/hlc.py. No SQL and no Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.sharing import SharingError as SharingError  # re-exported

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine


@dataclass(frozen=True)
class ComputerInfo:
    device_id: str
    name: str
    is_this_computer: bool
    #: Its newest change seen here.
    last_change_at: datetime | None
    forgotten: bool


@dataclass(frozen=True)
class SharingStatus:
    active: bool
    folder: Path | None
    device_name: str | None
    last_in_step_at: datetime | None
    in_step_with: tuple[str, ...]
    #: Translated ("the shared folder is not there"); None when sharing runs.
    paused_reason: str | None

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class SyncReport:
    status: SharingStatus
    days: int
    children: int
    conflicts: int
    refused: tuple[str, ...]
    from_computers: tuple[str, ...]

    @property
    def paused(self) -> bool:
        return self.status.paused_reason is not None

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class DayConflict:
    #: Opaque, for :meth:`SharingService.keep` and :meth:`SharingService.dismiss`.
    key: str
    device_name: str
    written_at: datetime
    #: One translated line describing that other version.
    summary: str


class SharingService:
    """Sharing of one journal file."""

    def __init__(
        self,
        engine: Engine,
        today: Callable[[], date] = date.today,
        now_ms: Callable[[], int] | None = None,
    ) -> None:
        self.engine = engine
        self.today = today

    def status(self) -> SharingStatus:
        raise NotImplementedError

    def join(self, folder: Path, device_name: str) -> SyncReport:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def sync(self) -> SyncReport:
        raise NotImplementedError

    def computers(self) -> list[ComputerInfo]:
        raise NotImplementedError

    def forget(self, device_id: str) -> None:
        raise NotImplementedError

    def watched_folders(self) -> list[Path]:
        raise NotImplementedError

    def day_changed_on(self, child_id: int, day: date) -> str | None:
        raise NotImplementedError

    def day_conflicts(self, child_id: int, day: date) -> list[DayConflict]:
        raise NotImplementedError

    def keep(self, key: str) -> None:
        raise NotImplementedError

    def dismiss(self, key: str) -> None:
        raise NotImplementedError
