"""The summary fits on two pages: the sample journal's summary in Spanish and English, on A4 and
Letter, with and without photos and videos attached, read back with pypdf. Its sections are
numbered as they are present (no number skipped), and a period that does not fit is told as a
period problem, not as a problem with the file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from journal_app import i18n
from journal_app.domain.entries import ChildProfile
from journal_app.services.context import JournalContext
from journal_app.services.sample_journal import SAMPLE_DAYS, generate_journal
from journal_app.ui.printing.summary_pdf import (
    SummaryPeriodProblem,
    resolve_period,
    summary_document_for,
    write_document_pdf,
    write_summary_pdf,
)
from tests.helpers.cli import cli
from tests.helpers.constants import MAYA, TODAY
from tests.helpers.media_files import image_bytes, write
from tests.helpers.media_journal import clip

PAPERS = ("A4", "Letter")
#: The section headings of the sample journal's summary, numbered in order; with media the
#: photos and videos are the ninth.
HEADINGS = {
    "en": (
        "Worth discussing",
        "Questions for the doctor",
        "Milestones",
        "Movement styles in the period",
        "Charts",
        "Tummy time",
        "Warning signs logged",
        "Notes the parent chose to include",
        "Photos and videos",
    ),
    "es": (
        "Para comentar",
        "Preguntas para el médico",
        "Hitos",
        "Formas de moverse en el periodo",
        "Gráficos",
        "Tiempo boca abajo",
        "Señales de alerta anotadas",
        "Notas que los padres eligieron incluir",
        "Fotos y vídeos",
    ),
}
SOURCES = {"en": "Sources:", "es": "Fuentes:"}
CAPTIONS = ("First time on the new mat", "", "Crawling to grandma on the rug", "", "")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.setup("en", [])


@pytest.fixture
def sample(context: JournalContext) -> ChildProfile:
    """The sample journal as Help > Open Sample Journal writes it (about six months)."""
    (child,) = generate_journal(context, days=SAMPLE_DAYS, names=["Sample baby"])
    return child


def attach_media(context: JournalContext, child: ChildProfile, folder: Path) -> None:
    """Three photos and two videos on days of the period, some with a caption."""
    assert child.id is not None
    folder.mkdir()
    colours = ("#a03030", "#30a030", "#3030a0")
    files = [
        write(folder / f"p{n}.jpg", image_bytes("JPEG", color=c)) for n, c in enumerate(colours)
    ]
    files += [clip(folder / "c1.mp4", seed=2), clip(folder / "c2.mp4", seed=3)]
    for n, path in enumerate(files):
        report = context.media.attach(child.id, TODAY - timedelta(days=5 + 9 * n), [path])
        assert report.ok
        if CAPTIONS[n]:
            context.media.set_caption(report.added[0].uuid, CAPTIONS[n])


def pdf_pages(path: Path) -> list[str]:
    pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in PdfReader(path).pages]
    return [" ".join(text.split()) for text in pages]


@pytest.mark.parametrize("with_media", [False, True], ids=["no-media", "media"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_sample_journals_summary_fits_two_pages(
    qapp: QApplication,
    context: JournalContext,
    sample: ChildProfile,
    tmp_path: Path,
    language: str,
    paper: str,
    with_media: bool,
) -> None:
    if with_media:
        attach_media(context, sample, tmp_path / "media")
    assert sample.id is not None
    start, end = resolve_period(context, sample.id, None, None)
    page_size = QPageSize(getattr(QPageSize.PageSizeId, paper))
    _report, document = summary_document_for(
        context, sample, start, end, page_size=page_size, language=language
    )
    out = tmp_path / "summary.pdf"
    write_document_pdf(document, "summary", out, page_size)
    pages = pdf_pages(out)
    assert len(pages) == 2
    text = " ".join(pages)
    # Every section is there, numbered 1, 2, 3… in order; nothing was left out to fit.
    expected = HEADINGS[language][: 9 if with_media else 8]
    positions = [text.index(f"{n}. {title}") for n, title in enumerate(expected, 1)]
    assert positions == sorted(positions)
    assert SOURCES[language] in pages[1]
    if with_media:
        assert "First time on the new mat" in text and "Crawling to grandma on the rug" in text
        kept = {"en": "photos: 3; videos: 2", "es": "fotos: 3; vídeos: 2"}[language]
        assert kept in text
    else:
        assert (
            f"9. {HEADINGS[language][8]}" not in text and "8. " + HEADINGS[language][8] not in text
        )


def plain_text(context: JournalContext, child: ChildProfile, start: object, end: object) -> str:
    _report, document = summary_document_for(context, child, start, end)  # type: ignore[arg-type]
    try:
        return document.toPlainText()
    finally:
        document.deleteLater()


def test_an_empty_period_numbers_its_sections_without_a_gap(
    qapp: QApplication, context: JournalContext
) -> None:
    child = context.journal.save_child(MAYA)  # no days written: an empty summary
    text = plain_text(context, child, TODAY - timedelta(days=30), TODAY)
    assert "1. Worth discussing" in text and "2. Milestones" in text
    assert "3. Milestones" not in text and "Questions for the doctor" not in text


def test_photos_without_notes_take_the_next_number(
    qapp: QApplication, context: JournalContext, tmp_path: Path
) -> None:
    from journal_app.domain.entries import DayEntry

    i18n.setup("es", [])
    child = context.journal.save_child(MAYA)
    assert child.id is not None
    day = TODAY - timedelta(days=2)
    context.journal.save_day(DayEntry(child_id=child.id, day=day, tummy_minutes=20))
    folder = tmp_path / "m"
    folder.mkdir()
    context.media.attach(child.id, day, [write(folder / "a.png", image_bytes("PNG"))])
    text = plain_text(context, child, TODAY - timedelta(days=30), TODAY)
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert f"{numbers[-1]}. Fotos y vídeos" in text
    assert "Notas que los padres" not in text


def test_a_period_ending_in_the_future_is_a_period_problem(
    qapp: QApplication, context: JournalContext, sample: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "future.pdf"
    with pytest.raises(SummaryPeriodProblem) as raised:
        write_summary_pdf(context, sample, None, TODAY + timedelta(days=3), out)
    message = str(raised.value)
    assert message.startswith("The period ends")
    assert str(out) not in message and raised.value.filename is None
    assert not out.exists()


def test_the_command_tells_a_wrong_period_without_the_file_name(
    capsys: pytest.CaptureFixture[str], data_dir: Path, context: JournalContext, tmp_path: Path
) -> None:
    context.journal.save_child(MAYA)
    context.close()
    out = tmp_path / "fut.pdf"
    for period, opening in (
        (("--to", "2099-01-01"), "El periodo termina (1 ene 2099)"),
        (("--from", "2025-01-01"), "El periodo empieza (1 ene 2025) antes"),
    ):
        done = cli(
            capsys,
            data_dir,
            "--language",
            "es",
            "summary",
            "--child",
            "Maya",
            *period,
            "-o",
            str(out),
        )
        assert done.returncode == 1
        assert done.stderr.startswith(opening), done.stderr
        assert str(out) not in done.stderr
        assert not out.exists()
