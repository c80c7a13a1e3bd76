"""The movement chart: what was seen per period bucket, tummy time, milestone markers.

Pure matplotlib (no pyplot, no Qt); drawn from :class:`journal_app.services.charts.MovementSeries`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from journal_app import i18n
from journal_app.domain.enums import Milestone
from journal_app.domain.reference import WHO_TUMMY_MINUTES_PER_DAY
from journal_app.services.charts import (
    BUCKET_DAY,
    MEASURE_DAYS_SEEN,
    MEASURE_EPISODES,
    MovementSeries,
)
from journal_app.ui.charts.layout import (
    LEGEND_ROW_INCHES,
    LEGEND_STYLE,
    SMALL,
    ChartTheme,
    Margins,
    day_numbers,
    keep_layout,
    legend_columns,
    lines_height_in,
    message,
    prepare,
    style_axes,
    text_width_points,
    wrap_to_width,
)
from journal_app.ui.charts.wording import chart_label, chart_text
from journal_app.ui.palette import style_colour

#: Label rows above the movement chart for milestone names before labels may overlap.
MAX_MARKER_ROWS = 5
_MARKER_ROW_INCHES = 0.19


def draw_movement_chart(
    figure: Figure, series: MovementSeries, theme: ChartTheme | None = None
) -> None:
    """Stacked bars per movement style, tummy time on a second axis, milestone markers."""
    theme = theme or ChartTheme.light()
    prepare(figure, theme)
    if series.is_empty:
        message(
            figure,
            theme,
            chart_text(
                "movement_empty",
                start=i18n.formats().date(series.start),
                end=i18n.formats().date(series.end),
            ),
        )
        return
    days = series.bucket_days
    starts = day_numbers(series.bucket_starts)
    x_min, x_max = float(starts[0]), float(starts[-1]) + days
    marker_labels = _layout_marker_labels(figure.get_figwidth(), series, (x_min, x_max))
    rows = _marker_rows(marker_labels)
    ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    strip = figure.add_axes((0.1, 0.9, 0.8, 0.05), sharex=ax) if rows else None
    style_axes(ax, theme)
    if series.bucket == BUCKET_DAY:
        left, width = starts + 0.12, 0.76
    else:
        left, width = starts + 0.5, 6.0
    right = left + width
    bottom = np.zeros(len(starts))
    handles: list[Any] = []
    edge = theme.background if len(starts) <= 60 else "none"
    spans = bucket_span_days(series)
    if series.measure == MEASURE_DAYS_SEEN:
        handles = _draw_days_seen_lines(ax, series, starts)
    for style, values in series.counts.items() if series.measure == MEASURE_EPISODES else ():
        height = np.asarray(values, dtype=float)
        top = bottom + height
        keep = height > 0
        x0, x1, y0, y1 = left[keep], right[keep], bottom[keep], top[keep]
        verts: Any = np.stack(
            [np.column_stack(p) for p in ((x0, y0), (x0, y1), (x1, y1), (x1, y0))], axis=1
        )
        colour = style_colour(style)
        bars = PolyCollection(
            verts,
            closed=True,
            facecolors=colour,
            edgecolors=edge,
            linewidths=0.6,
            label=chart_label(style.label),
            zorder=2,
        )
        bars.set_gid(f"movement:{style.value}")
        ax.add_collection(bars)
        handles.append(Patch(facecolor=colour, edgecolor="none", label=chart_label(style.label)))
        bottom = top
    ax.set_xlim(x_min, x_max)
    if series.measure == MEASURE_DAYS_SEEN:
        # Each way of moving on its own 0-7 (or 0-1) scale: days seen never add up.
        bottom = np.full(len(starts), float(days))
    highest = float(bottom.max()) if len(bottom) else 0.0
    ax.set_ylim(0, max(highest, 1.0) * 1.15)
    if series.measure == MEASURE_DAYS_SEEN:
        ax.set_yticks(range(days + 1))
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    _mark_partial_buckets(ax, series, left, right, bottom, spans, theme)
    ax.grid(axis="y", color=theme.grid, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    if series.measure == MEASURE_EPISODES:
        ax.set_ylabel(chart_text("axis_episodes"), fontsize=SMALL + 1)
    elif series.bucket == BUCKET_DAY:
        ax.set_ylabel(chart_text("axis_days_seen_day"), fontsize=SMALL + 1)
    else:
        ax.set_ylabel(chart_text("axis_days_seen_week"), fontsize=SMALL + 1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(_date_tick_formatter(series)))
    bar_tops = bottom if series.measure == MEASURE_EPISODES else None
    tummy_handles = _draw_tummy_time(ax, series, starts, theme, bar_tops)
    handles += tummy_handles
    title_axes = ax
    if strip is not None:
        _draw_milestone_markers(strip, ax, marker_labels, rows, theme)
        title_axes = strip
    title = chart_text(f"movement_title_{series.measure}_{series.bucket}")
    title_axes.set_title(title, loc="left", fontsize=SMALL + 3, color=theme.foreground)
    legend_kw: dict[str, Any] = {
        "handles": handles,
        "loc": "lower center",
        "bbox_to_anchor": (0.5, 0.0),
        "frameon": False,
        "labelcolor": theme.foreground,
        **LEGEND_STYLE,
    }
    labels = [str(h.get_label()) for h in handles]
    twin = bool(tummy_handles)
    key_entries = _milestone_key(series)
    key = figure.text(0.0, 0.0, "", ha="left", va="bottom", fontsize=SMALL, color=theme.foreground)
    key.set_gid("milestone-key")

    def place() -> None:
        """Margins in inches, so labels keep their room whatever the size of the window."""
        fig_w, fig_h = (max(float(v), 1.0) for v in figure.get_size_inches())
        for old in list(figure.legends):
            old.remove()
        margins = _movement_margins(fig_w, labels, rows, twin, key_entries)
        key_lines = _key_lines(key_entries, fig_w)
        key.set_text("\n".join(key_lines))
        key.set_position((0.3 / fig_w, 0.06 / fig_h))
        key_h = _key_height(len(key_lines))
        legend_kw["bbox_to_anchor"] = (0.5, key_h / fig_h)
        legend = figure.legend(ncols=margins.legend_columns, **legend_kw)
        legend.set_gid("movement-legend")
        width = max(fig_w - margins.left - margins.right, 0.5) / fig_w
        height = max(fig_h - margins.top - margins.bottom, 0.5) / fig_h
        ax.set_position((margins.left / fig_w, margins.bottom / fig_h, width, height))
        if strip is not None:
            strip_h = rows * _MARKER_ROW_INCHES / fig_h
            strip.set_position(
                (margins.left / fig_w, margins.bottom / fig_h + height, width, strip_h)
            )

    keep_layout(figure, place)


def _draw_tummy_time(
    ax: Any, series: MovementSeries, starts: Any, theme: ChartTheme, bar_tops: Any = None
) -> list[Any]:
    """Average tummy minutes as a line on a second axis, with the WHO level; legend handles."""
    minutes = np.array([np.nan if m is None else m for m in series.tummy_minutes], dtype=float)
    if np.all(np.isnan(minutes)):
        return []
    tummy_ax = ax.twinx()
    style_axes(tummy_ax, theme)
    centres = starts + series.bucket_days / 2
    line_kw: dict[str, Any] = {"color": theme.foreground, "linewidth": 1.6, "zorder": 3}
    if len(starts) <= 120:
        line_kw.update(marker="o", markersize=3.5)
    # Buckets with no tummy time recorded leave a gap: the line never joins across them.
    (line,) = tummy_ax.plot(centres, minutes, label=chart_text("tummy_line"), **line_kw)
    line.set_gid("tummy-minutes")
    level = float(WHO_TUMMY_MINUTES_PER_DAY)
    who = tummy_ax.axhline(
        level, color=theme.foreground, linewidth=1.0, linestyle=(0, (1.5, 2.5)), zorder=1
    )
    who.set_gid("who-tummy-level")
    who.set_label(chart_text("who_tummy_level", minutes=WHO_TUMMY_MINUTES_PER_DAY))
    top = max(level * 1.5, float(np.nanmax(minutes)) * 1.15)
    # Named on the line itself, by the tummy-time scale it belongs to (not the bars' scale),
    # above the buckets whose bars stay lowest, so that the words never sit on the bars.
    text, x, align = _who_label_place(
        ax,
        starts,
        series.bucket_days,
        bar_tops,
        level / top,
        chart_text("who_tummy_on_line", minutes=WHO_TUMMY_MINUTES_PER_DAY),
    )
    tummy_ax.annotate(
        text,
        xy=(x, level),
        xycoords=("data", "data"),
        xytext=(3 if align == "left" else -3, 2),
        textcoords="offset points",
        ha=align,
        va="bottom",
        fontsize=SMALL,
        color=theme.foreground,
        bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.5, "alpha": 0.9},
        zorder=5,
    ).set_gid("who-tummy-label")
    tummy_ax.set_ylim(0, top)
    # Ticks every 10 (or 30) minutes, so the WHO level sits on a labelled tick.
    tummy_ax.yaxis.set_major_locator(MultipleLocator(10 if top <= 80 else 30))
    tummy_ax.set_ylabel(chart_text("axis_tummy"), fontsize=SMALL + 1)
    tummy_ax.spines["right"].set_color(theme.muted)
    return [line, who]


def _who_label_place(
    ax: Any, starts: Any, bucket_days: int, bar_tops: Any, level_share: float, text: str
) -> tuple[str, float, str]:
    """The WHO level's name and where it goes on its line: over the run of buckets (as wide
    as the words, on one line or else two) whose bars reach least high, the rightmost clear of
    the bars; at the right end when there are no bars (days seen) or no room."""
    x_max = float(starts[-1]) + bucket_days
    buckets = len(starts)
    if bar_tops is None or buckets == 0:
        return text, x_max, "right"
    bucket_points = max(float(ax.figure.get_figwidth()) * 0.75, 1.0) * 72 / buckets
    y_top = max(float(ax.get_ylim()[1]), 1e-9)
    shares = np.asarray(bar_tops, dtype=float) / y_top
    half = max(text_width_points(text, SMALL) / 2, 1.0)
    lowest: tuple[float, str, int] | None = None
    for lines in ([text], wrap_to_width(text, half + SMALL * 2, SMALL)):
        widest = max(text_width_points(line, SMALL) for line in lines) + 8
        needed = max(1, int(np.ceil(widest / bucket_points)))
        if needed >= buckets:
            continue
        for first in range(buckets - needed, -1, -1):
            height = float(shares[first : first + needed].max())
            if height <= level_share:  # clear of the bars: the rightmost such run
                return "\n".join(lines), float(starts[first]), "left"
            if lowest is None or height < lowest[0] - 1e-9:
                lowest = (height, "\n".join(lines), first)
    if lowest is None:
        return text, x_max, "right"
    return lowest[1], float(starts[lowest[2]]), "left"


@dataclass(frozen=True)
class _MarkerLabel:
    x: float
    text: str
    row: int
    to_left: bool


def _movement_margins(
    fig_w: float, labels: Sequence[str], rows: int, twin: bool, key: Sequence[str] = ()
) -> Margins:
    columns, legend_rows = legend_columns(labels, fig_w - 0.3)
    return Margins(
        left=0.75,
        right=1.0 if twin else 0.3,
        top=0.4 + rows * _MARKER_ROW_INCHES,
        bottom=0.45
        + legend_rows * LEGEND_ROW_INCHES
        + 0.08
        + _key_height(len(_key_lines(key, fig_w))),
        legend_columns=columns,
    )


def _milestone_key(series: MovementSeries) -> list[str]:
    """ "1 Sits without support (3 Nov)": one entry per numbered marker, in date order."""
    return [
        chart_text(
            "milestone_key_entry",
            number=number,
            names="; ".join(chart_label(m.label) for m in milestones),
            day=i18n.formats().day_month(day),
        )
        for number, (day, milestones) in enumerate(_milestones_by_day(series).items(), 1)
    ]


def _key_lines(entries: Sequence[str], fig_w: float) -> list[str]:
    if not entries:
        return []
    # Entries are wrapped whole, three spaces apart.
    width_pt = (fig_w - 0.6) * 72
    gap = "   "
    lines: list[str] = []
    for entry in entries:
        joined = lines[-1] + gap + entry if lines else entry
        if lines and text_width_points(joined, SMALL) <= width_pt:
            lines[-1] = joined
        else:
            lines.append(entry)
    return lines


def _key_height(lines: int) -> float:
    return lines_height_in(lines, SMALL) + (0.06 if lines else 0.0)


def _milestones_by_day(series: MovementSeries) -> dict[date, list[Milestone]]:
    grouped: dict[date, list[Milestone]] = {}
    for day, milestone in sorted(series.milestones, key=lambda item: item[0]):
        grouped.setdefault(day, []).append(milestone)
    return grouped


def bucket_span_days(series: MovementSeries) -> list[int]:
    """How many days of each bucket lie inside the series' range (a week at either end may
    hold fewer than 7)."""
    spans = []
    for start in series.bucket_starts:
        last = start + timedelta(days=series.bucket_days - 1)
        spans.append((min(last, series.end) - max(start, series.start)).days + 1)
    return spans


def _mark_partial_buckets(
    ax: Any,
    series: MovementSeries,
    left: Any,
    right: Any,
    top: Any,
    spans: Sequence[int],
    theme: ChartTheme,
) -> None:
    """A week cut by the range's start or end (this week, so far) is hatched and labelled
    "3 of 7 days", so that its shorter bar does not read as a drop."""
    if series.bucket_days == 1:
        return
    for i, span in enumerate(spans):
        if span >= series.bucket_days:
            continue
        height = max(float(top[i]), 0.0)
        shade = Rectangle(
            (float(left[i]), 0.0),
            float(right[i] - left[i]),
            max(height, ax.get_ylim()[1] * 0.04),
            facecolor="none",
            edgecolor=theme.muted,
            hatch="////",
            linewidth=0.0,
            # Over lines (days seen) the hatching stays light, so the lines read through it.
            alpha=0.45 if series.measure == MEASURE_DAYS_SEEN else 1.0,
            zorder=3,
        )
        shade.set_gid("partial-bucket")
        ax.add_patch(shade)
        # The words are wider than the bar: at the chart's first (last) bucket they start at
        # its left (end at its right) edge, so that they never run over the axis.
        if i == 0 and len(spans) > 1:
            x, align = float(left[i]), "left"
        elif i == len(spans) - 1 and len(spans) > 1:
            x, align = float(right[i]), "right"
        else:
            x, align = (float(left[i]) + float(right[i])) / 2, "center"
        ax.annotate(
            chart_text("partial_week", days=span, of=series.bucket_days),
            xy=(x, height),
            xytext=(0, 2),
            textcoords="offset points",
            ha=align,
            va="bottom",
            fontsize=SMALL - 1,
            color=theme.foreground,
            bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.4, "alpha": 0.85},
            zorder=6,
        ).set_gid("partial-bucket-label")


def _draw_days_seen_lines(ax: Any, series: MovementSeries, starts: Any) -> list[Any]:
    """Days seen per way of moving as one line each on the same 0-7 scale (0-1 per day)."""
    centres = starts + series.bucket_days / 2
    handles: list[Any] = []
    for style, values in series.counts.items():
        colour = style_colour(style)
        (line,) = ax.plot(
            centres,
            np.asarray(values, dtype=float),
            color=colour,
            linewidth=1.8,
            marker="o",
            markersize=3.5 if len(centres) <= 60 else 0,
            label=chart_label(style.label),
            zorder=2,
        )
        line.set_gid(f"movement:{style.value}")
        handles.append(line)
    return handles


def _date_tick_formatter(series: MovementSeries) -> Callable[[float, int], str]:
    """Tick labels that always name the month: "21 Nov" for short ranges, "Nov 2026" for long
    ("21 nov", "nov 2026" in Spanish). The language is taken when the chart is drawn: the
    labels are made again on every redraw, maybe outside the summary's ``speaking()``."""
    long_range = (series.end - series.start).days > 120
    formats = i18n.formats()

    def label(value: float, _position: int) -> str:
        day = mdates.num2date(value).date()  # type: ignore[no-untyped-call]
        if long_range:
            return formats.month_year(day)
        return formats.day_month(day)

    return label


