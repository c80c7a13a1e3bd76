"""The chart drawing code: the artists on the Axes carry exactly the numbers of the series."""

from __future__ import annotations

import io
import math
from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from journal_app.domain.ages import DAYS_PER_MONTH
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.services.charts import (
    BUCKET_DAY,
    BUCKET_WEEK,
    MEASURE_DAYS_SEEN,
    MEASURE_EPISODES,
    MovementSeries,
)
from journal_app.services.context import JournalContext
from journal_app.ui.charts.figures import (
    WORDING,
    ChartTheme,
    draw_milestone_windows_chart,
    draw_movement_chart,
    legend_columns,
    movement_chart_height,
    wrap_to_width,
)
from journal_app.ui.palette import MOVEMENT_STYLE_COLOURS
from tests.helpers.charts import drawn_texts, texts_outside

B, BE, F = MovementStyle.BACKWARD, MovementStyle.BELLY, MovementStyle.FORWARD
WEEKS = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]


def weekly_series(**changes: object) -> MovementSeries:
    values: dict[str, object] = {
        "child_id": 1,
        "start": date(2026, 10, 28),  # a Wednesday: the first week is cut short
        "end": date(2026, 11, 22),
        "bucket": BUCKET_WEEK,
        "measure": MEASURE_EPISODES,
        "bucket_starts": WEEKS,
        "counts": {B: [7, 2, 0, 0], BE: [1, 0, 0, 0], F: [1, 3, 0, 5]},
        "tummy_minutes": [30.0, 15.0, None, 42.5],
        "days_recorded": [3, 2, 0, 1],
        "milestones": [
            (date(2026, 11, 2), Milestone.HANDS_AND_KNEES_CRAWLING),
            (date(2026, 11, 18), Milestone.PULLS_TO_STAND),
        ],
    }
    values.update(changes)
    return MovementSeries(**values)  # type: ignore[arg-type]


def drawn(series: MovementSeries, theme: ChartTheme | None = None) -> Figure:
    figure = Figure(figsize=(9, 5), dpi=80)
    FigureCanvasAgg(figure)
    draw_movement_chart(figure, series, theme)
    figure.canvas.draw()  # the whole chart must render, not only build
    return figure


def by_gid(figure: Figure, gid: str) -> list:
    return list(figure.findobj(lambda a: a.get_gid() == gid))


def as_date(x: float) -> date:
    return mdates.num2date(x).date()


def bars_of(figure: Figure, style: MovementStyle) -> dict[date, tuple[float, float]]:
    """Each drawn bar of a style as {bucket start: (bottom, top)}, read back from its paths."""
    (collection,) = by_gid(figure, f"movement:{style.value}")
    bars = {}
    for path in collection.get_paths():
        xs, ys = path.vertices[:4, 0], path.vertices[:4, 1]
        bars[as_date(float(xs.min()))] = (float(ys.min()), float(ys.max()))
    return bars


def test_stacked_bars_carry_the_counts() -> None:
    figure = drawn(weekly_series())
    backward, belly, forward = bars_of(figure, B), bars_of(figure, BE), bars_of(figure, F)
    # Weeks start on Monday; a week with no count has no bar.
    assert backward == {WEEKS[0]: (0, 7), WEEKS[1]: (0, 2)}
    assert belly == {WEEKS[0]: (7, 8)}
    assert forward == {WEEKS[0]: (8, 9), WEEKS[1]: (2, 5), WEEKS[3]: (0, 5)}
    for style in (B, BE, F):
        (collection,) = by_gid(figure, f"movement:{style.value}")
        assert to_hex(collection.get_facecolor()[0]) == MOVEMENT_STYLE_COLOURS[style].lower()
    # Nothing is drawn for the empty week.
    assert not any(WEEKS[2] in bars for bars in (backward, belly, forward))


