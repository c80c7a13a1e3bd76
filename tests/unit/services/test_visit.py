"""Prepare for the visit, the service: a new private folder, readable names, never over an
existing file, all or nothing."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from journal_app.services.visit import (
    VisitError,
    VisitFile,
    media_file_name,
    safe_name,
    visit_folder_name,
    write_visit_folder,
    write_visit_zip,
)


def _files(tmp_path: Path) -> list[VisitFile]:
    src = tmp_path / "src"
    src.mkdir()
    a = src / "a.pdf"
    a.write_bytes(b"%PDF-1.4 summary")
    b = src / "b.mov"
    b.write_bytes(os.urandom(3 * 1024 * 1024 + 5))
    return [
        VisitFile(a, "Maya summary.pdf"),
        VisitFile(b, media_file_name(date(2026, 5, 2), "b.mov")),
    ]


@pytest.mark.posix
def test_the_files_go_into_a_new_private_folder(tmp_path: Path) -> None:
    where = tmp_path / "stick"
    where.mkdir()
    seen: list[tuple[int, int]] = []
    old = os.umask(0)
    try:
        result = write_visit_folder(
            where,
            "Maya for the visit 2026-11-23",
            _files(tmp_path),
            lambda d, t: seen.append((d, t)),
        )
    finally:
        os.umask(old)
    assert result.folder == where / "Maya for the visit 2026-11-23"
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "2026-05-02 b.mov",
        "Maya summary.pdf",
    ]
    for path in result.files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (result.folder / "2026-05-02 b.mov").read_bytes() == (
        tmp_path / "src" / "b.mov"
    ).read_bytes()
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 4


def test_an_existing_folder_is_never_touched(tmp_path: Path) -> None:
    where = tmp_path / "stick"
    (where / "visit").mkdir(parents=True)
    (where / "visit" / "Maya summary.pdf").write_bytes(b"the parent's own file")
    result = write_visit_folder(where, "visit", _files(tmp_path))
    assert result.folder.name == "visit (2)"
    assert (where / "visit" / "Maya summary.pdf").read_bytes() == b"the parent's own file"
    assert sorted(p.name for p in (where / "visit").iterdir()) == ["Maya summary.pdf"]


def test_same_names_are_kept_apart(tmp_path: Path) -> None:
    files = _files(tmp_path)
    twice = [files[1], VisitFile(files[0].source, files[1].name)]
    result = write_visit_folder(tmp_path, "v", twice)
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "2026-05-02 b (2).mov",
        "2026-05-02 b.mov",
    ]


def test_a_file_that_cannot_be_read_leaves_nothing(tmp_path: Path) -> None:
    files = _files(tmp_path)
    missing = VisitFile(tmp_path / "gone.mov", "gone.mov")
    with pytest.raises(VisitError, match=r"gone\.mov"):
        write_visit_folder(tmp_path / "src", "v", [*files, missing])
    assert not (tmp_path / "src" / "v").exists()


def test_a_failure_half_way_removes_what_was_written(tmp_path: Path) -> None:
    files = _files(tmp_path)
    where = tmp_path / "stick"
    where.mkdir()

    def fail_late(done: int, total: int) -> None:
        if done > 2 * 1024 * 1024:
            raise OSError(28, "No space left on device")

    with pytest.raises(VisitError, match="no space left on device"):
        write_visit_folder(where, "v", files, fail_late)
    assert list(where.iterdir()) == []


def test_a_missing_parent_folder_is_said(tmp_path: Path) -> None:
    with pytest.raises(VisitError, match="does not exist"):
        write_visit_folder(tmp_path / "nowhere", "v", _files(tmp_path))


def test_names_are_safe_for_any_file_system() -> None:
    assert safe_name('a/b:c*?"<>|d') == "a_b_c_d"
    assert safe_name(" .. ") == "file"
    assert visit_folder_name("Maya/Leo", date(2026, 11, 23)) == "Maya_Leo for the visit 2026-11-23"
    assert media_file_name(date(2026, 5, 2), "IMG:1.MOV") == "2026-05-02 IMG_1.MOV"


def test_as_one_zip_file_never_over_an_existing_one(tmp_path: Path) -> None:
    import zipfile

    where = tmp_path / "out"
    where.mkdir()
    (where / "v.zip").write_bytes(b"the parent's own zip")
    files = _files(tmp_path)
    result = write_visit_zip(where, "v", files)
    assert result.folder == where / "v (2).zip"
    assert (where / "v.zip").read_bytes() == b"the parent's own zip"
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o600
    with zipfile.ZipFile(result.folder) as archive:
        assert sorted(archive.namelist()) == ["2026-05-02 b.mov", "Maya summary.pdf"]
        assert archive.read("2026-05-02 b.mov") == files[1].source.read_bytes()
    assert sorted(p.name for p in where.iterdir()) == ["v (2).zip", "v.zip"]  # no temporary


def test_a_zip_that_fails_half_way_leaves_nothing(tmp_path: Path) -> None:
    where = tmp_path / "out"
    where.mkdir()

    def fail(done: int, total: int) -> None:
        if done > 1024 * 1024:
            raise OSError(28, "No space left on device")

    with pytest.raises(VisitError):
        write_visit_zip(where, "v", _files(tmp_path), fail)
    assert list(where.iterdir()) == []


def _bigger_than_the_disk(tmp_path: Path) -> list[VisitFile]:
    """A sparse video bigger than the free space of its disk (it takes no room itself)."""
    import shutil

    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    huge = src / "long.mov"
    with huge.open("wb") as handle:
        handle.truncate(shutil.disk_usage(tmp_path).free + 50 * 1024 * 1024)
    summary = src / "a.pdf"
    summary.write_bytes(b"%PDF-1.4 summary")
    return [VisitFile(summary, "Maya summary.pdf"), VisitFile(huge, "2026-05-02 long.mov")]


@pytest.mark.parametrize("write", [write_visit_folder, write_visit_zip])
def test_more_than_the_free_space_is_refused_before_copying(tmp_path: Path, write) -> None:
    import errno

    files = _bigger_than_the_disk(tmp_path)
    where = tmp_path / "stick"
    where.mkdir()
    progress: list[tuple[int, int]] = []
    with pytest.raises(VisitError) as caught:
        write(where, "Maya for the visit", files, lambda d, t: progress.append((d, t)))
    message = str(caught.value)
    assert message.startswith("The files for the visit need ")
    assert str(where) in message and " free. Nothing was copied" in message
    assert caught.value.errno == errno.ENOSPC
    assert list(where.iterdir()) == [] and progress == []  # not a byte copied


def test_the_refusal_is_in_spanish_under_spanish(tmp_path: Path) -> None:
    from journal_app import i18n

    files = _bigger_than_the_disk(tmp_path)
    with i18n.speaking(i18n.translator_for("es")), pytest.raises(VisitError) as caught:
        write_visit_folder(tmp_path, "visit", files)
    assert "The files" not in str(caught.value) and str(tmp_path) in str(caught.value)


def test_the_room_asked_has_a_margin(tmp_path: Path) -> None:
    from journal_app.services.visit import check_room, free_bytes

    free = free_bytes(tmp_path)
    assert free is not None and free > 0
    check_room(tmp_path, 10, 1)  # a small summary fits
    with pytest.raises(VisitError):
        check_room(tmp_path, free, 1)  # exactly the free space leaves no margin: refused
