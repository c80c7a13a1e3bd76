"""The guidance wording (``resources/guidance.toml``, or ``guidance.<language>.toml`` in the
current language; checked on load), the date formats of its reason lines, and the results the
rules and the service hand out (flags, ranked tips)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from journal_app import i18n

#: At most this many dates are listed in a reason line; more are given as a range.
MAX_LISTED_DATES = 5

#: Tips that are reminders rather than something to try: no "Mark as tried" for them.
REMINDER_TIPS = frozenset({"keep_recording", "patience"})

#: How strongly each tip is suggested when its rule fires (higher first).
TIP_SCORES: dict[str, int] = {
    "keep_recording": 100,
    "tummy_time": 95,
    "toy_ahead": 90,
    "textured_floor": 85,
    "show_how": 80,
    "weight_bearing_play": 75,
    "next_steps": 70,
    "praise": 65,
    "patience": 20,
    "limit_walkers": 10,
}


# -- content ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentItem:
    """A tip or an "about crawling" item: short text with the name of its source."""

    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class GuidanceContent:
    """Everything ``resources/guidance.toml`` holds, checked on load."""

    tips: dict[str, ContentItem]
    about: tuple[ContentItem, ...]
    disclaimer: str
    worried: str
    no_flags: str
    no_flags_new_journal: str
    no_child: str
    months: tuple[str, ...]
    reasons: Mapping[str, str]
    flags: Mapping[str, Any]

    def reason(self, key: str, **values: object) -> str:
        return self.reasons[key].format(**values)

    def flag_text(self, key: str, **values: object) -> str:
        """``key`` is dotted: ``"who_late.title"`` or ``"days_one"``."""
        node: Any = self.flags
        for part in key.split("."):
            node = node[part]
        return str(node).format(**values)


class ContentError(ValueError):
    """The guidance content file is incomplete or inconsistent (a packaging bug)."""


def parse_content(text: str) -> GuidanceContent:
    """Parse and check the TOML text of the guidance content."""
    data = tomllib.loads(text)
    sources = {key: value["name"] for key, value in data["sources"].items()}

    def items(kind: str) -> list[ContentItem]:
        result = []
        for raw in data[kind]:
            if raw.get("source") not in sources:
                raise ContentError(f"{kind} item {raw.get('id')!r} names no known source")
            result.append(ContentItem(raw["id"], raw["title"], raw["text"], sources[raw["source"]]))
        return result

    tips = {item.id: item for item in items("tips")}
    missing = TIP_SCORES.keys() - tips.keys()
    if missing:
        raise ContentError(f"tips missing from the content: {sorted(missing)}")
    months = tuple(data["month_abbreviations"])
    if len(months) != 12:
        raise ContentError("month_abbreviations must have 12 entries")
    return GuidanceContent(
        tips=tips,
        about=tuple(items("about")),
        disclaimer=data["disclaimer"],
        worried=data["worried"],
        no_flags=data["no_flags"],
        no_flags_new_journal=data["no_flags_new_journal"],
        no_child=data["no_child"],
        months=months,
        reasons=data["reasons"],
        flags=data["flags"],
    )


def load_content() -> GuidanceContent:
    """The shipped guidance content in the current language (each language read once):
    ``guidance.<language>.toml``, or the English ``guidance.toml`` for a language without one."""
    return _content_for(i18n.current().language)


@cache
def _content_for(language: str) -> GuidanceContent:
    folder = files("journal_app.resources")
    resource = folder.joinpath(f"guidance.{language}.toml")
    if language == i18n.SOURCE_LANGUAGE or not resource.is_file():
        resource = folder.joinpath("guidance.toml")
    return parse_content(resource.read_text(encoding="utf-8"))


def format_day(day: date, reference: date | None = None) -> str:
    """``12 Nov`` / ``12 nov``; with the year when it differs from ``reference``'s."""
    formats = i18n.formats()
    if reference is not None and day.year != reference.year:
        return formats.date(day)
    return formats.day_month(day)


def format_days(days: Iterable[date], reference: date | None = None) -> str:
    """``2 Nov, 9 Nov and 20 Nov``; more than five dates: ``between 2 Sep and 20 Nov``."""
    ordered = sorted(set(days))
    shown = [format_day(d, reference) for d in ordered]
    if len(shown) > MAX_LISTED_DATES:
        return load_content().flag_text("date_range", first=shown[0], last=shown[-1])
    return i18n.formats().conjunction(shown) if shown else ""


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something in the journal worth mentioning to the doctor, with the data behind it."""

    id: str
    title: str
    reason: str
    dates: tuple[date, ...]
    strong: bool


@dataclass(frozen=True)
class TipSuggestion:
    """What a rule returns: a tip to show, why, and how strongly."""

    tip_id: str
    reason: str
    score: int


@dataclass(frozen=True)
class RankedTip:
    """A tip as shown in the panel, best first."""

    id: str
    title: str
    text: str
    source: str
    reason: str
    score: int
    tried_on: date | None = None

    @property
    def can_be_tried(self) -> bool:
        """False for reminders (keep recording, every child's own pace): nothing to try."""
        return self.id not in REMINDER_TIPS

    @property
    def tip_id(self) -> str:
        return self.id


@dataclass(frozen=True)
class Guidance:
    """What the tips panel shows for one child."""

    child_name: str
    tips: list[RankedTip]
    flags: list[Flag]
    about: list[ContentItem]
    disclaimer: str
    #: Ends every section of guidance.
    worried: str
    #: The calm line shown when there are no flags (for a new journal: that the milestone
    #: checks have not started yet).
    no_flags: str
    #: Days recorded in the last :data:`WINDOW_DAYS` days.
    days_recorded: int
