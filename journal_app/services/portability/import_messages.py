"""The import's sentences about a whole file (missing, not JSON, too big ...) and about kinds of
records, in the parent's language: whole sentences with named placeholders, shared by the whole
reading (:mod:`.reading`) and the reading in pieces (:mod:`.stream_reading`), which must refuse
with the same words.

The JSON field names, the codes of the vocabularies and the dates and times quoted from the file
stay as the file writes them (ISO 8601): they are what the parent looks for in the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from journal_app.i18n import _, ngettext
from journal_app.services.portability.common import MAX_IMPORT_BYTES

_MB = 1024 * 1024


def top_of_file() -> str:
    return _("the top of the file")


def on_day(path: str, on: date) -> str:
    """``children[0].days[2].movements[1] (on 2026-05-31)``: a record of a day, and its date."""
    # Translators: {place} is where the record is in the file, {date} the day as the file writes it.
    return _("{place} (on {date})").format(place=path, date=on.isoformat())


def no_file(path: Path) -> str:
    return _("There is no file at {path}.").format(path=path)


def not_a_file(path: Path) -> str:
    return _("{path} is not a file.").format(path=path)


def unreadable(path: Path, exc: OSError) -> str:
    return _("The file {path} could not be read: {reason}.").format(
        path=path, reason=exc.strerror or exc
    )


def too_big(name: str, size: int) -> str:
    return _(
        "The file {name} is {size} MB; import reads files of up to {limit} MB. If it is an "
        "export of a very large journal, export and import one child at a time (Export > JSON "
        "asks which child; on the command line: export --child NAME); to move a whole journal "
        "of any size, copy a backup instead and restore it (Back Up Now, then Restore from "
        "Backup; on the command line: backup -o FILE, then restore FILE)."
    ).format(name=name, size=-(-size // _MB), limit=MAX_IMPORT_BYTES // _MB)


def zip_archive(name: str) -> str:
    return _(
        "The file {name} is a zip archive (perhaps a CSV export). Only the JSON export "
        "(a .json file made by Export > JSON) can be imported."
    ).format(name=name)


def wide_text(name: str, encoding: str) -> str:
    return _(
        "The file {name} is {encoding} text; a Crawl Journal export is UTF-8. If you edited "
        "it, save it again as UTF-8 (most editors offer the encoding under Save As) and "
        "import again."
    ).format(name=name, encoding=encoding)


def not_utf8(name: str, byte: int) -> str:
    return _(
        "The file {name} is not a text file (byte {byte} is not UTF-8 text); "
        "it is not a Crawl Journal export."
    ).format(name=name, byte=byte)


def empty(name: str) -> str:
    return _("The file {name} is empty.").format(name=name)


def looks_csv(name: str) -> str:
    return _(
        "The file {name} looks like a CSV (spreadsheet) file, not a JSON export. "
        "CSV exports are for reading in a spreadsheet; to move a journal, export and "
        "import JSON."
    ).format(name=name)


def not_json(name: str) -> str:
    return _("The file {name} is not a Crawl Journal export (it is not JSON).").format(name=name)


def invalid_json(name: str, problem: str, line: int, column: int) -> str:
    return _(
        "The file {name} is not valid JSON: {problem} at line {line}, column {column}. "
        "The file may have been cut short or damaged."
    ).format(name=name, problem=json_problem(problem), line=line, column=column)


def invalid_export(name: str, detail: object) -> str:
    return _("The file {name} is not a valid export: {detail}.").format(name=name, detail=detail)


def nested(name: str) -> str:
    return _("The file {name} is nested too deeply to be an export.").format(name=name)


def json_not_export(name: str) -> str:
    return _("The file {name} is JSON but not a Crawl Journal export.").format(name=name)


def json_problem(problem: str) -> str:
    """The JSON decoder's (English) words for what is wrong, in the parent's language."""
    known = {
        # Translators: the JSON reader's words; the sentence goes on "at line 3, column 7".
        "Expecting value": _("Expecting value"),
        "Expecting ',' delimiter": _("Expecting ',' delimiter"),
        "Expecting ':' delimiter": _("Expecting ':' delimiter"),
        "Expecting property name enclosed in double quotes": _(
            "Expecting property name enclosed in double quotes"
        ),
        "Extra data": _("Extra data"),
        "Unterminated string starting at": _("Unterminated string starting at"),
        "Invalid control character at": _("Invalid control character at"),
        "Invalid \\escape": _("Invalid \\escape"),
        "Invalid \\uXXXX escape": _("Invalid \\uXXXX escape"),
        "Illegal trailing comma before end of object": _(
            "Illegal trailing comma before end of object"
        ),
        "Illegal trailing comma before end of array": _(
            "Illegal trailing comma before end of array"
        ),
    }
    return known.get(problem, problem)


def constant_not_allowed(name: str) -> str:
    """``NaN``, ``Infinity``: valid to Python's reader, not JSON."""
    return _("{name} is not allowed in a journal export").format(name=name)


