"""The doctor-visit summary on paper: the PDF read back with pypdf, the preview, the dialogs."""

from __future__ import annotations

import os
import re
import resource
import signal
import threading
import time
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase, QPageSize
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from journal_app import __version__
from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import Milestone, MovementStyle, Side, WarningSign
from journal_app.services.context import JournalContext
from journal_app.ui.dialogs import summary_dialog
from journal_app.ui.dialogs.summary_dialog import (
    SummaryPeriodDialog,
    export_summary_pdf_dialog,
    print_summary_dialog,
)
from journal_app.ui.printing import summary_pdf
from journal_app.ui.printing.summary_document import (
    CHART_PRINT_WIDTH_INCHES,
    locale_page_size,
)
from journal_app.ui.printing.summary_pdf import (
    SummaryExportError,
    summary_document_for,
    write_document_pdf,
    write_summary_pdf,
)
from tests.helpers.constants import TODAY
from tests.helpers.qt import when_modal

#: File modes, signals, mounts or links that only POSIX systems have.
pytestmark = pytest.mark.posix

B, F = MovementStyle.BACKWARD, MovementStyle.FORWARD
START, END = date(2026, 8, 23), TODAY
INJECTED = "<img src=x> then </table> and <script>alert(1)</script>"
LONG_WORD = "wriggle" * 120


def save(ctx: JournalContext, child_id: int, day: date, **kwargs: object) -> None:
    ctx.journal.save_day(DayEntry(child_id=child_id, day=day, **kwargs))  # type: ignore[arg-type]


@pytest.fixture
def leo(context: JournalContext) -> ChildProfile:
    """Leo Łukasz, born 1 Dec 2025 at 32 weeks, with three months of journal up to TODAY."""
    child = context.journal.save_child(
        ChildProfile("Leo Łukasz", date(2025, 12, 1), date(2026, 1, 26))
    )
    assert child.id is not None
    cid = child.id
    save(context, cid, date(2026, 7, 1), milestones=[Milestone.SITTING_WITHOUT_SUPPORT])
    for offset in range(0, 92, 2):
        day = date.fromordinal(TODAY.toordinal() - offset)
        movements = {B: MovementCount(2 + offset % 3)}
        if offset < 30:
            movements[F] = MovementCount(3, 10)
        save(context, cid, day, movements=movements, tummy_minutes=20 + offset % 20)
    save(context, cid, date(2026, 11, 1), movements={F: MovementCount(4)},
         milestones=[Milestone.HANDS_AND_KNEES_CRAWLING], tummy_minutes=35)  # fmt: skip
    save(context, cid, date(2026, 11, 13), movements={B: MovementCount(1)},
         warning_signs=[WarningSignEntry(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT, INJECTED)],
         questions="Is crawling backwards at 11 months fine? Бабушка asks too 😄",
         notes=f"Long note: {LONG_WORD} — 小明 on the rug", notes_in_summary=True)  # fmt: skip
    return child


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, ligatures undone (NFKC), whitespace runs collapsed to one space and
    none kept after a hyphen (where a cell's text may wrap)."""
    pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in PdfReader(path).pages]
    return [re.sub(r"-\s+", "-", " ".join(text.split())) for text in pages]