def test_daily_bars_sit_inside_their_day() -> None:
    days = [date(2026, 11, d) for d in (20, 21, 22)]
    series = weekly_series(
        start=days[0],
        end=days[-1],
        bucket=BUCKET_DAY,
        bucket_starts=days,
        counts={F: [2, 0, 4]},
        tummy_minutes=[None, None, None],
        days_recorded=[1, 0, 1],
        milestones=[],
    )
    figure = drawn(series)
    assert bars_of(figure, F) == {days[0]: (0, 2), days[2]: (0, 4)}
    (ax,) = figure.axes  # no tummy time recorded: no second axis
    assert [as_date(x) for x in ax.get_xlim()] == [days[0], date(2026, 11, 23)]


def test_legend_names_every_style_and_the_tummy_line() -> None:
    figure = drawn(weekly_series())
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Backward crawling",
        "Belly (commando) crawling",
        "Forward hands-and-knees crawling",
        WORDING["tummy_line"],
        WORDING["who_tummy_level"].format(minutes=30),
    ]


def test_tummy_time_line_and_who_level() -> None:
    figure = drawn(weekly_series())
    (line,) = by_gid(figure, "tummy-minutes")
    centres = [as_date(x) for x in line.get_xdata()]
    # Mid-week; the week with nothing recorded is a gap (NaN), never joined across.
    assert centres == [
        date(2026, 10, 29),
        date(2026, 11, 5),
        date(2026, 11, 12),
        date(2026, 11, 19),
    ]
    ys = list(line.get_ydata())
    assert ys[0] == 30.0 and ys[1] == 15.0 and math.isnan(ys[2]) and ys[3] == 42.5
    (level,) = by_gid(figure, "who-tummy-level")
    assert list(level.get_ydata()) == [30, 30]
    tummy_axes = line.axes
    assert tummy_axes is not by_gid(figure, f"movement:{B.value}")[0].axes  # a second axis
    assert 30 in list(tummy_axes.get_yticks())


def test_milestone_markers_on_their_dates_with_names() -> None:
    figure = drawn(weekly_series())
    (markers,) = by_gid(figure, "milestone-markers")
    dates = [as_date(float(segment[0, 0])) for segment in markers.get_segments()]
    assert dates == [date(2026, 11, 2), date(2026, 11, 18)]
    labels = [t.get_text() for t in by_gid(figure, "milestone-label")]
    assert labels == ["1", "2"]  # numbered markers, named in the key below the chart
    (key,) = by_gid(figure, "milestone-key")
    assert key.get_text() == "1 Crawls on hands and knees (2 Nov)   2 Pulls up to stand (18 Nov)"


def test_same_day_milestones_share_one_marker() -> None:
    day = date(2026, 11, 10)
    series = weekly_series(milestones=[(day, Milestone.PULLS_TO_STAND), (day, Milestone.CRUISING)])
    figure = drawn(series)
    (markers,) = by_gid(figure, "milestone-markers")
    assert len(markers.get_segments()) == 1
    assert [t.get_text() for t in by_gid(figure, "milestone-label")] == ["1"]
    (key,) = by_gid(figure, "milestone-key")
    assert (
        key.get_text() == "1 Pulls up to stand; Walks holding on to furniture (cruising) (10 Nov)"
    )


def test_crowded_milestone_names_do_not_overlap() -> None:
    kinds = list(Milestone)[:6]
    milestones = [(date(2026, 10, 27) + timedelta(days=3 * i), kinds[i]) for i in range(6)]
    figure = drawn(weekly_series(milestones=milestones))
    renderer = figure.canvas.get_renderer()
    labels = by_gid(figure, "milestone-label")
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert len(boxes) == 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "two milestone numbers are drawn over each other"
    # The key names every one, and its lines stay inside the figure.
    (key,) = by_gid(figure, "milestone-key")
    assert all(f"{n} {kinds[n - 1].label} (" in key.get_text() for n in range(1, 7))
    key_box = key.get_window_extent(renderer)
    assert key_box.x1 <= figure.bbox.x1 and key_box.y0 >= figure.bbox.y0
    legend_box = figure.legends[0].get_window_extent(renderer)
    assert not key_box.overlaps(legend_box)


def test_days_seen_axis_title() -> None:
    figure = drawn(weekly_series(measure=MEASURE_DAYS_SEEN))
    bars_axes = by_gid(figure, f"movement:{B.value}")[0].axes
    assert bars_axes.get_ylabel() == WORDING["axis_days_seen_week"]
    assert drawn(weekly_series()).axes[0].get_ylabel() == WORDING["axis_episodes"]


