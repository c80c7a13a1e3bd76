"""The command line's shape, shared by the window (``app.py``) and the commands (``cli.py``).

Only the standard library is imported here: the app's start-up parses its arguments before
anything heavy loads.

Exit codes: 0 success, 1 the command failed (message on stderr), 2 bad arguments,
3 the journal is in use by another copy of the app or another command, 4 the journal is damaged
or too new.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date

from journal_app import APP_NAME, __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ALREADY_OPEN = 3
EXIT_BAD_JOURNAL = 4


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="replace the output file if it already exists"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crawl-journal",
        description=f"{APP_NAME}: a journal of a baby's crawling and early movement. "
        "Without a command, the app's window opens.",
        epilog="The journal is stored in the user's data folder unless --data-dir or "
        "CRAWL_JOURNAL_DIR names another. Everything stays on this computer.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="folder of the journal (created if missing)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a generated sample journal in a temporary folder"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("export", help="export the journal as JSON or CSV (zip)")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--child", metavar="NAME", help="only this child")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    _force(p)

    p = sub.add_parser("import", help="merge a JSON export into the journal (all or nothing)")
    p.add_argument("file", metavar="FILE")

    p = sub.add_parser("backup", help="back up the journal now")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the backup here instead of backups/"
    )
    _force(p)

    p = sub.add_parser(
        "restore", help="replace the journal with a backup (the current one is backed up first)"
    )
    p.add_argument("file", metavar="FILE")

    sub.add_parser("check", help="check the journal's integrity and print a report")

    p = sub.add_parser("summary", help="write the doctor-visit summary as a PDF")
    p.add_argument("--child", metavar="NAME", required=True)
    p.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _force(p)
    from journal_app.cli_share import add_share_commands  # share, sync

    add_share_commands(sub)
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