def test_pdf_shows_every_section_in_order(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, leo, START, END, out)
    pages = pdf_pages(out)
    assert 1 <= len(pages) <= 3
    text = " ".join(pages)
    facts = [
        "Leo Łukasz",
        "1 Dec 2025",  # birth date
        "32 weeks",  # gestational age at birth
        "11 months 22 days",  # age on the summary date
        "corrected: 9 months 28 days",
        "23 Aug 2026 – 23 Nov 2026",  # the period
        f"made with Crawl Journal {__version__}",
        "1. Worth discussing",
        "Uses one side more than the other",  # the flag raised by the warning sign
        "2. Questions for the doctor",
        "Is crawling backwards at 11 months fine?",
        "Бабушка",
        "3. Milestones",
        "Sits without support",
        "WHO: 3.8–9.2 months",
        "Crawls on hands and knees",
        "1 Nov 2026",
        "4. Movement styles in the period",
        "Backward crawling",
        "Forward hands-and-knees crawling",
        "5. Charts",
        "6. Tummy time",
        "7. Warning signs logged",
        "13 Nov 2026",
        "Left side used less",  # what the side means for one-sidedness
        "8. Notes the parent chose to include",
        "Long note:",
        "Sources:",
    ]
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems():
        facts.insert(-1, "小明")  # printed only where a font with Chinese glyphs is installed
    for fact in facts:
        assert fact in text, fact
    headings = [text.index(fact) for fact in facts if re.match(r"\d\. ", fact)]
    assert len(headings) == 8 and headings == sorted(headings)
    assert "talk to your child's doctor" in pages[0]  # what the summary is, on page 1
    # The movement table: backward crawling on 45 days, 132 episodes; forward crawling new.
    assert "Backward crawling 45 132" in text
    forward = "Forward hands-and-knees crawling 14 43 130 26 Oct 23 Nov 0 → 14 new in the second"
    assert forward in text


def test_footer_on_every_page(context: JournalContext, leo: ChildProfile, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, leo, START, END, out)
    pages = pdf_pages(out)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Leo Łukasz" in page
        assert "a parent's record, not a clinical assessment" in page


def test_typed_markup_prints_literally_and_long_notes_wrap(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, leo, START, END, out)
    text = " ".join(pdf_pages(out))
    squeezed = "".join(text.split())
    assert "".join(INJECTED.split()) in squeezed
    # The long word is all there, wrapped over several lines rather than cut off.
    assert LONG_WORD in squeezed
    # Nothing after the injected "</table>" was swallowed.
    assert text.index("Long note:") > text.index("alert(1)")
    assert "Sources: WHO Multicentre Growth Reference Study Group" in text


def test_charts_are_sharp_images(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, leo, START, END, out)
    widths = []
    for page in PdfReader(out).pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/XObject", {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                widths.append(int(obj["/Width"]))
    # Colour emoji in the parent's text print as small images too (where such a font exists).
    charts = [width for width in widths if width >= 1000]
    assert len(charts) == 2
    assert all(width / CHART_PRINT_WIDTH_INCHES >= 200 for width in charts)