def test_empty_series_shows_a_message_not_axes() -> None:
    series = weekly_series(
        counts={}, tummy_minutes=[None] * 4, days_recorded=[0] * 4, milestones=[]
    )
    figure = drawn(series)
    assert figure.axes == []
    texts = [t.get_text() for t in figure.texts]
    assert texts == ["Nothing recorded for 28 Oct 2026 to 22 Nov 2026 yet."]


def test_redrawing_replaces_the_chart_and_resizing_keeps_margins() -> None:
    figure = drawn(weekly_series())
    draw_movement_chart(figure, weekly_series(counts={F: [1, 1, 1, 1]}, milestones=[]))
    assert by_gid(figure, f"movement:{B.value}") == []
    assert len(bars_of(figure, F)) == 4
    bars_axes = by_gid(figure, f"movement:{F.value}")[0].axes
    before = bars_axes.get_position().y0 * figure.get_figheight()
    figure.set_size_inches(9, 8)
    ResizeEvent("resize_event", figure.canvas)._process()
    after = bars_axes.get_position().y0 * figure.get_figheight()
    assert after == pytest.approx(before)  # the bottom margin is fixed in inches


def test_dark_theme_colours_the_figure() -> None:
    theme = ChartTheme.dark()
    figure = drawn(weekly_series(), theme)
    assert to_hex(figure.get_facecolor()) == theme.background
    (legend,) = figure.legends
    assert {to_hex(t.get_color()) for t in legend.get_texts()} == {theme.foreground}
    assert theme.is_dark and not ChartTheme.light().is_dark


# -- WHO windows ----------------------------------------------------------------------------


def windows_figure(
    context: JournalContext,
    child_id: int,
    size: tuple[float, float] = (9, 5),
    on: date | None = None,
) -> Figure:
    figure = Figure(figsize=size, dpi=80)
    FigureCanvasAgg(figure)
    draw_milestone_windows_chart(figure, context.charts.milestone_windows(child_id, on))
    figure.savefig(io.BytesIO(), format="png")  # renders with its layout
    return figure


def test_who_windows_drawn_are_the_published_figures(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    context.journal.save_day(
        DayEntry(child.id, date(2026, 9, 1), milestones=[Milestone.SITTING_WITHOUT_SUPPORT])
    )
    figure = windows_figure(context, child.id)
    published = {
        "sitting_without_support": (3.8, 9.2),
        "standing_with_assistance": (4.8, 11.4),
        "hands_and_knees_crawling": (5.2, 13.5),
        "walking_with_assistance": (5.9, 13.7),
        "standing_alone": (6.9, 16.9),
        "walking_alone": (8.2, 17.6),
    }
    for kind, (p1, p99) in published.items():
        (bar,) = by_gid(figure, f"who-window:{kind}")
        assert bar.get_x() == pytest.approx(p1)
        assert bar.get_x() + bar.get_width() == pytest.approx(p99)
        reached = kind == "sitting_without_support"
        assert (bar.get_facecolor()[3] > 0) is reached  # not reached yet: open (hollow)
    (point,) = by_gid(figure, "child-age:sitting_without_support")
    assert point.get_xdata()[0] == pytest.approx(184 / DAYS_PER_MONTH)
    assert by_gid(figure, "child-age:walking_alone") == []
    (now,) = by_gid(figure, "current-age")
    assert now.get_xdata()[0] == pytest.approx(267 / DAYS_PER_MONTH)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == [
        "Sits without support",
        "Stands with help",
        "Crawls on hands and knees",
        "Walks with help",
        "Stands alone",
        "Walks alone",
    ]
    (source,) = by_gid(figure, "who-source")
    assert "Acta Paediatrica Suppl" in source.get_text().replace("\n", " ")
    assert "corrected" not in ax.get_xlabel()


def test_corrected_age_moves_the_childs_point(
    context: JournalContext, child: ChildProfile, preterm_child: ChildProfile
) -> None:
    points = {}
    for profile in (child, preterm_child):
        assert profile.id is not None
        context.journal.save_day(
            DayEntry(profile.id, date(2026, 11, 2), milestones=[Milestone.HANDS_AND_KNEES_CRAWLING])
        )
        figure = windows_figure(context, profile.id)
        (point,) = by_gid(figure, "child-age:hands_and_knees_crawling")
        points[profile.name] = (point.get_xdata()[0], figure)
    # Leo was born 8 weeks early: his point sits 56 days to the left of Maya's.
    assert points["Maya"][0] - points["Leo"][0] == pytest.approx(56 / DAYS_PER_MONTH)
    leo_figure = points["Leo"][1]
    texts = [t.get_text() for t in leo_figure.axes[0].texts]
    assert f"{190 / DAYS_PER_MONTH:.1f} (corrected age)" in texts
    assert any("corrected age" in t and t.startswith("Today") for t in texts)
    assert "corrected age" in leo_figure.axes[0].get_xlabel()


def test_series_from_the_journal_draws_the_same_numbers(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 3), movements={B: MovementCount(4)}))
    context.journal.save_day(DayEntry(child.id, date(2026, 11, 5), movements={B: MovementCount()}))
    series = context.charts.movement_series(child.id, date(2026, 10, 1), date(2026, 11, 23))
    figure = drawn(series)
    assert bars_of(figure, B) == {date(2026, 11, 2): (0, 5)}
    assert np.isclose(sum(t - b for b, t in bars_of(figure, B).values()), series.total(B))


