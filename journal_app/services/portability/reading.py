"""Reading and checking an import file: the bytes, the JSON, every record and field, the domain's
rules; all before anything is written. Every refusal names the record and the field."""

from __future__ import annotations

import codecs
import json
import re
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from journal_app.domain.entries import (
    MILESTONE_NOT_REACHED,
    MILESTONE_REACHED,
    MILESTONE_STATUSES,
)
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.validation import (
    FieldError,
    forbidden_name_character,
    validate_child,
    validate_day,
)
from journal_app.i18n import _, ngettext
from journal_app.services.portability import import_messages as msg
from journal_app.services.portability.common import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_IMPORT_BYTES,
    MAX_TIP_ID_LENGTH,
    STAMP_CLOCK_LEEWAY,
    ImportRefused,
    stamp_text,
)
from journal_app.storage.merge import (
    ImportRecords,
    InChild,
    InDay,
    InMilestone,
    InMovement,
    InSign,
    InSummary,
    InTip,
    Stamped,
)

_E = TypeVar("_E", bound=StrEnum)


def _reject_constant(name: str) -> Any:
    raise ValueError(msg.constant_not_allowed(name))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # name the first key that is repeated
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(msg.field_twice(_short(key)))
            seen.add(key)
    return result


#: Whole numbers with more digits than this are kept as text (no count in a journal comes near):
#: Python refuses to convert ones over 4,300 digits, with a message that names no field.
MAX_NUMBER_DIGITS = 30


class LongNumber:
    """A whole number in the file too long to be a value of a journal (kept as its digits)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __str__(self) -> str:
        return self.digits


def _parse_int(text: str) -> int | LongNumber:
    return LongNumber(text) if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes are text in one of those (by its byte-order mark, or
    for UTF-16 without one, by the zero bytes beside the ASCII ``{`` and ``"`` of JSON)."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = raw[:64]
    if len(head) >= 4 and (
        head[0::2].count(0) == len(head[0::2]) or head[1::2].count(0) == len(head[1::2])
    ):
        return "UTF-16"
    return None


def read_document(path: Path) -> dict[str, Any]:
    """The whole decoded document at ``path`` (the import reads in pieces instead:
    :mod:`.stream_reading`; this whole reading is what it is compared with in the tests)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(msg.not_a_file(path))
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(msg.too_big(path.name, size))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(msg.no_file(path)) from None
    except OSError as exc:
        raise ImportRefused(msg.unreadable(path, exc)) from None
    return document_from_bytes(raw, path)


def document_from_bytes(raw: bytes, path: Path) -> dict[str, Any]:
    """The JSON document in ``raw`` (the bytes of ``path``, or of a zip's journal.json)."""
    if raw.startswith(b"PK\x03\x04"):
        raise ImportRefused(msg.zip_archive(path.name))
    wide = _wide_encoding(raw)
    if wide is not None:
        raise ImportRefused(msg.wide_text(path.name, wide))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(msg.not_utf8(path.name, exc.start)) from None
    del raw  # the bytes are not needed once decoded: only one copy of the file in memory
    stripped = text.lstrip()
    if not stripped:
        raise ImportRefused(msg.empty(path.name))
    if stripped[0] not in "{[":
        first_line = stripped.splitlines()[0]
        if first_line.count(",") >= 1 or first_line.count(";") >= 1 or "\t" in first_line:
            raise ImportRefused(msg.looks_csv(path.name))
        raise ImportRefused(msg.not_json(path.name))
    try:
        document = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as exc:
        raise ImportRefused(msg.invalid_json(path.name, exc.msg, exc.lineno, exc.colno)) from None
    except ValueError as exc:
        raise ImportRefused(msg.invalid_export(path.name, exc)) from None
    except RecursionError:
        raise ImportRefused(msg.nested(path.name)) from None
    if not isinstance(document, dict):
        raise ImportRefused(msg.json_not_export(path.name))
    return document


