"""Reading a drawn matplotlib chart back: the texts a draw shows, and those cut off at an edge."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.text import Text


def drawn_texts(figure: Figure) -> list:
    """The texts a draw puts on the figure: axes ticks only where they are in view (an axis
    keeps spare tick objects off to the side that are never drawn)."""
    spare = set()
    shown = []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.majorTicks + axis.minorTicks:
                spare.update((tick.label1, tick.label2))
            for tick in axis._update_ticks():  # the ticks a draw draws: those in view
                shown += [tick.label1, tick.label2]
    for legend in figure.legends:
        if not legend.get_visible():  # a hidden legend draws none of its texts
            spare.update(legend.get_texts())
    others = figure.findobj(lambda a: isinstance(a, Text) and a not in spare)
    return [t for t in shown + others if t.get_visible() and t.get_text()]


def texts_outside(figure: Figure) -> list[str]:
    """The drawn texts that run past an edge of the figure: what a parent would see cut off."""
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    cut = []
    for text in drawn_texts(figure):
        box = text.get_window_extent(renderer)
        if (
            box.x0 < frame.x0 - 1
            or box.x1 > frame.x1 + 1
            or box.y0 < frame.y0 - 1
            or box.y1 > frame.y1 + 1
        ):
            cut.append(text.get_text())
    return cut
