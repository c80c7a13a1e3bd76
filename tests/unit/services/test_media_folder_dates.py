"""MediaService.plan_folder skips what belongs on no day of the journal: a photo taken before
the child's birth (a pregnancy photo) and a file dated after today (a camera's wrong clock),
saying why, in the app's language."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from journal_app import i18n
from journal_app.domain.entries import ChildProfile
from journal_app.services.context import JournalContext
from tests.helpers.media_files import exif_segment, image_bytes, with_exif, write
from tests.helpers.media_journal import clip

TODAY = date(2026, 11, 23)  # the context fixture's today


def _dated_clip(path: Path, when: datetime, seed: int) -> Path:
    made = clip(path, seed=seed)
    os.utime(made, (when.timestamp(), when.timestamp()))
    return made


def _folder(tmp_path: Path) -> Path:
    """Maya is born 1 March 2026: a bump photo before, a clip on her birthday, one on today, one
    the day after today, and a photo from a camera that thinks it is 2031."""
    folder = tmp_path / "phone export"
    folder.mkdir()
    bump = with_exif(image_bytes("JPEG", 40, 30), exif_segment("2026:02:28 18:00:00"))
    write(folder / "bump.jpg", bump)
    _dated_clip(folder / "birthday.mp4", datetime(2026, 3, 1, 10, 0), 1)
    _dated_clip(folder / "today.mp4", datetime(2026, 11, 23, 8, 0), 2)
    _dated_clip(folder / "tomorrow.mp4", datetime(2026, 11, 24, 8, 0), 3)
    future = with_exif(image_bytes("JPEG", 40, 30, "#205020"), exif_segment("2031:01:01 00:00:00"))
    write(folder / "Camera 2031.JPG", future)
    return folder


def test_dates_outside_the_childs_life_are_skipped_with_the_reason(
    context: JournalContext, child: ChildProfile, tmp_path: Path, qapp: object
) -> None:
    assert child.id is not None
    plan = context.media.plan_folder(child.id, _folder(tmp_path), today=TODAY)
    assert [(p.name, p.taken.day) for p in plan.to_add] == [
        ("birthday.mp4", date(2026, 3, 1)),  # the birth day itself is a day of the journal
        ("today.mp4", TODAY),
    ]
    assert list(plan.skipped) == [
        ("bump.jpg", "taken before Maya was born"),
        ("Camera 2031.JPG", "dated after today (the camera's clock?)"),
        ("tomorrow.mp4", "dated after today (the camera's clock?)"),
    ]
    report = context.media.add_planned(child.id, plan.to_add)
    assert context.media.days_with_media(child.id) == {date(2026, 3, 1), TODAY}
    assert len(report.added) == 2


def test_the_service_clock_is_today_when_none_is_given(
    context: JournalContext, child: ChildProfile, tmp_path: Path, qapp: object
) -> None:
    """Without ``today`` the service's own clock decides (the real date here, after TODAY)."""
    from journal_app.services.media import MediaService

    assert child.id is not None
    service = MediaService(context.engine, context.paths.data_dir, today=lambda: date(2026, 11, 1))
    plan = service.plan_folder(child.id, _folder(tmp_path))
    assert [p.name for p in plan.to_add] == ["birthday.mp4"]
    assert {name for name, _reason in plan.skipped} >= {"today.mp4", "tomorrow.mp4"}


def test_the_reasons_are_in_spanish_under_spanish(
    context: JournalContext, child: ChildProfile, tmp_path: Path, qapp: object
) -> None:
    assert child.id is not None
    folder = _folder(tmp_path)
    with i18n.speaking(i18n.translator_for("es")):
        plan = context.media.plan_folder(child.id, folder, today=TODAY)
    reasons = dict(plan.skipped)
    assert reasons["bump.jpg"] == "tomada antes de que naciera Maya"
    assert reasons["tomorrow.mp4"] != "dated after today (the camera's clock?)"