class _Fields:
    """Typed access to one JSON object, with errors that name the record and the field."""

    def __init__(self, data: Any, record: str) -> None:
        if not isinstance(data, dict):
            raise ImportRefused(
                _("expected an object {{...}}, found {found}.").format(found=_kind(data)), record
            )
        self.data: dict[str, Any] = data
        self.record = record

    def refuse(self, key: str, problem: str) -> ImportRefused:
        return ImportRefused(problem, self.record, key)

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise self.refuse(key, _("this field is missing."))
        return self.data[key]

    def text(self, key: str, *, max_length: int | None = None, nonempty: bool = False) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(key, _("expected text, found {found}.").format(found=_kind(value)))
        lone = _LONE_SURROGATE.search(value)
        if lone is not None:  # valid JSON ("\ud800"), but not text that can be stored
            raise self.refuse(
                key,
                _(
                    "this text holds an invalid character ({character}, half of a UTF-16 pair, "
                    "at character {position}); it cannot be stored."
                ).format(character=_printable(lone.group()), position=lone.start() + 1),
            )
        if nonempty and not value.strip():
            raise self.refuse(key, _("this must not be empty."))
        if max_length is not None and len(value) > max_length:
            raise self.refuse(
                key,
                ngettext(
                    "this is too long (at most {count} character).",
                    "this is too long (at most {count} characters).",
                    max_length,
                ).format(count=max_length),
            )
        return value

    def integer(self, key: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(
                key, _("expected a whole number or null, found {found}.").format(found=_kind(value))
            )
        return value

    def boolean(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise self.refuse(
                key, _("expected true or false, found {found}.").format(found=_kind(value))
            )
        return value

    def day(self, key: str, *, optional: bool = False) -> date | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.refuse(
                key, _("expected a date like 2026-05-31, found {found}.").format(found=_kind(value))
            )
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise self.refuse(
                key,
                _('"{value}" is not a real date in the form YYYY-MM-DD.').format(
                    value=_short(value)
                ),
            ) from None

    def required_day(self, key: str) -> date:
        found = self.day(key)
        assert found is not None
        return found

    def moment(self, key: str) -> datetime:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(
                key,
                _("expected a time like 2026-05-31T18:02:03.000000Z, found {found}.").format(
                    found=_kind(value)
                ),
            )
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.refuse(
                key,
                _('"{value}" is not a date and time in ISO 8601 form.').format(value=_short(value)),
            ) from None
        if parsed.tzinfo is not None:
            try:
                parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            except OverflowError:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
                raise self.refuse(
                    key,
                    _(
                        '"{value}" is outside the times a journal can hold (years 1 to 9999 '
                        "in UTC)."
                    ).format(value=_short(value)),
                ) from None
        return parsed

    def uuid(self, key: str = "uuid") -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(key, _("expected a UUID, found {found}.").format(found=_kind(value)))
        if _CANONICAL_UUID.fullmatch(value):  # as the app writes it: already in its own form
            return value
        try:
            return str(uuid_module.UUID(value))
        except ValueError:
            raise self.refuse(
                key, _('"{value}" is not a UUID.').format(value=_short(value))
            ) from None

    def choice(
        self, key: str, vocabulary: type[_E], what: str, *, optional: bool = False
    ) -> _E | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.refuse(key, msg.expected_code(what, _kind(value)))
        try:
            return vocabulary(value)
        except ValueError:
            known = ", ".join(m.value for m in vocabulary)
            raise self.refuse(key, msg.unknown_code(what, _short(value), known)) from None

    def required_choice(self, key: str, vocabulary: type[_E], what: str) -> _E:
        found = self.choice(key, vocabulary, what)
        assert found is not None
        return found

    def items(self, key: str) -> list[Any]:
        value = self.get(key)
        if not isinstance(value, list):
            raise self.refuse(
                key, _("expected a list [...], found {found}.").format(found=_kind(value))
            )
        return value


def _kind(value: Any) -> str:
    if value is None:
        # Translators: the JSON value null, found where another was expected.
        return _("null")
    if isinstance(value, LongNumber):
        return msg.number_of_digits(len(value.digits.lstrip("-")))
    if isinstance(value, bool):
        # Translators: a JSON value true or false, found where another was expected.
        return _("true/false")
    if isinstance(value, int | float):
        return _("the number {number}").format(number=value)
    if isinstance(value, str):
        return _('the text "{text}"').format(text=_short(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


#: A UUID as ``str(uuid.UUID(...))`` writes it (checking this is much quicker than parsing it).
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

#: A UTF-16 surrogate: JSON may spell one alone (``"\ud800"``), but it is not a character.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` with lone surrogates, control characters (NUL, BEL, line breaks...) and bidi
    controls (U+202E...) spelled as ``\\uXXXX``, so a message quoting it can be shown as is: a
    quoted name must not ring the terminal's bell or turn the rest of the message around."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(
        f"\\u{ord(char):04x}" if forbidden_name_character(char) is not None else char
        for char in text
    )


def _short(text: str, limit: int = 40) -> str:
    text = _printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _stamped(fields: _Fields) -> tuple[str, datetime, datetime]:
    return fields.uuid(), fields.moment("created"), fields.moment("updated")


def _milestone_state(m: _Fields, version: int) -> dict[str, Any]:
    """``achieved_on`` and ``status`` of a milestone: version 1 holds only milestones reached on a
    day; version 2 adds ``status`` ("reached" with a day or null, "not_reached" with null)."""
    if version < 2:
        return {"achieved_on": m.required_day("achieved_on"), "status": MILESTONE_REACHED}
    status = m.get("status")
    if status not in MILESTONE_STATUSES:
        raise m.refuse(
            "status",
            _('expected "reached" or "not_reached", found {found}.').format(found=_kind(status)),
        )
    achieved_on = m.day("achieved_on", optional=True)
    if status == MILESTONE_NOT_REACHED and achieved_on is not None:
        raise m.refuse("achieved_on", _('a milestone "not_reached" has no date (null).'))
    return {"achieved_on": achieved_on, "status": status}


def check_top(top: _Fields) -> int:
    """The file's "format" and "version" (the version, when this app reads it)."""
    name = top.get("format")
    if name != FORMAT_NAME:
        found = _printable(json.dumps(name, ensure_ascii=False, default=str))[:60]
        raise ImportRefused(
            _(
                'This JSON file is not a Crawl Journal export (its "format" is {found}, '
                'expected "{expected}").'
            ).format(found=found, expected=FORMAT_NAME)
        )
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise top.refuse(
            "version",
            _("expected a format version number, found {found}.").format(found=_kind(version)),
        )
    if version > FORMAT_VERSION:
        raise ImportRefused(
            _(
                "This export was made by a newer version of Crawl Journal (format version "
                "{version}; this app reads version {readable}). Please update the app, then "
                "import again."
            ).format(version=version, readable=FORMAT_VERSION)
        )
    return version


#: The fields of a child read before its lists (the streaming reader waits for all of them).
CHILD_FIELDS = ("name", "uuid", "created", "updated", "birth_date", "due_date")


def child_sections(version: int) -> tuple[str, ...]:
    """A child's lists, in the order they are checked (version 3 added the photos and videos)."""
    lists = ("days", "milestones", "tips_tried", "summaries_made")
    return (*lists, "media") if version >= 3 else lists


def child_header(c: _Fields, ci: int) -> InChild:
    """The child of ``c`` (the object ``children[ci]``) without its lists."""
    name_text = c.text("name", nonempty=True)
    # Translators: {place} is where the record is in the file ("children[0]"), kept as is.
    c.record = _('{place} (the child "{name}")').format(
        place=f"children[{ci}]", name=_short(name_text)
    )
    return InChild(
        c.record,
        *_stamped(c),
        name=name_text.strip(),
        birth_date=c.required_day("birth_date"),
        due_date=c.day("due_date", optional=True),
        label=_short(name_text),
    )


def add_item(child: InChild, section: str, ci: int, index: int, raw: Any, version: int) -> None:
    """Check ``raw``, the element ``index`` of ``section`` of the child ``ci``, and add it."""

    def place(path: str) -> str:
        return _('{place} (of "{child}")').format(place=path, child=child.label)

    if section == "days":
        child.days.append(_day(child, raw, ci, index))
    elif section == "milestones":
        m = _Fields(raw, place(f"children[{ci}].milestones[{index}]"))
        child.milestones.append(
            InMilestone(
                m.record,
                *_stamped(m),
                child_uuid=child.uuid,
                milestone=m.required_choice("milestone", Milestone, "milestone"),
                **_milestone_state(m, version),
            )
        )
    elif section == "tips_tried":
        t = _Fields(raw, place(f"children[{ci}].tips_tried[{index}]"))
        child.tips.append(
            InTip(
                t.record,
                *_stamped(t),
                child_uuid=child.uuid,
                tip_id=t.text("tip_id", max_length=MAX_TIP_ID_LENGTH, nonempty=True),
                tried_on=t.required_day("tried_on"),
            )
        )
    elif section == "summaries_made":
        m = _Fields(raw, place(f"children[{ci}].summaries_made[{index}]"))
        child.summaries.append(
            InSummary(
                m.record,
                *_stamped(m),
                child_uuid=child.uuid,
                made_on=m.required_day("made_on"),
                period_start=m.required_day("period_start"),
                period_end=m.required_day("period_end"),
            )
        )
    else:
        from journal_app.services.portability.media_reading import media_record

        media = _Fields(raw, place(f"children[{ci}].media[{index}]"))
        child.media.append(media_record(media, child.uuid))


def _day(child: InChild, raw_day: Any, ci: int, di: int) -> InDay:
    d = _Fields(raw_day, f"children[{ci}].days[{di}]")
    on = d.required_day("date")
    d.record = _('{place} (the day {date} of "{child}")').format(
        place=f"children[{ci}].days[{di}]", date=on.isoformat(), child=child.label
    )
    day = InDay(
        d.record,
        *_stamped(d),
        child_uuid=child.uuid,
        day=on,
        tummy_minutes=d.integer("tummy_minutes"),
        floor=d.choice("floor", FloorSurface, "floor", optional=True),
        notes=d.text("notes"),
        questions=d.text("questions"),
        notes_in_summary=d.boolean("notes_in_summary"),
        movements=[],
        signs=[],
    )
    for mi, raw_movement in enumerate(d.items("movements")):
        m = _Fields(raw_movement, msg.on_day(f"children[{ci}].days[{di}].movements[{mi}]", on))
        day.movements.append(
            InMovement(
                m.record,
                *_stamped(m),
                day_uuid=day.uuid,
                style=m.required_choice("style", MovementStyle, "movement style"),
                episodes=m.integer("episodes"),
                minutes=m.integer("minutes"),
            )
        )
    for si, raw_sign in enumerate(d.items("warning_signs")):
        w = _Fields(raw_sign, msg.on_day(f"children[{ci}].days[{di}].warning_signs[{si}]", on))
        day.signs.append(
            InSign(
                w.record,
                *_stamped(w),
                day_uuid=day.uuid,
                sign=w.required_choice("sign", WarningSign, "warning sign"),
                side=w.choice("side", Side, "side", optional=True),
                note=w.text("note"),
            )
        )
    return day


def parse_document(document: dict[str, Any]) -> list[InChild]:
    """The children of a whole decoded document (the streaming reader does the same piece by
    piece: :mod:`.stream_reading`)."""
    top = _Fields(document, msg.top_of_file())
    version = check_top(top)
    children: list[InChild] = []
    for ci, raw_child in enumerate(top.items("children")):
        c = _Fields(raw_child, f"children[{ci}]")
        child = child_header(c, ci)
        for section in child_sections(version):
            for index, raw in enumerate(c.items(section)):
                add_item(child, section, ci, index, raw, version)
        children.append(child)
    return children


_R = TypeVar("_R", bound=Stamped)


def _unique(records: Iterable[_R], what: str) -> list[_R]:
    seen: dict[str, _R] = {}
    for record in records:
        first = seen.get(record.uuid)
        if first is None:
            seen[record.uuid] = record
        elif first.content() != record.content():
            raise ImportRefused(
                msg.same_uuid(what, record.uuid, first.record, record.record),
                record.record,
                "uuid",
            )
    return list(seen.values())


def flatten(children: list[InChild]) -> ImportRecords:
    # A record repeated with the same UUID and the same content counts once.
    days = _unique((d for c in children for d in c.days), "days")
    movements = _unique((m for d in days for m in d.movements), "movement entries")
    signs = _unique((w for d in days for w in d.signs), "warning-sign entries")
    movements_of: dict[str, list[InMovement]] = {}
    for m in movements:
        movements_of.setdefault(m.day_uuid, []).append(m)
    signs_of: dict[str, list[InSign]] = {}
    for w in signs:
        signs_of.setdefault(w.day_uuid, []).append(w)
    for day in days:
        day.movements = movements_of.get(day.uuid, [])
        day.signs = signs_of.get(day.uuid, [])
    return ImportRecords(
        children=_unique(children, "children"),
        days=days,
        movements=movements,
        signs=signs,
        milestones=_unique((m for c in children for m in c.milestones), "milestones"),
        tips=_unique((t for c in children for t in c.tips), "tips"),
        summaries=_unique((m for c in children for m in c.summaries), "summaries"),
        media=_unique((m for c in children for m in c.media), "photos or videos"),
    )


def _refuse_errors(record: str, errors: Sequence[FieldError]) -> None:
    if errors:
        first = errors[0]
        raise ImportRefused(first.message, record, first.field)


def _natural_duplicates(records: Iterable[_R], key: Callable[[_R], Any], what: str) -> None:
    seen: dict[Any, _R] = {}
    for record in records:
        k = key(record)
        if k in seen:
            raise ImportRefused(
                msg.recorded_twice(what, seen[k].record, record.record),
                record.record,
            )
        seen[k] = record


def _check_stamps(records: ImportRecords, latest: datetime) -> None:
    """Created/updated times later than ``latest`` (the computer's clock and a little leeway)
    are refused: such a record would win every later merge. Old times are let in: a computer
    whose clock was wrong (1970) wrote them, and refusing them would strand that journal."""
    kinds: tuple[Sequence[Stamped], ...] = (
        records.children,
        records.days,
        records.movements,
        records.signs,
        records.milestones,
        records.tips,
        records.summaries,
        records.media,
    )
    for kind in kinds:
        for record in kind:
            for name, moment in (("created", record.created), ("updated", record.updated)):
                if moment > latest:
                    raise ImportRefused(
                        _(
                            "the time {time} is in the future (this computer's clock says {now})."
                        ).format(
                            time=stamp_text(moment), now=stamp_text(latest - STAMP_CLOCK_LEEWAY)
                        ),
                        record.record,
                        name,
                    )


def check_records(
    records: ImportRecords, today: date, latest_stamp: datetime, progress: Callable[[int], None]
) -> None:
    """The domain's rules for every record, and one record per natural key (child and date ...);
    created/updated times no later than ``latest_stamp``."""
    _check_stamps(records, latest_stamp)
    done = 0
    by_uuid = {c.uuid: c for c in records.children}
    for child in records.children:
        _refuse_errors(child.record, validate_child(child.profile(), today))
        done += 1
    progress(done)
    _natural_duplicates(records.days, lambda d: (d.child_uuid, d.day), "day")
    _natural_duplicates(records.movements, lambda m: (m.day_uuid, m.style), "movement")
    _natural_duplicates(records.signs, lambda w: (w.day_uuid, w.sign), "sign")
    _natural_duplicates(records.milestones, lambda m: (m.child_uuid, m.milestone), "milestone")
    _natural_duplicates(records.tips, lambda t: (t.child_uuid, t.tip_id), "tip")
    for index, day in enumerate(records.days, 1):
        child = by_uuid[day.child_uuid]
        _refuse_errors(day.record, validate_day(day.entry(), child.profile(), today))
        done += 1 + len(day.movements) + len(day.signs)
        if index % 100 == 0:
            progress(done)
    for m in records.milestones:
        child = by_uuid[m.child_uuid]
        if m.achieved_on is None:
            continue
        if m.achieved_on > today:
            raise ImportRefused(_("this date is in the future."), m.record, "achieved_on")
        if m.achieved_on < child.birth_date:
            raise ImportRefused(
                _("this date is before {name}'s birth date.").format(name=child.name),
                m.record,
                "achieved_on",
            )
    for t in records.tips:
        # A tip tried before the birth date is let in: the birth date may have been corrected
        # after the tip was marked, and a bookkeeping record must not strand a journal.
        if t.tried_on > today:
            raise ImportRefused(_("this date is in the future."), t.record, "tried_on")
    for s in records.summaries:
        if s.made_on > today:
            raise ImportRefused(_("this date is in the future."), s.record, "made_on")
        if s.period_start > s.period_end:
            raise ImportRefused(_("the period starts after it ends."), s.record, "period_start")
        # A period ending after the summary was made is let in: earlier versions allowed it.
    _natural_duplicates(records.media, lambda m: (m.child_uuid, m.day, m.sha256), "media")
    for media in records.media:
        if media.day > today:
            raise ImportRefused(_("this date is in the future."), media.record, "day")
    progress(records.count)
