"""The CSV export: a zip of spreadsheet-friendly CSV files (UTF-8 with a BOM), made from the JSON
export's document."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from journal_app.domain.ages import child_age
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.i18n import _, pgettext
from journal_app.storage.files import write_private_bytes


def _labels() -> dict[str, dict[str, str]]:
    """The vocabulary's words in the current language, read when an export is made (a module
    constant would keep the language the module was imported in)."""
    return {
        "floor": {f.value: f.label for f in FloorSurface},
        "style": {s.value: s.label for s in MovementStyle},
        "sign": {s.value: s.label for s in WarningSign},
        "side": {s.value: s.label for s in Side},
        "milestone": {m.value: m.label for m in Milestone},
        # The "Date reached" cell of a milestone the parent answered without a day.
        "undated": {
            "reached": _("before the journal (date not known)"),
            "not_reached": pgettext("milestone in the CSV export", "not yet"),
        },
    }


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


def csv_tables(document: dict[str, Any]) -> dict[str, list[list[str]]]:
    """The zip's CSV files: one row per day and movement style; days; milestones; signs."""
    labels = _labels()
    floors, styles, signs_of = labels["floor"], labels["style"], labels["sign"]
    sides, milestones_of, undated = labels["side"], labels["milestone"], labels["undated"]
    child_h, date_h, age_h, corrected_h = _("Child"), _("Date"), _("Age"), _("Corrected age")
    movements = [
        [
            child_h,
            date_h,
            age_h,
            corrected_h,
            _("Movement"),
            pgettext("CSV column: how many times", "Times"),
            _("Minutes"),
        ]
    ]
    days = [
        [
            child_h,
            date_h,
            age_h,
            corrected_h,
            _("Tummy time (minutes)"),
            _("Floor"),
            _("Movements seen"),
            _("Warning signs noted"),
            _("Notes"),
            _("Questions for the doctor"),
        ]
    ]
    milestones = [[child_h, _("Milestone"), _("Date reached"), age_h, corrected_h]]
    signs = [[child_h, date_h, age_h, _("Warning sign"), _("Side"), _("Note")]]
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
                        styles.get(m["style"], m["style"]),
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
                    floors.get(day["floor"] or "", day["floor"] or ""),
                    "; ".join(styles.get(m["style"], m["style"]) for m in day["movements"]),
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
                        signs_of.get(w["sign"], w["sign"]),
                        sides.get(w["side"] or "", ""),
                        _text(w["note"]),
                    ]
                )
        for m in child["milestones"]:
            if m["achieved_on"] is None:  # reached on a day not known, or not reached yet
                milestones.append(
                    [
                        name,
                        milestones_of.get(m["milestone"], m["milestone"]),
                        undated.get(m["status"], m["status"]),
                        "",
                        "",
                    ]
                )
                continue
            age, corrected = _ages(child, date.fromisoformat(m["achieved_on"]))
            milestones.append(
                [
                    name,
                    milestones_of.get(m["milestone"], m["milestone"]),
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


def write_csv_zip(path: Path, document: dict[str, Any]) -> None:
    """Write the zip of CSV files to ``path`` (mode 0600)."""
    tables = csv_tables(document)
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
