"""Getting a journal out and back in: JSON export/import (merge by UUID) and a CSV zip export.

The JSON format is described in ``docs/export-format.md`` and in the JSON Schema
``resources/journal-export.schema.json``.
Import reads and checks the whole file before it writes anything, then merges it in one
transaction: a refused file leaves the journal exactly as it was.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import uuid as uuid_module
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from journal_app import APP_NAME, __version__
from journal_app.domain.ages import child_age
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.validation import FieldError, validate_child, validate_day
from journal_app.storage.files import write_private_bytes
from journal_app.storage.models import (
    ChildRow,
    DayRow,
    MilestoneRow,
    MovementRow,
    SummaryMadeRow,
    TipTriedRow,
    WarningSignRow,
    utc_now,
)
from journal_app.storage.transaction import transaction

FORMAT_NAME = "crawl-journal"
FORMAT_VERSION = 1
#: Larger files are refused before they are read (a year's journal is well under 1 MB).
MAX_IMPORT_BYTES = 100 * 1024 * 1024
MAX_TIP_ID_LENGTH = 64
#: Created/updated times later than this after the computer's clock are refused on import
#: (clocks and zones differ a bit).
STAMP_CLOCK_LEEWAY = timedelta(days=1)

Progress = Callable[[int, int], None]
_E = TypeVar("_E", bound=StrEnum)


class ImportRefused(Exception):
    """The file was not imported; the message says what is wrong and where. Nothing was changed."""

    def __init__(self, problem: str, record: str | None = None, field: str | None = None) -> None:
        self.problem = problem
        self.record = record
        self.field = field
        where = ""
        if record is not None:
            where = f"In {record}"
            if field is not None:
                where += f', field "{field}"'
            where += ": "
        super().__init__(where + problem)


@dataclass
class ImportReport:
    """What an import did: each record of the file counts once, as added, updated or unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Records of this journal dropped because the newer version of their day no longer has them.
    removed: int = 0
    #: Records that had another UUID here and were recognised by child and date (or kind).
    matched_without_uuid: int = 0

    def describe(self) -> str:
        lines = [
            f"Import finished: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} left alone (already the same here, or changed more recently here)."
        ]
        if self.removed:
            lines.append(
                f"{self.removed} movement or warning-sign entries were removed because the newer "
                "version of their day no longer has them."
            )
        if self.matched_without_uuid:
            lines.append(
                f"{self.matched_without_uuid} records (children, days, milestones ...) already "
                "existed here under another ID (same child, same date) and were merged with them."
            )
        return "\n".join(lines)


# -- helpers shared by export and import ---------------------------------------------------------


def _stamp(moment: datetime) -> str:
    """``2026-05-31T18:02:03.000000Z``; always a 4-digit year (``strftime`` writes year 999 as
    ``999``, which is not ISO 8601)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep="T", timespec="microseconds") + "Z"


def _order(member_type: type[_E], value: str) -> tuple[int, str]:
    """Sort key: the vocabulary's own order, unknown codes last."""
    values = [m.value for m in member_type]
    return (values.index(value) if value in values else len(values), value)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# -- export ----------------------------------------------------------------------------------------


def _tracked(
    row: ChildRow
    | DayRow
    | MovementRow
    | WarningSignRow
    | MilestoneRow
    | TipTriedRow
    | SummaryMadeRow,
) -> dict[str, Any]:
    return {"uuid": row.uuid, "created": _stamp(row.created_at), "updated": _stamp(row.updated_at)}


def _day_document(row: DayRow) -> dict[str, Any]:
    doc = _tracked(row)
    doc.update(
        {
            "date": row.day.isoformat(),
            "tummy_minutes": row.tummy_minutes,
            "floor": row.floor_surface,
            "notes": row.notes,
            "questions": row.questions,
            "notes_in_summary": bool(row.notes_in_summary),
            "movements": [
                {**_tracked(m), "style": m.style, "episodes": m.episodes, "minutes": m.minutes}
                for m in sorted(row.movements, key=lambda m: _order(MovementStyle, m.style))
            ],
            "warning_signs": [
                {**_tracked(w), "sign": w.sign, "side": w.side, "note": w.note}
                for w in sorted(row.warning_signs, key=lambda w: _order(WarningSign, w.sign))
            ],
        }
    )
    return doc