def field_twice(key: str) -> str:
    return _('the field "{field}" appears twice in one record').format(field=key)


def number_of_digits(digits: int) -> str:
    return ngettext("a number of {count} digit", "a number of {count} digits", digits).format(
        count=digits
    )


# -- the vocabularies: a code of the file that is not text, or not known ---------------------------


def expected_code(vocabulary: str, found: str) -> str:
    """``vocabulary``: "milestone", "floor", "movement style", "warning sign" or "side"."""
    messages = {
        "milestone": _("expected milestone code, found {found}."),
        "floor": _("expected floor code, found {found}."),
        "movement style": _("expected movement style code, found {found}."),
        "warning sign": _("expected warning sign code, found {found}."),
        "side": _("expected side code, found {found}."),
    }
    return messages[vocabulary].format(found=found)


def unknown_code(vocabulary: str, value: str, known: str) -> str:
    messages = {
        "milestone": _('"{value}" is not a known milestone (known: {known}).'),
        "floor": _('"{value}" is not a known floor (known: {known}).'),
        "movement style": _('"{value}" is not a known movement style (known: {known}).'),
        "warning sign": _('"{value}" is not a known warning sign (known: {known}).'),
        "side": _('"{value}" is not a known side (known: {known}).'),
    }
    return messages[vocabulary].format(value=value, known=known)


# -- one record twice --------------------------------------------------------------------------------


def same_uuid(records: str, uuid: str, first: str, second: str) -> str:
    """``records``: "days", "movement entries", "warning-sign entries", "children", "milestones",
    "tips", "summaries" or "photos or videos"."""
    messages = {
        "days": _(
            "The UUID {uuid} is used by two different days: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "movement entries": _(
            "The UUID {uuid} is used by two different movement entries: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "warning-sign entries": _(
            "The UUID {uuid} is used by two different warning-sign entries: {first} and "
            "{second}. Each record needs its own UUID."
        ),
        "children": _(
            "The UUID {uuid} is used by two different children: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "milestones": _(
            "The UUID {uuid} is used by two different milestones: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "tips": _(
            "The UUID {uuid} is used by two different tips: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "summaries": _(
            "The UUID {uuid} is used by two different summaries: {first} and {second}. "
            "Each record needs its own UUID."
        ),
        "photos or videos": _(
            "The UUID {uuid} is used by two different photos or videos: {first} and {second}. "
            "Each record needs its own UUID."
        ),
    }
    return messages[records].format(uuid=uuid, first=first, second=second)


def recorded_twice(what: str, first: str, second: str) -> str:
    """``what``: "day", "movement", "sign", "milestone", "tip" or "media"."""
    messages = {
        "day": _("A day is recorded twice in the file ({first} and {second})."),
        "movement": _(
            "A movement style on one day is recorded twice in the file ({first} and {second})."
        ),
        "sign": _(
            "A warning sign on one day is recorded twice in the file ({first} and {second})."
        ),
        "milestone": _("A milestone is recorded twice in the file ({first} and {second})."),
        "tip": _("A tip marked tried is recorded twice in the file ({first} and {second})."),
        "media": _(
            "A photo or video on one day is recorded twice in the file ({first} and {second})."
        ),
    }
    return messages[what].format(first=first, second=second)
