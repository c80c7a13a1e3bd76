"""The movement chart does not mislead: each rule read back from the artists drawn."""

from __future__ import annotations

import re
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journal_app.domain.enums import MovementStyle
from journal_app.services.charts import (
    BUCKET_DAY,
    BUCKET_WEEK,
    MEASURE_DAYS_SEEN,
    MEASURE_EPISODES,
    MovementSeries,
)
from journal_app.ui.charts.movement_chart import bucket_span_days, draw_movement_chart

B, BE, F = MovementStyle.BACKWARD, MovementStyle.BELLY, MovementStyle.FORWARD
WEEKS = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]


def series(**changes: object) -> MovementSeries:
    values: dict[str, object] = {
        "child_id": 1,
        "start": date(2026, 10, 26),
        "end": date(2026, 11, 18),  # a Wednesday: this week so far holds 3 days
        "bucket": BUCKET_WEEK,
        "measure": MEASURE_EPISODES,
        "bucket_starts": WEEKS,
        "counts": {B: [7, 7, 7, 7], BE: [7, 7, 7, 3], F: [7, 7, 7, 3]},
        "tummy_minutes": [30.0, 30.0, 30.0, 30.0],
        "days_recorded": [7, 7, 7, 3],
        "milestones": [],
    }
    values.update(changes)
    return MovementSeries(**values)  # type: ignore[arg-type]


def drawn(data: MovementSeries) -> Figure:
    figure = Figure(figsize=(9, 5), dpi=80)
    FigureCanvasAgg(figure)
    draw_movement_chart(figure, data)
    figure.canvas.draw()
    return figure


def by_gid(figure: Figure, gid: str) -> list:
    return list(figure.findobj(lambda a: a.get_gid() == gid))


def test_the_current_partial_week_is_shown_as_partial() -> None:
    data = series()
    assert bucket_span_days(data) == [7, 7, 7, 3]
    figure = drawn(data)
    (label,) = by_gid(figure, "partial-bucket-label")
    assert label.get_text() == "3 of 7 days"
    (shade,) = by_gid(figure, "partial-bucket")
    # The last week's words end at its bar's right edge, so that they stay inside the chart.
    assert shade.get_hatch() and label.get_horizontalalignment() == "right"
    assert abs(shade.get_x() + shade.get_width() - float(label.xy[0])) < 1e-6
    # Full weeks carry no such mark.
    assert len(by_gid(drawn(series(end=date(2026, 11, 22))), "partial-bucket-label")) == 0


def test_a_week_cut_by_the_periods_start_is_partial_too() -> None:
    data = series(start=date(2026, 10, 29), end=date(2026, 11, 22))
    assert bucket_span_days(data) == [4, 7, 7, 7]
    assert [t.get_text() for t in by_gid(drawn(data), "partial-bucket-label")] == ["4 of 7 days"]


def test_days_seen_are_0_to_7_per_style_not_a_stack() -> None:
    figure = drawn(series(measure=MEASURE_DAYS_SEEN))
    for style, expected in ((B, [7, 7, 7, 7]), (BE, [7, 7, 7, 3]), (F, [7, 7, 7, 3])):
        (line,) = by_gid(figure, f"movement:{style.value}")
        assert list(line.get_ydata()) == expected  # each on its own, never added up
    axes = by_gid(figure, f"movement:{B.value}")[0].axes
    low, high = axes.get_ylim()
    assert low == 0 and 7 <= high < 9  # a week has at most 7 days, whatever the styles
    assert max(axes.get_yticks()) <= 8


def test_a_short_period_names_the_month_on_its_axis() -> None:
    days = [date(2026, 11, d) for d in range(20, 31)]
    data = series(
        start=days[0],
        end=days[-1],
        bucket=BUCKET_DAY,
        bucket_starts=days,
        counts={B: [1] * len(days)},
        tummy_minutes=[None] * len(days),
        days_recorded=[1] * len(days),
    )
    figure = drawn(data)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    # Every tick names its month ("21 Nov", and "1 Dec" where the last day's bar ends).
    assert labels and all(re.fullmatch(r"\d{1,2} (Nov|Dec)", label) for label in labels), labels
    # A long range names month and year.
    long = drawn(series(start=date(2026, 1, 5), end=date(2026, 11, 18)))
    long_labels = [t.get_text() for t in long.axes[0].get_xticklabels() if t.get_text()]
    assert all(label.endswith("2026") for label in long_labels), long_labels


def extent(figure: Figure, artist: object) -> object:
    return artist.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]


def test_partial_week_words_stay_inside_the_chart_at_both_ends() -> None:
    data = series(start=date(2026, 10, 29))  # cut at the start (4 days) and the end (3 days)
    assert bucket_span_days(data) == [4, 7, 7, 3]
    figure = drawn(data)
    (ax, *_others) = figure.axes
    box = extent(figure, ax)
    labels = by_gid(figure, "partial-bucket-label")
    assert sorted(t.get_text() for t in labels) == ["3 of 7 days", "4 of 7 days"]
    for label in labels:
        words = extent(figure, label)
        assert box.x0 <= words.x0 and words.x1 <= box.x1  # type: ignore[attr-defined]


def test_the_who_level_is_named_where_no_bar_is() -> None:
    # Tall bars at the right end, low ones at the left: the name moves off the tall bars.
    counts = {B: [2, 2, 30, 30], BE: [1, 1, 20, 20], F: [0, 0, 10, 10]}
    figure = drawn(series(end=date(2026, 11, 22), counts=counts))
    (label,) = by_gid(figure, "who-tummy-label")
    words = extent(figure, label)
    bars = [c for c in figure.axes[0].collections if str(c.get_gid()).startswith("movement:")]
    assert bars
    for collection in bars:
        for path in collection.get_paths():
            bar = path.get_extents(collection.get_transform())
            assert not words.overlaps(bar), (label.get_text(), bar)  # type: ignore[attr-defined]
