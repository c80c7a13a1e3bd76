"""The non-GUI commands: run one command on the journal and exit (the parser is in ``entry``).

Exit codes are those of :mod:`journal_app.entry`.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from journal_app import i18n
from journal_app.cli_media import cmd_attach, cmd_export_zip
from journal_app.cli_share import SHARE_COMMANDS
from journal_app.entry import (
    EXIT_ALREADY_OPEN,
    EXIT_BAD_JOURNAL,
    EXIT_FAILED,
    EXIT_OK,
    parse_args,
)
from journal_app.i18n import _, pgettext

if TYPE_CHECKING:
    from journal_app.paths import JournalPaths
    from journal_app.services.context import JournalContext

Command = Callable[[argparse.Namespace, "JournalContext"], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (without the program name) and run its command; the exit code.

    The command's messages are in the language of ``--language``, else the system's
    (``entry.parse_args`` chooses it; no Qt is involved)."""
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.command:
        from journal_app.app import main as app_main

        return app_main(argv)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run a non-GUI command; storage errors become a message and an exit code, not a traceback."""
    from journal_app.paths import JournalPaths, data_dir_problem, resolve_data_dir
    from journal_app.single_instance import COMMAND, JournalLock

    data_dir = resolve_data_dir(args.data_dir)
    try:
        paths = JournalPaths(data_dir).ensure()
    except OSError as exc:  # as a journal that cannot be used (JournalUnavailableError): 1
        print(data_dir_problem(data_dir, exc), file=sys.stderr)
        return EXIT_FAILED
    lock = JournalLock(paths.lock, COMMAND)
    if not lock.acquire():
        problem = lock.problem()
        if problem is not None:  # nobody holds it: a folder or lock file it cannot use
            print(problem, file=sys.stderr)
            return EXIT_FAILED
        if lock.holder_kind() == COMMAND:
            print(
                _(
                    "The journal in {folder} is in use by another crawl-journal command; "
                    "wait for it to finish, then try again."
                ).format(folder=paths.data_dir),
                file=sys.stderr,
            )
        else:
            print(
                _("The journal in {folder} is open in Crawl Journal; close the app first.").format(
                    folder=paths.data_dir
                ),
                file=sys.stderr,
            )
        return EXIT_ALREADY_OPEN
    from journal_app.storage.backups import remove_leftover_temporaries

    remove_leftover_temporaries(paths.data_dir, paths.backups)  # what a killed command left
    try:
        return _run_locked(args, paths)
    finally:
        lock.release()


def _run_locked(args: argparse.Namespace, paths: JournalPaths) -> int:
    """Open the journal and run the command, with the folder's lock held."""
    from journal_app.services.context import open_context
    from journal_app.storage.errors import (
        JournalDamagedError,
        JournalError,
        JournalTooNewError,
    )

    try:
        ctx = open_context(paths)
    except JournalDamagedError as exc:
        if args.command == "restore":  # the way back from a damaged journal, without a display
            return _restore_damaged(args, paths, exc)
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_JOURNAL
    except JournalTooNewError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_JOURNAL
    except JournalError as exc:
        print(str(exc), file=sys.stderr)
        return _exit_code(exc)
    try:
        if getattr(args, "output", None):
            from journal_app.storage.files import refuse_unsafe_output

            refuse_unsafe_output(Path(args.output), paths.protected_files(), force=args.force)
        return COMMANDS[args.command](args, ctx)
    except JournalError as exc:
        print(str(exc), file=sys.stderr)
        return _exit_code(exc)
    except OSError as exc:
        print(_os_problem(exc), file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()


def _exit_code(error: Exception) -> int:
    """1 for a command that failed; 3 when another program holds the journal."""
    from journal_app.storage.errors import JournalInUseError

    return EXIT_ALREADY_OPEN if isinstance(error, JournalInUseError) else EXIT_FAILED


def _os_problem(exc: OSError) -> str:
    """One line for an operating-system error, in the current language: the file, and a full
    or read-only disk said so."""
    from journal_app.domain.errors import os_error_text
    from journal_app.storage.errors import JournalError
    from journal_app.storage.sqlite_errors import os_journal_error

    if exc.filename is not None:
        told = os_journal_error(exc, Path(exc.filename))
        if isinstance(told, JournalError):
            return str(told)
    told_text = os_error_text(exc)
    if exc.filename is None or str(exc.filename) in told_text:
        return told_text  # the message already names the file
    # Translators: an operating system's error on a file: "/tmp/x.json: No such file or directory".
    return _("{path}: {problem}").format(path=exc.filename, problem=told_text)


#: Below this much free space, a summary PDF (a few hundred KB) that could not be finished was
#: stopped by a full disk.
_SUMMARY_ROOM = 1024 * 1024


def _no_space_left(path: Path) -> bool:
    """True when the disk holding ``path``'s folder has less room left for this user than a
    summary PDF needs (the unfinished temporary is already gone when this is asked)."""
    try:
        info = os.statvfs(path.parent if str(path.parent) else Path("."))
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return info.f_bavail * info.f_frsize < _SUMMARY_ROOM


def _restore_damaged(args: argparse.Namespace, paths: JournalPaths, damage: Exception) -> int:
    """``restore`` on a damaged journal: keep the damaged file (renamed) and put the backup in place."""
    from journal_app.domain.errors import os_error_text
    from journal_app.services.backups import restore_damaged_journal
    from journal_app.services.context import open_context
    from journal_app.storage.errors import JournalError

    source = Path(args.file)
    if not source.is_file():
        no_backup = _("No backup file at {source}; nothing was changed.").format(source=source)
        print(f"{damage}\n{no_backup}", file=sys.stderr)
        return EXIT_FAILED
    try:
        aside = restore_damaged_journal(paths.journal, source)
    except JournalError as exc:
        unchanged = _("Nothing was changed.")
        print(f"{damage}\n{exc}\n{unchanged}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        not_in_place = _(
            "The backup could not be put in place ({error}). The damaged journal is kept in "
            "{folder}, named {stem}.damaged-*."
        ).format(error=os_error_text(exc), folder=paths.data_dir, stem=paths.journal.stem)
        print(f"{damage}\n{not_in_place}", file=sys.stderr)
        return EXIT_FAILED
    kept = (
        _("The damaged journal is kept, unchanged, as {path}").format(path=aside)
        if aside.exists()
        else _("(There was no journal file to keep.)")
    )
    try:
        open_context(paths).close()  # brings an older backup up to date, and proves it opens
    except JournalError as exc:
        print(f"{exc}\n{kept}", file=sys.stderr)
        return EXIT_FAILED
    print(_("Journal restored from {source}. {kept}").format(source=source, kept=kept))
    return EXIT_OK


def _child_id(ctx: JournalContext, name: str | None) -> int | None:
    if name is None:
        return None
    child = ctx.journal.find_child(name)
    if child is None or child.id is None:
        raise LookupError(_no_child(ctx, name))
    return child.id


def _no_child(ctx: JournalContext, name: str) -> str:
    """No child of that name: the message, with the names there are."""
    names = ", ".join(c.name for c in ctx.journal.list_children()) or pgettext(
        "command line, list of children", "none yet"
    )
    return _('No child named "{name}" in this journal (children: {names}).').format(
        name=name, names=names
    )


class TerminalProgress:
    """``Importing... 42%`` on one line of a terminal, for the long imports and exports; silent
    when the stream is not a terminal (a log, a pipe), so scripts read only the result.
    ``label`` is already translated (``_("Importing")``); the line's shape is translated too."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.shown = -1
        self.active = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent != self.shown:
            self.shown = percent
            # Translators: a progress line on a terminal, "Importing... 42%".
            line = _("{label}... {percent}%").format(label=self.label, percent=percent)
            self.stream.write("\r" + line)
            self.stream.flush()

    def finish(self) -> None:
        if self.active and self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _cmd_export(args: argparse.Namespace, ctx: JournalContext) -> int:
    try:
        child_id = _child_id(ctx, args.child)
    except LookupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    if args.format == "zip":  # the journal with its media (cli_media)
        return cmd_export_zip(args, ctx, child_id)
    out = Path(args.output)
    progress = TerminalProgress(_("Exporting"))
    try:
        if args.format == "json":
            ctx.portability.export_json(out, child_id=child_id, progress=progress)
        else:
            ctx.portability.export_csv(out, child_id=child_id, progress=progress)
    finally:
        progress.finish()
    print(_("Exported to {path}").format(path=out))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, ctx: JournalContext) -> int:
    from journal_app.services.portability import ImportRefused

    progress = TerminalProgress(_("Importing"))
    try:
        report = ctx.portability.import_json(Path(args.file), progress=progress)
    except ImportRefused as exc:
        print(
            _("Import refused, the journal is unchanged: {error}").format(error=exc),
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        progress.finish()
    print(report.describe())
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, ctx: JournalContext) -> int:
    made = ctx.backups.back_up_now(Path(args.output) if args.output else None)
    print(_("Backup written to {path}").format(path=made))
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, ctx: JournalContext) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(_("No backup file at {source}").format(source=source), file=sys.stderr)
        return EXIT_FAILED
    safety = ctx.backups.restore(source)
    print(
        _(
            "Journal restored from {source}. The journal as it was before is kept in {safety}"
        ).format(source=source, safety=safety)
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, ctx: JournalContext) -> int:
    report = ctx.backups.check()
    print(report.describe())
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_summary(args: argparse.Namespace, ctx: JournalContext) -> int:
    child = ctx.journal.find_child(args.child)
    if child is None:
        print(_no_child(ctx, args.child), file=sys.stderr)
        return EXIT_FAILED
    from journal_app.ui.printing.summary_pdf import write_summary_pdf_headless

    out = Path(args.output)
    # The summary's language (``summary --language``) is the doctor's, not necessarily the app's.
    language = getattr(args, "summary_language", None)
    doctor = i18n.translator_for(language) if language else i18n.app_translator()
    try:
        with i18n.speaking(doctor):
            _documents_follow_the_language()
            write_summary_pdf_headless(ctx, child, args.start, args.end, out, language=language)
    except OSError as exc:
        # Qt does not say why a PDF was left unfinished; a disk with nothing free is the
        # one cause the command can see, and it is told as every other full disk is.
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT) and _no_space_left(out):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out)) from exc
        raise
    print(_("Summary written to {path}").format(path=out))
    return EXIT_OK


def _documents_follow_the_language() -> None:
    """The summary's document words itself with Qt's ``translate()``: answer those calls from
    the gettext catalogue of the current translator (``i18n.speaking``), in the offscreen
    application a command draws with. Only the bridge: the process's QLocale is left alone."""
    from PySide6.QtGui import QGuiApplication

    from journal_app import APP_NAME
    from journal_app.i18n_qt import GettextTranslator

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([APP_NAME, "-platform", "offscreen"])
    if app.findChild(GettextTranslator) is None:
        app.installTranslator(GettextTranslator(app))


COMMANDS: dict[str, Command] = {
    "export": _cmd_export,
    "import": _cmd_import,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "check": _cmd_check,
    "summary": _cmd_summary,
    "attach": cmd_attach,
}
COMMANDS.update(SHARE_COMMANDS)