# -- layout at print and screen sizes -------------------------------------------------------


def test_wrap_to_width_breaks_at_spaces_within_the_width() -> None:
    text = "Windows: WHO Motor Development Study; 1st to 99th percentile of 816 children."
    lines = wrap_to_width(text, 150, 8)
    assert len(lines) >= 3
    assert " ".join(lines) == text  # nothing lost, nothing added
    font = {"size": 8}
    figure = Figure()
    FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()
    for line in lines:
        width = figure.text(0, 0, line, fontdict=font).get_window_extent(renderer).width
        assert width * 72 / figure.dpi <= 150 + 1
    assert wrap_to_width("x" * 80, 20, 8) == ["x" * 80]  # one long word: its own line


def test_legend_columns_fit_the_width() -> None:
    labels = ["Rolling", "Backward crawling", "Forward hands-and-knees crawling", "Tummy time"]
    assert legend_columns(labels, 20) == (4, 1)
    assert legend_columns(labels, 4.5)[0] in (2, 3)
    assert legend_columns(labels, 1.0) == (1, 4)


@pytest.mark.parametrize("size", [(8.2, 3.9), (6.8, 5.8), (5.0, 4.5)])
def test_windows_chart_fits_its_figure(
    context: JournalContext, child: ChildProfile, size: tuple[float, float]
) -> None:
    """At print width and in a narrow window: the source wraps, nothing is cut off, and the
    bars keep most of the width (the source once squeezed them to a sliver)."""
    assert child.id is not None
    figure = windows_figure(context, child.id, size)
    assert texts_outside(figure) == []
    (source,) = by_gid(figure, "who-source")
    assert source.get_text().count("\n") >= 1
    assert "doi:10.1111/j.1651-2227.2006.tb02379.x" in source.get_text()
    ax = figure.axes[0]
    assert ax.get_position().width * size[0] >= size[0] - 2.6  # labels take ~2 inches
    assert ax.get_position().height * size[1] >= 1.2
    # A labelled tick every month only where there is room: at least 0.3 inch between labels.
    locs = [tick.get_loc() for tick in ax.xaxis._update_ticks()]
    inches_per_month = ax.get_position().width * size[0] / ax.get_xlim()[1]
    assert (locs[1] - locs[0]) * inches_per_month >= 0.3


