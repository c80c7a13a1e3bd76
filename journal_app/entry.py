"""The command line's shape, shared by the window (``app.py``) and the commands (``cli.py``).

Only the standard library (and ``journal_app.i18n``, which is standard library only) is imported
here: the app's start-up parses its arguments before anything heavy loads.

The words of the command line (help, errors) are in the language ``--language CODE`` names, else
the system's: :func:`parse_args` chooses it (``i18n.setup``) before it builds the parser. The
window refines that choice afterwards with the Preferences' language (``app.py``).

Exit codes: 0 success, 1 the command failed (message on stderr), 2 bad arguments,
3 the journal is in use by another copy of the app or another command, 4 the journal is damaged
or too new.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from journal_app import APP_NAME, __version__, i18n
from journal_app.i18n import N_, _

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ALREADY_OPEN = 3
EXIT_BAD_JOURNAL = 4


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def date_argument(text: str) -> date:
    """The type of a ``YYYY-MM-DD`` argument: the date, else a usage error saying whether the
    text is not of that form or names a day that does not exist ("2026-02-30")."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        if _DATE_SHAPE.fullmatch(text):
            message = _("{text} is not a real date: check the month and the day.")
        else:
            message = _('"{text}" is not a date in the form YYYY-MM-DD')
        raise argparse.ArgumentTypeError(message.format(text=text)) from None


def unknown_language(code: str) -> str | None:
    """The message for a language code without a translation ("xx"), or None when it has one."""
    available = i18n.available_languages()
    if i18n.match_language(code, available) is not None:
        return None
    return _("There is no {language!r} translation (available: {available}).").format(
        language=code, available=", ".join(available)
    )


def language_code(text: str) -> str:
    """``--language``'s type: a code with a catalogue ("es", "en", "es_MX"), else a usage error."""
    problem = unknown_language(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help in the app's language where argparse lets it: the "usage:" prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


#: argparse's own error messages (English only: argparse has no catalogue of ours), read back
#: and told in the app's language; a message not listed here stays as argparse wrote it.
_ARGPARSE_ERRORS = (
    (
        re.compile(r"the following arguments are required: (?P<arguments>.+)", re.DOTALL),
        N_("the following arguments are required: {arguments}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<arguments>.+)", re.DOTALL),
        N_("unrecognized arguments: {arguments}"),
    ),
    (
        re.compile(
            r"argument (?P<argument>\S+): invalid choice: (?P<choice>.+?) "
            r"\(choose from (?P<choices>.+)\)",
            re.DOTALL,
        ),
        N_("argument {argument}: invalid choice: {choice} (choose from {choices})"),
    ),
    (
        re.compile(r"argument (?P<argument>\S+): expected one argument"),
        N_("argument {argument}: expected one argument"),
    ),
    (
        re.compile(r"argument (?P<argument>\S+): (?P<problem>.+)", re.DOTALL),
        N_("argument {argument}: {problem}"),
    ),
)


def _argparse_error(message: str) -> str:
    """``message`` from argparse, in the app's language when it is one argparse usually says."""
    for pattern, translatable in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is not None:
            return _(translatable).format(**found.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (section titles, -h, the error line) are translated;
    the subcommands' parsers are made of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        # argparse names its two default sections through attributes only.
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        told = _("{prog}: error: {message}").format(
            prog=self.prog, message=_argparse_error(message)
        )
        self.exit(EXIT_USAGE, told + "\n")


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help=_("replace the output file if it already exists")
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser, its texts in the current language (see :func:`parse_args`)."""
    parser = _Parser(
        prog="crawl-journal",
        description=_(
            "{app}: a journal of a baby's crawling and early movement. "
            "Without a command, the app's window opens."
        ).format(app=APP_NAME),
        epilog=_(
            "The journal is stored in the user's data folder unless --data-dir or "
            "CRAWL_JOURNAL_DIR names another. Everything stays on this computer."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show the app's version and exit"),
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help=_("folder of the journal (created if missing)")
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_(
            "open a generated sample journal in a temporary folder, in the window only (not with "
            "a command)"
        ),
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        type=language_code,
        help=_("language of the app and its messages (en, es)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    p = sub.add_parser(
        "export", help=_("export the journal as JSON, CSV (zip) or with its media (zip)")
    )
    p.add_argument(
        "--format",
        choices=["json", "csv", "zip"],
        default="json",
        help=_("format of the export (zip: the journal with its photos and videos)"),
    )
    p.add_argument("--child", metavar="NAME", help=_("only this child"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the file to write"))
    _force(p)

    p = sub.add_parser(
        "import", help=_("merge a JSON or zip export into the journal (all or nothing)")
    )
    p.add_argument("file", metavar="FILE", help=_("the JSON or zip export to merge"))

    p = sub.add_parser("backup", help=_("back up the journal now"))
    p.add_argument(
        "-o", "--output", metavar="FILE", help=_("write the backup here instead of backups/")
    )
    _force(p)

    p = sub.add_parser(
        "restore",
        help=_("replace the journal with a backup (the current one is backed up first)"),
    )
    p.add_argument("file", metavar="FILE", help=_("the backup to put in place"))

    sub.add_parser("check", help=_("check the journal's integrity and print a report"))

    p = sub.add_parser("summary", help=_("write the doctor-visit summary as a PDF"))
    p.add_argument("--child", metavar="NAME", required=True, help=_("the child's name"))
    p.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        metavar="YYYY-MM-DD",
        help=_("first day of the period"),
    )
    p.add_argument(
        "--to",
        dest="end",
        type=date_argument,
        metavar="YYYY-MM-DD",
        help=_("last day of the period"),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    p.add_argument(
        "--language",
        dest="summary_language",
        metavar="CODE",
        type=language_code,
        help=_("language of the summary (en, es)"),
    )
    _force(p)
    from journal_app.cli_media import add_media_parsers  # attach (issue 19)

    add_media_parsers(sub)
    from journal_app.cli_share import add_share_commands  # share, sync

    add_share_commands(sub)
    return parser


class _NoExit(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def language_argument(argv: Sequence[str]) -> str | None:
    """The app's ``--language CODE`` in ``argv`` (before the command: ``summary --language`` is
    the summary's), or None. Read before the real parser is built, so that its help and its
    errors are already in that language."""
    pre = _NoExit(add_help=False)
    pre.add_argument("--data-dir", nargs="?")  # a value missing is the real parser's to say
    pre.add_argument("--demo", action="store_true")
    pre.add_argument("--language", nargs="?")
    pre.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, _unknown = pre.parse_known_args(list(argv))
    except ValueError:
        return None  # the real parser says what is wrong
    return found.language if isinstance(found.language, str) else None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Choose the app's language (``--language``, else the system's; ``i18n.setup``), then parse
    ``argv`` with the parser in that language. An unknown ``--language`` is a usage error
    (exit 2, as every bad argument), told before anything else is read."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    explicit = language_argument(arguments)
    i18n.setup(explicit)
    if explicit is not None:
        problem = unknown_language(explicit)
        if problem is not None:
            print(problem, file=sys.stderr)
            raise SystemExit(EXIT_USAGE)
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.demo and args.command:
        parser.error(
            _(
                "--demo opens the sample journal in the window only and cannot be used with a "
                "command ({command}). Leave out --demo to run the command on your journal."
            ).format(command=args.command)
        )
    return args
