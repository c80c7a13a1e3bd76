"""The journal's shared vocabulary, marked for translation ahead of the wrapping of the modules.

Each table is keyed by the stable code the database and exports store (the ``value`` of the
members of journal_app/domain/enums.py), and each English text is, word for word, the label the
app shows today, so moving to these tables changes nothing in English
(tests/unit/test_i18n_catalogues.py checks both). Where the same English word means two things,
the entry carries a context (``NP_``).

The enums' ``label`` properties (domain/enums.py) and the one-line day summaries
(storage/reads.py) read these tables through ``translate(...)``; the catalogue keeps every
translation.
"""

from __future__ import annotations

from journal_app.i18n import N_, NP_, ContextMessage

#: MovementStyle labels (the day form, charts, the summary).
MOVEMENT_LABELS: dict[str, ContextMessage] = {
    "rolling": NP_("movement style", "Rolling"),
    "backward_crawl": NP_("movement style", "Backward crawling"),
    "belly_crawl": NP_("movement style", "Belly (commando) crawling"),
    "forward_crawl": NP_("movement style", "Forward hands-and-knees crawling"),
    "bear_crawl": NP_("movement style", "Bear crawling"),
    "bottom_scooting": NP_("movement style", "Bottom scooting"),
    "pulling_to_stand": NP_("movement style", "Pulling to stand"),
    "cruising": NP_("movement style", "Cruising along furniture"),
    "walking_with_help": NP_("movement style", "Walking with help"),
    "walking_alone": NP_("movement style", "Walking alone"),
}

#: The short movement names of the one-line day summaries (storage/reads.py): "back x4, fwd 10 min".
MOVEMENT_SHORT_NAMES: dict[str, ContextMessage] = {
    "rolling": NP_("short movement name", "roll"),
    "backward_crawl": NP_("short movement name", "back"),
    "belly_crawl": NP_("short movement name", "belly"),
    "forward_crawl": NP_("short movement name", "fwd"),
    "bear_crawl": NP_("short movement name", "bear"),
    "bottom_scooting": NP_("short movement name", "scoot"),
    "pulling_to_stand": NP_("short movement name", "pull up"),
    "cruising": NP_("short movement name", "cruise"),
    "walking_with_help": NP_("short movement name", "walk w/ help"),
    "walking_alone": NP_("short movement name", "walk"),
}

#: The pieces of a one-line day summary around the short names ("back x4, fwd 10 min").
EPISODES = NP_("day summary, number of times", "x{count}")
MINUTES = NP_("day summary", "{minutes} min")

#: Milestone labels (first-time achievements; the six WHO milestones among them).
MILESTONE_LABELS: dict[str, ContextMessage] = {
    "rolls_tummy_to_back": NP_("milestone", "Rolls from tummy to back"),
    "pushes_up_on_arms": NP_("milestone", "Pushes up on straight arms on the tummy"),
    "leans_on_hands_sitting": NP_("milestone", "Leans on hands when sitting"),
    "sitting_without_support": NP_("milestone", "Sits without support"),
    "gets_to_sitting": NP_("milestone", "Gets to sitting alone"),
    "first_backward_crawl": NP_("milestone", "First backward crawl"),
    "first_belly_crawl": NP_("milestone", "First belly crawl"),
    "hands_and_knees_crawling": NP_("milestone", "Crawls on hands and knees"),
    "standing_with_assistance": NP_("milestone", "Stands with help"),
    "pulls_to_stand": NP_("milestone", "Pulls up to stand"),
    "cruising": NP_("milestone", "Walks holding on to furniture (cruising)"),
    "walking_with_assistance": NP_("milestone", "Walks with help"),
    "standing_alone": NP_("milestone", "Stands alone"),
    "first_steps_alone": NP_("milestone", "Takes a few steps alone"),
    "walking_alone": NP_("milestone", "Walks alone"),
}

