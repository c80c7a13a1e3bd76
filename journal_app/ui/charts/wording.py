"""Every word the charts show, in one translatable place (Spanish comes later).

:data:`WORDING` holds the English source texts by key; :func:`chart_text` gives the text to draw,
through ``QCoreApplication.translate`` (context "Charts"), formatted with its fields. Milestone and
movement-style names come from the domain's vocabularies and are translated here too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

#: Every word the charts show, in one place.
WORDING: dict[str, str] = {
    "movement_title_episodes_day": "Movement seen: times per day",
    "movement_title_episodes_week": "Movement seen: times per week",
    "movement_title_days_seen_day": "Movement seen each day",
    "movement_title_days_seen_week": "Movement seen: days per week",
    "axis_episodes": "Times seen",
    "axis_days_seen_week": "Days seen in the week\n(0 to 7, each way of moving)",
    "axis_days_seen_day": "Seen that day\n(1: yes)",
    "partial_week": "{days} of {of} days",
    "milestone_key_entry": "{number} {names} ({day})",
    "axis_tummy": "Tummy time, minutes a day\n(average of days noted)",
    "tummy_line": "Tummy time (minutes a day)",
    "who_tummy_level": "WHO: {minutes} minutes a day (not yet mobile)",
    "who_tummy_on_line": "WHO {minutes} min tummy time →",
    "movement_empty": "Nothing recorded for {start} to {end} yet.",
    "windows_title": "Milestones and the WHO windows (1st to 99th percentile ages)",
    "windows_axis": "Age in months",
    "windows_axis_corrected": "Age in months (corrected age for a baby born early)",
    "window_reached": "WHO window, milestone reached",
    "window_not_reached": "WHO window, not reached yet",
    "age_at_milestone": "Age when reached",
    "age_seen_in_journal": "Seen in the journal (first time not noted)",
    "age_now": "Age today",
    "age_on": "Age on {day}",
    "now_label": "Today: {months:.1f} months",
    "now_label_corrected": "Today: {months:.1f} months (corrected age)",
    "on_label": "On {day}: {months:.1f} months",
    "on_label_corrected": "On {day}: {months:.1f} months (corrected age)",
    "point_label": "{months:.1f}",
    "point_label_corrected": "{months:.1f} (corrected age)",
    "not_yet": "not yet",
    "not_recorded_before_journal": "not recorded (the journal began on {day})",
    "reached_before_journal": "before the journal (date not known)",
    "source": "Windows: WHO Motor Development Study; 1st to 99th percentile of 816 children. "
    "Source: {source}",
}


def chart_text(key: str, **fields: Any) -> str:
    """The chart text ``key`` (see :data:`WORDING`), translated, with ``fields`` filled in."""
    text = QCoreApplication.translate("Charts", WORDING[key])
    return text.format(**fields) if fields else text


def chart_label(label: str) -> str:
    """A vocabulary label (a milestone's or a movement style's name), translated."""
    return QCoreApplication.translate("Charts", label)
