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

The format (names, limits, results, encoding) is in :mod:`journal_app.storage.share_format` and
the checking of what is read in :mod:`journal_app.storage.share_checks`; their public names are
importable from here too.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journal_app.domain.hlc import CLOCK_AHEAD_REPORT_MS
from journal_app.domain.sharing import Replica, Version
from journal_app.storage.share_checks import is_copy, read_change_file, read_device_file
from journal_app.storage.share_format import (
    CHANGE_NAME_RE,
    CHANGES_FORMAT,
    CHANGES_VERSION,
    DEVICE_FILE,
    DEVICE_FORMAT,
    DEVICE_ID_RE,
    DEVICE_VERSION,
    MAX_CHANGE_FILE_BYTES,
    MAX_CHANGES_PER_FILE,
    MAX_DEVICE_FILE_BYTES,
    MAX_DEVICE_NAME_LENGTH,
    MAX_JSON_DEPTH,
    MAX_SEQ,
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    RETRY_REASONS,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    ChangeFile,
    DeviceInfo,
    Paused,
    PauseReason,
    Problem,
    ProblemReason,
    ReadResult,
    Refused,
    WriteResult,
    change_file_name,
    encode_body,
    encode_change,
    is_bookkeeping,
    new_device_id,
)
from journal_app.storage.share_media import remove_own_temp_files as remove_media_temp_files

__all__ = [
    "CHANGES_FORMAT",
    "CHANGES_VERSION",
    "CHANGE_NAME_RE",
    "DEVICE_FILE",
    "DEVICE_FORMAT",
    "DEVICE_ID_RE",
    "DEVICE_VERSION",
    "MAX_CHANGES_PER_FILE",
    "MAX_CHANGE_FILE_BYTES",
    "MAX_DEVICE_FILE_BYTES",
    "MAX_DEVICE_NAME_LENGTH",
    "MAX_JSON_DEPTH",
    "MAX_SEQ",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "RETRY_REASONS",
    "ChangeFile",
    "DeviceInfo",
    "PauseReason",
    "Paused",
    "Problem",
    "ProblemReason",
    "ReadResult",
    "RoundReport",
    "ShareFolder",
    "WriteResult",
    "change_file_name",
    "encode_body",
    "encode_change",
    "is_bookkeeping",
    "new_device_id",
    "sync_round",
]


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
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
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
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    (self.own_folder / name).unlink()
                    removed += 1
        return removed + remove_media_temp_files(self.root, self.device)

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
                found = read_change_file(self.device, seq, path, int(match["size"]), match["sha"])
            except Refused:
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
        info = read_device_file(device, folder / DEVICE_FILE, result)
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
            for name, size, sha in sorted(candidates, key=lambda c: (is_copy(c[0]), c[0])):
                if sha in whole:
                    result.duplicates += 1
                    continue
                try:
                    whole[sha] = read_change_file(device, expected, folder / name, size, sha)
                except Refused as refused:
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
