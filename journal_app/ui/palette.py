"""The one colour per movement style used everywhere in the app (Okabe-Ito, colour-blind safe).

Plain hex strings with no Qt or matplotlib import, so the day form, the charts and the printed
summary all share them. The eight Okabe-Ito colours cover the first eight styles (black swapped
for a mid grey that reads on light and dark backgrounds); the two walking styles take two colours
from Paul Tol's colour-blind-safe "muted" scheme. The four crawling styles get the four most
distinct colours: vermillion, orange, bluish green and blue.
"""

from __future__ import annotations

from journal_app.domain.enums import MovementStyle

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008).
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

MOVEMENT_STYLE_COLOURS: dict[MovementStyle, str] = {
    MovementStyle.ROLLING: OKABE_ITO["sky_blue"],
    MovementStyle.BACKWARD: OKABE_ITO["vermillion"],
    MovementStyle.BELLY: OKABE_ITO["orange"],
    MovementStyle.FORWARD: OKABE_ITO["bluish_green"],
    MovementStyle.BEAR: OKABE_ITO["blue"],
    MovementStyle.BOTTOM_SCOOTING: OKABE_ITO["yellow"],
    MovementStyle.PULLING_TO_STAND: OKABE_ITO["reddish_purple"],
    MovementStyle.CRUISING: OKABE_ITO["grey"],
    MovementStyle.WALKING_WITH_HELP: "#882255",  # Tol muted "wine"
    MovementStyle.WALKING_ALONE: "#332288",  # Tol muted "indigo"
}


def style_colour(style: MovementStyle) -> str:
    """The hex colour (``#RRGGBB``) of a movement style."""
    return MOVEMENT_STYLE_COLOURS[style]
