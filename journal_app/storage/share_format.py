"""The shared folder's file format: names, limits, what a round reports, and encoding a change file.

A change file's name carries its sequence number, its length and the SHA-256 of its bytes
(:func:`change_file_name`), so a file still arriving or cut short is recognised. The layout and the
format are in docs/sharing-format.md and resources/journal-changes.schema.json; writing is in
:mod:`journal_app.storage.share_folder`, checking a file read in :mod:`journal_app.storage.share_checks`.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from journal_app.domain.sharing import Version

CHANGES_FORMAT = "crawl-journal-changes"
#: The newest format this app reads and writes. Version 2 (issue 19) adds the ``media`` kind; a
#: file without a photo or video is still written as version 1, so an app not yet updated reads it
#: (it would wait behind a version-2 file, rightly: it cannot keep a photo).
CHANGES_VERSION = 2
MEDIA_CHANGES_VERSION = 2
DEVICE_FORMAT = "crawl-journal-device"
DEVICE_VERSION = 1
DEVICE_FILE = "device.json"

#: A change file larger than this is refused unread (a whole two-year journal is about 2 MB).
MAX_CHANGE_FILE_BYTES = 32 * 1024 * 1024
MAX_DEVICE_FILE_BYTES = 64 * 1024
#: Objects and lists nest at most this deep (a movement of a day of a change is at depth 6).
MAX_JSON_DEPTH = 10
MAX_CHANGES_PER_FILE = 500_000
MAX_DEVICE_NAME_LENGTH = 100

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

DEVICE_ID_RE = re.compile(r"^[0-9a-f]{32}$")
#: ``0000000012-1834-<sha256>.json``; anything between the SHA-256 and ``.json`` is a sync tool's
#: copy ("(Mum's conflicted copy 2026-12-02)", ".sync-conflict-20261202-161500-ABCDEFG", "-PC").
CHANGE_NAME_RE = re.compile(
    r"^(?P<seq>\d{10})-(?P<size>\d{1,10})-(?P<sha>[0-9a-f]{64})(?P<copy>.*)\.json$"
)
MAX_SEQ = 9_999_999_999

#: Names a sync tool or an operating system keeps for itself (they are never read).
_BOOKKEEPING_EXACT = frozenset({"desktop.ini", "thumbs.db", "icon\r"})
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"
_TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".!sync", ".crdownload", ".download")


def new_device_id() -> str:
    """A random device id (128 bits, hex): a computer's subfolder in the shared folder."""
    return secrets.token_hex(16)


def change_file_name(seq: int, body: bytes) -> str:
    return f"{seq:010d}-{len(body)}-{hashlib.sha256(body).hexdigest()}.json"


def is_bookkeeping(name: str) -> bool:
    """A name this app never wrote as a change file: a temporary file (ours start with ``.``),
    a sync tool's own files (``.stfolder``, ``.stversions``, ``.sync``, ``.dropbox*``,
    ``desktop.ini``, Office's ``~$*``), a download in progress."""
    lowered = name.lower()
    return (
        name.startswith((".", "~"))
        or lowered in _BOOKKEEPING_EXACT
        or lowered.endswith(_TEMP_SUFFIXES)
    )


class PauseReason(StrEnum):
    """Why sharing is paused; the journal itself works on."""

    FOLDER_MISSING = "folder_missing"
    NOT_A_FOLDER = "not_a_folder"
    UNREADABLE = "unreadable"
    #: The shared folder is there but this computer's subfolder is not: an unplugged disk whose
    #: empty mount point shows, or a folder emptied by the sync tool. It is not made again
    #: silently; joining again does.
    OWN_FOLDER_MISSING = "own_folder_missing"
    WRITE_FAILED = "write_failed"
    #: Another computer writes as this device (a copied journal folder): take a new device id.
    DEVICE_ID_IN_USE = "device_id_in_use"


@dataclass(frozen=True)
class Paused:
    reason: PauseReason
    detail: str = ""


class ProblemReason(StrEnum):
    #: Shorter than its name says, or not the bytes its name says: still arriving, or cut short.
    #: Left for the next round (that computer's later files wait behind it).
    INCOMPLETE = "incomplete"
    TOO_LARGE = "too_large"
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    WRONG_FORMAT = "wrong_format"
    #: Written by a newer version of the app: waits until this app is updated.
    NEWER_VERSION = "newer_version"
    #: Its body names another device or sequence number than its folder and name.
    MISMATCH = "mismatch"
    INVALID = "invalid"
    #: Two different whole files with one sequence number from one device.
    FORK = "fork"
    UNREADABLE = "unreadable"
    BAD_DEVICE_FILE = "bad_device_file"


#: Reasons after which the same file is tried again next round (it may still be arriving).
RETRY_REASONS = frozenset(
    {ProblemReason.INCOMPLETE, ProblemReason.UNREADABLE, ProblemReason.NEWER_VERSION}
)


@dataclass(frozen=True)
class Problem:
    device: str
    name: str
    reason: ProblemReason
    detail: str


@dataclass(frozen=True)
class DeviceInfo:
    device: str
    name: str


@dataclass(frozen=True)
class ChangeFile:
    """A whole, checked change file of another computer."""

    device: str
    seq: int
    path: Path
    sha256: str
    size: int
    written: str
    seen: Mapping[str, int]
    versions: tuple[Version, ...]


@dataclass
class ReadResult:
    """One round of reading the other computers' files."""

    paused: Paused | None = None
    #: Files to apply, each device's in sequence order from its cursor on, without gaps.
    files: list[ChangeFile] = field(default_factory=list)
    devices: dict[str, DeviceInfo] = field(default_factory=dict)
    #: device -> the sequence number its files wait for (a later one is already there).
    waiting: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Whole copies of files already there or applied (a sync tool's conflicted copies).
    duplicates: int = 0
    #: device -> how many milliseconds its newest stamp is past this computer's clock.
    clock_ahead_ms: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteResult:
    path: Path | None = None
    paused: Paused | None = None


class Refused(Exception):
    def __init__(self, reason: ProblemReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def encode_change(version: Version) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": version.kind.value,
        "uuid": version.uuid,
        "hlc": version.hlc.pair(),
    }
    if version.record is None:
        item["deleted"] = version.deleted or ""
    else:
        item["record"] = dict(version.record)
    return item


def encode_body(
    device: str,
    seq: int,
    seen: Mapping[str, int],
    versions: Sequence[Version],
    written: str,
    app: str,
) -> bytes:
    document = {
        "format": CHANGES_FORMAT,
        "version": MEDIA_CHANGES_VERSION if any(v.kind.value == "media" for v in versions) else 1,
        "app": app,
        "device": device,
        "seq": seq,
        "written": written,
        "seen": {d: n for d, n in sorted(seen.items()) if d != device},
        "changes": [encode_change(v) for v in versions],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")
