"""The sharing commands: ``share FOLDER --device-name NAME``, ``share --stop`` and ``sync``.

``entry.build_parser`` adds the subcommands with :func:`add_share_commands` and ``cli`` runs them
through :data:`SHARE_COMMANDS`. Only the standard library is imported at the top (the parser is
built at start-up); the services load when a command runs. Exit codes are entry's: 0 done,
1 failed or paused (message on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.i18n import _

if TYPE_CHECKING:
    from journal_app.services.context import JournalContext
    from journal_app.services.sharing import SyncReport


def add_share_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "share",
        help=_("keep this journal in step with other computers through a synced folder"),
        description=_(
            "Into FOLDER (one the family already syncs, or a USB stick) this computer writes "
            "only small change files of its own, and reads the other computers'. Whoever can "
            "read that folder can read the journal."
        ),
    )
    p.add_argument("folder", nargs="?", metavar="FOLDER", help=_("the shared folder"))
    p.add_argument(
        "--device-name",
        metavar="NAME",
        help=_("this computer's name, as the others show it (\"Mum's laptop\")"),
    )
    p.add_argument("--stop", action="store_true", help=_("stop sharing on this computer"))
    sub.add_parser(
        "sync",
        help=_("write this computer's changes to the shared folder and apply the others'"),
    )


def _print_report(report: SyncReport) -> None:
    print(report.describe())
    for line in report.notes:
        print(line)
    for line in report.refused:
        print(line, file=sys.stderr)


def _cmd_share(args: argparse.Namespace, ctx: JournalContext) -> int:
    from journal_app.entry import EXIT_FAILED, EXIT_OK, EXIT_USAGE
    from journal_app.services.sharing import SharingError

    if args.stop:
        if args.folder or args.device_name:
            print(_("share --stop takes no folder and no name."), file=sys.stderr)
            return EXIT_USAGE
        status = ctx.sharing.status()
        if not status.active:
            print(_("This journal is not shared; nothing was changed."))
            return EXIT_OK
        ctx.sharing.stop()
        print(
            _(
                "Sharing stopped on this computer. Its change files stay in {folder} for the "
                "other computers."
            ).format(folder=str(status.folder))
        )
        return EXIT_OK
    if not args.folder or not args.device_name:
        print(
            _("Give the shared folder and this computer's name: share FOLDER --device-name NAME"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        report = ctx.sharing.join(Path(args.folder), args.device_name)
    except SharingError as exc:
        print(_("Sharing not started: {reason}").format(reason=str(exc)), file=sys.stderr)
        return EXIT_FAILED
    if report.paused:
        print(report.describe(), file=sys.stderr)
        return EXIT_FAILED
    print(
        _("This journal is shared through {folder} as {name}.").format(
            folder=str(report.status.folder), name=report.status.device_name
        )
    )
    _print_report(report)
    return EXIT_OK


def _cmd_sync(args: argparse.Namespace, ctx: JournalContext) -> int:
    from journal_app.entry import EXIT_FAILED, EXIT_OK

    if not ctx.sharing.status().active:
        print(
            _(
                "This journal is not shared. Start with: crawl-journal share FOLDER "
                "--device-name NAME"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    report = ctx.sharing.sync()
    if report.paused:
        print(report.describe(), file=sys.stderr)
        return EXIT_FAILED
    _print_report(report)
    return EXIT_OK


SHARE_COMMANDS: dict[str, Callable[[argparse.Namespace, JournalContext], int]] = {
    "share": _cmd_share,
    "sync": _cmd_sync,
}
