"""The shared folder: this computer's change files written, the other computers' read.

Plain files only (no database ever goes into the shared folder, and no lock file): the layout and
the format are in docs/sharing-format.md and resources/journal-changes.schema.json.

- Each computer writes only inside its own subfolder (named by its device id): a ``device.json``
  with its display name, and append-only change files, each written under a private temporary
  name (``tempfile.mkstemp``: O_EXCL, mode 0600), fsynced, renamed, and the folder fsynced. The
  name of a change file carries the sequence number, the length and the SHA-256 of its bytes, so
  a file still arriving or cut short by the sync tool is recognised and left for the next round.
- Reading never raises for what is in the folder: a missing or unplugged folder gives a
  :class:`Paused` reason; a file that is not whole yet makes that computer's files wait; a file
  that is wrong is refused with a :class:`Problem` kept for the status report.
- Files of one computer are applied in sequence order, each once: the caller keeps, for every
  other device, the highest sequence number up to which every file was applied (its *cursor*);
  :meth:`ShareFolder.read_others` returns the files after it, up to the first gap.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import tempfile
import uuid as uuid_module
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeGuard

from journal_app.domain.hlc import CLOCK_AHEAD_REPORT_MS, MAX_COUNTER, MAX_WALL_MS, Hlc
from journal_app.domain.sharing import RECORD_FIELDS, Kind, Replica, Version

CHANGES_FORMAT = "crawl-journal-changes"
CHANGES_VERSION = 1
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
_TEMP_PREFIX = ".tmp-"
_TEMP_SUFFIX = ".part"
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


class _Refused(Exception):
    def __init__(self, reason: ProblemReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# -- writing ---------------------------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    """Best effort: some file systems a shared folder lives on (SMB, some FUSE mounts) refuse to
    fsync a folder; the rename has happened by then, so that is no reason to report a failure."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _chmod(path: Path, mode: int) -> None:
    """Best effort: FAT and exFAT sticks have no modes (mkstemp made the file 0600 anyway)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def _write_new_file(folder: Path, name: str, body: bytes, *, replace: bool) -> Path:
    """``body`` under ``folder/name``: a private temp file (mkstemp: O_EXCL, 0600), fsync, rename,
    fsync the folder. Never a half file under ``name``."""
    fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        _chmod(tmp, PRIVATE_FILE_MODE)
        target = folder / name
        if replace:
            os.replace(tmp, target)
        else:
            if target.exists():
                raise FileExistsError(f"{target} already exists")
            os.rename(tmp, target)
        _fsync_dir(folder)
        return target
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


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
        "version": CHANGES_VERSION,
        "app": app,
        "device": device,
        "seq": seq,
        "written": written,
        "seen": {d: n for d, n in sorted(seen.items()) if d != device},
        "changes": [encode_change(v) for v in versions],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    _chmod(path, PRIVATE_DIR_MODE)


class ShareFolder:
    """The shared folder ``root`` as seen by the computer ``device``."""

    def __init__(self, root: Path, device: str, app: str = "Crawl Journal") -> None:
        if not DEVICE_ID_RE.match(device):
            raise ValueError(f"not a device id: {device!r}")
        self.root = root
        self.device = device
        self.app = app

    @property
    def own_folder(self) -> Path:
        return self.root / self.device

    def check(self, *, joined: bool = True) -> Paused | None:
        """None when sharing can go on; else why it is paused. Never raises."""
        try:
            if not self.root.exists():
                return Paused(PauseReason.FOLDER_MISSING, str(self.root))
            if not self.root.is_dir():
                return Paused(PauseReason.NOT_A_FOLDER, str(self.root))
            os.listdir(self.root)
            if joined and not self.own_folder.is_dir():
                return Paused(PauseReason.OWN_FOLDER_MISSING, str(self.own_folder))
        except OSError as exc:
            return Paused(PauseReason.UNREADABLE, exc.strerror or str(exc))
        return None

    def join(self, display_name: str) -> Paused | None:
        """Starts (or rejoins) sharing: this computer's subfolder (0700) and its ``device.json``.
        The shared folder itself must exist (it is the sync tool's)."""
        paused = self.check(joined=False)
        if paused is not None:
            return paused
        try:
            _make_private_dir(self.own_folder)
        except OSError as exc:
            return Paused(PauseReason.WRITE_FAILED, exc.strerror or str(exc))
        self.remove_own_temp_files()
        return self.set_name(display_name)

    def remove_own_temp_files(self) -> int:
        """Temporary files a write of this computer left when it was killed (its own subfolder
        only; readers ignore them anyway). Returns how many were removed."""
        removed = 0
        try:
            names = os.listdir(self.own_folder)
        except OSError:
            return 0
        for name in names:
            if name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    (self.own_folder / name).unlink()
                    removed += 1
        return removed

    def set_name(self, display_name: str) -> Paused | None:
        name = display_name.strip()[:MAX_DEVICE_NAME_LENGTH]
        body = (
            json.dumps(
                {
                    "format": DEVICE_FORMAT,
                    "version": DEVICE_VERSION,
                    "device": self.device,
                    "name": name,
                },
                ensure_ascii=False,
                sort_keys=True,
                indent=1,
            ).encode("utf-8")
            + b"\n"
        )
        paused = self.check()
        if paused is not None:
            return paused
        try:
            _write_new_file(self.own_folder, DEVICE_FILE, body, replace=True)
        except OSError as exc:
            return Paused(PauseReason.WRITE_FAILED, exc.strerror or str(exc))
        return None

    def own_sequence_numbers(self) -> list[int]:
        """The sequence numbers of the change files in this computer's subfolder (any state)."""
        try:
            names = os.listdir(self.own_folder)
        except OSError:
            return []
        found = set()
        for name in names:
            match = CHANGE_NAME_RE.match(name)
            if match and not is_bookkeeping(name):
                found.add(int(match["seq"]))
        return sorted(found)

    def _already_written(self, seq: int, versions: Sequence[Version]) -> Path | None:
        """The file ``seq`` is already here with exactly these versions: written by this computer
        before it stopped (killed after the rename, before the journal noted it). Writing it again
        would fork the numbering; it counts as written."""
        wanted = {(v.kind, v.uuid, v.hlc) for v in versions}
        try:
            names = sorted(os.listdir(self.own_folder))
        except OSError:
            return None
        for name in names:
            match = CHANGE_NAME_RE.match(name)
            if match is None or match["copy"] or int(match["seq"]) != seq:
                continue
            path = self.own_folder / name
            try:
                found = _read_change_file(self.device, seq, path, int(match["size"]), match["sha"])
            except _Refused:
                continue
            if {(v.kind, v.uuid, v.hlc) for v in found.versions} == wanted:
                return path
        return None

    def _device_id_in_use(self, seq: int) -> str | None:
        """Why another computer seems to write as this one: a file numbered ``seq`` or later is
        already here, or two different files carry one number."""
        try:
            names = os.listdir(self.own_folder)
        except OSError:
            return None
        numbers: dict[int, set[str]] = {}
        for name in names:
            match = CHANGE_NAME_RE.match(name)
            if match and not is_bookkeeping(name):
                numbers.setdefault(int(match["seq"]), set()).add(match["sha"])
        later = sorted(n for n in numbers if n >= seq)
        if later:
            return f"change file {later[0]} is already in {self.own_folder}"
        forks = sorted(n for n, hashes in numbers.items() if len(hashes) > 1)
        if forks:
            return f"two different change files numbered {forks[0]} are in {self.own_folder}"
        return None

    def write_changes(
        self, seq: int, seen: Mapping[str, int], versions: Sequence[Version], written: str
    ) -> WriteResult:
        """This computer's change file number ``seq``. ``seen``: for every other device, the
        cursor (all its files up to that number applied here). Refuses (DEVICE_ID_IN_USE) when a
        file with that number or a later one is already in this computer's subfolder: another
        computer is writing as this one (a copied journal, a restored backup)."""
        if not 1 <= seq <= MAX_SEQ:
            raise ValueError(f"sequence number out of range: {seq}")
        for version in versions:
            if version.device != self.device or version.seq != seq:
                raise ValueError("a change file holds only this computer's versions of this seq")
        paused = self.check()
        if paused is not None:
            return WriteResult(paused=paused)
        earlier = self._already_written(seq, versions)
        if earlier is not None:
            return WriteResult(path=earlier)
        in_use = self._device_id_in_use(seq)
        if in_use is not None:
            return WriteResult(paused=Paused(PauseReason.DEVICE_ID_IN_USE, in_use))
        body = encode_body(self.device, seq, seen, versions, written, self.app)
        try:
            path = _write_new_file(
                self.own_folder, change_file_name(seq, body), body, replace=False
            )
        except OSError as exc:
            return WriteResult(paused=Paused(PauseReason.WRITE_FAILED, exc.strerror or str(exc)))
        return WriteResult(path=path)

    # -- reading -----------------------------------------------------------------------------------

    def read_others(self, cursors: Mapping[str, int], now_ms: int | None = None) -> ReadResult:
        """The other computers' change files after their cursors, checked, in the order to apply
        them. Never raises for anything found in the folder."""
        result = ReadResult()
        paused = self.check()
        if paused is not None:
            result.paused = paused
            return result
        try:
            entries = sorted(os.listdir(self.root))
        except OSError as exc:
            result.paused = Paused(PauseReason.UNREADABLE, exc.strerror or str(exc))
            return result
        for entry in entries:
            if entry == self.device or not DEVICE_ID_RE.match(entry):
                continue
            folder = self.root / entry
            try:
                if not folder.is_dir() or folder.is_symlink():
                    continue
                names = sorted(os.listdir(folder))
            except OSError as exc:
                result.problems.append(
                    Problem(entry, "", ProblemReason.UNREADABLE, exc.strerror or str(exc))
                )
                continue
            self._read_device(entry, folder, names, cursors.get(entry, 0), result)
        if now_ms is not None:
            newest: dict[str, int] = {}
            for change_file in result.files:
                for version in change_file.versions:
                    newest[version.device] = max(newest.get(version.device, 0), version.hlc.wall_ms)
            for device, wall in newest.items():
                if wall - now_ms > CLOCK_AHEAD_REPORT_MS:
                    result.clock_ahead_ms[device] = wall - now_ms
        return result

    def _read_device(
        self, device: str, folder: Path, names: list[str], cursor: int, result: ReadResult
    ) -> None:
        info = _read_device_file(device, folder / DEVICE_FILE, result)
        if info is not None:
            result.devices[device] = info
        by_seq: dict[int, list[tuple[str, int, str]]] = {}
        for name in names:
            if is_bookkeeping(name):
                continue
            match = CHANGE_NAME_RE.match(name)
            if match is None:
                continue
            seq = int(match["seq"])
            if seq <= cursor:
                if match["copy"]:
                    result.duplicates += 1
                continue
            by_seq.setdefault(seq, []).append((name, int(match["size"]), match["sha"]))
        expected = cursor + 1
        while expected in by_seq:
            candidates = by_seq[expected]
            whole: dict[str, ChangeFile] = {}
            blocking: Problem | None = None
            # The plain name first: a copy of a file already read is a duplicate.
            for name, size, sha in sorted(candidates, key=lambda c: (_is_copy(c[0]), c[0])):
                if sha in whole:
                    result.duplicates += 1
                    continue
                try:
                    whole[sha] = _read_change_file(device, expected, folder / name, size, sha)
                except _Refused as refused:
                    problem = Problem(device, name, refused.reason, refused.detail)
                    result.problems.append(problem)
                    if blocking is None or refused.reason in RETRY_REASONS:
                        blocking = problem
            if not whole:
                if blocking is not None:
                    result.waiting[device] = expected
                return
            if len(whole) > 1:
                result.problems.append(
                    Problem(
                        device,
                        ", ".join(sorted(c[0] for c in candidates)),
                        ProblemReason.FORK,
                        f"{len(whole)} different files numbered {expected}: two computers write "
                        "as this one; each is applied",
                    )
                )
            result.files.extend(whole[sha] for sha in sorted(whole))
            expected += 1
        if any(seq > expected for seq in by_seq):
            result.waiting[device] = expected


def _is_copy(name: str) -> bool:
    match = CHANGE_NAME_RE.match(name)
    return match is None or bool(match["copy"])


def _read_device_file(device: str, path: Path, result: ReadResult) -> DeviceInfo | None:
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_DEVICE_FILE_BYTES:
            raise _Refused(ProblemReason.TOO_LARGE, "device.json is too large")
        document = _parse(path.read_bytes())
        if not isinstance(document, dict) or document.get("format") != DEVICE_FORMAT:
            raise _Refused(ProblemReason.WRONG_FORMAT, "not a Crawl Journal device file")
        name = document.get("name")
        if document.get("device") != device or not isinstance(name, str):
            raise _Refused(ProblemReason.MISMATCH, "device.json names another device")
        return DeviceInfo(device, name.strip()[:MAX_DEVICE_NAME_LENGTH])
    except _Refused as refused:
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
        raise _Refused(ProblemReason.NOT_JSON, f"byte {exc.start} is not UTF-8 text") from None
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except RecursionError:
        raise _Refused(ProblemReason.TOO_DEEP, "nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise _Refused(ProblemReason.NOT_JSON, f"{exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:
        raise _Refused(ProblemReason.INVALID, str(exc)) from None
    if _depth(document) > MAX_JSON_DEPTH:
        raise _Refused(ProblemReason.TOO_DEEP, f"nested deeper than {MAX_JSON_DEPTH}")
    return document


def _read_change_file(device: str, seq: int, path: Path, size: int, sha: str) -> ChangeFile:
    if size > MAX_CHANGE_FILE_BYTES:
        raise _Refused(ProblemReason.TOO_LARGE, f"{size} bytes, over {MAX_CHANGE_FILE_BYTES}")
    try:
        if path.is_symlink() or not path.is_file():
            raise _Refused(ProblemReason.INVALID, "not a plain file")
        with open(path, "rb") as handle:
            raw = handle.read(size + 1)
    except OSError as exc:
        raise _Refused(ProblemReason.UNREADABLE, exc.strerror or str(exc)) from None
    if len(raw) != size:
        raise _Refused(
            ProblemReason.INCOMPLETE, f"{len(raw)} bytes of {size}: still arriving or cut short"
        )
    if hashlib.sha256(raw).hexdigest() != sha:
        raise _Refused(ProblemReason.INCOMPLETE, "its bytes do not match its SHA-256 yet")
    document = _parse(raw)
    if not isinstance(document, dict) or document.get("format") != CHANGES_FORMAT:
        raise _Refused(ProblemReason.WRONG_FORMAT, "not a Crawl Journal change file")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Refused(ProblemReason.INVALID, "no format version number")
    if version > CHANGES_VERSION:
        raise _Refused(
            ProblemReason.NEWER_VERSION,
            f"format version {version}; this app reads version {CHANGES_VERSION}",
        )
    if document.get("device") != device or document.get("seq") != seq:
        raise _Refused(ProblemReason.MISMATCH, "its device or number differs from its place")
    written = document.get("written")
    if not isinstance(written, str):
        raise _Refused(ProblemReason.INVALID, '"written" is not a time')
    seen = _seen(document.get("seen"), device)
    raw_changes = document.get("changes")
    if not isinstance(raw_changes, list) or len(raw_changes) > MAX_CHANGES_PER_FILE:
        raise _Refused(ProblemReason.INVALID, '"changes" is not a list of changes')
    versions: list[Version] = []
    keys: set[tuple[Kind, str]] = set()
    for index, item in enumerate(raw_changes):
        version_obj = _change(item, index, device, seq, seen)
        if (version_obj.kind, version_obj.uuid) in keys:
            raise _Refused(ProblemReason.INVALID, f"changes[{index}]: the record is there twice")
        keys.add((version_obj.kind, version_obj.uuid))
        versions.append(version_obj)
    return ChangeFile(device, seq, path, sha, size, written, seen, tuple(versions))


def _seen(value: Any, device: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _Refused(ProblemReason.INVALID, '"seen" is not an object')
    seen: dict[str, int] = {}
    for other, number in value.items():
        if (
            not DEVICE_ID_RE.match(other)
            or other == device
            or isinstance(number, bool)
            or not isinstance(number, int)
            or not 0 <= number <= MAX_SEQ
        ):
            raise _Refused(ProblemReason.INVALID, '"seen" holds something else than device numbers')
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
        raise _Refused(ProblemReason.INVALID, f"{where} is not an object")
    try:
        kind = Kind(str(item.get("kind")))
    except ValueError:
        raise _Refused(ProblemReason.INVALID, f"{where}: unknown kind") from None
    uuid = item.get("uuid")
    if not _is_uuid(uuid):
        raise _Refused(ProblemReason.INVALID, f"{where}: not a UUID (lower case, with dashes)")
    stamp = item.get("hlc")
    if (
        not isinstance(stamp, list)
        or len(stamp) != 2
        or not _is_int(stamp[0], MAX_WALL_MS)
        or not _is_int(stamp[1], MAX_COUNTER)
    ):
        raise _Refused(ProblemReason.INVALID, f"{where}: the stamp is not [milliseconds, counter]")
    hlc = Hlc(stamp[0], stamp[1], device)
    has_record, has_deleted = "record" in item, "deleted" in item
    if has_record == has_deleted:
        raise _Refused(ProblemReason.INVALID, f'{where}: needs either "record" or "deleted"')
    if has_deleted:
        deleted = item["deleted"]
        if not isinstance(deleted, str):
            raise _Refused(ProblemReason.INVALID, f'{where}: "deleted" is not a time')
        return Version(kind, uuid, hlc, seq, seen, None, deleted)
    record = item["record"]
    if not isinstance(record, dict):
        raise _Refused(ProblemReason.INVALID, f"{where}: the record is not an object")
    missing = [name for name in RECORD_FIELDS[kind] if name not in record]
    if missing:
        raise _Refused(ProblemReason.INVALID, f'{where}: the record has no "{missing[0]}"')
    if record["uuid"] != uuid:
        raise _Refused(
            ProblemReason.INVALID, f"{where}: the record's UUID differs from the change's"
        )
    if kind is not Kind.CHILD and not _is_uuid(record["child_uuid"]):
        raise _Refused(ProblemReason.INVALID, f'{where}: "child_uuid" is not a UUID')
    if kind is Kind.DAY:
        for part in ("movements", "warning_signs"):
            entries = record[part]
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise _Refused(ProblemReason.INVALID, f'{where}: "{part}" is not a list of objects')
    return Version(kind, uuid, hlc, seq, seen, record, None)


# -- one round -------------------------------------------------------------------------------------


@dataclass
class RoundReport:
    """What one sync round did: ``paused`` when it could not run (the journal is unchanged)."""

    paused: Paused | None = None
    written: Path | None = None
    applied: list[ChangeFile] = field(default_factory=list)
    read: ReadResult = field(default_factory=ReadResult)


def sync_round(
    folder: ShareFolder, replica: Replica, written_at: str, now_ms: int | None = None
) -> RoundReport:
    """One round: this computer's pending changes written first (what it wrote knew only what it
    had read), then the others' files read and applied in order. Never raises for what is in the
    folder; a paused folder leaves the replica as it was."""
    report = RoundReport()
    seq, seen, versions = replica.outbox()
    if versions:
        result = folder.write_changes(seq, seen, versions, written_at)
        if result.paused is not None:
            report.paused = result.paused
            return report
        replica.written(seq)
        report.written = result.path
    report.read = folder.read_others(replica.cursors, now_ms)
    if report.read.paused is not None:
        report.paused = report.read.paused
        return report
    for change_file in report.read.files:
        replica.apply(change_file.device, change_file.seq, change_file.versions)
        report.applied.append(change_file)
    return report
