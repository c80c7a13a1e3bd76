"""The private copies handed to the system's viewer (storage/media_viewer.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journal_app.storage.media_viewer import (
    copy_for_viewer,
    remove_all_copies,
    remove_copies,
)


def _media(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "media"
    (root / "ab").mkdir(parents=True)
    stored = root / "ab" / ("ab" + "0" * 62 + ".jpg")
    stored.write_bytes(b"\xff\xd8 a photo " * 1000)
    return root, stored


def test_the_copy_is_named_as_the_parent_knows_it_and_kept_apart(tmp_path: Path) -> None:
    root, stored = _media(tmp_path)
    seen: list[tuple[int, int]] = []
    copy = copy_for_viewer(root, stored, "../../crawl: day 1.jpg", lambda d, t: seen.append((d, t)))
    assert copy.name == "crawl_ day 1.jpg"  # no way out of its folder, no colon
    assert copy.parent.parent == root / ".opened"
    assert copy.read_bytes() == stored.read_bytes()
    assert seen[-1] == (stored.stat().st_size, stored.stat().st_size)
    assert remove_all_copies(root) == 1
    assert not (root / ".opened").exists() and stored.exists()


def test_a_failed_copy_leaves_nothing(tmp_path: Path) -> None:
    root, stored = _media(tmp_path)
    with pytest.raises(FileNotFoundError):
        copy_for_viewer(root, stored.with_name("gone.jpg"), "gone.jpg")
    assert list((root / ".opened").iterdir()) == []


def test_only_this_sessions_copies_go_at_its_end(tmp_path: Path) -> None:
    root, stored = _media(tmp_path)
    mine = copy_for_viewer(root, stored, "a.jpg")
    other = copy_for_viewer(root, stored, "a.jpg")  # another session's (not in the list)
    remove_copies([mine, stored])  # never anything outside .opened
    assert not mine.exists() and other.exists() and stored.exists()


@pytest.mark.posix
def test_a_planted_link_is_removed_never_followed(tmp_path: Path) -> None:
    root, stored = _media(tmp_path)
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    os.symlink(outside, root / ".opened")
    assert remove_all_copies(root) == 0
    assert (outside / "keep.txt").read_text() == "mine" and not (root / ".opened").exists()
    with pytest.raises(FileExistsError):  # a link planted again is refused, not written through
        os.symlink(outside, root / ".opened")
        copy_for_viewer(root, stored, "a.jpg")
    assert [p.name for p in outside.iterdir()] == ["keep.txt"]
