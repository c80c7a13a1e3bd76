"""The media commands: ``attach`` and ``export --format zip`` (the journal with its media).

``import FILE.zip`` needs no command of its own: ``PortabilityService.import_json`` recognises a
zip and imports it as a journal with media.

``add_media_parsers`` is called by :func:`journal_app.entry.build_parser` (only the standard
library is imported at the top of this module: the app's start-up parses its arguments before
anything heavy loads). The commands run with the journal's lock held, like the others in
:mod:`journal_app.cli`, and use the same exit codes.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal_app.entry import EXIT_FAILED, EXIT_OK
from journal_app.i18n import _, formats, pgettext

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext

ZIP_FORMAT = "zip"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a date in the form YYYY-MM-DD').format(text=text)
        ) from None


def add_media_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """The ``attach`` command's parser."""
    p = sub.add_parser(
        "attach",
        # Translators: worded like the other commands' help ("export the journal...").
        help=_("add photos or videos to a child's day"),
        description=_(
            "Copy photos (JPEG, PNG, HEIC) and videos (MP4, MOV, WebM, 3GP) into the journal, on "
            "one day of one child. Each file is taken on its own: a file that is not a photo or "
            "video, or is over the limit (2 GB), is refused with a message and nothing of it is "
            "copied, while the others are added; the exit code is then 1. A file already on that "
            "day is skipped."
        ),
    )
    p.add_argument("--child", metavar="NAME", required=True, help=_("the child's name"))
    p.add_argument(
        "--date",
        dest="day",
        type=_day,
        metavar="YYYY-MM-DD",
        required=True,
        help=_("the day to add them to"),
    )
    p.add_argument(
        "files", metavar="FILE", nargs="+", help=_("the photos and videos to add (one or more)")
    )


def cmd_attach(args: argparse.Namespace, ctx: JournalContext) -> int:
    from journal_app.cli import TerminalProgress

    child = ctx.journal.find_child(args.child)
    if child is None or child.id is None:
        names = ", ".join(c.name for c in ctx.journal.list_children()) or pgettext(
            "command line, list of children", "none yet"
        )
        print(
            _('No child named "{name}" in this journal (children: {names}).').format(
                name=args.child, names=names
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    today = ctx.today()
    dates = formats()
    if args.day > today or args.day < child.birth_date:
        print(
            _("{day} is not a day of {name}'s journal (from {birth} to today, {today}).").format(
                day=dates.date(args.day),
                name=child.name,
                birth=dates.date(child.birth_date),
                today=dates.date(today),
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    progress = TerminalProgress(_("Copying"))
    try:
        report = ctx.media.attach(child.id, args.day, [Path(f) for f in args.files], progress)
    finally:
        progress.finish()
    for item in report.added:
        print(_("Added {name} to {day}.").format(name=item.original_name, day=dates.date(item.day)))
    for name in report.already_there:
        print(_("{name} is already on that day; skipped.").format(name=name))
    for _name, message in report.refused:
        print(message[:1].upper() + message[1:], file=sys.stderr)
    print(report.describe())
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_export_zip(args: argparse.Namespace, ctx: JournalContext, child_id: int | None) -> int:
    from journal_app.cli import TerminalProgress
    from journal_app.services.portability.media_zip import MediaExportStopped

    out = Path(args.output)
    progress = TerminalProgress(_("Exporting"))
    try:
        ctx.portability.export_zip(out, child_id=child_id, progress=progress)
    except MediaExportStopped as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    finally:
        progress.finish()
    print(_("Exported the journal with its photos and videos to {path}").format(path=out))
    return EXIT_OK
