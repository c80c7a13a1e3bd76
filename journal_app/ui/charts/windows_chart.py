"""The WHO windows chart: a bar per WHO milestone from the 1st to the 99th percentile age, the
child's ages on it.

Pure matplotlib (no pyplot, no Qt); drawn from :class:`journal_app.services.charts.MilestoneWindowsData`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MultipleLocator

from journal_app import i18n
from journal_app.services.charts import MilestoneWindowsData
from journal_app.ui.charts.layout import (
    LEGEND_ROW_INCHES,
    LEGEND_STYLE,
    SMALL,
    ChartTheme,
    keep_layout,
    legend_columns,
    lines_height_in,
    prepare,
    style_axes,
    text_width_points,
    wrap_to_width,
)
from journal_app.ui.charts.wording import (
    chart_label,
    chart_text,
    months_figure,
    published_figure,
)
from journal_app.ui.palette import OKABE_ITO

_TITLE_SIZE = SMALL + 3
#: The WHO windows chart keeps at least this much height for its six bars on screen.
_MIN_WINDOWS_PLOT_INCHES = 1.6
_SOURCE_SIZE = SMALL - 0.5


def draw_milestone_windows_chart(
    figure: Figure, data: MilestoneWindowsData, theme: ChartTheme | None = None
) -> None:
    """A bar per WHO milestone from the 1st to the 99th percentile age, the child's ages on it.

    Laid out with margins in inches, like the movement chart: the title and the source wrap to
    the width there is, and the legend takes as many columns as fit, on screen and on paper.
    """
    theme = theme or ChartTheme.light()
    prepare(figure, theme)
    ax = figure.add_axes((0.2, 0.2, 0.7, 0.6))
    style_axes(ax, theme)
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
                published_figure(value),
                xy=(value, y),
                xytext=(shift, 0),
                textcoords="offset points",
                ha=align,
                va="center",
                fontsize=SMALL,
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
                chart_text(key, months=months_figure(row.age_months)),
                xy=(row.age_months, y),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=SMALL,
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
            began = data.journal_began
            not_yet = (
                chart_text("reached_before_journal")
                if row.reached_before_journal
                else chart_text("not_recorded_before_journal", day=i18n.formats().day_month(began))
                if row.before_journal and began is not None
                else chart_text("not_yet")
            )
            ax.annotate(
                not_yet,
                xy=(row.p99_months, y),
                xytext=(-8, 0),
                textcoords="offset points",
                ha="right",
                va="center_baseline",
                fontsize=SMALL - 1,
                fontstyle="italic",
                color=theme.muted,
                # Inside the box, on a patch of background: the dashed border never runs
                # through the words.
                bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 0.1},
                zorder=4,
            ).set_gid(f"not-reached:{row.milestone.value}")
    now = ax.axvline(data.current_age_months, color=theme.foreground, linewidth=1.8, zorder=3)
    now.set_gid("current-age")
    # "Today" only when it is today: a summary of an earlier period shows the age on its last day.
    day = i18n.formats().date(data.on)
    key = "now_label" if data.is_today else "on_label"
    if data.current_age_is_corrected:
        key += "_corrected"
    ax.annotate(
        chart_text(key, months=months_figure(data.current_age_months), day=day),
        xy=(data.current_age_months, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -2),
        textcoords="offset points",
        ha="left" if data.current_age_months < x_max * 0.7 else "right",
        va="top",
        fontsize=SMALL + 1,
        color=theme.foreground,
    ).set_gid("current-age-label")
    tick_labels = [chart_label(row.milestone.label) for row in reversed(rows)]
    ax.set_yticks(range(count), tick_labels)
    # Room above the top bar for the label of the current age.
    ax.set_ylim(-0.7, count + 0.2)
    ax.set_xlim(0, x_max)
    ax.grid(axis="x", color=theme.grid, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    axis_key = "windows_axis_corrected" if data.any_corrected else "windows_axis"
    ax.set_xlabel(chart_text(axis_key), fontsize=SMALL + 1)
    title = ax.set_title("", loc="left", fontsize=_TITLE_SIZE, color=theme.foreground)
    title.set_gid("windows-title")
    age_key = "age_now" if data.is_today else "age_on"
    handles = [
        Patch(facecolor=fill, edgecolor=edge, label=chart_text("window_reached")),
        Patch(
            facecolor="none",
            edgecolor=edge,
            linestyle=(0, (3, 2)),
            label=chart_text("window_not_reached"),
        ),
        Line2D(
            [],
            [],
            marker="o",
            markersize=7,
            markerfacecolor=point_colour,
            markeredgecolor=theme.foreground,
            linestyle="none",
            label=chart_text("age_at_milestone"),
        ),
        Line2D(
            [],
            [],
            color=theme.foreground,
            linewidth=1.8,
            label=chart_text(age_key, day=day),
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
                label=chart_text("age_seen_in_journal"),
            ),
        )
    # The texts windows_chart_height measures, in the handles' order.
    legend_labels = _legend_texts(data)
    for handle, text in zip(handles, legend_labels, strict=True):
        handle.set_label(text)
    source_text = chart_text("source", source=data.source)
    source = figure.text(
        0.0, 0.0, "", ha="left", va="top", fontsize=_SOURCE_SIZE, color=theme.muted
    )
    source.set_gid("who-source")
    labels_in = _tick_labels_inches(tick_labels)

    def place() -> None:
        fig_w, fig_h = (max(float(v), 1.0) for v in figure.get_size_inches())
        for old in list(figure.legends):
            old.remove()
        left, width_in = _plot_span(fig_w, labels_in)
        columns, legend_rows = legend_columns(legend_labels, fig_w - 0.3)
        legend = figure.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=columns,
            frameon=False,
            labelcolor=theme.foreground,
            **LEGEND_STYLE,
        )
        legend.set_gid("windows-legend")
        source_lines = wrap_to_width(source_text, width_in * 72, _SOURCE_SIZE)
        source.set_text("\n".join(source_lines))
        title_lines = wrap_to_width(chart_text("windows_title"), width_in * 72, _TITLE_SIZE)
        title.set_text("\n".join(title_lines))
        top = _top_inches(len(title_lines))
        # In a small window the bars come first: the source goes, then the legend, rather than
        # the bars being squeezed away (the printed chart always has room for all of it).
        show_source = show_legend = True
        while True:
            legend_top = _legend_top_inches(legend_rows if show_legend else 0)
            source_h = lines_height_in(len(source_lines), _SOURCE_SIZE) + 0.04
            source_top = legend_top + (source_h if show_source else 0.0)
            bottom = source_top + _AXIS_LABELS_INCHES
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

    keep_layout(figure, place)


#: Room below the bars for the tick labels and the axis label (inches).
_AXIS_LABELS_INCHES = 0.48


def _tick_labels_inches(tick_labels: list[str]) -> float:
    """Tick labels sit left of the axes: their widest, plus tick and padding."""
    return max(text_width_points(t, SMALL + 1) for t in tick_labels) / 72 + 0.2


def _plot_span(fig_w: float, labels_in: float) -> tuple[float, float]:
    """The left margin and the width of the bars, in inches."""
    left = min(labels_in + 0.1, fig_w * 0.5)
    return left, max(fig_w - left - 0.3, 0.5)


def _top_inches(title_lines: int) -> float:
    return 0.12 + lines_height_in(title_lines, _TITLE_SIZE) + 0.08


def _legend_top_inches(legend_rows: int) -> float:
    return 0.06 + (legend_rows * LEGEND_ROW_INCHES + 0.06 if legend_rows else 0.0)


def _legend_texts(data: MilestoneWindowsData) -> list[str]:
    """The legend's entries, in order (the chart's handles carry the same texts)."""
    texts = [
        chart_text("window_reached"),
        chart_text("window_not_reached"),
        chart_text("age_at_milestone"),
    ]
    if any(row.from_journal for row in data.rows if row.reached):
        texts.append(chart_text("age_seen_in_journal"))
    day = i18n.formats().date(data.on)
    texts.append(chart_text("age_now" if data.is_today else "age_on", day=day))
    return texts


def windows_chart_height(data: MilestoneWindowsData, width_in: float, least: float) -> float:
    """The height (inches), at least ``least``, a figure ``width_in`` wide needs for the WHO
    windows chart to show its title, its bars and its whole legend (longer words, as in
    Spanish, can take a second row of legend); the source line may still give way to the bars,
    as the summary lists its sources. The summary sizes its printed chart with this."""
    tick_labels = [chart_label(row.milestone.label) for row in data.rows]
    _left, inner_in = _plot_span(width_in, _tick_labels_inches(tick_labels))
    _columns, legend_rows = legend_columns(_legend_texts(data), width_in - 0.3)
    title_lines = wrap_to_width(chart_text("windows_title"), inner_in * 72, _TITLE_SIZE)
    needed = (
        _top_inches(len(title_lines))
        + _legend_top_inches(legend_rows)
        + _AXIS_LABELS_INCHES
        + _MIN_WINDOWS_PLOT_INCHES
        + 0.01  # so that rounding never takes the legend away
    )
    return max(least, needed)
