"""Every word the charts show, in one translatable place.

:data:`WORDING` holds the English source texts by key, marked for extraction; :func:`chart_text`
gives the text to draw in the current language (gettext, so a chart drawn inside
``with i18n.speaking(...)``, such as the summary's, follows it), formatted with its fields.
Figures are passed in already formatted (:func:`months_figure`, ``i18n.formats()``): "3,8" in
Spanish. Milestone and movement-style names come translated from the domain's enums.
"""

from __future__ import annotations

from typing import Any

from journal_app import i18n
from journal_app.i18n import N_

#: Every word the charts show, in one place.
WORDING: dict[str, str] = {
    "movement_title_episodes_day": N_("Movement seen: times per day"),
    "movement_title_episodes_week": N_("Movement seen: times per week"),
    "movement_title_days_seen_day": N_("Movement seen each day"),
    "movement_title_days_seen_week": N_("Movement seen: days per week"),
    "axis_episodes": N_("Times seen"),
    "axis_days_seen_week": N_("Days seen in the week\n(0 to 7, each way of moving)"),
    "axis_days_seen_day": N_("Seen that day\n(1: yes)"),
    "partial_week": N_("{days} of {of} days"),
    "milestone_key_entry": N_("{number} {names} ({day})"),
    "axis_tummy": N_("Tummy time, minutes a day\n(average of days noted)"),
    "tummy_line": N_("Tummy time (minutes a day)"),
    "who_tummy_level": N_("WHO: {minutes} minutes a day (not yet mobile)"),
    "who_tummy_on_line": N_("WHO {minutes} min tummy time →"),
    "movement_empty": N_("Nothing recorded for {start} to {end} yet."),
    "windows_title": N_("Milestones and the WHO windows (1st to 99th percentile ages)"),
    "windows_axis": N_("Age in months"),
    "windows_axis_corrected": N_("Age in months (corrected age for a baby born early)"),
    "window_reached": N_("WHO window, milestone reached"),
    "window_not_reached": N_("WHO window, not reached yet"),
    "age_at_milestone": N_("Age when reached"),
    "age_seen_in_journal": N_("Seen in the journal (first time not noted)"),
    "age_now": N_("Age today"),
    "age_on": N_("Age on {day}"),
    "now_label": N_("Today: {months} months"),
    "now_label_corrected": N_("Today: {months} months (corrected age)"),
    "on_label": N_("On {day}: {months} months"),
    "on_label_corrected": N_("On {day}: {months} months (corrected age)"),
    "point_label": N_("{months}"),
    "point_label_corrected": N_("{months} (corrected age)"),
    "not_yet": N_("not yet"),
    "not_recorded_before_journal": N_("not recorded (the journal began on {day})"),
    "reached_before_journal": N_("before the journal (date not known)"),
    "source": N_(
        "Windows: WHO Motor Development Study; 1st to 99th percentile of 816 children. "
        "Source: {source}"
    ),
}


def chart_text(key: str, **fields: Any) -> str:
    """The chart text ``key`` (see :data:`WORDING`), translated, with ``fields`` filled in."""
    text = i18n.gettext(WORDING[key])
    return text.format(**fields) if fields else text


def chart_label(label: str) -> str:
    """A vocabulary label (a milestone's or a movement style's name): the enums' ``label``
    is already in the current language."""
    return label


def months_figure(months: float) -> str:
    """An age in months on a chart, one decimal, the language's decimal mark: "3,8"."""
    return i18n.formats().number(months, 1)


def published_figure(value: float) -> str:
    """A WHO figure as published ("3.8", "9"; "3,8" in Spanish): no trailing ".0"."""
    decimals = 0 if float(value).is_integer() else 1
    return i18n.formats().number(value, decimals)
