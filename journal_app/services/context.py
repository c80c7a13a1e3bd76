"""The services of one open journal, wired once by the composition root (``app.py``, ``cli.py``).

Services other than the journal's are built on first use, so their imports stay off start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from journal_app.paths import JournalPaths
from journal_app.services.journal import JournalService

if TYPE_CHECKING:
    from journal_app.services.backups import BackupService
    from journal_app.services.charts import ChartService
    from journal_app.services.guidance import GuidanceService
    from journal_app.services.portability import PortabilityService
    from journal_app.services.summary import SummaryService


@dataclass
class JournalContext:
    """An open journal: its files, its engine and the use cases over it."""

    paths: JournalPaths
    engine: Engine
    today: Callable[[], date] = field(default=date.today)
    #: True for the generated sample journal (Help > Open Sample Journal, ``--demo``).
    is_sample: bool = False

    @cached_property
    def journal(self) -> JournalService:
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

        return PortabilityService(self.engine, self.today)

    def close(self) -> None:
        self.engine.dispose()


def open_context(
    paths: JournalPaths, today: Callable[[], date] = date.today, *, is_sample: bool = False
) -> JournalContext:
    """Open (create, check, migrate) the journal in ``paths`` and wire its services."""
    from journal_app.storage.database import open_journal

    paths.ensure()
    engine = open_journal(paths.journal, paths.backups)
    return JournalContext(paths, engine, today, is_sample)
