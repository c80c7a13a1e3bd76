"""Fixed dates and children the tests build on."""

from __future__ import annotations

from datetime import date

from journal_app.domain.entries import ChildProfile

#: The fixed "today" of the tests, so ages and date rules do not depend on when they run.
TODAY = date(2026, 11, 23)

#: Born 1 March 2026 at full term (the child of the ``window`` fixture).
MAYA = ChildProfile("Maya", date(2026, 3, 1))
#: Born 1 December 2025, due 26 January 2026: corrected age applies.
LEO = ChildProfile("Leo", date(2025, 12, 1), date(2026, 1, 26))
