"""The "journal with media" zip (export and import) and the media records of a plain JSON import.

Export: the JSON document (with its media records) and every file they refer to, checked
against its hash as it is written (a missing or damaged file stops the export, naming it).

Import, all or nothing: the zip's names and sizes are checked (:mod:`journal_app.storage.media_zip`),
the JSON read and every record checked as for a JSON import; every media record must have its
file in the zip (or already in this journal) with the record's size. Then each needed file is
copied into the media folder (durable, named by the hash of what was read, which must be the
record's), and only then are the records merged in one transaction. When anything is refused,
the files this import copied are removed again; a kill leaves only files no record refers to,
which the next opening sweeps away. The journal's records are never half imported.

A plain JSON import keeps only the media records whose file is already in this journal (same
hash and size); the others are counted in the report (their files travel in the zip).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.errors import JournalError
from journal_app.domain.media import MediaKind
from journal_app.i18n import _
from journal_app.services.portability.common import (
    MAX_IMPORT_BYTES,
    ImportRefused,
    Progress,
    report_progress,
)
from journal_app.storage.media_store import MediaStore
from journal_app.storage.media_zip import (
    MediaZipProblem,
    ZipMediaFile,
    open_media_zip,
    write_media_zip,
)
from journal_app.storage.merge import ImportRecords

if TYPE_CHECKING:
    from journal_app.storage.merge_media import InMedia


def zip_problem(problem: MediaZipProblem, name: str) -> str:
    """The parent's sentence for a zip that cannot be written or read."""
    v = problem.values
    texts = {
        "missing": _(
            "The photo or video {file} is missing from the journal's media folder, so the "
            "export was stopped. Run the journal check to see which files are affected."
        ),
        "damaged": _(
            "The photo or video {file} is damaged (its content no longer matches what was "
            "added), so the export was stopped. Run the journal check to see which files are "
            "affected."
        ),
        "not_zip": _("The file {zip} is not a zip archive, or it is damaged."),
        "csv_zip": _(
            "The file {zip} is a CSV export; it is for spreadsheets and cannot be imported. "
            "Import a JSON export or a journal with media (zip)."
        ),
        "no_json": _(
            "The zip {zip} holds no journal.json, so it is not a Crawl Journal export with media."
        ),
        "strange_entry": _(
            "The zip {zip} holds {file}, which a Crawl Journal export never holds; it was not "
            "imported."
        ),
        "twice": _("The zip {zip} holds {file} twice."),
        "encrypted": _("The zip {zip} is encrypted ({file}); the journal cannot read it."),
        "method": _("The zip {zip} is compressed in a way the journal does not read ({file})."),
        "too_many": _("The zip {zip} holds too many files ({count}) to be a journal export."),
        "json_too_big": _("The journal.json in {zip} is too big to be a journal export."),
        "file_too_big": _(
            "The zip {zip} holds {file}, which is over the limit for a photo or video."
        ),
    }
    return texts[problem.key].format(zip=name, file=v.get("name", ""), count=v.get("count", 0))


def export_zip(
    path: Path,
    document: dict[str, object],
    json_bytes: bytes,
    store: MediaStore,
    progress: Progress | None = None,
) -> None:
    files = [
        ZipMediaFile(
            str(m["sha256"]),
            MediaKind(str(m["kind"])),
            store.path_for(str(m["sha256"]), MediaKind(str(m["kind"]))),
            str(m["file_name"]),
        )
        for child in document["children"]  # type: ignore[attr-defined]
        for m in child["media"]
    ]
    try:
        write_media_zip(path, json_bytes, files, progress)
    except MediaZipProblem as problem:
        raise MediaExportStopped(zip_problem(problem, path.name)) from None


class MediaExportStopped(JournalError):
    """A file the export needs is missing or damaged; ``str()`` names it. Nothing was written.
    (A :class:`JournalError`: the window and the commands tell it as they tell the others.)"""


def keep_media_with_files(records: ImportRecords, store: MediaStore) -> int:
    """A plain JSON import: keep only the media records whose file is in the journal (by hash
    and size); how many were left out."""
    kept: list[InMedia] = []
    for m in records.media:
        path = store.path_for(m.sha256, MediaKind(m.kind))
        try:
            if path.stat().st_size == m.size:
                kept.append(m)
        except OSError:
            pass
    left_out = len(records.media) - len(kept)
    records.media = kept
    return left_out


def import_zip(
    path: Path,
    store: MediaStore,
    read_records: Callable[[bytes], ImportRecords],
    merge: Callable[[ImportRecords], object],
    referenced: Callable[[], set[str]],
    progress: Progress | None = None,
) -> object:
    """Import the zip at ``path``: ``read_records`` turns the JSON bytes into checked records,
    ``merge`` merges them (in one transaction) and returns the report; all or nothing."""
    name = path.name
    copied: list[tuple[str, MediaKind]] = []
    try:
        with open_media_zip(path, json_limit=MAX_IMPORT_BYTES, file_limit=store.limit) as bundle:
            records = read_records(bundle.read_json(MAX_IMPORT_BYTES))
            needed: dict[str, InMedia] = {}
            for m in records.media:
                entry = bundle.entries.get(m.sha256)
                if entry is not None and (entry.kind.value != m.kind or entry.size != m.size):
                    raise ImportRefused(
                        _("its file in the zip is not the one this record describes."),
                        m.record,
                        "sha256",
                    )
                if entry is None:
                    here = store.path_for(m.sha256, MediaKind(m.kind))
                    if here.is_file() and here.stat().st_size == m.size:
                        continue  # already in this journal
                    raise ImportRefused(
                        _("the file {file} is not in the zip.").format(file=m.file_name),
                        m.record,
                        "sha256",
                    )
                needed.setdefault(m.sha256, m)
            total = sum(m.size for m in needed.values())
            done = 0
            for sha, m in needed.items():
                entry = bundle.entries[sha]

                def step(copied_bytes: int, _total: int, base: int = done) -> None:
                    report_progress(progress, base + copied_bytes, max(total, 1))

                with bundle.open_entry(entry) as handle:
                    stored = store.add_stream(handle, m.file_name, entry.size, step)
                if stored.newly_stored:
                    copied.append((stored.sha256, stored.kind))
                if stored.sha256 != sha or stored.kind is not entry.kind:
                    raise ImportRefused(
                        _(
                            "the file {file} in the zip is damaged: its content does not match "
                            "the record."
                        ).format(file=m.file_name),
                        m.record,
                        "sha256",
                    )
                done += entry.size
            return merge(records)
    except MediaZipProblem as problem:
        _remove_copied(store, copied, referenced)
        raise ImportRefused(zip_problem(problem, name)) from None
    except Exception as exc:
        _remove_copied(store, copied, referenced)
        if isinstance(exc, ImportRefused):
            raise
        from journal_app.domain.media import MediaRefusedError

        if isinstance(exc, MediaRefusedError):
            raise ImportRefused(str(exc)) from None
        import zipfile

        if isinstance(exc, zipfile.BadZipFile | EOFError):
            raise ImportRefused(
                _("The zip {zip} is damaged ({detail}).").format(zip=name, detail=exc)
            ) from None
        raise


def _remove_copied(
    store: MediaStore, copied: list[tuple[str, MediaKind]], referenced: Callable[[], set[str]]
) -> None:
    """Remove the files this import copied that no record refers to (nothing was imported)."""
    if not copied:
        return
    try:
        known = referenced()
    except Exception:  # the records cannot be read: leave the files to the sweep at opening
        return
    for sha, kind in copied:
        store.remove_unreferenced(sha, kind, known)
