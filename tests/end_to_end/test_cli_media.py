"""The media commands: attach, the journal-with-media zip export and import, plain JSON."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from tests.helpers.cli import cli
from tests.helpers.journals import place_new_journal
from tests.helpers.media_files import write
from tests.helpers.media_journal import DAY, attach_clips, clip, stored_files

#: A caption with what must survive exactly: spaces, line breaks, quotes, emoji, other scripts.
CAPTION = '  Left knee trails,\n  then "catches up" 🙂 — gateo hacia atrás\t'


def _journal_with_clips(
    context: JournalContext, child: ChildProfile, tmp_path: Path
) -> list[object]:
    assert child.id is not None
    items = attach_clips(context, child.id, tmp_path / "phone")
    context.media.set_caption(items[1].uuid, CAPTION)
    items = context.media.list_for_day(child.id, DAY)
    context.close()
    return list(items)


def test_attach_adds_files_and_refuses_a_renamed_text_file(
    capsys: pytest.CaptureFixture[str], context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    video = clip(tmp_path / "crawl.mp4")
    notes = write(tmp_path / "notes.mov", b"just some notes\n" * 10)
    done = cli(
        capsys,
        data_dir,
        "attach",
        "--child",
        "Maya",
        "--date",
        "2026-11-20",
        str(video),
        str(notes),
    )
    assert done.returncode == 1
    assert "Added crawl.mp4 to 20 Nov 2026." in done.stdout
    assert "notes.mov" in done.stderr and "nothing was copied" in done.stderr
    assert "Traceback" not in done.stderr
    again = cli(capsys, data_dir, "attach", "--child", "Maya", "--date", "2026-11-20", str(video))
    assert again.returncode == 0 and "already on that day" in again.stdout
    ctx = open_context(JournalPaths(data_dir))
    try:
        assert child.id is not None
        items = ctx.media.list_for_day(child.id, DAY)
        assert [i.original_name for i in items] == ["crawl.mp4"]
        assert items[0].path.read_bytes() == video.read_bytes()
    finally:
        ctx.close()


def test_attach_names_an_unknown_child_and_a_bad_date(
    capsys: pytest.CaptureFixture[str], context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    video = clip(tmp_path / "crawl.mp4")
    done = cli(capsys, data_dir, "attach", "--child", "Nobody", "--date", "2026-11-20", str(video))
    assert done.returncode == 1 and "Nobody" in done.stderr and "Maya" in done.stderr
    bad = cli(capsys, data_dir, "attach", "--child", "Maya", "--date", "20-11-2026", str(video))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    for day in ("2026-02-28", "2099-01-01"):  # before the birth date, in the future
        off = cli(capsys, data_dir, "attach", "--child", "Maya", "--date", day, str(video))
        assert off.returncode == 1 and "is not a day of Maya's journal" in off.stderr
    assert stored_files(data_dir) == {}


def test_zip_export_then_import_into_an_empty_journal_gives_identical_files(
    capsys: pytest.CaptureFixture[str],
    context: JournalContext,
    child: ChildProfile,
    tmp_path: Path,
    journal_template: Path,
) -> None:
    data_dir = context.paths.data_dir
    items = _journal_with_clips(context, child, tmp_path)
    out = tmp_path / "with media.zip"
    done = cli(capsys, data_dir, "export", "--format", "zip", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert (out.stat().st_mode & 0o777) == 0o600
    with zipfile.ZipFile(out) as zf:
        names = sorted(zf.namelist())
        document = json.loads(zf.read("journal.json"))
    assert names[0] == "journal.json" and len(names) == 3
    media = document["children"][0]["media"]
    assert document["version"] == 3
    assert [m["caption"] for m in media] == ["clip 0", CAPTION]
    assert {m["file_name"] for m in media} == {"clip 0.mp4", "clip 1.mp4"}

    other = tmp_path / "other"
    place_new_journal(journal_template, other)
    imported = cli(capsys, other, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert stored_files(other) == stored_files(data_dir)
    ctx = open_context(JournalPaths(other))
    try:
        maya = ctx.journal.find_child("Maya")
        assert maya is not None and maya.id is not None
        back = ctx.media.list_for_day(maya.id, DAY)
        assert [(b.uuid, b.caption, b.sha256) for b in back] == [
            (i.uuid, i.caption, i.sha256)  # type: ignore[attr-defined]
            for i in items
        ]
    finally:
        ctx.close()
    again = tmp_path / "again.zip"
    assert cli(capsys, other, "export", "--format", "zip", "-o", str(again)).returncode == 0
    with zipfile.ZipFile(again) as a, zipfile.ZipFile(out) as b:
        assert a.read("journal.json") == b.read("journal.json")


def test_a_zip_with_a_damaged_file_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str],
    context: JournalContext,
    child: ChildProfile,
    tmp_path: Path,
    journal_template: Path,
) -> None:
    data_dir = context.paths.data_dir
    _journal_with_clips(context, child, tmp_path)
    out = tmp_path / "with media.zip"
    assert cli(capsys, data_dir, "export", "--format", "zip", "-o", str(out)).returncode == 0
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("media/") and not dst.namelist()[1:]:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            dst.writestr(info, data)
    other = tmp_path / "other"
    place_new_journal(journal_template, other)
    before = (other / "journal.sqlite3").read_bytes()
    done = cli(capsys, other, "import", str(bad))
    assert done.returncode == 1
    assert "damaged" in done.stderr and "unchanged" in done.stderr
    assert stored_files(other) == {}
    assert (other / "journal.sqlite3").read_bytes() == before


@pytest.mark.parametrize(
    "name",
    ["../evil.mp4", "media/ab/../../evil.mp4", "/etc/evil", "media/zz/" + "0" * 64 + ".mp4"],
)
def test_a_zip_with_a_strange_name_is_refused(
    capsys: pytest.CaptureFixture[str], context: JournalContext, tmp_path: Path, name: str
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("journal.json", json.dumps({"format": "crawl-journal", "version": 3}))
        zf.writestr(name, b"x")
    done = cli(capsys, data_dir, "import", str(bad))
    assert done.returncode == 1 and "never holds" in done.stderr
    assert not (tmp_path / "evil.mp4").exists()


def test_a_zip_bomb_stops_at_the_declared_limit(
    capsys: pytest.CaptureFixture[str], context: JournalContext, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("journal.json", b" " * (101 * 1024 * 1024))  # deflates to about 100 KB
    assert bomb.stat().st_size < 2 * 1024 * 1024
    done = cli(capsys, data_dir, "import", str(bomb))
    assert done.returncode == 1 and "too big" in done.stderr


def test_a_plain_json_keeps_media_only_when_their_files_are_here(
    capsys: pytest.CaptureFixture[str],
    context: JournalContext,
    child: ChildProfile,
    tmp_path: Path,
    journal_template: Path,
) -> None:
    data_dir = context.paths.data_dir
    _journal_with_clips(context, child, tmp_path)
    out = tmp_path / "journal.json"
    assert cli(capsys, data_dir, "export", "-o", str(out)).returncode == 0
    assert len(json.loads(out.read_text())["children"][0]["media"]) == 2
    again = cli(capsys, data_dir, "import", str(out))  # into the same journal: files here
    assert again.returncode == 0 and "not imported" not in again.stdout
    other = tmp_path / "other"
    place_new_journal(journal_template, other)
    done = cli(capsys, other, "import", str(out))
    assert done.returncode == 0
    assert "2 photos or videos were not imported" in done.stdout
    ctx = open_context(JournalPaths(other))
    try:
        maya = ctx.journal.find_child("Maya")
        assert maya is not None and maya.id is not None
        assert ctx.media.list_all() == []
    finally:
        ctx.close()


def test_a_version_2_file_still_imports(
    capsys: pytest.CaptureFixture[str], context: JournalContext, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    doc = {
        "format": "crawl-journal",
        "version": 2,
        "exported_by": "Crawl Journal 0.1.0",
        "children": [
            {
                "uuid": "0f5c5d0e-0000-4000-8000-000000000001",
                "created": "2026-03-02T08:15:00.000000Z",
                "updated": "2026-03-02T08:15:00.000000Z",
                "name": "Ines",
                "birth_date": "2026-03-01",
                "due_date": None,
                "days": [],
                "milestones": [
                    {
                        "uuid": "0f5c5d0e-0000-4000-8000-000000000002",
                        "created": "2026-03-02T08:15:00.000000Z",
                        "updated": "2026-03-02T08:15:00.000000Z",
                        "milestone": "rolls_tummy_to_back",
                        "achieved_on": None,
                        "status": "reached",
                    }
                ],
                "tips_tried": [],
                "summaries_made": [],
            }
        ],
    }
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(doc))
    done = cli(capsys, data_dir, "import", str(path))
    assert done.returncode == 0, done.stderr
    ctx = open_context(JournalPaths(data_dir))
    try:
        ines = ctx.journal.find_child("Ines")
        assert ines is not None and ines.birth_date == date(2026, 3, 1)
    finally:
        ctx.close()


def test_a_csv_zip_is_refused_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    context.close()
    out = tmp_path / "sheets.zip"
    assert cli(capsys, data_dir, "export", "--format", "csv", "-o", str(out)).returncode == 0
    done = cli(capsys, data_dir, "import", str(out))
    assert done.returncode == 1 and "CSV export" in done.stderr


def test_a_zip_export_stops_at_a_missing_file_and_names_it(
    capsys: pytest.CaptureFixture[str], context: JournalContext, child: ChildProfile, tmp_path: Path
) -> None:
    data_dir = context.paths.data_dir
    items = _journal_with_clips(context, child, tmp_path)
    items[0].path.unlink()  # type: ignore[attr-defined]
    out = tmp_path / "with media.zip"
    done = cli(capsys, data_dir, "export", "--format", "zip", "-o", str(out))
    assert done.returncode == 1
    assert "clip 0.mp4" in done.stderr and "missing" in done.stderr
    assert not out.exists() and list(tmp_path.glob(".*partial*")) == []


def test_attach_help_says_each_file_is_taken_on_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = cli(capsys, None, "attach", "--help")
    assert done.returncode == 0
    assert "Each file is taken on its own" in " ".join(done.stdout.split())