#: Warning sign labels (signs worth watching, noted on the day they are seen).
WARNING_SIGN_LABELS: dict[str, ContextMessage] = {
    "favours_one_side": NP_("warning sign", "Uses one side more than the other"),
    "stiff_muscles": NP_("warning sign", "Very stiff muscles"),
    "floppy_muscles": NP_("warning sign", "Very floppy muscles"),
    "discomfort_when_moving": NP_("warning sign", "Discomfort, pain or resistance when moving"),
    "limited_range_of_movement": NP_("warning sign", "Limited range of movement"),
    "trouble_weight_on_arms": NP_("warning sign", "Trouble taking weight on the arms"),
    "trouble_weight_on_legs": NP_("warning sign", "Trouble taking weight on the legs"),
    "little_interest_in_exploring": NP_("warning sign", "Little interest in exploring"),
    "lost_a_skill": NP_("warning sign", "Lost a skill they had"),
}

#: Side labels (where a sign was seen): an adjective for "side" ("lado izquierdo").
SIDE_LABELS: dict[str, ContextMessage] = {
    "left": NP_("side of the body", "Left"),
    "right": NP_("side of the body", "Right"),
    "both": NP_("side of the body", "Both sides"),
}

#: WarningSign.describe_side for "uses one side more than the other": the side used less.
SIDE_USED_LESS: dict[str, ContextMessage] = {
    "left": NP_("side of the body", "Left side used less"),
    "right": NP_("side of the body", "Right side used less"),
}

#: Floor surface labels ("Other" is the floor's "other", not another word's).
FLOOR_LABELS: dict[str, ContextMessage] = {
    "carpet_or_rug": NP_("floor surface", "Carpet or rug"),
    "play_mat": NP_("floor surface", "Play mat"),
    "smooth_floor": NP_("floor surface", "Smooth floor (wood, tile)"),
    "other": NP_("floor surface", "Other"),
}

#: The command line's messages (journal_app/cli.py), as the parent reads them in a terminal; no
#: context, so cli.py can say ``_("Exported to {path}").format(path=out)`` directly.
#: The placeholders are named str.format fields; {name!r} keeps the quotes cli.py prints today.
CLI_MESSAGES: dict[str, str | ContextMessage] = {
    "not_a_date": N_("{text!r} is not a date in the form YYYY-MM-DD"),
    "description": N_(
        "{app}: a journal of a baby's crawling and early movement. "
        "Without a command, the app's window opens.",
    ),
    "epilog": N_(
        "The journal is stored in the user's data folder unless --data-dir or "
        "CRAWL_JOURNAL_DIR names another. Everything stays on this computer.",
    ),
    "help_data_dir": N_("folder of the journal (created if missing)"),
    "help_demo": N_("open a generated sample journal in a temporary folder"),
    "help_language": N_("language of the app and its messages (en, es)"),
    "help_summary_language": N_("language of the summary (en, es)"),
    "help_export": N_("export the journal as JSON or CSV (zip)"),
    "help_child": N_("only this child"),
    "help_import": N_("merge a JSON export into the journal (all or nothing)"),
    "help_backup": N_("back up the journal now"),
    "help_backup_output": N_("write the backup here instead of backups/"),
    "help_restore": N_("replace the journal with a backup (the current one is backed up first)"),
    "help_check": N_("check the journal's integrity and print a report"),
    "help_summary": N_("write the doctor-visit summary as a PDF"),
    "unknown_language": N_("There is no {language!r} translation (available: {available})."),
    "already_open": N_("The journal in {folder} is open in Crawl Journal; close the app first."),
    "no_backup_nothing_changed": N_("No backup file at {source}; nothing was changed."),
    "nothing_changed": N_("Nothing was changed."),
    "backup_not_put_in_place": N_(
        "The backup could not be put in place ({error}). The damaged journal is kept in "
        "{folder}, named {stem}.damaged-*.",
    ),
    "damaged_kept": N_("The damaged journal is kept, unchanged, as {path}"),
    "restored": N_("Journal restored from {source}. {kept}"),
    "no_child": N_("No child named {name!r} in this journal (children: {names})."),
    "no_children_yet": NP_("command line, list of children", "none yet"),
    "exported": N_("Exported to {path}"),
    "import_refused": N_("Import refused, the journal is unchanged: {error}"),
    "backup_written": N_("Backup written to {path}"),
    "no_backup": N_("No backup file at {source}"),
    "restored_kept_before": N_(
        "Journal restored from {source}. The journal as it was before is kept in {safety}",
    ),
    "summary_written": N_("Summary written to {path}"),
}