def _movement_legend_labels(series: MovementSeries) -> list[str]:
    labels = [chart_label(style.label) for style in series.counts]
    if any(m is not None for m in series.tummy_minutes):
        labels += [
            chart_text("tummy_line"),
            chart_text("who_tummy_level", minutes=WHO_TUMMY_MINUTES_PER_DAY),
        ]
    return labels


def movement_chart_height(series: MovementSeries, width_in: float, plot_in: float = 2.2) -> float:
    """The height (inches) a figure ``width_in`` wide needs for the movement chart of ``series``
    to keep ``plot_in`` inches for the bars once milestone names and legend have their room.
    The summary sizes its printed chart with this."""
    if series.is_empty:
        return plot_in
    starts = day_numbers(series.bucket_starts)
    x_range = (float(starts[0]), float(starts[-1]) + series.bucket_days)
    rows = _marker_rows(_layout_marker_labels(width_in, series, x_range))
    labels = _movement_legend_labels(series)
    twin = any(m is not None for m in series.tummy_minutes)
    margins = _movement_margins(width_in, labels, rows, twin, _milestone_key(series))
    return margins.top + margins.bottom + plot_in


def _marker_rows(labels: Sequence[_MarkerLabel]) -> int:
    return max((label.row for label in labels), default=-1) + 1


