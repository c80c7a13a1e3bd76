"""The progress charts drawn on a matplotlib ``Figure``: one code path for the screen and the summary.

Pure matplotlib (no pyplot, no Qt widgets). Each function clears the figure it is given and draws
one chart from the plain series of :mod:`journal_app.services.charts`; the charts live one per
module (:mod:`movement_chart`, :mod:`windows_chart`), what they share in :mod:`layout`, every word
they show in :mod:`wording`. Artists carry a ``gid`` so that tests (and the summary) can find
them: ``movement:<style>`` for a style's bars, ``tummy-minutes``, ``who-tummy-level``,
``milestone-markers``, ``who-window:<milestone>``, ``child-age:<milestone>`` and ``current-age``.
"""

from __future__ import annotations

from journal_app.ui.charts.layout import ChartTheme, legend_columns, wrap_to_width
from journal_app.ui.charts.movement_chart import draw_movement_chart, movement_chart_height
from journal_app.ui.charts.windows_chart import draw_milestone_windows_chart
from journal_app.ui.charts.wording import WORDING

__all__ = [
    "WORDING",
    "ChartTheme",
    "draw_milestone_windows_chart",
    "draw_movement_chart",
    "legend_columns",
    "movement_chart_height",
    "wrap_to_width",
]
