"""The summary's photos and videos (the period's media by date, kind and caption; chosen photos
printed small) and File > Prepare for the Visit (the PDF and the chosen files, private)."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from journal_app.domain.entries import DayEntry, MovementCount
from journal_app.domain.enums import MovementStyle
from journal_app.ui.dialogs import prepare_visit as visit_dialog
from journal_app.ui.dialogs.prepare_visit import PrepareVisitDialog
from journal_app.ui.printing.summary_media import MAX_LISTED
from journal_app.ui.printing.summary_pdf import write_summary_pdf
from tests.helpers.constants import TODAY
from tests.helpers.media_files import ftyp_box, image_bytes, write
from tests.helpers.qt import when_modal


def _days(context, child_id: int, n: int = 20) -> None:
    for i in range(n):
        context.journal.save_day(
            DayEntry(
                child_id, TODAY - timedelta(days=i), {MovementStyle.BACKWARD: MovementCount(2)}
            )
        )


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def _images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def test_the_summary_lists_the_periods_media_by_date_kind_and_caption(
    qapp, context, child, tmp_path: Path
) -> None:
    _days(context, child.id)
    photo = write(tmp_path / "rug.png", image_bytes("PNG", 300, 200))
    clip = write(tmp_path / "crawl.mov", ftyp_box(b"qt  ") + b"\0" * 100)
    media = context.media
    added = media.attach(child.id, TODAY - timedelta(days=3), [photo, clip]).added
    media.set_caption(added[1].uuid, "left knee trails behind")
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, child, TODAY - timedelta(days=30), TODAY, out)
    text = _text(out)
    assert "Photos and videos" in text
    assert "left knee trails behind" in text
    assert "Video" in text and "Photo" in text
    assert "photos: 1; videos: 1" in text


def test_a_long_list_says_where_it_stops(qapp, context, child, tmp_path: Path) -> None:
    _days(context, child.id)
    for i in range(MAX_LISTED + 3):
        f = write(tmp_path / f"p{i}.png", image_bytes("PNG", 20, 20, f"#{i * 10 + 20:02x}3050"))
        context.media.attach(child.id, TODAY - timedelta(days=i), [f])
    out = tmp_path / "summary.pdf"
    write_summary_pdf(context, child, TODAY - timedelta(days=30), TODAY, out)
    text = _text(out)
    assert f"The first {MAX_LISTED} are listed; 3 more are in the journal" in text


def _visit(
    qtbot,
    window,
    where: Path,
    monkeypatch,
    tick_photo: bool,
    as_zip: bool = False,
    language: str | None = None,
) -> Path:
    monkeypatch.setattr(visit_dialog, "choose_parent_folder", lambda _parent: where)

    def choose(dialog: PrepareVisitDialog) -> None:
        from PySide6.QtCore import Qt

        for i in range(dialog.media_list.count()):
            row = dialog.media_list.item(i)
            if "Photo" in row.text() and not tick_photo:
                row.setCheckState(Qt.CheckState.Unchecked)
        dialog.zip_check.setChecked(as_zip)
        if language is not None:
            dialog.language_box.setCurrentIndex(dialog.language_box.findData(language))
        dialog.accept()

    when_modal(PrepareVisitDialog, choose)
    before = set(where.iterdir())
    window.window_actions["prepare_visit_action"].trigger()
    made = set(where.iterdir()) - before
    assert len(made) == 1
    return made.pop()


def test_prepare_for_the_visit_writes_the_pdf_and_the_chosen_files_privately(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    context = window.context
    child_id = window.current_child.id
    _days(context, child_id)
    photo = write(tmp_path / "rug.png", image_bytes("PNG", 300, 200))
    clip = write(tmp_path / "IMG_0002.MOV", ftyp_box(b"qt  ") + b"\0" * 100)
    context.media.attach(child_id, TODAY - timedelta(days=2), [photo, clip])
    where = tmp_path / "usb stick"
    where.mkdir()
    folder = _visit(qtbot, window, where, monkeypatch, tick_photo=True)
    assert folder.name.startswith("Maya for the visit")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    day = (TODAY - timedelta(days=2)).isoformat()
    assert f"{day} IMG_0002.MOV" in names and f"{day} rug.png" in names
    pdfs = [p for p in folder.iterdir() if p.suffix == ".pdf"]
    assert len(pdfs) == 1 and len(names) == 3
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (folder / f"{day} IMG_0002.MOV").read_bytes() == clip.read_bytes()
    assert "Photos and videos" in _text(pdfs[0])
    with_photo = _images(pdfs[0])
    # Again without the photo: a second, new folder (the first is kept as it is), one image less.
    second = _visit(qtbot, window, where, monkeypatch, tick_photo=False)
    assert second != folder and second.name.endswith("(2)")
    assert sorted(p.name for p in folder.iterdir()) == names
    pdf2 = next(p for p in second.iterdir() if p.suffix == ".pdf")
    assert _images(pdf2) == with_photo - 1
    assert f"{day} rug.png" not in {p.name for p in second.iterdir()}


def test_prepare_for_the_visit_as_one_zip(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    import zipfile

    context, child_id = window.context, window.current_child.id
    _days(context, child_id)
    clip = write(tmp_path / "IMG_0002.MOV", ftyp_box(b"qt  ") + b"\0" * 100)
    context.media.attach(child_id, TODAY, [clip])
    where = tmp_path / "mail"
    where.mkdir()
    made = _visit(qtbot, window, where, monkeypatch, tick_photo=True, as_zip=True)
    assert made.suffix == ".zip" and stat.S_IMODE(made.stat().st_mode) == 0o600
    with zipfile.ZipFile(made) as archive:
        names = archive.namelist()
        assert f"{TODAY.isoformat()} IMG_0002.MOV" in names
        assert any(name.endswith(".pdf") for name in names)


def test_prepare_for_the_visit_writes_the_summary_in_the_doctors_language(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    """The app speaks English; the visit's summary is chosen in Spanish (and the other way)."""
    context, child_id = window.context, window.current_child.id
    _days(context, child_id)
    context.media.attach(
        child_id, TODAY, [write(tmp_path / "IMG_0002.MOV", ftyp_box(b"qt  ") + b"\0" * 100)]
    )
    where = tmp_path / "usb"
    where.mkdir()
    spanish = _visit(qtbot, window, where, monkeypatch, tick_photo=True, language="es")
    text = _text(next(p for p in spanish.iterdir() if p.suffix == ".pdf"))
    assert "Página 1 de" in text, text
    assert "Fotos y vídeos" in text, text
    assert "Page 1 of" not in text
    english = _visit(qtbot, window, where, monkeypatch, tick_photo=True, language="en")
    text = _text(next(p for p in english.iterdir() if p.suffix == ".pdf"))
    assert "Page 1 of" in text and "Photos and videos" in text
