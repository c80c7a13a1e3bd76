"""Plain records in the change-file shape, for the sharing tests (domain, storage, end to end)."""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

STAMP = "2026-11-20T18:00:00.000000Z"


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def child(name: str = "Maya", birth: str = "2026-03-01", uuid: str | None = None) -> dict[str, Any]:
    return {
        "uuid": uuid or new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "name": name,
        "birth_date": birth,
        "due_date": None,
    }


def day(
    child_uuid: str,
    on: str = "2026-11-01",
    notes: str = "",
    uuid: str | None = None,
    tummy: int | None = 20,
    movements: list[tuple[str, int | None]] | None = None,
) -> dict[str, Any]:
    return {
        "uuid": uuid or new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "child_uuid": child_uuid,
        "date": on,
        "tummy_minutes": tummy,
        "floor": "play_mat",
        "notes": notes,
        "questions": "",
        "notes_in_summary": False,
        "movements": [
            {
                "uuid": new_uuid(),
                "created": STAMP,
                "updated": STAMP,
                "style": style,
                "episodes": episodes,
                "minutes": None,
            }
            for style, episodes in (movements or [])
        ],
        "warning_signs": [],
    }


def milestone(child_uuid: str, kind: str = "hands_and_knees_crawling", on: str = "2026-11-01"):
    return {
        "uuid": new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "child_uuid": child_uuid,
        "milestone": kind,
        "achieved_on": on,
        "status": "reached",
    }


def tip(child_uuid: str, tip_id: str = "toy-ahead", on: str = "2026-11-02"):
    return {
        "uuid": new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "child_uuid": child_uuid,
        "tip_id": tip_id,
        "tried_on": on,
    }


def summary(child_uuid: str, made_on: str = "2026-11-03"):
    return {
        "uuid": new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "child_uuid": child_uuid,
        "made_on": made_on,
        "period_start": "2026-08-01",
        "period_end": "2026-10-31",
    }


def media(child_uuid: str, on: str = "2026-11-04", sha256: str = "ab" * 32) -> dict[str, Any]:
    """A photo's record (its file is not made: the domain and the schema do not need it)."""
    return {
        "uuid": new_uuid(),
        "created": STAMP,
        "updated": STAMP,
        "child_uuid": child_uuid,
        "day": on,
        "file_name": "first crawl.jpg",
        "kind": "jpeg",
        "size": 1234,
        "sha256": sha256,
        "caption": "On the rug",
        "added": STAMP,
        "taken": "2026-11-04T09:30:15.000000",
        "taken_source": "photo",
    }


class FakeClock:
    """Milliseconds that the test moves on (each computer its own, so skew is easy)."""

    def __init__(self, start_ms: int = 1_795_000_000_000) -> None:
        self.ms = start_ms

    def __call__(self) -> int:
        return self.ms


class Bus:
    """The shared folder without files: what each computer wrote, by device and number."""

    def __init__(self) -> None:
        self.files: dict[str, dict[int, list[Any]]] = {}

    def write(self, replica: Any) -> None:
        seq, _seen, versions = replica.outbox()
        if versions:
            self.files.setdefault(replica.device, {})[seq] = versions
            replica.written(seq)

    def read(self, replica: Any) -> None:
        for device, files in sorted(self.files.items()):
            if device == replica.device:
                continue
            seq = replica.cursors.get(device, 0) + 1
            while seq in files:
                replica.apply(device, seq, files[seq])
                seq += 1

    def sync(self, *replicas: Any) -> None:
        """Everyone writes, then everyone reads: every computer holds every version."""
        for replica in replicas:
            self.write(replica)
        for replica in replicas:
            self.read(replica)
