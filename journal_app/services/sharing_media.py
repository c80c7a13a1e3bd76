"""Photos and videos of a shared journal: their files through the shared folder (issue 19).

The records travel in the change files like any record (``Kind.MEDIA``); this module moves their
files (storage/share_media.py): before a round writes a change file naming a photo or video, the
file is put into this computer's subfolder; before a round applies the merge, the files of the
records to apply are fetched into this journal's media folder, and a record whose file is not
there whole (still arriving) waits for a later round, one whose file is damaged is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.domain.sharing import Kind, Version
from journal_app.i18n import _, ngettext
from journal_app.storage import share_repository as store
from journal_app.storage.media_store import MediaStore
from journal_app.storage.share_media import Fetched, FetchStatus, fetch_files, send_files

if TYPE_CHECKING:
    from journal_app.storage.transaction import Engine

__all__ = ["FetchStatus", "Fetched", "fetch_for_round", "media_store_of", "send_outbox"]


def media_store_of(engine: Engine) -> MediaStore:
    """The media folder of the journal file the engine opens (the journal's own folder)."""
    return MediaStore(Path(engine.url.database or "").resolve().parent)


def send_outbox(root: Path, device: str, media: MediaStore, outbox: Iterable[Version]) -> int:
    """The files of the photos and videos about to be written in a change file go first."""
    records = [v.record for v in outbox if v.kind is Kind.MEDIA and v.record is not None]
    if not records:
        return 0
    return send_files(root, device, media, records)


def fetch_for_round(
    engine: Engine, root: Path, media: MediaStore, arrived: Iterable[Version]
) -> dict[str, Fetched]:
    """The files of every photo or video the journal is to show (the newest version of each
    record, those held and those that just ``arrived``), fetched from the shared folder where
    they are not in this journal yet. By SHA-256."""
    with store.reading(engine) as s:
        versions = s.versions_of(Kind.MEDIA)
    versions += [v for v in arrived if v.kind is Kind.MEDIA]
    newest: dict[str, Version] = {}
    for v in versions:
        held = newest.get(v.uuid)
        if held is None or held.hlc < v.hlc:
            newest[v.uuid] = v
    records = [v.record for v in newest.values() if v.record is not None]
    if not records:
        return {}
    return fetch_files(root, media, records)


def media_ready(files: Mapping[str, Fetched], sha256: str) -> FetchStatus:
    found = files.get(sha256)
    return found.status if found is not None else FetchStatus.WAITING


def damaged_text(name: str) -> str:
    return _(
        "the file {name} in the shared folder is not the photo or video it should be (damaged, "
        "or still being copied); it is tried again at the next sync."
    ).format(name=name)


def waiting_text(count: int) -> str:
    return ngettext(
        "{n} photo or video is still arriving in the shared folder; it is added at a later sync.",
        "{n} photos or videos are still arriving in the shared folder; they are added at a later "
        "sync.",
        count,
    ).format(n=count)
