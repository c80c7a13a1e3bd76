"""The progress charts drawn on a matplotlib ``Figure``: one code path for the screen and the summary.

Pure matplotlib (no pyplot, no Qt). Each function clears the figure it is given and draws one
chart from the plain series of :mod:`journal_app.services.charts`. Artists carry a ``gid`` so that
tests (and the summary) can find them: ``movement:<style>`` for the stacked bars of a style,
``tummy-minutes``, ``who-tummy-level``, ``milestone-marker``, ``who-window:<milestone>``,
``child-age:<milestone>`` and ``current-age``. All chart wording is in :data:`WORDING`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath
from matplotlib.ticker import MaxNLocator, MultipleLocator

from journal_app.domain.dates import format_date
from journal_app.domain.enums import Milestone
from journal_app.domain.reference import WHO_TUMMY_MINUTES_PER_DAY
from journal_app.services.charts import (
    BUCKET_DAY,
    MEASURE_EPISODES,
    MilestoneWindowsData,
    MovementSeries,
)
from journal_app.ui.palette import OKABE_ITO, style_colour

#: Every word the charts show, in one place.
WORDING: dict[str, str] = {
    "movement_title_episodes_day": "Movement seen: times per day",
    "movement_title_episodes_week": "Movement seen: times per week",
    "movement_title_days_seen_day": "Movement seen each day",
    "movement_title_days_seen_week": "Movement seen: days per week",
    "axis_episodes": "Times seen",
    "axis_days_seen_week": "Days seen (ways of moving added up)",
    "axis_days_seen_day": "Ways of moving seen",
    "axis_tummy": "Tummy time, minutes a day\n(average of days noted)",
    "tummy_line": "Tummy time (minutes a day)",
    "who_tummy_level": "WHO: {minutes} minutes a day (not yet mobile)",
    "who_tummy_on_line": "WHO {minutes} min tummy time →",
    "movement_empty": "Nothing recorded for {start} to {end} yet.",
    "windows_title": "Milestones and the WHO windows (1st to 99th percentile ages)",
    "windows_axis": "Age in months",
    "windows_axis_corrected": "Age in months (corrected age for a baby born early)",
    "window_reached": "WHO window, milestone reached",
    "window_not_reached": "WHO window, not reached yet",
    "age_at_milestone": "Age when reached",
    "age_seen_in_journal": "Seen in the journal (first time not noted)",
    "age_now": "Age today",
    "age_on": "Age on {day}",
    "now_label": "Today: {months:.1f} months",
    "now_label_corrected": "Today: {months:.1f} months (corrected age)",
    "on_label": "On {day}: {months:.1f} months",
    "on_label_corrected": "On {day}: {months:.1f} months (corrected age)",
    "point_label": "{months:.1f}",
    "point_label_corrected": "{months:.1f} (corrected age)",
    "not_yet": "not yet",
    "source": "Windows: WHO Motor Development Study; 1st to 99th percentile of 816 children. "
    "Source: {source}",
}

#: Label rows above the movement chart for milestone names before labels may overlap.
MAX_MARKER_ROWS = 5
_SMALL = 8
_TEXT_PATHS = TextToPath()
_MARKER_ROW_INCHES = 0.19


@dataclass(frozen=True)
class ChartTheme:
    """The colours a chart is drawn with; the Charts view builds one from the window palette."""

    background: str
    foreground: str
    grid: str

    @classmethod
    def light(cls) -> ChartTheme:
        return cls(background="#ffffff", foreground="#1f1f1f", grid="#dcdcdc")

    @classmethod
    def dark(cls) -> ChartTheme:
        return cls(background="#2a2a2a", foreground="#ececec", grid="#4a4a4a")

    def blend(self, share_of_foreground: float) -> str:
        """A colour between background and foreground (0: background, 1: foreground)."""
        bg, fg = np.array(to_rgb(self.background)), np.array(to_rgb(self.foreground))
        return str(to_hex(bg + (fg - bg) * share_of_foreground))

    @property
    def muted(self) -> str:
        return self.blend(0.6)

    @property
    def is_dark(self) -> bool:
        r, g, b = to_rgb(self.background)
        return 0.299 * r + 0.587 * g + 0.114 * b < 0.5


#: The resize callback of each figure drawn with fixed margins (see :func:`_keep_layout`).
_LAYOUT_CALLBACKS: WeakKeyDictionary[Figure, int] = WeakKeyDictionary()


def _prepare(figure: Figure, theme: ChartTheme) -> None:
    old = _LAYOUT_CALLBACKS.pop(figure, None)
    if old is not None:
        figure.canvas.mpl_disconnect(old)
    # Axes are dropped, not cleared first: Figure.clear() would reset every tick of every axes
    # (a third of a redraw) only to throw them away.
    for axes in list(figure.axes):
        figure.delaxes(axes)
    figure.clear()
    figure.set_facecolor(theme.background)
    figure.set_layout_engine("none")


def _keep_layout(figure: Figure, place: Callable[[], None]) -> None:
    """Lay the figure out now and again whenever its canvas is resized.

    Fixed margins instead of constrained layout: the movement chart must redraw quickly (pan and
    zoom included), and constrained layout measures every label on every draw.
    """
    place()
    _LAYOUT_CALLBACKS[figure] = figure.canvas.mpl_connect("resize_event", lambda _event: place())


def _style_axes(ax: Any, theme: ChartTheme) -> None:
    ax.set_facecolor(theme.background)
    for spine in ax.spines.values():
        spine.set_color(theme.muted)
    ax.tick_params(colors=theme.foreground, labelcolor=theme.foreground, labelsize=_SMALL + 1)
    ax.xaxis.label.set_color(theme.foreground)
    ax.yaxis.label.set_color(theme.foreground)
    ax.title.set_color(theme.foreground)


def _message(figure: Figure, theme: ChartTheme, text: str) -> None:
    figure.text(
        0.5, 0.5, text, ha="center", va="center", color=theme.foreground, fontsize=12, wrap=True
    )


def _day_numbers(days: Sequence[date]) -> Any:
    return mdates.date2num(np.array(days, dtype="datetime64[D]"))  # type: ignore[no-untyped-call]


def draw_movement_chart(
    figure: Figure, series: MovementSeries, theme: ChartTheme | None = None
) -> None:
    """Stacked bars per movement style, tummy time on a second axis, milestone markers."""
    theme = theme or ChartTheme.light()
    _prepare(figure, theme)
    if series.is_empty:
        _message(
            figure,
            theme,
            WORDING["movement_empty"].format(
                start=format_date(series.start), end=format_date(series.end)
            ),
        )
        return
    days = series.bucket_days
    starts = _day_numbers(series.bucket_starts)
    x_min, x_max = float(starts[0]), float(starts[-1]) + days
    marker_labels = _layout_marker_labels(figure.get_figwidth(), series, (x_min, x_max))
    rows = _marker_rows(marker_labels)
    ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    strip = figure.add_axes((0.1, 0.9, 0.8, 0.05), sharex=ax) if rows else None
    _style_axes(ax, theme)
    if series.bucket == BUCKET_DAY:
        left, width = starts + 0.12, 0.76
    else:
        left, width = starts + 0.5, 6.0
    right = left + width
    bottom = np.zeros(len(starts))
    handles: list[Any] = []
    edge = theme.background if len(starts) <= 60 else "none"
    for style, values in series.counts.items():
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
            label=style.label,
            zorder=2,
        )
        bars.set_gid(f"movement:{style.value}")
        ax.add_collection(bars)
        handles.append(Patch(facecolor=colour, edgecolor="none", label=style.label))
        bottom = top
    ax.set_xlim(x_min, x_max)
    highest = float(bottom.max()) if len(bottom) else 0.0
    ax.set_ylim(0, max(highest, 1.0) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.grid(axis="y", color=theme.grid, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    if series.measure == MEASURE_EPISODES:
        ax.set_ylabel(WORDING["axis_episodes"], fontsize=_SMALL + 1)
    elif series.bucket == BUCKET_DAY:
        ax.set_ylabel(WORDING["axis_days_seen_day"], fontsize=_SMALL + 1)
    else:
        ax.set_ylabel(WORDING["axis_days_seen_week"], fontsize=_SMALL + 1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    )
    tummy_handles = _draw_tummy_time(ax, series, starts, theme)
    handles += tummy_handles
    title_axes = ax
    if strip is not None:
        _draw_milestone_markers(strip, ax, marker_labels, rows, theme)
        title_axes = strip
    title = WORDING[f"movement_title_{series.measure}_{series.bucket}"]
    title_axes.set_title(title, loc="left", fontsize=_SMALL + 3, color=theme.foreground)
    legend_kw: dict[str, Any] = {
        "handles": handles,
        "loc": "lower center",
        "bbox_to_anchor": (0.5, 0.0),
        "frameon": False,
        "labelcolor": theme.foreground,
        **_LEGEND_STYLE,
    }
    labels = [str(h.get_label()) for h in handles]
    twin = bool(tummy_handles)

    def place() -> None:
        """Margins in inches, so labels keep their room whatever the size of the window."""
        fig_w, fig_h = (max(float(v), 1.0) for v in figure.get_size_inches())
        for old in list(figure.legends):
            old.remove()
        margins = _movement_margins(fig_w, labels, rows, twin)
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

    _keep_layout(figure, place)


def _draw_tummy_time(ax: Any, series: MovementSeries, starts: Any, theme: ChartTheme) -> list[Any]:
    """Average tummy minutes as a line on a second axis, with the WHO level; legend handles."""
    minutes = np.array([np.nan if m is None else m for m in series.tummy_minutes], dtype=float)
    if np.all(np.isnan(minutes)):
        return []
    tummy_ax = ax.twinx()
    _style_axes(tummy_ax, theme)
    centres = starts + series.bucket_days / 2
    line_kw: dict[str, Any] = {"color": theme.foreground, "linewidth": 1.6, "zorder": 3}
    if len(starts) <= 120:
        line_kw.update(marker="o", markersize=3.5)
    # Buckets without tummy time are bridged so the line does not fall apart into dots.
    known = ~np.isnan(minutes)
    (line,) = tummy_ax.plot(centres[known], minutes[known], label=WORDING["tummy_line"], **line_kw)
    line.set_gid("tummy-minutes")
    level = float(WHO_TUMMY_MINUTES_PER_DAY)
    who = tummy_ax.axhline(
        level, color=theme.foreground, linewidth=1.0, linestyle=(0, (1.5, 2.5)), zorder=1
    )
    who.set_gid("who-tummy-level")
    who.set_label(WORDING["who_tummy_level"].format(minutes=WHO_TUMMY_MINUTES_PER_DAY))
    # Named on the line itself, by the tummy-time scale it belongs to (not the bars' scale).
    tummy_ax.annotate(
        WORDING["who_tummy_on_line"].format(minutes=WHO_TUMMY_MINUTES_PER_DAY),
        xy=(1.0, level),
        xycoords=("axes fraction", "data"),
        xytext=(-3, 2),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=_SMALL,
        color=theme.foreground,
        bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.5, "alpha": 0.8},
        zorder=5,
    ).set_gid("who-tummy-label")
    top = max(level * 1.5, float(np.nanmax(minutes)) * 1.15)
    tummy_ax.set_ylim(0, top)
    # Ticks every 10 (or 30) minutes, so the WHO level sits on a labelled tick.
    tummy_ax.yaxis.set_major_locator(MultipleLocator(10 if top <= 80 else 30))
    tummy_ax.set_ylabel(WORDING["axis_tummy"], fontsize=_SMALL + 1)
    tummy_ax.spines["right"].set_color(theme.muted)
    return [line, who]


@dataclass(frozen=True)
class _MarkerLabel:
    x: float
    text: str
    row: int
    to_left: bool


@lru_cache(maxsize=512)
def _text_width_points(text: str, size: float) -> float:
    width, _height, _descent = _TEXT_PATHS.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width)


def wrap_to_width(text: str, width_pt: float, size: float) -> list[str]:
    """``text`` broken into lines at spaces so that each fits ``width_pt`` points at ``size``
    (a single word longer than the width gets a line of its own)."""
    space = _text_width_points("a b", size) - _text_width_points("ab", size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = _text_width_points(word, size)
        if current and used + space + word_width > width_pt:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + word_width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


#: Legend text size and spacing (in units of the text size), shared by both charts.
_LEGEND_SIZE = _SMALL + 1
_LEGEND_STYLE: dict[str, float] = {
    "fontsize": _LEGEND_SIZE,
    "handlelength": 1.6,
    "handletextpad": 0.8,
    "columnspacing": 1.4,
    "borderpad": 0.4,
}


def legend_columns(labels: Sequence[str], width_in: float, most: int = 4) -> tuple[int, int]:
    """The most legend columns (up to ``most``) whose labels fit ``width_in`` inches side by
    side, and the rows they take. Entries fill columns as matplotlib does (``array_split``)."""
    size = _LEGEND_SIZE
    handle = (_LEGEND_STYLE["handlelength"] + _LEGEND_STYLE["handletextpad"]) * size
    widths = [_text_width_points(label, size) + handle for label in labels]
    count = len(widths)
    for columns in range(min(most, count), 1, -1):
        chunks = [list(chunk) for chunk in np.array_split(np.array(widths), columns)]
        needed = (
            sum(max(chunk) for chunk in chunks)
            + (columns - 1) * _LEGEND_STYLE["columnspacing"] * size
            + 2 * _LEGEND_STYLE["borderpad"] * size
            + 4  # a little slack for kerning
        )
        if needed / 72 <= width_in:
            return columns, -(-count // columns)
    return 1, count


@dataclass(frozen=True)
class _Margins:
    """Space around the plotting area, in inches."""

    left: float
    right: float
    top: float
    bottom: float
    legend_columns: int


_LEGEND_ROW_INCHES = 0.21


def _movement_margins(fig_w: float, labels: Sequence[str], rows: int, twin: bool) -> _Margins:
    columns, legend_rows = legend_columns(labels, fig_w - 0.3)
    return _Margins(
        left=0.75,
        right=1.0 if twin else 0.3,
        top=0.4 + rows * _MARKER_ROW_INCHES,
        bottom=0.45 + legend_rows * _LEGEND_ROW_INCHES + 0.08,
        legend_columns=columns,
    )


def _movement_legend_labels(series: MovementSeries) -> list[str]:
    labels = [style.label for style in series.counts]
    if any(m is not None for m in series.tummy_minutes):
        labels += [
            WORDING["tummy_line"],
            WORDING["who_tummy_level"].format(minutes=WHO_TUMMY_MINUTES_PER_DAY),
        ]
    return labels


def movement_chart_height(series: MovementSeries, width_in: float, plot_in: float = 2.2) -> float:
    """The height (inches) a figure ``width_in`` wide needs for the movement chart of ``series``
    to keep ``plot_in`` inches for the bars once milestone names and legend have their room.
    The summary sizes its printed chart with this."""
    if series.is_empty:
        return plot_in
    starts = _day_numbers(series.bucket_starts)
    x_range = (float(starts[0]), float(starts[-1]) + series.bucket_days)
    rows = _marker_rows(_layout_marker_labels(width_in, series, x_range))
    labels = _movement_legend_labels(series)
    twin = any(m is not None for m in series.tummy_minutes)
    margins = _movement_margins(width_in, labels, rows, twin)
    return margins.top + margins.bottom + plot_in


def _marker_rows(labels: Sequence[_MarkerLabel]) -> int:
    return max((label.row for label in labels), default=-1) + 1


def _layout_marker_labels(
    figure_width_in: float, series: MovementSeries, x_range: tuple[float, float]
) -> list[_MarkerLabel]:
    """Milestone names placed in rows above the bars, right of their line or else left of it,
    in the first row where they do not run into another name."""
    grouped: dict[date, list[Milestone]] = {}
    for day, milestone in series.milestones:
        grouped.setdefault(day, []).append(milestone)
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

    for day, milestones in grouped.items():
        x = float(_day_numbers([day])[0]) + 0.5
        text = "; ".join(m.label for m in milestones)
        width = _text_width_points(text, _SMALL) * units_per_point
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
    """A dashed vertical line on each milestone date, its name in the strip above the bars."""
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
            fontsize=_SMALL,
            color=colour,
            annotation_clip=False,
            zorder=5,
            bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.6},
        ).set_gid("milestone-label")


_TITLE_SIZE = _SMALL + 3
#: The WHO windows chart keeps at least this much height for its six bars on screen.
_MIN_WINDOWS_PLOT_INCHES = 1.6
_SOURCE_SIZE = _SMALL - 0.5
_LINE_SPACING = 1.25


def _lines_height_in(lines: int, size: float) -> float:
    return lines * size * _LINE_SPACING / 72


def draw_milestone_windows_chart(
    figure: Figure, data: MilestoneWindowsData, theme: ChartTheme | None = None
) -> None:
    """A bar per WHO milestone from the 1st to the 99th percentile age, the child's ages on it.

    Laid out with margins in inches, like the movement chart: the title and the source wrap to
    the width there is, and the legend takes as many columns as fit, on screen and on paper.
    """
    theme = theme or ChartTheme.light()
    _prepare(figure, theme)
    ax = figure.add_axes((0.2, 0.2, 0.7, 0.6))
    _style_axes(ax, theme)
    rows = data.rows
    fill = theme.blend(0.22)
    edge = theme.blend(0.55)
    point_colour = OKABE_ITO["blue"] if not theme.is_dark else OKABE_ITO["sky_blue"]
    count = len(rows)
    x_max = max(19.0, float(np.ceil(data.current_age_months)) + 1.0)
    for i, row in enumerate(rows):
        y = count - 1 - i
        bar = ax.barh(
            y,
            row.p99_months - row.p1_months,
            left=row.p1_months,
            height=0.5,
            facecolor=fill if row.reached else "none",
            edgecolor=edge,
            linewidth=1.2,
            linestyle="solid" if row.reached else (0, (3, 2)),
            zorder=2,
        )
        bar.patches[0].set_gid(f"who-window:{row.milestone.value}")
        for value, align, shift in ((row.p1_months, "right", -4), (row.p99_months, "left", 4)):
            ax.annotate(
                f"{value:g}",
                xy=(value, y),
                xytext=(shift, 0),
                textcoords="offset points",
                ha=align,
                va="center",
                fontsize=_SMALL,
                color=theme.muted,
            )
        if row.reached and row.age_months is not None:
            (point,) = ax.plot(
                [row.age_months],
                [y],
                marker="o",
                markersize=8,
                # Hollow: the first day the journal shows it, not a first time the parent noted.
                markerfacecolor=theme.background if row.from_journal else point_colour,
                markeredgecolor=theme.foreground,
                linestyle="none",
                zorder=4,
            )
            point.set_gid(f"child-age:{row.milestone.value}")
            key = "point_label_corrected" if row.age_is_corrected else "point_label"
            ax.annotate(
                WORDING[key].format(months=row.age_months),
                xy=(row.age_months, y),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=_SMALL,
                color=theme.foreground,
                zorder=5,
                bbox={
                    "facecolor": theme.background,
                    "edgecolor": "none",
                    "pad": 0.4,
                    "alpha": 0.85,
                },
            )
        else:
            ax.annotate(
                WORDING["not_yet"],
                xy=(row.p99_months, y),
                xytext=(-6, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=_SMALL,
                fontstyle="italic",
                color=theme.muted,
            )
    now = ax.axvline(data.current_age_months, color=theme.foreground, linewidth=1.8, zorder=3)
    now.set_gid("current-age")
    # "Today" only when it is today: a summary of an earlier period shows the age on its last day.
    day = format_date(data.on)
    key = "now_label" if data.is_today else "on_label"
    if data.current_age_is_corrected:
        key += "_corrected"
    ax.annotate(
        WORDING[key].format(months=data.current_age_months, day=day),
        xy=(data.current_age_months, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -2),
        textcoords="offset points",
        ha="left" if data.current_age_months < x_max * 0.7 else "right",
        va="top",
        fontsize=_SMALL + 1,
        color=theme.foreground,
    ).set_gid("current-age-label")
    tick_labels = [row.milestone.label for row in reversed(rows)]
    ax.set_yticks(range(count), tick_labels)
    # Room above the top bar for the label of the current age.
    ax.set_ylim(-0.7, count + 0.2)
    ax.set_xlim(0, x_max)
    ax.grid(axis="x", color=theme.grid, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    axis_key = "windows_axis_corrected" if data.any_corrected else "windows_axis"
    ax.set_xlabel(WORDING[axis_key], fontsize=_SMALL + 1)
    title = ax.set_title("", loc="left", fontsize=_TITLE_SIZE, color=theme.foreground)
    title.set_gid("windows-title")
    age_key = "age_now" if data.is_today else "age_on"
    handles = [
        Patch(facecolor=fill, edgecolor=edge, label=WORDING["window_reached"]),
        Patch(
            facecolor="none",
            edgecolor=edge,
            linestyle=(0, (3, 2)),
            label=WORDING["window_not_reached"],
        ),
        Line2D(
            [],
            [],
            marker="o",
            markersize=7,
            markerfacecolor=point_colour,
            markeredgecolor=theme.foreground,
            linestyle="none",
            label=WORDING["age_at_milestone"],
        ),
        Line2D(
            [],
            [],
            color=theme.foreground,
            linewidth=1.8,
            label=WORDING[age_key].format(day=day),
        ),
    ]
    if any(row.from_journal for row in rows if row.reached):
        handles.insert(
            3,
            Line2D(
                [],
                [],
                marker="o",
                markersize=7,
                markerfacecolor=theme.background,
                markeredgecolor=theme.foreground,
                linestyle="none",
                label=WORDING["age_seen_in_journal"],
            ),
        )
    legend_labels = [str(h.get_label()) for h in handles]
    source_text = WORDING["source"].format(source=data.source)
    source = figure.text(
        0.0, 0.0, "", ha="left", va="top", fontsize=_SOURCE_SIZE, color=theme.muted
    )
    source.set_gid("who-source")
    # Tick labels sit left of the axes: their widest, plus tick and padding.
    labels_in = max(_text_width_points(t, _SMALL + 1) for t in tick_labels) / 72 + 0.2

    def place() -> None:
        fig_w, fig_h = (max(float(v), 1.0) for v in figure.get_size_inches())
        for old in list(figure.legends):
            old.remove()
        left = min(labels_in + 0.1, fig_w * 0.5)
        right = 0.3
        width_in = max(fig_w - left - right, 0.5)
        columns, legend_rows = legend_columns(legend_labels, fig_w - 0.3)
        legend = figure.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=columns,
            frameon=False,
            labelcolor=theme.foreground,
            **_LEGEND_STYLE,
        )
        legend.set_gid("windows-legend")
        source_lines = wrap_to_width(source_text, width_in * 72, _SOURCE_SIZE)
        source.set_text("\n".join(source_lines))
        title_lines = wrap_to_width(WORDING["windows_title"], width_in * 72, _TITLE_SIZE)
        title.set_text("\n".join(title_lines))
        top = 0.12 + _lines_height_in(len(title_lines), _TITLE_SIZE) + 0.08
        # In a small window the bars come first: the source goes, then the legend, rather than
        # the bars being squeezed away (the printed chart always has room for all of it).
        show_source = show_legend = True
        while True:
            legend_top = 0.06 + (legend_rows * _LEGEND_ROW_INCHES + 0.06 if show_legend else 0)
            source_h = _lines_height_in(len(source_lines), _SOURCE_SIZE) + 0.04
            source_top = legend_top + (source_h if show_source else 0.0)
            bottom = source_top + 0.48  # tick labels and the axis label above the source
            if fig_h - top - bottom >= _MIN_WINDOWS_PLOT_INCHES or not show_legend:
                break
            if show_source:
                show_source = False
            else:
                show_legend = False
        source.set_visible(show_source)
        legend.set_visible(show_legend)
        height_in = max(fig_h - top - bottom, 0.3)
        ax.set_position((left / fig_w, bottom / fig_h, width_in / fig_w, height_in / fig_h))
        source.set_position((left / fig_w, source_top / fig_h))
        # A labelled tick every month when there is room, else every 2, 3 or 6 months.
        step = next((s for s in (1, 2, 3, 6) if width_in / (x_max / s) >= 0.3), 12)
        ax.xaxis.set_major_locator(MultipleLocator(step))

    _keep_layout(figure, place)
