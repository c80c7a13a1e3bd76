"""What the app knows of a backup file: its kind, time and size, and what it holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

AUTO = "auto"
MANUAL = "manual"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    made_at: datetime
    size_bytes: int

    @property
    def is_automatic(self) -> bool:
        return self.kind == AUTO


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, so a parent can tell whether it is the one to restore."""

    children: int
    days: int
    last_day: date | None

    @property
    def is_empty(self) -> bool:
        return self.days == 0