def _layout_marker_labels(
    figure_width_in: float, series: MovementSeries, x_range: tuple[float, float]
) -> list[_MarkerLabel]:
    """Numbered markers placed in rows above the bars (their names are in the key below the
    chart), right of their line or else left of it, in the first row where they do not run
    into another number."""
    grouped = _milestones_by_day(series)
    # The bars take the figure's width less about 1.75 inches of margins.
    bars_width_in = max(figure_width_in - 1.75, 1.0)
    units_per_point = (x_range[1] - x_range[0]) / (bars_width_in * 72)
    pad = 4 * units_per_point
    taken: list[list[tuple[float, float]]] = [[] for _ in range(MAX_MARKER_ROWS)]
    labels: list[_MarkerLabel] = []
    # A marker's line runs from its name down through every row below it.
    lines: list[tuple[float, int]] = []

    def clashes(row: int, lo: float, hi: float, x: float) -> int:
        names = sum(1 for a, b in taken[row] if lo < b + pad and a - pad < hi)
        crossed = sum(1 for lx, lrow in lines if lrow < row and lo - pad < lx < hi + pad)
        crossing = sum(
            1 for r in range(row + 1, MAX_MARKER_ROWS) for a, b in taken[r] if a - pad < x < b + pad
        )
        # Names running into each other are worse than a name crossing a dashed line.
        return 3 * names + crossed + crossing

    for number, day in enumerate(grouped, 1):
        x = float(day_numbers([day])[0]) + 0.5
        text = str(number)
        width = text_width_points(text, SMALL) * units_per_point
        spans = [(x, x + pad + width, False), (x - pad - width, x, True)]
        spans = [sp for sp in spans if sp[0] >= x_range[0] and sp[1] <= x_range[1]] or [
            min(spans, key=lambda sp: max(x_range[0] - sp[0], sp[1] - x_range[1]))
        ]
        best: tuple[int, int, float, float, bool] | None = None
        for row in range(MAX_MARKER_ROWS):
            for lo, hi, to_left in spans:
                clash = clashes(row, lo, hi, x)
                if best is None or clash < best[0]:
                    best = (clash, row, lo, hi, to_left)
            if best is not None and best[0] == 0:
                break
        assert best is not None
        _clash, row, lo, hi, to_left = best
        taken[row].append((lo, hi))
        lines.append((x, row))
        labels.append(_MarkerLabel(x, text, row, to_left))
    return labels


