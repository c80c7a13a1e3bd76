"""The services of one open journal, wired once by the composition root (``app.py``, ``cli.py``).

The engine and every service are built on first use, so their imports stay off start-up: the first
screen reads through :attr:`JournalContext.reads` (plain ``sqlite3``), and :meth:`warm_up` loads
SQLAlchemy and the services on a worker thread once the window is on screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.paths import JournalPaths
from journal_app.storage.reads import JournalReader

if TYPE_CHECKING:
    from journal_app.services.backups import BackupService
    from journal_app.services.charts import ChartService
    from journal_app.services.guidance import GuidanceService
    from journal_app.services.journal import JournalService
    from journal_app.services.media import MediaService
    from journal_app.services.portability import PortabilityService
    from journal_app.services.sharing import SharingService
    from journal_app.services.summary import SummaryService
    from journal_app.storage.transaction import Engine


class JournalContext:
    """An open journal: its files, its engine and the use cases over it."""

    def __init__(
        self,
        paths: JournalPaths,
        engine: Engine | None = None,
        today: Callable[[], date] = date.today,
        is_sample: bool = False,
    ) -> None:
        self.paths = paths
        self.today = today
        #: True for the generated sample journal (Help > Open Sample Journal, ``--demo``).
        self.is_sample = is_sample
        #: The everyday reads, without SQLAlchemy (the first screen uses these).
        self.reads = JournalReader(paths.journal)
        self._engine = engine
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, created (and SQLAlchemy imported) on first use, from any thread."""
        with self._engine_lock:
            if self._engine is None:
                from journal_app.storage.database import create_journal_engine

                self._engine = create_journal_engine(self.paths.journal)
            return self._engine

    def warm_up(self) -> None:
        """Build the engine and the services the window needs next; meant for a worker thread."""
        from journal_app.services.guidance import GuidanceService  # noqa: F401  (imports only)

        self.journal  # noqa: B018  (built for its side effect: SQLAlchemy and the ORM imported)
        self.backups  # noqa: B018

    @cached_property
    def journal(self) -> JournalService:
        from journal_app.services.journal import JournalService

        return JournalService(self.engine, self.today)

    @cached_property
    def backups(self) -> BackupService:
        from journal_app.services.backups import BackupService

        return BackupService(self.paths, self.engine)

    @cached_property
    def guidance(self) -> GuidanceService:
        from journal_app.services.guidance import GuidanceService

        return GuidanceService(self.engine, self.today)

    @cached_property
    def charts(self) -> ChartService:
        from journal_app.services.charts import ChartService

        return ChartService(self.engine, self.today)

    @cached_property
    def summary(self) -> SummaryService:
        from journal_app.services.summary import SummaryService

        return SummaryService(self.engine, self.today)

    @cached_property
    def portability(self) -> PortabilityService:
        from journal_app.services.portability import PortabilityService

        return PortabilityService(self.engine, self.today, journal_dir=self.paths.data_dir)

    @cached_property
    def media(self) -> MediaService:
        from journal_app.services.media import MediaService

        return MediaService(self.engine, self.paths.data_dir, today=self.today)

    @cached_property
    def sharing(self) -> SharingService:
        from journal_app.services.sharing import SharingService

        return SharingService(self.engine, self.today)

    def check_output(self, target: Path) -> None:
        """Refuse ``target`` as a place to write an export, backup or summary when it is the
        journal, its -wal/-shm, the lock or a backup, a folder or a device (raises
        :class:`~journal_app.domain.errors.OutputRefused`). The window's file dialog has already
        asked before replacing any other existing file."""
        from journal_app.storage.files import refuse_unsafe_output

        refuse_unsafe_output(Path(target), self.paths.protected_files(), force=True)

    def close(self) -> None:
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()


def open_context(
    paths: JournalPaths, today: Callable[[], date] = date.today, *, is_sample: bool = False
) -> JournalContext:
    """Open (create, check, migrate) the journal in ``paths`` and wire its services.

    When the schema is current this imports neither Alembic nor SQLAlchemy; the engine follows on
    first use.
    """
    from journal_app.storage.database import prepare_journal

    paths.ensure()
    prepare_journal(paths.journal, paths.backups)
    from journal_app.storage.media_reads import sweep_media

    sweep_media(paths.data_dir, paths.journal)  # under the lock: strays of a killed attach
    return JournalContext(paths, None, today, is_sample)