def test_empty_period_gives_a_short_useful_summary(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    out = tmp_path / "empty.pdf"
    write_summary_pdf(context, leo, date(2026, 1, 1), date(2026, 1, 31), out)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = pages[0]
    assert "No journal entries in this period (1 Jan 2026 – 31 Jan 2026)" in text
    assert "Leo Łukasz" in text and "Sits without support" in text
    assert "3. Movement styles" not in text
    assert "Page 1 of 1" in text


def test_default_period_and_summary_recorded(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    assert leo.id is not None
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, leo, None, date(2026, 10, 31), out)
    assert "23 Aug 2026 – 31 Oct 2026" in pdf_pages(out)[0]
    # The next summary starts where this one ended.
    assert context.summary.default_period(leo.id) == (date(2026, 11, 1), TODAY)


def _unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes anywhere chmod allows; /sys refuses new files even to root
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_unwritable_folder_gives_a_clear_error_and_no_file(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    folder = _unwritable_folder(tmp_path)
    before = sorted(os.listdir(folder))
    with pytest.raises(SummaryExportError) as caught:
        write_summary_pdf(context, leo, START, END, folder / "summary.pdf")
    assert "could not be saved" in str(caught.value)
    assert str(folder) in str(caught.value)
    assert sorted(os.listdir(folder)) == before
    assert leo.id is not None
    assert context.summary.default_period(leo.id) == (START, TODAY)  # not recorded as made


def test_a_full_disk_gives_a_clear_error_and_no_file(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    """Writes past 20 KB fail for real (a file-size limit, as a full disk or a quota would):
    Qt does not say so, the summary must."""
    _report, document = summary_document_for(context, leo, START, END)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, hard))
    try:
        with pytest.raises(SummaryExportError, match="the disk may be full"):
            write_document_pdf(document, "t", folder / "summary.pdf")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
    assert os.listdir(folder) == []


def test_missing_folder_gives_a_clear_error(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    with pytest.raises(SummaryExportError, match="does not exist"):
        write_summary_pdf(context, leo, START, END, tmp_path / "nowhere" / "summary.pdf")


def test_existing_file_is_replaced_whole_and_no_temp_file_stays(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    (tmp_path / "pdfs").mkdir()
    out = tmp_path / "pdfs" / "summary.pdf"
    out.write_bytes(b"old")
    write_summary_pdf(context, leo, START, END, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert os.listdir(out.parent) == ["summary.pdf"]
    assert (out.stat().st_mode & 0o777) == 0o600  # a child's health record: private


def test_paper_size_follows_the_locale() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert locale_page_size(us).id() == QPageSize.PageSizeId.Letter
    assert locale_page_size(germany).id() == QPageSize.PageSizeId.A4


@pytest.mark.parametrize(
    ("size", "points"),
    [(QPageSize.PageSizeId.Letter, (612, 792)), (QPageSize.PageSizeId.A4, (595, 842))],
)
def test_letter_and_a4_both_lay_out(
    context: JournalContext,
    leo: ChildProfile,
    tmp_path: Path,
    size: QPageSize.PageSizeId,
    points: tuple[int, int],
) -> None:
    out = tmp_path / "summary.pdf"
    _report, document = summary_document_for(context, leo, START, END, QPageSize(size))
    write_document_pdf(document, "t", out, QPageSize(size))
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in pdf_pages(out)[-1]


def test_three_months_of_a_two_year_journal_is_quick(
    context: JournalContext, tmp_path: Path
) -> None:
    from journal_app.services.sample_journal import generate_journal

    (child,) = generate_journal(context, days=730, seed=3, names=["Maya"])
    write_summary_pdf(context, child, date(2026, 1, 1), date(2026, 1, 31), tmp_path / "w.pdf")
    started = time.perf_counter()
    write_summary_pdf(context, child, START, END, tmp_path / "summary.pdf")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.5, f"{elapsed:.2f} s"
    assert 1 <= len(PdfReader(tmp_path / "summary.pdf").pages) <= 3


# -- the dialogs ----------------------------------------------------------------------------------


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_print_preview_opens_and_renders_pages(
    qtbot: QtBot, parent: QWidget, context: JournalContext, leo: ChildProfile
) -> None:
    seen: dict[str, object] = {}

    def inspect_preview(preview: QWidget) -> None:
        assert isinstance(preview, QPrintPreviewDialog)
        try:
            widget = preview.findChild(QPrintPreviewWidget)
            assert widget is not None
            if widget.pageCount() == 0:
                widget.updatePreview()
            seen["pages"] = widget.pageCount()
            seen["title"] = preview.windowTitle()
        finally:
            preview.reject()

    def choose_period(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryPeriodDialog)
        seen["child"] = dialog.child_box.currentText()
        seen["period"] = dialog.period()
        when_modal(QPrintPreviewDialog, inspect_preview)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(SummaryPeriodDialog, choose_period)
    print_summary_dialog(parent, context, leo.id)
    assert seen["child"] == "Leo Łukasz"
    assert seen["period"] == (START, TODAY)
    assert isinstance(seen["pages"], int) and 1 <= seen["pages"] <= 3
    assert "Leo Łukasz" in str(seen["title"])
    assert leo.id is not None
    # Closed without printing: not recorded as made.
    assert context.summary.default_period(leo.id) == (START, TODAY)


def test_period_dialog_follows_the_child_and_refuses_a_backwards_period(
    qtbot: QtBot, parent: QWidget, context: JournalContext, leo: ChildProfile
) -> None:
    baby = context.journal.save_child(ChildProfile("Ava", date(2026, 10, 1)))
    dialog = SummaryPeriodDialog(context, context.journal.list_children(), leo.id, "OK", parent)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.child_box.currentText() == "Leo Łukasz"
    qtbot.keyClick(dialog.child_box, Qt.Key.Key_Home)  # Ava comes first by name
    assert dialog.child().id == baby.id
    assert dialog.period() == (date(2026, 10, 1), TODAY)  # not before Ava's birth
    dialog.start_edit.setFocus()
    dialog.start_edit.setDate(dialog.end_edit.date())
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Down)  # one day back: now before the start
    assert dialog.period()[1] < dialog.period()[0]
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.isVisibleTo(dialog)


def test_export_dialog_writes_the_pdf(
    qtbot: QtBot,
    parent: QWidget,
    context: JournalContext,
    leo: ChildProfile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "chosen.pdf"
    asked: list[Path] = []

    def choose(_parent: QWidget, suggested: Path) -> Path:
        asked.append(suggested)
        return out

    monkeypatch.setattr(summary_dialog, "choose_pdf_path", choose)
    prepared_on_main_thread: list[bool] = []
    real_prepare = summary_pdf.prepare_summary

    def prepare_and_note_the_thread(*args: Any) -> Any:
        prepared_on_main_thread.append(threading.current_thread() is threading.main_thread())
        return real_prepare(*args)

    monkeypatch.setattr(summary_pdf, "prepare_summary", prepare_and_note_the_thread)
    when_modal(
        SummaryPeriodDialog,
        lambda d: qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton),  # type: ignore
    )
    export_summary_pdf_dialog(parent, context, leo.id)
    assert prepared_on_main_thread == [False]  # the report and charts were made on a worker
    assert asked and asked[0].name == "Leo Łukasz movement summary 2026-11-23.pdf"
    assert "Page 1 of" in pdf_pages(out)[0]
    assert leo.id is not None
    assert context.summary.default_period(leo.id) == (START, TODAY)  # same day: same period


def test_export_dialog_shows_why_the_pdf_was_not_saved(
    qtbot: QtBot,
    parent: QWidget,
    context: JournalContext,
    leo: ChildProfile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = _unwritable_folder(tmp_path) / "summary.pdf"
    monkeypatch.setattr(summary_dialog, "choose_pdf_path", lambda _p, _s: target)
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    def choose_period(dialog: QWidget) -> None:
        when_modal(QMessageBox, read_and_close)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    when_modal(SummaryPeriodDialog, choose_period)
    export_summary_pdf_dialog(parent, context, leo.id)
    assert len(messages) == 1
    assert "could not be saved" in messages[0]
    assert not target.exists()


def test_no_child_yet_says_so(qtbot: QtBot, parent: QWidget, context: JournalContext) -> None:
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    print_summary_dialog(parent, context, None)
    assert messages and "Add a child first" in messages[0]


def test_a_page_range_prints_only_those_pages(
    context: JournalContext, leo: ChildProfile, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from journal_app.ui.printing.painting import print_document
    from journal_app.ui.printing.summary_document import summary_page_layout

    _report, document = summary_document_for(context, leo, START, END)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "page2.pdf"))
    printer.setPageLayout(summary_page_layout())
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    print_document(document, printer)
    del printer
    pages = pdf_pages(tmp_path / "page2.pdf")
    assert len(pages) == 1
    assert re.search(r"Page 2 of [23]", pages[0])


def test_file_menu_print_summary_opens_for_the_current_child(qtbot: QtBot, window: Any) -> None:
    seen: list[str] = []

    def look_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryPeriodDialog)
        seen.append(dialog.child_box.currentText())
        dialog.reject()

    when_modal(SummaryPeriodDialog, look_and_cancel)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Maya"]