class PortabilityService:
    """Export (JSON, CSV zip) and import (JSON, merged by UUID) of one journal."""

    def __init__(
        self,
        engine: Engine,
        today: Callable[[], date],
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.engine = engine
        self.today = today
        #: The computer's UTC time (naive), the clock the created/updated times come from.
        self.clock = clock

    # -- export ------------------------------------------------------------------------------------

    def _children(self, s: Session, child_id: int | None) -> list[ChildRow]:
        query = select(ChildRow).options(
            selectinload(ChildRow.days).selectinload(DayRow.movements),
            selectinload(ChildRow.days).selectinload(DayRow.warning_signs),
            selectinload(ChildRow.milestones),
        )
        if child_id is not None:
            query = query.where(ChildRow.id == child_id)
        rows = list(s.scalars(query))
        if child_id is not None and not rows:
            raise LookupError(f"There is no child with id {child_id} in this journal.")
        return sorted(rows, key=lambda c: (c.name, c.birth_date, c.uuid))

    def export_document(
        self, child_id: int | None = None, progress: Progress | None = None
    ) -> dict[str, Any]:
        """The whole journal (or one child) as the JSON export's document, in a stable order."""
        with transaction(self.engine) as s:
            children = self._children(s, child_id)
            ids = [c.id for c in children]
            tips: dict[int, list[TipTriedRow]] = {i: [] for i in ids}
            for tip in s.scalars(select(TipTriedRow).where(TipTriedRow.child_id.in_(ids))):
                tips[tip.child_id].append(tip)
            summaries: dict[int, list[SummaryMadeRow]] = {i: [] for i in ids}
            for made in s.scalars(select(SummaryMadeRow).where(SummaryMadeRow.child_id.in_(ids))):
                summaries[made.child_id].append(made)
            total = sum(len(c.days) for c in children)
            done = 0
            _report(progress, done, total)
            out_children = []
            for child in children:
                days = []
                for day in sorted(child.days, key=lambda d: d.day):
                    days.append(_day_document(day))
                    done += 1
                    _report(progress, done, total)
                out = _tracked(child)
                out.update(
                    {
                        "name": child.name,
                        "birth_date": child.birth_date.isoformat(),
                        "due_date": child.due_date.isoformat() if child.due_date else None,
                        "days": days,
                        "milestones": [
                            {
                                **_tracked(m),
                                "milestone": m.kind,
                                "achieved_on": m.achieved_on.isoformat(),
                            }
                            for m in sorted(
                                child.milestones,
                                key=lambda m: (m.achieved_on, _order(Milestone, m.kind), m.uuid),
                            )
                        ],
                        "tips_tried": [
                            {**_tracked(t), "tip_id": t.tip_id, "tried_on": t.tried_on.isoformat()}
                            for t in sorted(
                                tips[child.id], key=lambda t: (t.tried_on, t.tip_id, t.uuid)
                            )
                        ],
                        "summaries_made": [
                            {
                                **_tracked(m),
                                "made_on": m.made_on.isoformat(),
                                "period_start": m.period_start.isoformat(),
                                "period_end": m.period_end.isoformat(),
                            }
                            for m in sorted(
                                summaries[child.id],
                                key=lambda m: (m.made_on, m.period_start, m.period_end, m.uuid),
                            )
                        ],
                    }
                )
                out_children.append(out)
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_by": f"{APP_NAME} {__version__}",
            "children": out_children,
        }

    def export_json(
        self, path: Path, child_id: int | None = None, progress: Progress | None = None
    ) -> None:
        """Write the JSON export to ``path`` (atomically, mode 0600)."""
        document = self.export_document(child_id, progress)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        write_private_bytes(Path(path), text.encode("utf-8"))

    def export_csv(
        self, path: Path, child_id: int | None = None, progress: Progress | None = None
    ) -> None:
        """Write a zip of spreadsheet-friendly CSV files (UTF-8, BOM) to ``path`` (mode 0600)."""
        document = self.export_document(child_id, progress)
        tables = _csv_tables(document)
        buffer = io.BytesIO()
        stamp = datetime.now().timetuple()[:6]
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, rows in tables.items():
                text = io.StringIO()
                writer = csv.writer(text, lineterminator="\r\n")
                writer.writerows(rows)
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                archive.writestr(info, codecs.BOM_UTF8 + text.getvalue().encode("utf-8"))
        write_private_bytes(Path(path), buffer.getvalue())

    # -- import ------------------------------------------------------------------------------------

    def import_json(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Merge the JSON export at ``path`` into the journal, all or nothing.

        Raises :class:`ImportRefused` (journal unchanged) when the file is not a valid export.
        """
        document = _read_document(Path(path))
        parsed = _parse_document(document)
        records = _flatten(parsed)
        total = 2 * records.count
        _check_records(
            records,
            self.today(),
            self.clock() + STAMP_CLOCK_LEEWAY,
            lambda done: _report(progress, done, total),
        )
        try:
            with transaction(self.engine) as s:
                merge = _Merge(s, records, self.today())
                merge.plan()
                merge.apply(lambda done: _report(progress, records.count + done, total))
                return merge.report
        except IntegrityError as exc:
            raise ImportRefused(
                "The file could not be merged with this journal (the journal may have changed "
                f"while importing; please try again). Detail: {exc.orig}"
            ) from exc


# -- CSV -------------------------------------------------------------------------------------------

_FLOOR_LABELS = {f.value: f.label for f in FloorSurface}
_STYLE_LABELS = {s.value: s.label for s in MovementStyle}
_SIGN_LABELS = {s.value: s.label for s in WarningSign}
_SIDE_LABELS = {s.value: s.label for s in Side}
_MILESTONE_LABELS = {m.value: m.label for m in Milestone}


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


#: A cell starting with one of these opens as a formula in Excel, LibreOffice Calc and Google
#: Sheets (``=HYPERLINK(...)``, ``+1``, ``-1+2``, ``@SUM(...)``; a leading tab, CR or LF can hide
#: such a start). The usual defence (OWASP "CSV Injection", ASVS 1.2.10) is a leading ``'``.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _text(value: str) -> str:
    """Text a parent typed, made safe for a spreadsheet: a ``'`` goes before a formula-like start,
    so the cell shows as text instead of being run. Only text fields: the app's own numbers
    (minutes, counts) are never negative text from a parent and are written as they are."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _ages(child: dict[str, Any], on: date) -> tuple[str, str]:
    birth = date.fromisoformat(child["birth_date"])
    due = date.fromisoformat(child["due_date"]) if child["due_date"] else None
    age = child_age(birth, due, on)
    corrected = age.corrected.describe() if age.corrected is not None else ""
    return age.chronological.describe(), corrected


def _csv_tables(document: dict[str, Any]) -> dict[str, list[list[str]]]:
    """The zip's CSV files: one row per day and movement style; days; milestones; signs."""
    movements = [["Child", "Date", "Age", "Corrected age", "Movement", "Times", "Minutes"]]
    days = [
        [
            "Child",
            "Date",
            "Age",
            "Corrected age",
            "Tummy time (minutes)",
            "Floor",
            "Movements seen",
            "Warning signs noted",
            "Notes",
            "Questions for the doctor",
        ]
    ]
    milestones = [["Child", "Milestone", "Date reached", "Age", "Corrected age"]]
    signs = [["Child", "Date", "Age", "Warning sign", "Side", "Note"]]
    for child in document["children"]:
        name = _text(child["name"])
        for day in child["days"]:
            on = date.fromisoformat(day["date"])
            age, corrected = _ages(child, on)
            for m in day["movements"]:
                movements.append(
                    [
                        name,
                        day["date"],
                        age,
                        corrected,
                        _STYLE_LABELS.get(m["style"], m["style"]),
                        _number(m["episodes"]),
                        _number(m["minutes"]),
                    ]
                )
            if not day["movements"]:
                movements.append([name, day["date"], age, corrected, "", "", ""])
            days.append(
                [
                    name,
                    day["date"],
                    age,
                    corrected,
                    _number(day["tummy_minutes"]),
                    _FLOOR_LABELS.get(day["floor"] or "", day["floor"] or ""),
                    "; ".join(_STYLE_LABELS.get(m["style"], m["style"]) for m in day["movements"]),
                    str(len(day["warning_signs"])),
                    _text(day["notes"]),
                    _text(day["questions"]),
                ]
            )
            for w in day["warning_signs"]:
                signs.append(
                    [
                        name,
                        day["date"],
                        age,
                        _SIGN_LABELS.get(w["sign"], w["sign"]),
                        _SIDE_LABELS.get(w["side"] or "", ""),
                        _text(w["note"]),
                    ]
                )
        for m in child["milestones"]:
            age, corrected = _ages(child, date.fromisoformat(m["achieved_on"]))
            milestones.append(
                [
                    name,
                    _MILESTONE_LABELS.get(m["milestone"], m["milestone"]),
                    m["achieved_on"],
                    age,
                    corrected,
                ]
            )
    return {
        "movements.csv": movements,
        "days.csv": days,
        "milestones.csv": milestones,
        "warning_signs.csv": signs,
    }


# -- reading and checking an import file -----------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a journal export")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'the field "{_short(key)}" appears twice in one record')
        result[key] = value
    return result


def _read_document(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(f"{path} is not a file.")
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(
                f"The file {path.name} is {size / 1024 / 1024:.0f} MB, far larger than any journal "
                "export; it is not a Crawl Journal export."
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"There is no file at {path}.") from None
    except OSError as exc:
        raise ImportRefused(f"The file {path} could not be read: {exc.strerror or exc}.") from None
    if raw.startswith(b"PK\x03\x04"):
        raise ImportRefused(
            f"The file {path.name} is a zip archive (perhaps a CSV export). Only the JSON export "
            "(a .json file made by Export > JSON) can be imported."
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"The file {path.name} is not a text file (byte {exc.start} is not UTF-8 text); "
            "it is not a Crawl Journal export."
        ) from None
    stripped = text.lstrip()
    if not stripped:
        raise ImportRefused(f"The file {path.name} is empty.")
    if stripped[0] not in "{[":
        first_line = stripped.splitlines()[0]
        if first_line.count(",") >= 1 or first_line.count(";") >= 1 or "\t" in first_line:
            raise ImportRefused(
                f"The file {path.name} looks like a CSV (spreadsheet) file, not a JSON export. "
                "CSV exports are for reading in a spreadsheet; to move a journal, export and "
                "import JSON."
            )
        raise ImportRefused(f"The file {path.name} is not a Crawl Journal export (it is not JSON).")
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"The file {path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}. The file may have been cut short or damaged."
        ) from None
    except ValueError as exc:
        raise ImportRefused(f"The file {path.name} is not a valid export: {exc}.") from None
    except RecursionError:
        raise ImportRefused(f"The file {path.name} is nested too deeply to be an export.") from None
    if not isinstance(document, dict):
        raise ImportRefused(f"The file {path.name} is JSON but not a Crawl Journal export.")
    return document


class _Fields:
    """Typed access to one JSON object, with errors that name the record and the field."""

    def __init__(self, data: Any, record: str) -> None:
        if not isinstance(data, dict):
            raise ImportRefused(f"expected an object {{...}}, found {_kind(data)}.", record)
        self.data: dict[str, Any] = data
        self.record = record

    def refuse(self, key: str, problem: str) -> ImportRefused:
        return ImportRefused(problem, self.record, key)

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise self.refuse(key, "this field is missing.")
        return self.data[key]

    def text(self, key: str, *, max_length: int | None = None, nonempty: bool = False) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(key, f"expected text, found {_kind(value)}.")
        lone = _LONE_SURROGATE.search(value)
        if lone is not None:  # valid JSON ("\ud800"), but not text that can be stored
            raise self.refuse(
                key,
                f"this text holds an invalid character ({_printable(lone.group())}, half of a "
                f"UTF-16 pair, at character {lone.start() + 1}); it cannot be stored.",
            )
        if nonempty and not value.strip():
            raise self.refuse(key, "this must not be empty.")
        if max_length is not None and len(value) > max_length:
            raise self.refuse(key, f"this is too long (at most {max_length} characters).")
        return value

    def integer(self, key: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(key, f"expected a whole number or null, found {_kind(value)}.")
        return value

    def boolean(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise self.refuse(key, f"expected true or false, found {_kind(value)}.")
        return value

    def day(self, key: str, *, optional: bool = False) -> date | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.refuse(key, f"expected a date like 2026-05-31, found {_kind(value)}.")
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise self.refuse(
                key, f'"{_short(value)}" is not a real date in the form YYYY-MM-DD.'
            ) from None

    def required_day(self, key: str) -> date:
        found = self.day(key)
        assert found is not None
        return found

    def moment(self, key: str) -> datetime:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(
                key, f"expected a time like 2026-05-31T18:02:03.000000Z, found {_kind(value)}."
            )
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.refuse(
                key, f'"{_short(value)}" is not a date and time in ISO 8601 form.'
            ) from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed

    def uuid(self, key: str = "uuid") -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.refuse(key, f"expected a UUID, found {_kind(value)}.")
        try:
            return str(uuid_module.UUID(value))
        except ValueError:
            raise self.refuse(key, f'"{_short(value)}" is not a UUID.') from None

    def choice(
        self, key: str, vocabulary: type[_E], what: str, *, optional: bool = False
    ) -> _E | None:
        value = self.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.refuse(key, f"expected {what} code, found {_kind(value)}.")
        try:
            return vocabulary(value)
        except ValueError:
            known = ", ".join(m.value for m in vocabulary)
            raise self.refuse(
                key, f'"{_short(value)}" is not a known {what} (known: {known}).'
            ) from None

    def required_choice(self, key: str, vocabulary: type[_E], what: str) -> _E:
        found = self.choice(key, vocabulary, what)
        assert found is not None
        return found

    def items(self, key: str) -> list[Any]:
        value = self.get(key)
        if not isinstance(value, list):
            raise self.refuse(key, f"expected a list [...], found {_kind(value)}.")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{_short(value)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


#: A UTF-16 surrogate: JSON may spell one alone (``"\ud800"``), but it is not a character.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` with lone surrogates spelled as ``\\udXXX``, so a message about it can be shown."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _short(text: str, limit: int = 40) -> str:
    text = _printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Stamped:
    record: str
    uuid: str
    created: datetime
    updated: datetime

    def content(self) -> tuple[Any, ...]:
        raise NotImplementedError


@dataclass
class _InMovement(_Stamped):
    day_uuid: str
    style: MovementStyle
    episodes: int | None
    minutes: int | None

    def content(self) -> tuple[Any, ...]:
        return (self.day_uuid, self.style, self.episodes, self.minutes, self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (self.style.value, self.episodes, self.minutes)


@dataclass
class _InSign(_Stamped):
    day_uuid: str
    sign: WarningSign
    side: Side | None
    note: str

    def content(self) -> tuple[Any, ...]:
        return (self.day_uuid, self.sign, self.side, self.note, self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (self.sign.value, self.side.value if self.side else None, self.note)


@dataclass
class _InDay(_Stamped):
    child_uuid: str
    day: date
    tummy_minutes: int | None
    floor: FloorSurface | None
    notes: str
    questions: str
    notes_in_summary: bool
    movements: list[_InMovement]
    signs: list[_InSign]

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, self.day, *self.values(), self.created, self.updated)

    def values(self) -> tuple[Any, ...]:
        return (
            self.tummy_minutes,
            self.floor.value if self.floor else None,
            self.notes,
            self.questions,
            self.notes_in_summary,
        )


@dataclass
class _InMilestone(_Stamped):
    child_uuid: str
    milestone: Milestone
    achieved_on: date

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, self.milestone, self.achieved_on, self.created, self.updated)


@dataclass
class _InTip(_Stamped):
    child_uuid: str
    tip_id: str
    tried_on: date

    def content(self) -> tuple[Any, ...]:
        return (self.child_uuid, self.tip_id, self.tried_on, self.created, self.updated)


@dataclass
class _InSummary(_Stamped):
    child_uuid: str
    made_on: date
    period_start: date
    period_end: date

    def content(self) -> tuple[Any, ...]:
        return (
            self.child_uuid,
            self.made_on,
            self.period_start,
            self.period_end,
            self.created,
            self.updated,
        )


@dataclass
class _InChild(_Stamped):
    name: str
    birth_date: date
    due_date: date | None
    days: list[_InDay] = field(default_factory=list)
    milestones: list[_InMilestone] = field(default_factory=list)
    tips: list[_InTip] = field(default_factory=list)
    summaries: list[_InSummary] = field(default_factory=list)

    def content(self) -> tuple[Any, ...]:
        return (self.name, self.birth_date, self.due_date, self.created, self.updated)

    def profile(self) -> ChildProfile:
        return ChildProfile(self.name, self.birth_date, self.due_date)


def _stamped(fields: _Fields) -> tuple[str, datetime, datetime]:
    return fields.uuid(), fields.moment("created"), fields.moment("updated")


def _parse_document(document: dict[str, Any]) -> list[_InChild]:
    top = _Fields(document, "the top of the file")
    name = top.get("format")
    if name != FORMAT_NAME:
        raise ImportRefused(
            f'This JSON file is not a Crawl Journal export (its "format" is '
            f'{_printable(json.dumps(name, ensure_ascii=False))[:60]}, expected "{FORMAT_NAME}").'
        )
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise top.refuse("version", f"expected a format version number, found {_kind(version)}.")
    if version > FORMAT_VERSION:
        raise ImportRefused(
            f"This export was made by a newer version of Crawl Journal (format version {version}; "
            f"this app reads version {FORMAT_VERSION}). Please update the app, then import again."
        )
    children: list[_InChild] = []
    for ci, raw_child in enumerate(top.items("children")):
        where = f"children[{ci}]"
        c = _Fields(raw_child, where)
        name_text = c.text("name", nonempty=True)
        where = f'children[{ci}] (the child "{_short(name_text)}")'
        c.record = where
        child = _InChild(
            where,
            *_stamped(c),
            name=name_text.strip(),
            birth_date=c.required_day("birth_date"),
            due_date=c.day("due_date", optional=True),
        )
        for di, raw_day in enumerate(c.items("days")):
            d = _Fields(raw_day, f"children[{ci}].days[{di}]")
            on = d.required_day("date")
            d.record = (
                f'children[{ci}].days[{di}] (the day {on.isoformat()} of "{_short(name_text)}")'
            )
            day = _InDay(
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
                m = _Fields(
                    raw_movement, f"children[{ci}].days[{di}].movements[{mi}] (on {on.isoformat()})"
                )
                day.movements.append(
                    _InMovement(
                        m.record,
                        *_stamped(m),
                        day_uuid=day.uuid,
                        style=m.required_choice("style", MovementStyle, "movement style"),
                        episodes=m.integer("episodes"),
                        minutes=m.integer("minutes"),
                    )
                )
            for si, raw_sign in enumerate(d.items("warning_signs")):
                w = _Fields(
                    raw_sign, f"children[{ci}].days[{di}].warning_signs[{si}] (on {on.isoformat()})"
                )
                day.signs.append(
                    _InSign(
                        w.record,
                        *_stamped(w),
                        day_uuid=day.uuid,
                        sign=w.required_choice("sign", WarningSign, "warning sign"),
                        side=w.choice("side", Side, "side", optional=True),
                        note=w.text("note"),
                    )
                )
            child.days.append(day)
        for mi, raw_milestone in enumerate(c.items("milestones")):
            m = _Fields(
                raw_milestone, f'children[{ci}].milestones[{mi}] (of "{_short(name_text)}")'
            )
            child.milestones.append(
                _InMilestone(
                    m.record,
                    *_stamped(m),
                    child_uuid=child.uuid,
                    milestone=m.required_choice("milestone", Milestone, "milestone"),
                    achieved_on=m.required_day("achieved_on"),
                )
            )
        for ti, raw_tip in enumerate(c.items("tips_tried")):
            t = _Fields(raw_tip, f'children[{ci}].tips_tried[{ti}] (of "{_short(name_text)}")')
            child.tips.append(
                _InTip(
                    t.record,
                    *_stamped(t),
                    child_uuid=child.uuid,
                    tip_id=t.text("tip_id", max_length=MAX_TIP_ID_LENGTH, nonempty=True),
                    tried_on=t.required_day("tried_on"),
                )
            )
        for si, raw_summary in enumerate(c.items("summaries_made")):
            m = _Fields(
                raw_summary, f'children[{ci}].summaries_made[{si}] (of "{_short(name_text)}")'
            )
            child.summaries.append(
                _InSummary(
                    m.record,
                    *_stamped(m),
                    child_uuid=child.uuid,
                    made_on=m.required_day("made_on"),
                    period_start=m.required_day("period_start"),
                    period_end=m.required_day("period_end"),
                )
            )
        children.append(child)
    return children


@dataclass
class _Records:
    """Every record of the file by kind, each UUID once (exact repeats are dropped)."""

    children: list[_InChild]
    days: list[_InDay]
    movements: list[_InMovement]
    signs: list[_InSign]
    milestones: list[_InMilestone]
    tips: list[_InTip]
    summaries: list[_InSummary]

    @property
    def count(self) -> int:
        return sum(
            len(x)
            for x in (
                self.children,
                self.days,
                self.movements,
                self.signs,
                self.milestones,
                self.tips,
                self.summaries,
            )
        )


_R = TypeVar("_R", bound=_Stamped)


def _unique(records: Iterable[_R], what: str) -> list[_R]:
    seen: dict[str, _R] = {}
    for record in records:
        first = seen.get(record.uuid)
        if first is None:
            seen[record.uuid] = record
        elif first.content() != record.content():
            raise ImportRefused(
                f"The UUID {record.uuid} is used by two different {what}: {first.record} and "
                f"{record.record}. Each record needs its own UUID.",
                record.record,
                "uuid",
            )
    return list(seen.values())


def _flatten(children: list[_InChild]) -> _Records:
    # A record repeated with the same UUID and the same content counts once.
    days = _unique((d for c in children for d in c.days), "days")
    movements = _unique((m for d in days for m in d.movements), "movement entries")
    signs = _unique((w for d in days for w in d.signs), "warning-sign entries")
    movements_of: dict[str, list[_InMovement]] = {}
    for m in movements:
        movements_of.setdefault(m.day_uuid, []).append(m)
    signs_of: dict[str, list[_InSign]] = {}
    for w in signs:
        signs_of.setdefault(w.day_uuid, []).append(w)
    for day in days:
        day.movements = movements_of.get(day.uuid, [])
        day.signs = signs_of.get(day.uuid, [])
    return _Records(
        children=_unique(children, "children"),
        days=days,
        movements=movements,
        signs=signs,
        milestones=_unique((m for c in children for m in c.milestones), "milestones"),
        tips=_unique((t for c in children for t in c.tips), "tips"),
        summaries=_unique((m for c in children for m in c.summaries), "summaries"),
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
                f"{what} is recorded twice in the file ({seen[k].record} and {record.record}).",
                record.record,
            )
        seen[k] = record


def _check_stamps(records: _Records, latest: datetime) -> None:
    """Created/updated times later than ``latest`` (the computer's clock and a little leeway)
    are refused: such a record would win every later merge. Old times are let in: a computer
    whose clock was wrong (1970) wrote them, and refusing them would strand that journal."""
    kinds: tuple[Sequence[_Stamped], ...] = (
        records.children,
        records.days,
        records.movements,
        records.signs,
        records.milestones,
        records.tips,
        records.summaries,
    )
    for kind in kinds:
        for record in kind:
            for name, moment in (("created", record.created), ("updated", record.updated)):
                if moment > latest:
                    raise ImportRefused(
                        f"the time {_stamp(moment)} is in the future (this computer's clock says "
                        f"{_stamp(latest - STAMP_CLOCK_LEEWAY)}).",
                        record.record,
                        name,
                    )


def _check_records(
    records: _Records, today: date, latest_stamp: datetime, progress: Callable[[int], None]
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
    _natural_duplicates(records.days, lambda d: (d.child_uuid, d.day), "A day")
    _natural_duplicates(
        records.movements, lambda m: (m.day_uuid, m.style), "A movement style on one day"
    )
    _natural_duplicates(records.signs, lambda w: (w.day_uuid, w.sign), "A warning sign on one day")
    _natural_duplicates(records.milestones, lambda m: (m.child_uuid, m.milestone), "A milestone")
    _natural_duplicates(records.tips, lambda t: (t.child_uuid, t.tip_id), "A tip marked tried")
    for index, day in enumerate(records.days, 1):
        child = by_uuid[day.child_uuid]
        entry = DayEntry(
            child_id=0,
            day=day.day,
            movements={m.style: MovementCount(m.episodes, m.minutes) for m in day.movements},
            tummy_minutes=day.tummy_minutes,
            floor=day.floor,
            warning_signs=[WarningSignEntry(w.sign, w.side, w.note) for w in day.signs],
            notes=day.notes,
            questions=day.questions,
            notes_in_summary=day.notes_in_summary,
        )
        _refuse_errors(day.record, validate_day(entry, child.profile(), today))
        done += 1 + len(day.movements) + len(day.signs)
        if index % 100 == 0:
            progress(done)
    for m in records.milestones:
        child = by_uuid[m.child_uuid]
        if m.achieved_on > today:
            raise ImportRefused("this date is in the future.", m.record, "achieved_on")
        if m.achieved_on < child.birth_date:
            raise ImportRefused(
                f"this date is before {child.name}'s birth date.", m.record, "achieved_on"
            )
    for t in records.tips:
        # A tip tried before the birth date is let in: the birth date may have been corrected
        # after the tip was marked, and a bookkeeping record must not strand a journal.
        if t.tried_on > today:
            raise ImportRefused("this date is in the future.", t.record, "tried_on")
    for s in records.summaries:
        if s.made_on > today:
            raise ImportRefused("this date is in the future.", s.record, "made_on")
        if s.period_start > s.period_end:
            raise ImportRefused("the period starts after it ends.", s.record, "period_start")
        # A period ending after the summary was made is let in: earlier versions allowed it.
    progress(records.count)


# -- merging ---------------------------------------------------------------------------------------


def _name_key(name: str, birth: date) -> tuple[str, date]:
    return (name.strip().casefold(), birth)


class _Merge:
    """Plans the merge of the file's records into the journal (reads only), then applies it."""

    def __init__(self, session: Session, records: _Records, today: date) -> None:
        self.s = session
        self.records = records
        self.today = today
        self.report = ImportReport()
        self.actions: list[Callable[[], None]] = []
        #: file child UUID -> the journal's row (existing or new)
        self.child_rows: dict[str, ChildRow] = {}
        self.day_rows: dict[str, DayRow] = {}
        #: file child UUID -> the birth date the child will have after the merge
        self.final_birth: dict[str, date] = {}

    # -- planning ----------------------------------------------------------------------------------

    def plan(self) -> None:
        s = self.s
        local_children = list(s.scalars(select(ChildRow)))
        local_days = list(
            s.scalars(
                select(DayRow).options(
                    selectinload(DayRow.movements), selectinload(DayRow.warning_signs)
                )
            )
        )
        self._plan_children(local_children)
        self._plan_days(local_days)
        self._plan_simple(
            self.records.milestones,
            MilestoneRow,
            lambda r: (r.child_id, r.kind),
            lambda m: (self.child_rows[m.child_uuid].id, m.milestone.value),
            lambda r: (r.kind, r.achieved_on),
            lambda m: (m.milestone.value, m.achieved_on),
            self._milestone_values,
            "milestone",
        )
        self._plan_simple(
            self.records.tips,
            TipTriedRow,
            lambda r: (r.child_id, r.tip_id),
            lambda t: (self.child_rows[t.child_uuid].id, t.tip_id),
            lambda r: (r.tip_id, r.tried_on),
            lambda t: (t.tip_id, t.tried_on),
            self._tip_values,
            "tip",
        )
        self._plan_simple(
            self.records.summaries,
            SummaryMadeRow,
            lambda r: (r.child_id, r.made_on, r.period_start, r.period_end),
            lambda m: (self.child_rows[m.child_uuid].id, m.made_on, m.period_start, m.period_end),
            lambda r: (r.made_on, r.period_start, r.period_end),
            lambda m: (m.made_on, m.period_start, m.period_end),
            self._summary_values,
            "summary",
        )
        self._check_birth_dates(local_days)

    def _plan_children(self, local: list[ChildRow]) -> None:
        by_uuid = {c.uuid: c for c in local}
        local_keys = Counter(_name_key(c.name, c.birth_date) for c in local)
        file_keys = Counter(_name_key(c.name, c.birth_date) for c in self.records.children)
        by_key = {_name_key(c.name, c.birth_date): c for c in local}
        # A child of this journal claimed by UUID is not also matched by name to another one.
        claimed = {by_uuid[c.uuid].id for c in self.records.children if c.uuid in by_uuid}
        for child in self.records.children:
            row = by_uuid.get(child.uuid)
            key = _name_key(child.name, child.birth_date)
            if (
                row is None
                and local_keys[key] == 1
                and file_keys[key] == 1
                and by_key[key].id not in claimed
            ):
                row = by_key[key]
                self.report.matched_without_uuid += 1
            self.final_birth[child.uuid] = child.birth_date
            if row is None:
                new = ChildRow(
                    uuid=child.uuid,
                    name=child.name,
                    birth_date=child.birth_date,
                    due_date=child.due_date,
                    created_at=child.created,
                    updated_at=child.updated,
                )
                self.child_rows[child.uuid] = new
                self.actions.append(partial(self.s.add, new))
                self.report.added += 1
                continue
            self.child_rows[child.uuid] = row
            if (row.name, row.birth_date, row.due_date) == (
                child.name,
                child.birth_date,
                child.due_date,
            ):
                self.report.unchanged += 1
            elif child.updated > row.updated_at:
                self.actions.append(partial(self._update_child, row, child))
                self.report.updated += 1
            else:
                self.final_birth[child.uuid] = row.birth_date
                self.report.unchanged += 1

    @staticmethod
    def _update_child(row: ChildRow, child: _InChild) -> None:
        row.uuid = child.uuid
        row.name, row.birth_date, row.due_date = child.name, child.birth_date, child.due_date
        row.updated_at = child.updated

    def _plan_days(self, local: list[DayRow]) -> None:
        by_uuid = {d.uuid: d for d in local}
        by_key = {(d.child_id, d.day): d for d in local}
        movement_days = {m.uuid: d for d in local for m in d.movements}
        sign_days = {w.uuid: d for d in local for w in d.warning_signs}
        for day in self.records.days:
            child_row = self.child_rows[day.child_uuid]
            row = by_uuid.get(day.uuid)
            if row is not None:
                if child_row.id is None or row.child_id != child_row.id:
                    raise ImportRefused(
                        "this day belongs to another child in this journal (same UUID).",
                        day.record,
                        "uuid",
                    )
                if row.day != day.day:
                    raise ImportRefused(
                        f"this day is dated {row.day.isoformat()} in this journal but "
                        f"{day.day.isoformat()} in the file (same UUID).",
                        day.record,
                        "date",
                    )
            elif child_row.id is not None:
                row = by_key.get((child_row.id, day.day))
                if row is not None:
                    self.report.matched_without_uuid += 1
            for sub, owners in ((day.movements, movement_days), (day.signs, sign_days)):
                for item in sub:
                    owner = owners.get(item.uuid)
                    if owner is not None and owner is not row:
                        raise ImportRefused(
                            f"this UUID belongs to an entry of another day in this journal "
                            f"({owner.day.isoformat()}).",
                            item.record,
                            "uuid",
                        )
            if row is None:
                self._plan_new_day(day, child_row)
            else:
                self._plan_existing_day(day, row)

    def _plan_new_day(self, day: _InDay, child_row: ChildRow) -> None:
        new = DayRow(
            uuid=day.uuid,
            day=day.day,
            tummy_minutes=day.tummy_minutes,
            floor_surface=day.floor.value if day.floor else None,
            notes=day.notes,
            questions=day.questions,
            notes_in_summary=day.notes_in_summary,
            created_at=day.created,
            updated_at=day.updated,
        )
        self.day_rows[day.uuid] = new

        def add() -> None:
            new.child = child_row
            new.movements = [self._movement_row(m) for m in day.movements]
            new.warning_signs = [self._sign_row(w) for w in day.signs]
            self.s.add(new)

        self.actions.append(add)
        self.report.added += 1 + len(day.movements) + len(day.signs)

    def _plan_existing_day(self, day: _InDay, row: DayRow) -> None:
        self.day_rows[day.uuid] = row
        local_values = (
            row.tummy_minutes,
            row.floor_surface,
            row.notes,
            row.questions,
            bool(row.notes_in_summary),
        )
        local_movements = {m.style: (m.style, m.episodes, m.minutes) for m in row.movements}
        local_signs = {w.sign: (w.sign, w.side, w.note) for w in row.warning_signs}
        same = (
            local_values == day.values()
            and set(local_movements.values()) == {m.values() for m in day.movements}
            and set(local_signs.values()) == {w.values() for w in day.signs}
        )
        if same or day.updated <= row.updated_at:
            self.report.unchanged += 1 + len(day.movements) + len(day.signs)
            return
        self.report.updated += 1
        for m in day.movements:
            self._count_sub(local_movements.get(m.style.value), m.values())
        for w in day.signs:
            self._count_sub(local_signs.get(w.sign.value), w.values())
        self.report.removed += len(local_movements.keys() - {m.style.value for m in day.movements})
        self.report.removed += len(local_signs.keys() - {w.sign.value for w in day.signs})

        def replace() -> None:
            row.movements.clear()
            row.warning_signs.clear()
            self.s.flush()
            row.uuid = day.uuid
            row.tummy_minutes = day.tummy_minutes
            row.floor_surface = day.floor.value if day.floor else None
            row.notes, row.questions = day.notes, day.questions
            row.notes_in_summary = day.notes_in_summary
            row.movements = [self._movement_row(m) for m in day.movements]
            row.warning_signs = [self._sign_row(w) for w in day.signs]
            row.updated_at = day.updated

        self.actions.append(replace)

    def _count_sub(self, old: tuple[Any, ...] | None, new: tuple[Any, ...]) -> None:
        if old is None:
            self.report.added += 1
        elif old == new:
            self.report.unchanged += 1
        else:
            self.report.updated += 1

    @staticmethod
    def _movement_row(m: _InMovement) -> MovementRow:
        return MovementRow(
            uuid=m.uuid,
            style=m.style.value,
            episodes=m.episodes,
            minutes=m.minutes,
            created_at=m.created,
            updated_at=m.updated,
        )

    @staticmethod
    def _sign_row(w: _InSign) -> WarningSignRow:
        return WarningSignRow(
            uuid=w.uuid,
            sign=w.sign.value,
            side=w.side.value if w.side else None,
            note=w.note,
            created_at=w.created,
            updated_at=w.updated,
        )

    def _milestone_values(self, row: MilestoneRow, m: _InMilestone) -> None:
        row.kind, row.achieved_on = m.milestone.value, m.achieved_on

    def _tip_values(self, row: TipTriedRow, t: _InTip) -> None:
        row.tip_id, row.tried_on = t.tip_id, t.tried_on

    def _summary_values(self, row: SummaryMadeRow, m: _InSummary) -> None:
        row.made_on, row.period_start, row.period_end = m.made_on, m.period_start, m.period_end

    def _plan_simple(
        self,
        records: Sequence[Any],
        model: type[Any],
        row_key: Callable[[Any], Any],
        record_key: Callable[[Any], Any],
        row_values: Callable[[Any], Any],
        record_values: Callable[[Any], Any],
        assign: Callable[[Any, Any], None],
        what: str,
    ) -> None:
        """Milestones, tips tried, summaries: match by UUID, else by child and kind; newer wins."""
        if not records:
            return
        local = list(self.s.scalars(select(model)))
        by_uuid = {r.uuid: r for r in local}
        by_key = {row_key(r): r for r in local}
        for record in records:
            child_row = self.child_rows[record.child_uuid]
            row = by_uuid.get(record.uuid)
            if row is not None:
                if row.child_id != child_row.id:
                    raise ImportRefused(
                        f"this {what} belongs to another child in this journal (same UUID).",
                        record.record,
                        "uuid",
                    )
                if child_row.id is not None and row_key(row) != record_key(record):
                    clash = by_key.get(record_key(record))
                    if clash is not None and clash is not row:
                        raise ImportRefused(
                            f"this {what} has the UUID of another {what} in this journal.",
                            record.record,
                            "uuid",
                        )
            elif child_row.id is not None:
                row = by_key.get(record_key(record))
                if row is not None:
                    self.report.matched_without_uuid += 1
            if row is None:
                new = model(uuid=record.uuid, created_at=record.created, updated_at=record.updated)
                assign(new, record)

                def add(new: Any = new, child_row: ChildRow = child_row) -> None:
                    if child_row.id is None:
                        self.s.flush()
                    new.child_id = child_row.id
                    self.s.add(new)

                self.actions.append(add)
                self.report.added += 1
            elif row_values(row) == record_values(record) or record.updated <= row.updated_at:
                self.report.unchanged += 1
            else:

                def update(row: Any = row, record: Any = record) -> None:
                    row.uuid = record.uuid
                    assign(row, record)
                    row.updated_at = record.updated

                self.actions.append(update)
                self.report.updated += 1

    def _check_birth_dates(self, local_days: list[DayRow]) -> None:
        """After the merge every day must still be on or after its child's birth date."""
        earliest: dict[int, date] = {}
        for d in local_days:
            earliest[d.child_id] = min(d.day, earliest.get(d.child_id, d.day))
        for child in self.records.children:
            row = self.child_rows[child.uuid]
            first = earliest.get(row.id) if row.id is not None else None
            birth = self.final_birth[child.uuid]
            if first is not None and first < birth:
                raise ImportRefused(
                    f"the birth date {birth.isoformat()} would come after the day "
                    f"{first.isoformat()} already in this journal for {row.name}.",
                    child.record,
                    "birth_date",
                )
        for day in self.records.days:
            birth = self.final_birth[day.child_uuid]
            if day.day < birth:
                raise ImportRefused(
                    "this day is before the child's birth date in this journal "
                    f"({birth.isoformat()}).",
                    day.record,
                    "date",
                )

    # -- applying ----------------------------------------------------------------------------------

    def apply(self, progress: Callable[[int], None]) -> None:
        total = len(self.actions)
        for index, action in enumerate(self.actions, 1):
            action()
            if index % 200 == 0 or index == total:
                self.s.flush()
                progress(round(index / total * self.records.count))
        self.s.flush()
        progress(self.records.count)