@pytest.mark.parametrize("size", [(7.2, 2.6), (5.5, 2.3), (9.0, 3.0)])
def test_windows_chart_in_a_small_window_keeps_its_bars(
    context: JournalContext, child: ChildProfile, size: tuple[float, float]
) -> None:
    """A small window: the source, then the legend, give way; the six bars stay on the figure
    with room to read (they were once pushed off its top edge)."""
    assert child.id is not None
    figure = windows_figure(context, child.id, size)
    box = figure.axes[0].get_position()
    assert box.y0 >= 0 and box.y1 <= 1
    assert box.height * size[1] >= 1.0
    assert texts_outside(figure) == []
    (source,) = by_gid(figure, "who-source")
    assert not source.get_visible()  # given way to the bars
    # The same chart with room shows all of it again (re-laid out on resize).
    figure.set_size_inches(size[0], 5.5)
    ResizeEvent("resize_event", figure.canvas)._process()
    assert source.get_visible() and figure.legends[0].get_visible()


def test_current_age_says_today_only_on_today(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    today = windows_figure(context, child.id)
    (label,) = by_gid(today, "current-age-label")
    assert label.get_text().startswith("Today: ")
    (legend,) = today.legends
    assert WORDING["age_now"] in [t.get_text() for t in legend.get_texts()]
    earlier = windows_figure(context, child.id, on=date(2026, 10, 1))
    (label,) = by_gid(earlier, "current-age-label")
    assert label.get_text().startswith("On 1 Oct 2026: ")
    (legend,) = earlier.legends
    assert "Age on 1 Oct 2026" in [t.get_text() for t in legend.get_texts()]
    assert "Today" not in " ".join(t.get_text() for t in drawn_texts(earlier))


def crowded_series() -> MovementSeries:
    kinds = list(Milestone)[:6]
    milestones = [(date(2026, 10, 27) + timedelta(days=3 * i), kinds[i]) for i in range(6)]
    return weekly_series(milestones=milestones)


@pytest.mark.parametrize("width", [8.2, 6.0])
def test_movement_chart_height_keeps_room_for_the_bars(width: float) -> None:
    """The printed chart grows with its milestone rows and legend; the bars keep their height."""
    series = crowded_series()
    height = movement_chart_height(series, width, plot_in=1.7)
    figure = Figure(figsize=(width, height), dpi=80)
    FigureCanvasAgg(figure)
    draw_movement_chart(figure, series)
    figure.canvas.draw()
    bars_axes = by_gid(figure, f"movement:{B.value}")[0].axes
    assert bars_axes.get_position().height * height == pytest.approx(1.7, abs=0.01)
    assert texts_outside(figure) == []
    (legend,) = figure.legends
    assert legend._ncols > 1  # side by side, not one long column
    assert height < movement_chart_height(series, width, plot_in=2.7)


def test_a_milestone_seen_in_the_journal_is_drawn_hollow_and_explained(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    context.journal.save_day(
        DayEntry(child.id, date(2026, 10, 20), movements={F: MovementCount(2)})
    )
    figure = windows_figure(context, child.id)
    (point,) = by_gid(figure, "child-age:hands_and_knees_crawling")
    assert to_hex(point.get_markerfacecolor()) == ChartTheme.light().background  # hollow
    (legend,) = figure.legends
    assert WORDING["age_seen_in_journal"] in [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize("language", ["en", "es"])
def test_not_yet_sits_inside_its_open_window_clear_of_the_dashed_border(
    context: JournalContext, child: ChildProfile, language: str
) -> None:
    from journal_app import i18n
    from journal_app.ui.printing.summary_pdf import summary_translator

    assert child.id is not None
    with i18n.speaking(summary_translator(language)):
        figure = windows_figure(context, child.id, size=(8.2, 3.0))
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for kind in ("standing_alone", "walking_alone"):
        (words,) = by_gid(figure, f"not-reached:{kind}")
        assert words.get_text() == {"en": "not yet", "es": "aún no"}[language]
        (box,) = by_gid(figure, f"who-window:{kind}")
        inside, around = words.get_window_extent(renderer), box.get_window_extent(renderer)
        # Inside the box, away from its right (dashed) edge…
        assert around.x0 < inside.x0 and inside.x1 < around.x1 - 2
        # …and on a patch of background, so the dashes never run through the letters.
        patch = words.get_bbox_patch()
        assert patch is not None and patch.get_facecolor()[:3] == (1.0, 1.0, 1.0)
