"""The charts in Spanish: titles, axes, legends and figures read back from the drawn matplotlib
figure (decimal comma, Spanish month axis), nothing cut off at the printed summary's size, and
the printed WHO windows chart keeping its whole legend in either language."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journal_app import i18n
from journal_app.domain.entries import ChildProfile, DayEntry
from journal_app.domain.enums import Milestone, MovementStyle
from journal_app.services.charts import BUCKET_WEEK, MEASURE_EPISODES, MovementSeries
from journal_app.services.context import JournalContext
from journal_app.ui.charts.figures import (
    WORDING,
    draw_milestone_windows_chart,
    draw_movement_chart,
    movement_chart_height,
)
from journal_app.ui.charts.windows_chart import windows_chart_height
from journal_app.ui.printing.summary_document import (
    CHART_FIGURE_WIDTH_INCHES,
    MOVEMENT_PLOT_HEIGHT_INCHES,
    WINDOWS_CHART_HEIGHT_INCHES,
)
from tests.helpers.charts import drawn_texts, texts_outside
from tests.helpers.constants import TODAY

SPANISH = i18n.translator_for("es")
B, F = MovementStyle.BACKWARD, MovementStyle.FORWARD
#: Mondays from 25 May 2026 to 16 Nov 2026: half a year, so the axis names months and years.
MONDAYS = [date(2026, 5, 25) + timedelta(weeks=n) for n in range(26)]


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.setup("en", [])


def half_year() -> MovementSeries:
    count = len(MONDAYS)
    return MovementSeries(
        child_id=1,
        start=MONDAYS[0],
        end=TODAY - timedelta(days=1),
        bucket=BUCKET_WEEK,
        measure=MEASURE_EPISODES,
        bucket_starts=MONDAYS,
        counts={B: [n % 5 + 1 for n in range(count)], F: [n // 3 for n in range(count)]},
        tummy_minutes=[20.0 + n % 15 for n in range(count)],
        days_recorded=[7] * count,
        milestones=[(date(2026, 9, 14), Milestone.HANDS_AND_KNEES_CRAWLING)],
    )


def printed(draw: object, data: object, height: float) -> Figure:
    """Drawn as the summary draws it (8.2 inches wide), and rendered."""
    figure = Figure(figsize=(CHART_FIGURE_WIDTH_INCHES, height), dpi=72)
    FigureCanvasAgg(figure)
    draw(figure, data)  # type: ignore[operator]
    figure.savefig(io.BytesIO(), format="png")
    return figure


def words(figure: Figure) -> str:
    return " | ".join(t.get_text() for t in drawn_texts(figure))


def test_the_movement_chart_speaks_spanish(qapp: object) -> None:
    series = half_year()
    with i18n.speaking(SPANISH):
        height = movement_chart_height(
            series, CHART_FIGURE_WIDTH_INCHES, MOVEMENT_PLOT_HEIGHT_INCHES
        )
        figure = Figure(figsize=(CHART_FIGURE_WIDTH_INCHES, height), dpi=72)
        FigureCanvasAgg(figure)
        draw_movement_chart(figure, series)
    # Rendered after the block, as a redraw on screen is: the labels stay Spanish.
    figure.savefig(io.BytesIO(), format="png")
    text = words(figure)
    for spanish in (
        "Movimiento observado: veces por semana",
        "Veces observadas",
        "Boca abajo, min al día\n(media de días anotados)",
        "Tiempo boca abajo (minutos al día)",
        "OMS: 30 minutos al día (si aún no se desplaza)",
        "OMS: 30 min boca abajo →",
        "1 Gatea sobre manos y rodillas (14 sept)",  # the key: the name comes from the enum
    ):
        assert spanish in text, spanish
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]
    assert "sept 2026" in ticks or "oct 2026" in ticks, ticks
    assert all(t.split()[0] == t.split()[0].lower() for t in ticks)  # "nov 2026", not "Nov"
    for key in ("movement_title_episodes_week", "axis_episodes", "tummy_line"):
        assert WORDING[key] not in text
    assert texts_outside(figure) == []


@pytest.fixture
def preterm_with_milestones(
    context: JournalContext, preterm_child: ChildProfile
) -> tuple[JournalContext, int]:
    assert preterm_child.id is not None
    cid = preterm_child.id
    context.journal.save_day(
        DayEntry(cid, date(2026, 10, 1), milestones=[Milestone.SITTING_WITHOUT_SUPPORT])
    )
    return context, cid


def test_the_windows_chart_speaks_spanish_with_the_decimal_comma(
    preterm_with_milestones: tuple[JournalContext, int],
) -> None:
    context, child_id = preterm_with_milestones
    with i18n.speaking(SPANISH):
        data = context.charts.milestone_windows(child_id, TODAY)
        height = windows_chart_height(data, CHART_FIGURE_WIDTH_INCHES, WINDOWS_CHART_HEIGHT_INCHES)
        figure = printed(draw_milestone_windows_chart, data, height)
    text = words(figure)
    for spanish in (
        "Los hitos y las ventanas de la OMS (edades del percentil 1 al 99)",
        "Edad en meses (edad corregida en un bebé prematuro)",
        "Ventana de la OMS, hito alcanzado",
        "Ventana de la OMS, aún no alcanzado",
        "Edad al alcanzarlo",
        "Edad hoy",
        "aún no",
    ):
        assert spanish in text, spanish
    annotations = [t.get_text() for t in drawn_texts(figure)]
    # The WHO figures as published, with the decimal comma; the child's ages too.
    for figure_text in ("3,8", "9,2", "5,2", "13,5", "8,2", "17,6"):
        assert figure_text in annotations
    assert not [t for t in annotations if t[:1].isdigit() and "." in t]
    today = next(t for t in annotations if t.startswith("Hoy: "))
    assert today.endswith(" meses (edad corregida)") and "," in today
    assert next(t for t in annotations if t.endswith("(edad corregida)") and t[0].isdigit())
    legend = next(lg for lg in figure.legends)
    assert legend.get_visible()
    assert texts_outside(figure) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_printed_windows_chart_keeps_its_whole_legend(
    preterm_with_milestones: tuple[JournalContext, int], language: str
) -> None:
    context, child_id = preterm_with_milestones
    with i18n.speaking(i18n.translator_for(language)):
        data = context.charts.milestone_windows(child_id, TODAY - timedelta(days=10))
        height = windows_chart_height(data, CHART_FIGURE_WIDTH_INCHES, WINDOWS_CHART_HEIGHT_INCHES)
        figure = printed(draw_milestone_windows_chart, data, height)
    assert all(legend.get_visible() for legend in figure.legends)
    assert texts_outside(figure) == []
    # Taller than the usual 3 inches only for the second row of legend this one needs (a
    # period ending before today: "Age on 13 Nov 2026"); before, that legend was dropped.
    assert WINDOWS_CHART_HEIGHT_INCHES < height < WINDOWS_CHART_HEIGHT_INCHES + 0.3
