"""What the domain's checks say to the parent, in one place (marked for translation:
shown with ``i18n.translate(MESSAGE).format(...)``).

Templates take named values (``str.format``); dates come already formatted (``format_date``). The
services' wording is in ``services/messages.py``, the charts' in ``ui/charts/wording.py``.
"""

from __future__ import annotations

from journal_app.i18n import N_

# -- a child profile (validate_child) -------------------------------------------------------------

NAME_MISSING = N_("Please enter the child's name.")
NAME_TOO_LONG = N_("The name is too long (at most {limit} characters).")
NAME_CONTROL_CHARACTER = N_(
    "The name holds an invisible control character ({character}), such as a tab, a line break or "
    "a text-direction mark. Please type the name again without it."
)
BIRTH_IN_FUTURE = N_("The birth date cannot be in the future.")
BIRTH_DATE_CHECK = N_("Please check the birth date.")
DUE_LONG_AFTER_BIRTH = N_(
    "The due date is more than 20 weeks after the birth date. Please check it."
)
DUE_LONG_BEFORE_BIRTH = N_(
    "The due date is more than 4 weeks before the birth date. Please check it."
)

# -- a day (validate_day) -------------------------------------------------------------------------

MINUTES_NEGATIVE = N_("{what} cannot be negative.")
MINUTES_OVER_A_DAY = N_("{what} cannot be more than 24 hours (1440 minutes).")
UNUSUAL_TUMMY_TIME = N_(
    "That is over 3 hours of tummy time in a day. If it is right, save as usual."
)
DAY_IN_FUTURE = N_("This day is in the future. Only days up to today can be saved.")
DAY_BEFORE_BIRTH = N_("This day is before {name}'s birth date ({birth_date}).")
TIMES_NEGATIVE = N_("{style}: the number of times cannot be negative.")
TIMES_TOO_MANY = N_("{style}: {count} times in one day is more than {limit}; please check.")
SIDE_DOES_NOT_APPLY = N_("{sign}: a side does not apply.")
NOTE_TOO_LONG = N_("The note is too long.")
SIGN_LISTED_TWICE = N_("Each warning sign can be listed once per day.")
TEXT_TOO_LONG = N_("This text is too long (over a million characters).")
MILESTONE_LISTED_TWICE = N_("A milestone is listed twice.")
