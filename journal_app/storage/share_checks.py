"""Checking what is read from the shared folder: a device file, and one change file, whole.

Nothing here raises for what the folder holds except :class:`Refused`, which the reader turns into a
:class:`Problem` for the status report (a file still arriving is left for the next round).
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeGuard

from journal_app.domain.hlc import MAX_COUNTER, MAX_WALL_MS, Hlc
from journal_app.domain.sharing import RECORD_FIELDS, Kind, Version
from journal_app.storage.share_format import (
    CHANGE_NAME_RE,
    CHANGES_FORMAT,
    CHANGES_VERSION,
    DEVICE_FILE,
    DEVICE_FORMAT,
    DEVICE_ID_RE,
    MAX_CHANGE_FILE_BYTES,
    MAX_CHANGES_PER_FILE,
    MAX_DEVICE_FILE_BYTES,
    MAX_DEVICE_NAME_LENGTH,
    MAX_JSON_DEPTH,
    MAX_SEQ,
    ChangeFile,
    DeviceInfo,
    Problem,
    ProblemReason,
    ReadResult,
    Refused,
)


def is_copy(name: str) -> bool:
    match = CHANGE_NAME_RE.match(name)
    return match is None or bool(match["copy"])


def read_device_file(device: str, path: Path, result: ReadResult) -> DeviceInfo | None:
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_DEVICE_FILE_BYTES:
            raise Refused(ProblemReason.TOO_LARGE, "device.json is too large")
        document = _parse(path.read_bytes())
        if not isinstance(document, dict) or document.get("format") != DEVICE_FORMAT:
            raise Refused(ProblemReason.WRONG_FORMAT, "not a Crawl Journal device file")
        name = document.get("name")
        if document.get("device") != device or not isinstance(name, str):
            raise Refused(ProblemReason.MISMATCH, "device.json names another device")
        return DeviceInfo(device, name.strip()[:MAX_DEVICE_NAME_LENGTH])
    except Refused as refused:
        result.problems.append(
            Problem(device, DEVICE_FILE, ProblemReason.BAD_DEVICE_FILE, refused.detail)
        )
    except OSError as exc:
        result.problems.append(
            Problem(device, DEVICE_FILE, ProblemReason.UNREADABLE, exc.strerror or str(exc))
        )
    return None


# -- checking one file -----------------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'the field "{key[:40]}" appears twice in one object')
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _depth(value: Any) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _parse(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(ProblemReason.NOT_JSON, f"byte {exc.start} is not UTF-8 text") from None
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except RecursionError:
        raise Refused(ProblemReason.TOO_DEEP, "nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise Refused(ProblemReason.NOT_JSON, f"{exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:
        raise Refused(ProblemReason.INVALID, str(exc)) from None
    if _depth(document) > MAX_JSON_DEPTH:
        raise Refused(ProblemReason.TOO_DEEP, f"nested deeper than {MAX_JSON_DEPTH}")
    return document


def read_change_file(device: str, seq: int, path: Path, size: int, sha: str) -> ChangeFile:
    if size > MAX_CHANGE_FILE_BYTES:
        raise Refused(ProblemReason.TOO_LARGE, f"{size} bytes, over {MAX_CHANGE_FILE_BYTES}")
    try:
        if path.is_symlink() or not path.is_file():
            raise Refused(ProblemReason.INVALID, "not a plain file")
        with open(path, "rb") as handle:
            raw = handle.read(size + 1)
    except OSError as exc:
        raise Refused(ProblemReason.UNREADABLE, exc.strerror or str(exc)) from None
    if len(raw) != size:
        raise Refused(
            ProblemReason.INCOMPLETE, f"{len(raw)} bytes of {size}: still arriving or cut short"
        )
    if hashlib.sha256(raw).hexdigest() != sha:
        raise Refused(ProblemReason.INCOMPLETE, "its bytes do not match its SHA-256 yet")
    document = _parse(raw)
    if not isinstance(document, dict) or document.get("format") != CHANGES_FORMAT:
        raise Refused(ProblemReason.WRONG_FORMAT, "not a Crawl Journal change file")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Refused(ProblemReason.INVALID, "no format version number")
    if version > CHANGES_VERSION:
        raise Refused(
            ProblemReason.NEWER_VERSION,
            f"format version {version}; this app reads version {CHANGES_VERSION}",
        )
    if document.get("device") != device or document.get("seq") != seq:
        raise Refused(ProblemReason.MISMATCH, "its device or number differs from its place")
    written = document.get("written")
    if not isinstance(written, str):
        raise Refused(ProblemReason.INVALID, '"written" is not a time')
    seen = _seen(document.get("seen"), device)
    raw_changes = document.get("changes")
    if not isinstance(raw_changes, list) or len(raw_changes) > MAX_CHANGES_PER_FILE:
        raise Refused(ProblemReason.INVALID, '"changes" is not a list of changes')
    versions: list[Version] = []
    keys: set[tuple[Kind, str]] = set()
    for index, item in enumerate(raw_changes):
        version_obj = _change(item, index, device, seq, seen)
        if (version_obj.kind, version_obj.uuid) in keys:
            raise Refused(ProblemReason.INVALID, f"changes[{index}]: the record is there twice")
        keys.add((version_obj.kind, version_obj.uuid))
        versions.append(version_obj)
    return ChangeFile(device, seq, path, sha, size, written, seen, tuple(versions))


def _seen(value: Any, device: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise Refused(ProblemReason.INVALID, '"seen" is not an object')
    seen: dict[str, int] = {}
    for other, number in value.items():
        if (
            not DEVICE_ID_RE.match(other)
            or other == device
            or isinstance(number, bool)
            or not isinstance(number, int)
            or not 0 <= number <= MAX_SEQ
        ):
            raise Refused(ProblemReason.INVALID, '"seen" holds something else than device numbers')
        seen[other] = number
    return seen


def _is_uuid(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid_module.UUID(value)) == value
    except ValueError:
        return False


def _is_int(value: Any, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and 0 <= value <= high


def _change(item: Any, index: int, device: str, seq: int, seen: Mapping[str, int]) -> Version:
    where = f"changes[{index}]"
    if not isinstance(item, dict):
        raise Refused(ProblemReason.INVALID, f"{where} is not an object")
    try:
        kind = Kind(str(item.get("kind")))
    except ValueError:
        raise Refused(ProblemReason.INVALID, f"{where}: unknown kind") from None
    uuid = item.get("uuid")
    if not _is_uuid(uuid):
        raise Refused(ProblemReason.INVALID, f"{where}: not a UUID (lower case, with dashes)")
    stamp = item.get("hlc")
    if (
        not isinstance(stamp, list)
        or len(stamp) != 2
        or not _is_int(stamp[0], MAX_WALL_MS)
        or not _is_int(stamp[1], MAX_COUNTER)
    ):
        raise Refused(ProblemReason.INVALID, f"{where}: the stamp is not [milliseconds, counter]")
    hlc = Hlc(stamp[0], stamp[1], device)
    has_record, has_deleted = "record" in item, "deleted" in item
    if has_record == has_deleted:
        raise Refused(ProblemReason.INVALID, f'{where}: needs either "record" or "deleted"')
    if has_deleted:
        deleted = item["deleted"]
        if not isinstance(deleted, str):
            raise Refused(ProblemReason.INVALID, f'{where}: "deleted" is not a time')
        return Version(kind, uuid, hlc, seq, seen, None, deleted)
    record = item["record"]
    if not isinstance(record, dict):
        raise Refused(ProblemReason.INVALID, f"{where}: the record is not an object")
    missing = [name for name in RECORD_FIELDS[kind] if name not in record]
    if missing:
        raise Refused(ProblemReason.INVALID, f'{where}: the record has no "{missing[0]}"')
    if record["uuid"] != uuid:
        raise Refused(
            ProblemReason.INVALID, f"{where}: the record's UUID differs from the change's"
        )
    if kind is not Kind.CHILD and not _is_uuid(record["child_uuid"]):
        raise Refused(ProblemReason.INVALID, f'{where}: "child_uuid" is not a UUID')
    if kind is Kind.DAY:
        for part in ("movements", "warning_signs"):
            entries = record[part]
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise Refused(ProblemReason.INVALID, f'{where}: "{part}" is not a list of objects')
    return Version(kind, uuid, hlc, seq, seen, record, None)