def _draw_milestone_markers(
    strip: Any,
    ax: Any,
    labels: list[_MarkerLabel],
    rows: int,
    theme: ChartTheme,
) -> None:
    """A dashed vertical line on each milestone date, its number in the strip above the bars."""
    strip.set_ylim(0, rows)
    strip.set_axis_off()  # no ticks or frame to compute: the names are all it shows
    colour = theme.foreground
    dashes = (0, (4, 2))
    xs = [label.x for label in labels]
    ys = [rows - label.row - 0.5 for label in labels]
    line_kw: dict[str, Any] = {"colors": colour, "linewidths": 1.1, "linestyles": dashes}
    markers = ax.vlines(xs, 0, 1, transform=ax.get_xaxis_transform(), zorder=4, **line_kw)
    markers.set_gid("milestone-markers")
    strip.vlines(xs, 0, ys, **line_kw)
    strip.plot(xs, ys, marker="o", markersize=3.5, color=colour, linestyle="none")
    for label, y_text in zip(labels, ys, strict=True):
        strip.annotate(
            label.text,
            xy=(label.x, y_text),
            xytext=(-4 if label.to_left else 4, 0),
            textcoords="offset points",
            ha="right" if label.to_left else "left",
            va="center",
            fontsize=SMALL,
            color=colour,
            annotation_clip=False,
            zorder=5,
            bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.6},
        ).set_gid("milestone-label")
