"""Issue 15: recent days show the whole line in a tooltip and mark milestone and sign days."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from journal_app.domain.entries import DaySummaryRow
from journal_app.ui.models.recent_days import RecentDaysModel


def _row(day: date, signs: bool = False, notes: str = "") -> DaySummaryRow:
    return DaySummaryRow(day, "roll, back x8, belly x2, fwd 12 min", notes, 20, signs)


def test_tooltip_holds_the_whole_line_and_days_are_marked(qtbot) -> None:
    model = RecentDaysModel()
    first, sign_day, plain = date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)
    long_note = "Crawled backwards under the sofa, then " + "laughed " * 30
    model.set_rows([_row(plain), _row(sign_day, signs=True, notes=long_note), _row(first)], 2026)
    model.set_milestone_days({first})
    shown = [model.data(model.index(r, 0)) for r in range(3)]
    assert "\u2605" not in shown[0] and "\u26a0" not in shown[0]
    assert "\u26a0" in shown[1] and "\u2605" in shown[2]
    for column in range(3):  # whichever column the pointer is on
        tip = model.data(model.index(1, column), Qt.ItemDataRole.ToolTipRole)
        assert "roll, back x8, belly x2, fwd 12 min" in tip
        assert long_note.strip() in tip
        assert "warning sign noted" in tip
    said = model.data(model.index(2, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert "first-time milestone" in said
