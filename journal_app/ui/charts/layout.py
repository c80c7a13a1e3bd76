"""What both charts share: the theme, fixed-margin layout, text measuring, wrapping, legends.

Pure matplotlib (no pyplot, no Qt).
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
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

#: The small text size of both charts (points).

SMALL = 8
_TEXT_PATHS = TextToPath()


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


#: The resize callback of each figure drawn with fixed margins (see :func:`keep_layout`).
_LAYOUT_CALLBACKS: WeakKeyDictionary[Figure, int] = WeakKeyDictionary()


def prepare(figure: Figure, theme: ChartTheme) -> None:
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


def keep_layout(figure: Figure, place: Callable[[], None]) -> None:
    """Lay the figure out now and again whenever its canvas is resized.

    Fixed margins instead of constrained layout: the movement chart must redraw quickly (pan and
    zoom included), and constrained layout measures every label on every draw.
    """
    place()
    _LAYOUT_CALLBACKS[figure] = figure.canvas.mpl_connect("resize_event", lambda _event: place())


def style_axes(ax: Any, theme: ChartTheme) -> None:
    ax.set_facecolor(theme.background)
    for spine in ax.spines.values():
        spine.set_color(theme.muted)
    ax.tick_params(colors=theme.foreground, labelcolor=theme.foreground, labelsize=SMALL + 1)
    ax.xaxis.label.set_color(theme.foreground)
    ax.yaxis.label.set_color(theme.foreground)
    ax.title.set_color(theme.foreground)


def message(figure: Figure, theme: ChartTheme, text: str) -> None:
    figure.text(
        0.5, 0.5, text, ha="center", va="center", color=theme.foreground, fontsize=12, wrap=True
    )


def day_numbers(days: Sequence[date]) -> Any:
    return mdates.date2num(np.array(days, dtype="datetime64[D]"))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=512)
def text_width_points(text: str, size: float) -> float:
    width, _height, _descent = _TEXT_PATHS.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width)


def wrap_to_width(text: str, width_pt: float, size: float) -> list[str]:
    """``text`` broken into lines at spaces so that each fits ``width_pt`` points at ``size``
    (a single word longer than the width gets a line of its own)."""
    space = text_width_points("a b", size) - text_width_points("ab", size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = text_width_points(word, size)
        if current and used + space + word_width > width_pt:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + word_width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


#: Legend text size and spacing (in units of the text size), shared by both charts.
LEGEND_SIZE = SMALL + 1
LEGEND_STYLE: dict[str, float] = {
    "fontsize": LEGEND_SIZE,
    "handlelength": 1.6,
    "handletextpad": 0.8,
    "columnspacing": 1.4,
    "borderpad": 0.4,
}


def legend_columns(labels: Sequence[str], width_in: float, most: int = 4) -> tuple[int, int]:
    """The most legend columns (up to ``most``) whose labels fit ``width_in`` inches side by
    side, and the rows they take. Entries fill columns as matplotlib does (``array_split``)."""
    size = LEGEND_SIZE
    handle = (LEGEND_STYLE["handlelength"] + LEGEND_STYLE["handletextpad"]) * size
    widths = [text_width_points(label, size) + handle for label in labels]
    count = len(widths)
    for columns in range(min(most, count), 1, -1):
        chunks = [list(chunk) for chunk in np.array_split(np.array(widths), columns)]
        needed = (
            sum(max(chunk) for chunk in chunks)
            + (columns - 1) * LEGEND_STYLE["columnspacing"] * size
            + 2 * LEGEND_STYLE["borderpad"] * size
            + 4  # a little slack for kerning
        )
        if needed / 72 <= width_in:
            return columns, -(-count // columns)
    return 1, count


@dataclass(frozen=True)
class Margins:
    """Space around the plotting area, in inches."""

    left: float
    right: float
    top: float
    bottom: float
    legend_columns: int


LEGEND_ROW_INCHES = 0.21


LINE_SPACING = 1.25


def lines_height_in(lines: int, size: float) -> float:
    return lines * size * LINE_SPACING / 72
