"""Reading the photo and video records of an import file (format version 3, issue 19)."""

from __future__ import annotations

import re
from datetime import datetime

from journal_app.domain.media import MAX_MEDIA_BYTES, MediaKind, TakenSource
from journal_app.i18n import _
from journal_app.services.portability.reading import _Fields, _kind, _short, _stamped
from journal_app.storage.merge_media import InMedia

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: The longest file name kept with a photo or video (file systems allow 255 bytes).
MAX_MEDIA_NAME_LENGTH = 1024


def _local_moment(f: _Fields, key: str) -> datetime | None:
    """A local date and time without a zone (when a photo was taken), or null."""
    value = f.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise f.refuse(
            key,
            _("expected a time like 2026-05-31T18:02:03, found {found}.").format(
                found=_kind(value)
            ),
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise f.refuse(
            key, _('"{value}" is not a date and time in ISO 8601 form.').format(value=_short(value))
        ) from None
    if parsed.tzinfo is not None:
        raise f.refuse(key, _("this time is the local time on the camera, without a zone."))
    return parsed


def media_record(f: _Fields, child_uuid: str) -> InMedia:
    on = f.required_day("day")
    # The place in the file ("children[0].media[3]", no space in it), then what the record is.
    f.record = _("{place} (the photo or video of {date})").format(
        place=f.record[: f.record.index(" (")], date=on.isoformat()
    )
    kind = f.text("kind")
    if kind not in {k.value for k in MediaKind}:
        known = ", ".join(k.value for k in MediaKind)
        raise f.refuse(
            "kind",
            _('"{value}" is not a known kind (known: {known}).').format(
                value=_short(kind), known=known
            ),
        )
    size = f.integer("size")
    if size is None or not 0 < size <= MAX_MEDIA_BYTES:
        raise f.refuse(
            "size", _("expected a size in bytes from 1 to {limit}.").format(limit=MAX_MEDIA_BYTES)
        )
    sha = f.text("sha256")
    if not _SHA256.match(sha):
        raise f.refuse("sha256", _("expected 64 lower-case hexadecimal digits."))
    source = f.get("taken_source")
    if source is not None and source not in {s.value for s in TakenSource}:
        raise f.refuse("taken_source", _('expected "photo", "file" or null.'))
    taken = _local_moment(f, "taken")
    if (taken is None) != (source is None):
        raise f.refuse("taken_source", _("a time taken and where it comes from go together."))
    return InMedia(
        f.record,
        *_stamped(f),
        child_uuid=child_uuid,
        day=on,
        kind=kind,
        file_name=f.text("file_name", max_length=MAX_MEDIA_NAME_LENGTH, nonempty=True),
        size=size,
        sha256=sha,
        caption=f.text("caption"),
        added=f.moment("added"),
        taken=taken,
        taken_source=source,
    )
