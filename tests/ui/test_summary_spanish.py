"""The doctor's summary in the doctor's language: the Spanish PDF read back with pypdf, an English
summary made while the app speaks Spanish, the footer painted in the summary's language, the
print dialog's language choice, and the Spanish summary of an ordinary journal on two pages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal_app import i18n
from journal_app.domain.entries import ChildProfile
from journal_app.services.context import JournalContext
from journal_app.services.sample_journal import generate_journal
from journal_app.ui.dialogs import summary_dialog
from journal_app.ui.dialogs.summary_dialog import SummaryPeriodDialog, export_summary_pdf_dialog
from journal_app.ui.printing.pagination import keep_rows_together
from journal_app.ui.printing.painting import print_document
from journal_app.ui.printing.summary_document import build_summary_document, summary_page_layout
from journal_app.ui.printing.summary_pdf import (
    prepare_summary,
    summary_document_for,
    write_document_pdf,
    write_summary_pdf,
    write_summary_pdf_headless,
)
from tests.helpers.constants import TODAY
from tests.helpers.qt import when_modal

START = TODAY - timedelta(days=91)
PAPERS = {
    "A4": QPageSize(QPageSize.PageSizeId.A4),
    "Letter": QPageSize(QPageSize.PageSizeId.Letter),
}
#: A Spanish short date as the summary prints it, never wrapped: "2 dic", "23 nov 2026", "1 sept".
SPANISH_DATE = re.compile(r"\d{1,2}\u00a0[a-z]{3,4}\.?(\u00a0\d{4})?")
#: What an English summary says that a Spanish one must not.
ENGLISH_HEADINGS = ("MOVEMENT SUMMARY FOR THE DOCTOR", "1. Worth discussing", "3. Milestones")
SPANISH_HEADINGS = (
    "RESUMEN DEL MOVIMIENTO PARA EL MÉDICO",
    "1. Para comentar",
    "2. Preguntas para el médico",
    "3. Hitos",
    "4. Formas de moverse en el periodo",
    "5. Gráficos",
    "6. Tiempo boca abajo",
)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """A test may make the app speak Spanish; the next one starts in English again."""
    yield
    i18n.setup("en", [])


@pytest.fixture
def two_years(context: JournalContext) -> ChildProfile:
    """The long sample journal: two years of entries up to TODAY."""
    (child,) = generate_journal(context, days=730, seed=3)
    return child


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, ligatures undone, whitespace runs as one space, none after a hyphen."""
    pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in PdfReader(path).pages]
    return [re.sub(r"-\s+", "-", " ".join(text.split())) for text in pages]


def test_the_spanish_summary_reads_in_spanish(
    context: JournalContext, two_years: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "resumen.pdf"
    # The command line's path (crawl-journal summary --language es), from an English app.
    write_summary_pdf_headless(context, two_years, START, TODAY, out, language="es")
    pages = pdf_pages(out)
    text = " ".join(pages)
    positions = [text.index(heading) for heading in SPANISH_HEADINGS]
    assert positions == sorted(positions)
    assert [f"Página {n} de {len(pages)}" in page for n, page in enumerate(pages, 1)] == [
        True
    ] * len(pages)
    assert "23 nov 2026" in text  # the day it was made, as formats() writes it
    # The WHO windows exactly as published, with the decimal comma.
    assert "OMS: 3,8–9,2 meses" in text  # sitting without support
    assert "OMS: 5,2–13,5 meses" in text  # hands-and-knees crawling
    assert "Fuentes:" in pages[-1] and "«Aprenda los signos. Reaccione pronto.»" in pages[-1]
    for english in (*ENGLISH_HEADINGS, "Page 1 of", "WHO: 3.8", "Sources:", "made with"):
        assert english not in text
    assert re.search(r"\d\.\d meses", text) is None  # no decimal point in a Spanish figure
    assert two_years.id is not None
    # Made like any summary: the next one starts after it.
    assert context.summary.default_period(two_years.id) == (START, TODAY)


def test_an_english_summary_while_the_app_speaks_spanish(
    context: JournalContext, two_years: ChildProfile, tmp_path: Path
) -> None:
    i18n.setup("es", [])
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, two_years, START, TODAY, out, language="en")
    text = " ".join(pdf_pages(out))
    for english in (*ENGLISH_HEADINGS, "Page 1 of 2", "WHO: 3.8–9.2 months", "23 Nov 2026"):
        assert english in text
    for spanish in (*SPANISH_HEADINGS, "Página", "OMS", "meses"):
        assert spanish not in text
    assert i18n.current().language == "es"  # the app still speaks Spanish


