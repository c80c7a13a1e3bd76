"""What the journal services say to the parent when they refuse something, in one place, marked
for translation (shown with ``i18n.translate(MESSAGE).format(...)``). Templates take named
values; dates come already formatted (``format_date``).

The domain's own checks word theirs in ``domain/validation.py``; the guidance wording lives in
``resources/guidance.toml``; the import file's checks word theirs in ``portability/reading.py``.
"""

from __future__ import annotations

from journal_app.i18n import N_

# -- children and days (services/journal.py, services/sample_journal.py) ------------------------------

DAYS_BEFORE_BIRTH = N_("The journal has days from {first}, before this birth date.")
MILESTONE_ALREADY_RECORDED = N_("{milestone} was already recorded on {on}.")
MILESTONE_LISTED_TWICE = N_("{milestone} is listed twice.")

# -- undoing a delete -------------------------------------------------------------------------------

DAY_RECORDED_AGAIN = N_("{day} has been recorded again since it was deleted.")
MILESTONE_RECORDED_SINCE = N_("{milestone} has been recorded on {on} since.")
DAY_NOT_PUT_BACK = N_("{day} could not be put back: the journal has changed since.")

# -- merging an import (storage/merge.py names the conflict by its key) --------------------------------

MERGE_CONFLICTS = {
    "day_of_another_child": N_("this day belongs to another child in this journal (same UUID)."),
    "day_dated_otherwise": N_(
        "this day is dated {here} in this journal but {there} in the file (same UUID)."
    ),
    "entry_of_another_day": N_(
        "this UUID belongs to an entry of another day in this journal ({day})."
    ),
    "of_another_child": N_("this {what} belongs to another child in this journal (same UUID)."),
    "uuid_of_another": N_("this {what} has the UUID of another {what} in this journal."),
    "birth_after_days": N_(
        "the birth date {birth} would come after the day {day} already in this journal for {name}."
    ),
    "day_before_birth": N_("this day is before the child's birth date in this journal ({birth})."),
}
MERGE_FAILED = N_(
    "The file could not be merged with this journal (the journal may have changed while "
    "importing; please try again). Detail: {detail}"
)
NO_CHILD_WITH_ID = N_("There is no child with id {child_id} in this journal.")
MILESTONE_ANSWER_DATE = N_(
    "{milestone}: the day must be between the birth date ({born}) and today ({today})."
)
