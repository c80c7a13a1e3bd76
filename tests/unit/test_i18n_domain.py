"""The domain, storage reads and services in Spanish: labels, short names, dates, ages, typed
dates, guidance reasons, messages and the sample journal; and English exactly as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from journal_app import i18n
from journal_app.domain import dates
from journal_app.domain.ages import age_between, child_age, describe_gestation
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.errors import JournalGoneError, JournalTooNewError
from journal_app.domain.reference import CDC_SOURCE, WHO_WINDOW_BY_MILESTONE
from journal_app.domain.validation import ValidationFailed
from journal_app.paths import JournalPaths, data_dir_problem
from journal_app.services.context import open_context
from journal_app.services.guidance import (
    JournalDay,
    JournalSnapshot,
    flag_cdc_checkpoint_passed,
    flag_who_milestone_late,
    format_days,
    last_day_within_window,
    load_content,
    rule_tummy_time_low,
)
from journal_app.services.sample_journal import _NOTES as SAMPLE_NOTES
from journal_app.services.sample_journal import SAMPLE_CHILD_NAME, write_sample_journal
from journal_app.storage.reads import describe_movements
from journal_app.storage.schema_check import schema_differences
from tests.helpers.constants import TODAY

DAY = date(2026, 12, 2)


@pytest.fixture
def spanish() -> Iterator[i18n.Translator]:
    with i18n.speaking(i18n.translator_for("es")) as translator:
        yield translator


# -- labels and short names ------------------------------------------------------------------


def test_the_vocabulary_speaks_spanish(spanish: i18n.Translator) -> None:
    assert MovementStyle.BACKWARD.label == "Gateo hacia atrás"
    assert Milestone.WALKING_ALONE.label == "Camina sin ayuda"
    assert WarningSign.STIFF_MUSCLES.label == "Músculos muy rígidos"
    assert Side.LEFT.label == "Izquierdo"
    assert FloorSurface.OTHER.label == "Otro"
    assert WarningSign.FAVOURS_ONE_SIDE.describe_side(Side.LEFT) == "Usa menos el lado izquierdo"
    assert WarningSign.FAVOURS_ONE_SIDE.describe_side(Side.BOTH) == Side.BOTH.label


def test_the_vocabulary_in_english_is_unchanged() -> None:
    assert MovementStyle.FORWARD.label == "Forward hands-and-knees crawling"
    assert Milestone.CRUISING.label == "Walks holding on to furniture (cruising)"
    assert Side.BOTH.label == "Both sides"
    assert FloorSurface.SMOOTH_FLOOR.label == "Smooth floor (wood, tile)"
    assert WarningSign.FAVOURS_ONE_SIDE.describe_side(Side.RIGHT) == "Right side used less"


def test_the_day_summary_short_names(spanish: i18n.Translator) -> None:
    movements = {
        MovementStyle.BACKWARD: MovementCount(4, None),
        MovementStyle.FORWARD: MovementCount(None, 10),
    }
    spanish_text = describe_movements(movements)
    assert spanish_text.startswith("atrás x4, ") and spanish_text.endswith(" 10 min")
    with i18n.speaking(i18n.translator_for("en")):
        assert describe_movements(movements) == "back x4, fwd 10 min"


# -- dates and ages ---------------------------------------------------------------------------


def test_dates_and_ages_in_spanish(spanish: i18n.Translator) -> None:
    assert dates.format_date(DAY) == "2 dic 2026"
    assert dates.describe_date(DAY) == "2 de diciembre de 2026"
    assert dates.format_weekday_date(DAY) == "miércoles, 2 de diciembre de 2026"
    assert dates.format_date_time(datetime(2026, 12, 2, 18, 5)).startswith("2 dic 2026 ")
    assert age_between(date(2026, 2, 20), DAY).describe() == "9 meses y 12 días"
    birth = date(2026, 1, 10)
    assert describe_gestation(birth, birth + timedelta(days=52)) == "32 semanas y 4 días"
    preterm = child_age(birth, birth + timedelta(days=56), birth + timedelta(days=120))
    assert "corregida" in preterm.describe()


def test_dates_and_ages_in_english_are_unchanged() -> None:
    assert dates.format_date(DAY) == "2 Dec 2026"
    assert dates.format_weekday_date(DAY) == "Wednesday 2 December 2026"
    assert age_between(date(2026, 2, 20), DAY).describe() == "9 months 12 days"


@pytest.mark.parametrize(
    "text",
    ["2 dic 2026", "2 de diciembre de 2026", "2 Diciembre 2026", "2 dic. 26", "2 Dec 2026"],
)
def test_spanish_month_names_are_read(spanish: i18n.Translator, text: str) -> None:
    assert dates.parse_typed_date(text) == DAY


def test_a_written_spanish_date_reads_back(spanish: i18n.Translator) -> None:
    for offset in range(0, 366, 7):
        day = date(2027, 1, 1) + timedelta(days=offset)
        assert dates.parse_typed_date(dates.format_date(day)) == day
        assert dates.parse_typed_date(dates.describe_date(day)) == day


def test_english_does_not_read_spanish_month_names() -> None:
    assert dates.parse_typed_date("2 dic 2026") is None
    assert dates.parse_typed_date("2 de diciembre de 2026") is None


# -- guidance ---------------------------------------------------------------------------------


def _child(days_old: int) -> ChildProfile:
    return ChildProfile("Maya", TODAY - timedelta(days=days_old), None, 1)


def _journal(child: ChildProfile, *days: JournalDay) -> JournalSnapshot:
    history = tuple(
        JournalDay(TODAY - timedelta(days=n), frozenset(), None, None, ())
        for n in [700, *range(60, 74)]
    )
    return JournalSnapshot(child, TODAY, tuple(sorted(days + history, key=lambda d: d.day)), {})


def test_the_guidance_content_follows_the_language(spanish: i18n.Translator) -> None:
    assert load_content().worried == "Si le preocupa, hable con el médico de su hijo/a."
    with i18n.speaking(i18n.translator_for("en")):
        assert load_content().worried.startswith("If you are worried")


def test_who_flags_in_spanish_write_the_figures_with_a_comma(spanish: i18n.Translator) -> None:
    crawl_window = WHO_WINDOW_BY_MILESTONE[Milestone.HANDS_AND_KNEES_CRAWLING]
    child = _child(last_day_within_window(crawl_window) + 1)
    flags = {f.id: f for f in flag_who_milestone_late(_journal(child))}
    crawl = flags["who_late:hands_and_knees_crawling"]
    assert crawl.title == "Gatea sobre manos y rodillas: aún no anotado"
    assert "13,5" in crawl.reason and "13.5" not in crawl.reason
    assert "Maya tiene 1 año, 1 mes y " in crawl.reason
    assert "9,2" in flags["who_late:sitting_without_support"].reason


def test_a_flag_reached_late_gives_its_date_in_spanish(spanish: i18n.Translator) -> None:
    child = ChildProfile("Maya", date(2025, 1, 20), None, 1)
    sat = child.birth_date + timedelta(days=300)  # 9.86 months, the window ends at 9.2
    journal = JournalSnapshot(child, date(2026, 3, 1), (), {Milestone.SITTING_WITHOUT_SUPPORT: sat})
    (flag,) = [f for f in flag_who_milestone_late(journal) if "sitting" in f.id]
    assert "16 nov 2025" in flag.reason and "9,2" in flag.reason


def test_cdc_checklist_wording_in_spanish(spanish: i18n.Translator) -> None:
    flags = flag_cdc_checkpoint_passed(_journal(_child(400)))
    titles = [f.title for f in flags]
    assert "Lista de los 12 meses: se pone de pie agarrándose a algo" in titles
    assert "los CDC" in flags[0].reason and "pulls up" not in " ".join(titles)
    assert "Aprenda los signos" in i18n.translate(CDC_SOURCE)


def test_tip_reasons_and_date_lists_in_spanish(spanish: i18n.Translator) -> None:
    days = tuple(JournalDay(TODAY - timedelta(days=n), frozenset(), 10, None, ()) for n in range(6))
    (tip,) = rule_tummy_time_low(_journal(_child(150), *days))
    assert tip.reason.startswith("El tiempo boca abajo de Maya fue de 10 minutos")
    three = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 20)]
    assert format_days(three, date(2026, 12, 1)) == "2 nov, 9 nov y 20 nov"
    with i18n.speaking(i18n.translator_for("en")):
        assert format_days(three, date(2026, 12, 1)) == "2 Nov, 9 Nov and 20 Nov"
        assert format_days(three[:1], date(2027, 1, 1)) == "2 Nov 2026"


# -- messages ---------------------------------------------------------------------------------


def test_errors_and_checks_in_spanish(spanish: i18n.Translator, tmp_path: Path) -> None:
    too_new = JournalTooNewError(tmp_path / "journal.sqlite3", "abc")
    assert "versión más reciente" in str(too_new) and "abc" in str(too_new)
    gone = JournalGoneError(tmp_path / "journal.sqlite3", missing=True, days=3)
    assert "Falta el archivo" in gone.headline and "3 días" in gone.headline
    blocked = tmp_path / "file"
    blocked.write_text("x")
    problem = data_dir_problem(blocked / "journal", FileExistsError(17, "File exists"))
    assert "es un archivo, no una carpeta" in problem and "--data-dir" in problem
    assert schema_differences(
        {"tables": {}, "trigger": {}, "view": {"v": "x"}},
        {
            "tables": {"day": {}},
            "trigger": {},
            "view": {},
        },
    ) == ["falta la tabla day", "una vista v que esta aplicación no creó"]


def test_validation_and_sample_journal_in_spanish(spanish: i18n.Translator, tmp_path: Path) -> None:
    data_dir = tmp_path / "muestra"
    write_sample_journal(data_dir, today=TODAY)
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        (child,) = ctx.journal.list_children()
        assert child.name == "Bebé de ejemplo" != SAMPLE_CHILD_NAME
        assert child.id is not None
        rows = ctx.journal.recent_days(child.id)
        notes = {row.notes for row in rows} - {""}
        assert len(notes) >= 3
        assert notes.isdisjoint(SAMPLE_NOTES)  # not one English note left
        assert notes <= {spanish.gettext(note) for note in SAMPLE_NOTES}
        assert any(row.summary.startswith("atrás") for row in rows)  # "back x4" in Spanish
        assert any("boca abajo" in row.summary for row in rows)
        assert not any("tummy" in row.summary or "notes only" in row.summary for row in rows)
        with pytest.raises(ValidationFailed) as refused:
            ctx.journal.save_day(DayEntry(child_id=child.id, day=TODAY + timedelta(days=1)))
        assert "Solo se pueden guardar días hasta hoy" in str(refused.value)
    finally:
        ctx.close()


def test_child_checks_and_folder_permission_in_spanish(
    spanish: i18n.Translator, tmp_path: Path
) -> None:
    from journal_app.domain.validation import validate_child

    errors = validate_child(ChildProfile("Ma\u200eya", date(2026, 1, 1), None), TODAY)
    (message,) = [e.message for e in errors if e.field == "name"]
    assert "carácter de control invisible (U+200E)" in message
    denied = data_dir_problem(tmp_path / "j", PermissionError(13, "Permission denied"))
    assert "se ha denegado el permiso" in denied and "Permission denied" not in denied
    with i18n.speaking(i18n.translator_for("en")):
        errors = validate_child(ChildProfile("Ma\u200eya", date(2026, 1, 1), None), TODAY)
        assert "(U+200E left-to-right mark)" in errors[0].message


def test_a_language_without_guidance_file_reads_the_english_one() -> None:
    from journal_app.services.guidance_content import _content_for

    assert _content_for("fr").worried == _content_for("en").worried
    assert _content_for("es").worried != _content_for("en").worried
    assert _content_for("es") is _content_for("es")  # read once per language