def test_a_period_problem_is_told_in_the_apps_language(
    context: JournalContext, two_years: ChildProfile
) -> None:
    from journal_app.services.summary import SummaryPeriodError

    i18n.setup("es", [])
    with pytest.raises(SummaryPeriodError) as raised:
        prepare_summary(context, two_years, TODAY, START, "en")  # backwards
    assert str(raised.value) == (
        f"El periodo empieza (23 nov 2026) después de la fecha en que termina "
        f"({i18n.formats().date(START)})."
    )


def test_the_footer_is_painted_in_the_summarys_language(
    context: JournalContext, two_years: ChildProfile, tmp_path: Path
) -> None:
    """The preview paints pages later, outside the block that built the document."""
    _report, document = summary_document_for(context, two_years, START, TODAY, language="es")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    printer.setPageLayout(summary_page_layout())
    assert i18n.current().language == "en"
    print_document(document, printer)
    del printer
    pages = pdf_pages(tmp_path / "preview.pdf")
    assert "Página 1 de 2" in pages[0] and "Página 2 de 2" in pages[1]
    assert "lo que anotan los padres, no una evaluación clínica" in pages[0]
    document.deleteLater()


@pytest.mark.parametrize("paper", PAPERS)
def test_the_spanish_summary_of_an_ordinary_journal_fits_on_two_pages(
    context: JournalContext, two_years: ChildProfile, paper: str, tmp_path: Path
) -> None:
    prepared = prepare_summary(context, two_years, START, TODAY, "es")
    with i18n.speaking(i18n.translator_for("es")):
        document = build_summary_document(*prepared, page_size=PAPERS[paper])
    out = tmp_path / f"{paper}.pdf"
    write_document_pdf(document, "resumen", out, PAPERS[paper])
    pages = pdf_pages(out)
    assert len(pages) == 2, [p[:80] for p in pages]
    first = pages[0]
    order = ["RESUMEN DEL MOVIMIENTO", "días anotados desde el", "1. Para comentar",
             "2. Preguntas para el médico", "3. Hitos"]  # fmt: skip
    positions = [first.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Fuentes:" in pages[-1]


def test_no_spanish_heading_ends_a_page_and_no_spanish_date_wraps(
    context: JournalContext, two_years: ChildProfile
) -> None:
    prepared = prepare_summary(context, two_years, START, TODAY, "es")
    with i18n.speaking(i18n.translator_for("es")):
        document = build_summary_document(*prepared, page_size=PAPERS["A4"])
    keep_rows_together(document)
    layout = document.documentLayout()
    height = document.pageSize().height()
    block = document.begin()
    headings = dates = 0
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if block.blockFormat().headingLevel() > 0 and block.next().isValid():
            headings += 1
            after = layout.blockBoundingRect(block.next())
            first_line = after.top() + (block.next().layout().lineAt(0).height() or 1)
            assert rect.top() // height == first_line // height, block.text()
        for match in SPANISH_DATE.finditer(block.text()):
            dates += 1
            text_layout = block.layout()
            start = text_layout.lineForTextPosition(match.start()).lineNumber()
            end = text_layout.lineForTextPosition(match.end() - 1).lineNumber()
            assert start == end, f"{match.group()!r} wraps in {block.text()!r}"
        block = block.next()
    assert headings >= 7 and dates > 20


# -- the print dialog's language choice ----------------------------------------------------------


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_language_choice_names_each_language_in_itself_and_starts_as_the_apps(
    qtbot: QtBot, parent: QWidget, context: JournalContext, child: ChildProfile
) -> None:
    i18n.setup("es", [])
    dialog = SummaryPeriodDialog(context, [child], child.id, "OK", parent)
    qtbot.addWidget(dialog)
    box = dialog.language_box
    names = [box.itemText(i) for i in range(box.count())]
    assert names == ["English", "Español"]
    assert dialog.language() == "es"
    assert box.accessibleName()
    i18n.setup("en", [])
    english = SummaryPeriodDialog(context, [child], child.id, "OK", parent)
    qtbot.addWidget(english)
    assert english.language() == "en"


@pytest.mark.parametrize(
    ("app", "chosen", "expected", "absent"),
    [
        ("en", "Español", "Página 1 de", "Page 1 of"),
        ("es", "English", "Page 1 of", "Página"),
    ],
)
def test_the_dialogs_choice_gives_the_summary_in_that_language(
    qtbot: QtBot,
    parent: QWidget,
    context: JournalContext,
    two_years: ChildProfile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    app: str,
    chosen: str,
    expected: str,
    absent: str,
) -> None:
    i18n.setup(app, [])
    out = tmp_path / "chosen.pdf"
    monkeypatch.setattr(summary_dialog, "choose_pdf_path", lambda _parent, _suggested: out)

    def choose_language(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryPeriodDialog)
        box = dialog.language_box
        box.setFocus()
        # As a keyboard user does: Home, then down to the language.
        qtbot.keyClick(box, Qt.Key.Key_Home)
        while box.currentText() != chosen:
            qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(SummaryPeriodDialog, choose_language)
    export_summary_pdf_dialog(parent, context, two_years.id)
    text = " ".join(pdf_pages(out))
    assert expected in text and absent not in text
    assert i18n.current().language == app


def test_a_summary_in_the_shipped_languages_only(
    context: JournalContext, two_years: ChildProfile, tmp_path: Path
) -> None:
    """A code without a catalogue (the CLI validates codes first) gives the English summary."""
    out = tmp_path / "xx.pdf"
    write_summary_pdf(context, two_years, TODAY - timedelta(days=6), TODAY, out, language="xx")
    assert "Page 1 of" in pdf_pages(out)[0]


def test_a_spanish_summary_of_an_empty_period(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "vacio.pdf"
    write_summary_pdf(context, child, date(2026, 11, 1), TODAY, out, language="es")
    text = " ".join(pdf_pages(out))
    assert "No hay entradas del diario en este periodo (1 nov 2026 – 23 nov 2026)." in text
    assert "Página 1 de 1" in text


def test_the_print_preview_of_a_spanish_summary(
    qtbot: QtBot, parent: QWidget, context: JournalContext, two_years: ChildProfile
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    seen: dict[str, object] = {}

    def inspect_preview(preview: QWidget) -> None:
        assert isinstance(preview, QPrintPreviewDialog)
        try:
            widget = preview.findChild(QPrintPreviewWidget)
            assert widget is not None
            if widget.pageCount() == 0:
                widget.updatePreview()
            seen["pages"] = widget.pageCount()
            seen["document"] = preview.printer().docName()
        finally:
            preview.reject()

    def choose_spanish(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryPeriodDialog)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("es"))
        when_modal(QPrintPreviewDialog, inspect_preview)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(SummaryPeriodDialog, choose_spanish)
    summary_dialog.print_summary_dialog(parent, context, two_years.id)
    assert seen["pages"] == 2
    assert str(seen["document"]).startswith(f"Resumen de Crawl Journal: {two_years.name}, ")
    assert i18n.current().language == "en"


def test_the_paper_follows_the_systems_locale_not_the_language(qapp: object) -> None:
    from PySide6.QtCore import QLocale

    from journal_app import i18n_qt
    from journal_app.i18n_format import paper_size
    from journal_app.ui.printing.summary_document import locale_page_size

    letter, a4 = QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.A4
    assert locale_page_size("es_MX").id() == letter
    assert locale_page_size("es_ES").id() == a4
    assert locale_page_size("en_US").id() == letter
    assert locale_page_size("en_GB").id() == a4
    previous = QLocale()
    # The app speaking Mexican Spanish (QLocale's default follows it) does not change the paper.
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    try:
        expected = letter if paper_size(i18n_qt.system_locale()) == "Letter" else a4
        assert locale_page_size().id() == expected
        assert summary_page_layout().pageSize().id() == expected
    finally:
        QLocale.setDefault(previous)


def test_the_summary_in_the_apps_language_keeps_its_country_formats() -> None:
    from journal_app.ui.printing.summary_pdf import summary_translator

    i18n.setup("es_MX", [])
    assert summary_translator("es") is i18n.current()
    assert summary_translator(None).formats.number(3.8) == "3.8"  # Mexico writes the point
    assert summary_translator("es_ES").formats.number(3.8) == "3,8"
    assert summary_translator("en").language == "en"
