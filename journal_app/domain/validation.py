"""Rules for what a journal day and a child profile may hold; shared by the UI, CLI and importers.

Each rule yields a :class:`FieldError` naming the field and saying in plain words what is wrong;
the words are in :mod:`journal_app.domain.messages`, in one place for translation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from journal_app.domain import messages
from journal_app.domain.dates import format_date
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.i18n import _, current, translate

MAX_MINUTES = 24 * 60
MAX_EPISODES = 500
MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 1_000_000
MAX_DUE_AFTER_BIRTH = timedelta(weeks=20)
MAX_DUE_BEFORE_BIRTH = timedelta(weeks=4)
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


#: Invisible characters that reorder or hide text (bidi embeddings, overrides and isolates,
#: direction marks): in a name they can make it read as something else on screen and on paper.
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def forbidden_name_character(name: str) -> str | None:
    """The first character a name may not hold, or None: control characters (NUL, BEL, tab,
    line breaks: Unicode category Cc), line and paragraph separators, and bidi controls.

    Joiners (U+200C/U+200D), which some scripts and emoji need, are allowed. Notes are not
    checked: they keep whatever was typed."""
    for char in name:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp") or char in BIDI_CONTROLS:
            return char
    return None


def _character_label(char: str) -> str:
    # Unicode's character names are English: given only to an English reader.
    name = unicodedata.name(char, "") if current().language == "en" else ""
    return f"U+{ord(char):04X}" + (f" {name.lower()}" if name else "")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationFailed(ValueError):
    """Raised by services when input breaks a rule; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))


def validate_child(profile: ChildProfile, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    name = profile.name.strip()
    if not name:
        errors.append(FieldError("name", translate(messages.NAME_MISSING)))
    elif len(name) > MAX_NAME_LENGTH:
        errors.append(
            FieldError("name", translate(messages.NAME_TOO_LONG).format(limit=MAX_NAME_LENGTH))
        )
    elif (bad := forbidden_name_character(name)) is not None:
        errors.append(
            FieldError(
                "name",
                translate(messages.NAME_CONTROL_CHARACTER).format(character=_character_label(bad)),
            )
        )
    if profile.birth_date > today:
        errors.append(FieldError("birth_date", translate(messages.BIRTH_IN_FUTURE)))
    elif profile.birth_date < EARLIEST_BIRTH_DATE:
        errors.append(FieldError("birth_date", translate(messages.BIRTH_DATE_CHECK)))
    if profile.due_date is not None:
        gap = profile.due_date - profile.birth_date
        if gap > MAX_DUE_AFTER_BIRTH:
            errors.append(
                FieldError(
                    "due_date",
                    translate(messages.DUE_LONG_AFTER_BIRTH),
                )
            )
        elif -gap > MAX_DUE_BEFORE_BIRTH:
            errors.append(
                FieldError(
                    "due_date",
                    translate(messages.DUE_LONG_BEFORE_BIRTH),
                )
            )
    return errors


#: More tummy time than this in a day is possible but unusual: the form asks to check, gently.
UNUSUAL_TUMMY_MINUTES = 180


def tummy_time_note(minutes: int | None) -> str | None:
    """A gentle, non-blocking note for an unusual (not impossible) amount of tummy time."""
    if minutes is None or not UNUSUAL_TUMMY_MINUTES < minutes <= MAX_MINUTES:
        return None
    return translate(messages.UNUSUAL_TUMMY_TIME)


def _check_minutes(value: int | None, field: str, what: str) -> list[FieldError]:
    if value is None:
        return []
    if value < 0:
        return [FieldError(field, translate(messages.MINUTES_NEGATIVE).format(what=what))]
    if value > MAX_MINUTES:
        return [FieldError(field, translate(messages.MINUTES_OVER_A_DAY).format(what=what))]
    return []


def validate_day(entry: DayEntry, child: ChildProfile, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    if entry.day > today:
        errors.append(FieldError("day", translate(messages.DAY_IN_FUTURE)))
    if entry.day < child.birth_date:
        errors.append(
            FieldError(
                "day",
                translate(messages.DAY_BEFORE_BIRTH).format(
                    name=child.name, birth_date=format_date(child.birth_date)
                ),
            )
        )
    errors += _check_minutes(entry.tummy_minutes, "tummy_minutes", _("Tummy time"))
    for style, count in entry.movements.items():
        field = f"movement.{style.value}"
        if count.episodes is not None:
            if count.episodes < 0:
                errors.append(
                    FieldError(field, translate(messages.TIMES_NEGATIVE).format(style=style.label))
                )
            elif count.episodes > MAX_EPISODES:
                errors.append(
                    FieldError(
                        field,
                        translate(messages.TIMES_TOO_MANY).format(
                            style=style.label, count=count.episodes, limit=MAX_EPISODES
                        ),
                    )
                )
        errors += _check_minutes(
            count.minutes, field, _("{style}: minutes").format(style=style.label)
        )
    for index, sign in enumerate(entry.warning_signs):
        if sign.side is not None and not sign.sign.side_applies:
            errors.append(
                FieldError(
                    f"warning_signs.{index}",
                    translate(messages.SIDE_DOES_NOT_APPLY).format(sign=sign.sign.label),
                )
            )
        if len(sign.note) > MAX_TEXT_LENGTH:
            errors.append(FieldError(f"warning_signs.{index}", translate(messages.NOTE_TOO_LONG)))
    if len(set(s.sign for s in entry.warning_signs)) != len(entry.warning_signs):
        errors.append(FieldError("warning_signs", translate(messages.SIGN_LISTED_TWICE)))
    for field, text in (("notes", entry.notes), ("questions", entry.questions)):
        if len(text) > MAX_TEXT_LENGTH:
            errors.append(FieldError(field, translate(messages.TEXT_TOO_LONG)))
    if len(set(entry.milestones)) != len(entry.milestones):
        errors.append(FieldError("milestones", translate(messages.MILESTONE_LISTED_TWICE)))
    return errors
