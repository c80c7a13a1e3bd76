"""Dates, numbers, ages and paper size per language; English exactly as the app writes it today."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from journal_app.domain import ages, dates
from journal_app.i18n import translator_for
from journal_app.i18n_format import Formats, paper_size
from tests.helpers import english_shapes as legacy

DAY = date(2026, 12, 2)  # a Wednesday


@pytest.fixture(scope="module")
def en() -> Formats:
    return translator_for("en").formats


@pytest.fixture(scope="module")
def es() -> Formats:
    return translator_for("es").formats


# -- English: nothing changes when the app switches to these formatters -----------------------


def _days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


@pytest.mark.parametrize("locale", ["en", "en_US", "en_GB"])
def test_english_dates_are_exactly_todays(locale: str) -> None:
    formats = translator_for(locale).formats
    for day in _days(date(2027, 1, 1), 366):  # every month and weekday, a leap day among them
        assert formats.date(day) == dates.format_date(day) == legacy.date_(day)
        assert formats.day_month(day) == dates.format_day_month(day) == legacy.day_month(day)
        assert formats.short_weekday(day) == legacy.short_weekday(day)
        assert dates.format_short_weekday(day) == legacy.short_weekday(day)
        assert formats.weekday_date(day) == dates.format_weekday_date(day)
        assert formats.weekday_date(day) == legacy.weekday_date(day)
        assert formats.weekday_date(day, year=False) == dates.format_weekday_date(day, year=False)
        assert formats.weekday_date(day, year=False) == legacy.weekday_date(day, year=False)
        assert formats.long_date(day) == dates.describe_date(day) == legacy.long_date(day)
    moment = datetime(2026, 3, 15, 8, 5, 7)
    assert formats.date_time(moment) == dates.format_date_time(moment) == "15 Mar 2026 08:05"
    assert formats.date_time(moment, seconds=True) == dates.format_date_time(moment, seconds=True)
    assert formats.date_time(moment, seconds=True) == legacy.date_time(moment, seconds=True)


def test_english_ages_are_exactly_todays(en: Formats) -> None:
    birth = date(2024, 2, 29)
    for day in _days(birth - timedelta(days=3), 1200):
        age = ages.age_between(birth, day)
        assert en.age(age) == age.describe() == legacy.age(age)


def test_english_corrected_ages_are_todays_except_one_week(en: Formats) -> None:
    birth, due = date(2026, 1, 10), date(2026, 3, 7)  # born at 32 weeks
    for day in _days(birth, 800):
        child = ages.child_age(birth, due, day)
        expected = legacy.child_age(child)
        assert en.child_age(child) == child.describe()
        if child.corrected is not None and -child.corrected.total_days // 7 == 1:
            # Today's "1 weeks before the due date" becomes "1 week before the due date".
            expected = expected.replace("1 weeks", "1 week")
        assert en.child_age(child) == expected


def test_english_gestation_matches_except_one_day(en: Formats) -> None:
    birth = date(2026, 1, 10)
    for days_early in range(0, 120):
        due = birth + timedelta(days=days_early)
        weeks, days = divmod(ages.gestation_days_at_birth(birth, due), 7)
        expected = legacy.gestation(weeks, days).replace(" 1 days", " 1 day")
        assert en.gestation(weeks, days) == expected == ages.describe_gestation(birth, due)


@pytest.mark.parametrize("value", [3.8, 13.5, 0.05, 2.675, 1.25, 16.9, 4.3, 100.0, 12.349])
def test_english_decimals_round_as_python_does(en: Formats, value: float) -> None:
    for decimals in (0, 1, 2):
        assert en.number(value, decimals) == f"{value:.{decimals}f}"


# -- Spanish: the examples ------------------------------------------------------------


def test_spanish_dates(es: Formats) -> None:
    assert es.date(DAY) == "2 dic 2026"
    assert es.day_month(DAY) == "2 dic"
    assert es.short_weekday(DAY) == "mié, 2 dic"
    assert es.weekday_date(DAY) == "miércoles, 2 de diciembre de 2026"
    assert es.weekday_date(DAY, year=False) == "miércoles, 2 de diciembre"
    assert es.long_date(DAY) == "2 de diciembre de 2026"
    assert es.month_year(DAY) == "dic 2026"
    assert es.date(date(2026, 9, 5)) == "5 sept 2026"
    assert es.date_time(datetime(2026, 3, 15, 18, 5, 7)) == "15 mar 2026 18:05"
    assert es.date_time(datetime(2026, 3, 15, 18, 5, 7), seconds=True) == "15 mar 2026 18:05:07"


def test_english_chart_axis_month(en: Formats) -> None:
    assert en.month_year(DAY) == "Dec 2026"


def test_spanish_numbers_use_the_decimal_comma(es: Formats) -> None:
    assert es.number(3.8) == "3,8"
    assert es.number(13.5) == "13,5"
    assert es.number(4.3) == "4,3"
    assert es.number(30, 0) == "30"
    assert es.months(3.8) == "3,8 meses"
    assert es.integer(816) == "816"


def test_spanish_ages_and_plurals(es: Formats) -> None:
    assert es.age(ages.age_between(date(2026, 2, 20), DAY)) == "9 meses y 12 días"
    assert es.days(1) == "1 día"
    assert es.days(3) == "3 días"
    assert es.days(0) == "0 días"
    assert es.age(ages.Age(1, 0, 30)) == "1 mes"
    assert es.age(ages.Age(0, 1, 1)) == "1 día"
    assert es.age(ages.Age(14, 4, 430)) == "1 año, 2 meses y 4 días"
    assert es.age(ages.Age(24, 0, 731)) == "2 años"
    assert es.age(ages.Age(0, 0, -3)) == "aún no ha nacido"
    assert es.weeks(1) == "1 semana"
    assert es.gestation(32, 3) == "32 semanas y 3 días"
    assert es.gestation(32, 0) == "32 semanas"


def test_spanish_corrected_age(es: Formats) -> None:
    birth, due = date(2026, 1, 10), date(2026, 3, 7)
    child = ages.child_age(birth, due, date(2026, 6, 20))
    assert child.corrected is not None
    assert es.child_age(child) == "5 meses y 10 días; edad corregida: 3 meses y 13 días"
    early = ages.child_age(birth, due, date(2026, 2, 1))
    assert es.child_age(early) == (
        "22 días; edad corregida: 4 semanas antes de la fecha prevista de parto"
    )


def test_a_regional_spanish_locale_formats_too() -> None:
    mexico = translator_for("es_MX").formats
    assert mexico.number(3.8) == "3.8"  # Mexico writes a decimal point, as CLDR says
    assert mexico.age(ages.Age(9, 12, 286)) == "9 meses y 12 días"


# -- paper ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "size"),
    [
        ("en_US", "Letter"),
        ("es_US", "Letter"),
        ("en_CA", "Letter"),
        ("fr_CA", "Letter"),
        ("es_MX", "Letter"),
        ("en_PH", "Letter"),
        ("es_CO", "Letter"),
        ("es_CL", "Letter"),
        ("es_ES", "A4"),
        ("es_AR", "A4"),
        ("en_GB", "A4"),
        ("en_AU", "A4"),
        ("de_DE", "A4"),
        ("es", "A4"),  # a bare language: its most likely country (Spain)
        ("en", "Letter"),  # (the United States)
    ],
)
def test_paper_size_follows_the_locale(locale: str, size: str) -> None:
    assert paper_size(locale) == size


def test_a_translators_paper_follows_its_locale() -> None:
    assert translator_for("es_MX").formats.paper_size == "Letter"
    assert translator_for("es_ES").formats.paper_size == "A4"
    assert translator_for("en_GB").formats.paper_size == "A4"
    assert translator_for("en_US").formats.paper_size == "Letter"
