"""Two and three journals (separate data folders, real files) kept in step through one folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal_app.domain.entries import ChildProfile
from tests.helpers.shared_journals import Computer, advance, make_computers, shared_folder

D1, D2, D3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)


@pytest.fixture
def pair(tmp_path: Path, journal_template: Path) -> Iterator[tuple[Computer, Computer, Path]]:
    mum, dad = make_computers(tmp_path, journal_template, ["Mum's laptop", "Dad's laptop"])
    folder = shared_folder(tmp_path)
    yield mum, dad, folder
    for c in (mum, dad):
        c.context.close()


def test_a_journal_joins_and_the_other_receives_it_whole(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.record(D1, 20, "first")
    mum.record(D2, 25)
    first = mum.join(folder)
    assert not first.paused and first.days == 0
    report = dad.join(folder)
    assert report.days == 2 and report.children == 1
    assert report.from_computers == ("Mum's laptop",)
    assert report.describe() == "2 days from Mum's laptop; 1 child's profile from Mum's laptop"
    assert dad.journal() == mum.journal()
    assert dad.sharing.day_changed_on(dad.only_child().id, D1) == "Mum's laptop"
    assert mum.sharing.day_changed_on(mum.only_child().id, D1) is None
    status = dad.sharing.status()
    assert status.active and status.in_step_with == ("Mum's laptop",)
    assert status.describe().startswith("In step with Mum's laptop at ")


def test_different_days_on_each_side_end_in_both(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.join(folder)
    dad.join(folder)
    mum.record(D1, 10, "mum's day")
    dad.record(D2, 30, "dad's day")
    mum.sync()
    dad.sync()
    assert mum.sync().describe() == "1 day from Dad's laptop"
    assert mum.journal() == dad.journal()
    assert set(mum.journal()["Maya 2026-03-01"]) == {"2026-11-01", "2026-11-02"}
    assert dad.sync().describe() == "Nothing new."


def test_the_same_day_on_both_keeps_the_loser_as_a_conflict(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.join(folder)
    dad.join(folder)
    mum.record(D1, 10, "mum wrote this")
    advance([mum, dad], 5_000)
    dad.record(D1, 40, "dad wrote this later")
    mum.sync()
    dad_report = dad.sync()
    mum_report = mum.sync()
    assert mum_report.days == 1 and mum_report.conflicts == 1
    assert mum_report.describe() == "1 day from Dad's laptop, 1 kept as a conflict"
    assert dad_report.conflicts == 1
    assert mum.journal() == dad.journal()
    assert mum.journal()["Maya 2026-03-01"]["2026-11-01"][1] == "dad wrote this later"
    child_id = mum.only_child().id
    conflicts = mum.sharing.day_conflicts(child_id, D1)
    assert [c.device_name for c in conflicts] == ["Mum's laptop"]
    assert "mum wrote this" in conflicts[0].summary
    assert "tummy time 10 min" in conflicts[0].summary
    # Keep this one: Mum's version becomes the day, on both computers, and the conflict is gone.
    mum.sharing.keep(conflicts[0].key)
    assert mum.sharing.day_conflicts(child_id, D1) == []
    assert mum.journal()["Maya 2026-03-01"]["2026-11-01"][1] == "mum wrote this"
    mum.sync()
    dad.sync()
    assert dad.journal() == mum.journal()
    assert dad.sharing.day_conflicts(dad.only_child().id, D1) == []
    assert mum.sharing.day_conflicts(child_id, D1) == []


def test_dismissing_a_conflict_keeps_the_shown_day_everywhere(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.join(folder)
    dad.join(folder)
    mum.record(D1, 10, "mum")
    advance([mum, dad], 5_000)
    dad.record(D1, 40, "dad")
    mum.sync(), dad.sync(), mum.sync()
    [conflict] = mum.sharing.day_conflicts(mum.only_child().id, D1)
    mum.sharing.dismiss(conflict.key)
    mum.sync(), dad.sync()
    assert dad.sharing.day_conflicts(dad.only_child().id, D1) == []
    assert mum.journal() == dad.journal()
    assert dad.journal()["Maya 2026-03-01"]["2026-11-01"][1] == "dad"


def test_a_day_deleted_on_one_side_is_deleted_on_the_other(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.record(D1, 10)
    mum.record(D2, 20)
    mum.join(folder)
    dad.join(folder)
    dad.context.journal.delete_day(dad.only_child().id, D1)
    dad.sync()
    report = mum.sync()
    assert report.days == 1
    assert set(mum.journal()["Maya 2026-03-01"]) == {"2026-11-02"}
    assert mum.journal() == dad.journal()


def test_undo_of_a_delete_is_shared_as_a_save(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.record(D1, 10)
    mum.join(folder)
    dad.join(folder)
    deleted = mum.context.journal.delete_day(mum.only_child().id, D1)
    mum.sync(), dad.sync()
    assert dad.journal()["Maya 2026-03-01"] == {}
    advance([mum, dad])
    mum.context.journal.restore_day(deleted)
    mum.sync(), dad.sync()
    assert set(dad.journal()["Maya 2026-03-01"]) == {"2026-11-01"}


def test_a_child_deleted_on_one_side_goes_with_its_days(pair) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.child("Leo", date(2026, 5, 1))
    mum.record(D1, 10, child_id=mum.context.journal.find_child("Leo").id)
    mum.join(folder)
    dad.join(folder)
    dad.context.journal.delete_child(dad.context.journal.find_child("Leo").id)
    dad.sync()
    report = mum.sync()
    assert report.children == 1
    assert list(mum.journal()) == ["Maya 2026-03-01"]
    assert mum.journal() == dad.journal()


def test_the_same_child_added_on_each_side_is_one_child(pair) -> None:
    mum, dad, folder = pair
    mum.child("Maya")
    dad.child(" maya ")
    mum.record(D1, 10, "mum")
    dad.record(D2, 20, "dad")
    mum.join(folder)
    dad.join(folder)
    mum.sync()
    assert len(mum.context.journal.list_children()) == 1
    assert mum.journal() == dad.journal()
    assert set(next(iter(mum.journal().values()))) == {"2026-11-01", "2026-11-02"}
    # A save of the recognised child (a rename) keeps it one child on both.
    advance([mum, dad])
    child = dad.only_child()
    dad.context.journal.save_child(ChildProfile("Maya Rose", child.birth_date, None, child.id))
    dad.sync(), mum.sync()
    assert [c.name for c in mum.context.journal.list_children()] == ["Maya Rose"]
    assert mum.journal() == dad.journal()


def test_a_computer_joining_late_gets_everything(tmp_path: Path, journal_template: Path) -> None:
    mum, dad, gran = make_computers(
        tmp_path, journal_template, ["Mum's laptop", "Dad's laptop", "Gran's PC"]
    )
    folder = shared_folder(tmp_path)
    mum.child()
    mum.join(folder)
    dad.join(folder)
    mum.record(D1, 10)
    dad.record(D2, 20)
    dad.context.journal.delete_day(dad.only_child().id, D2)
    dad.record(D3, 30)
    for c in (mum, dad, mum):
        c.sync()
    report = gran.join(folder)
    assert report.days == 2
    assert gran.journal() == mum.journal() == dad.journal()
    assert set(gran.journal()["Maya 2026-03-01"]) == {"2026-11-01", "2026-11-03"}
    for c in (mum, dad, gran):
        c.context.close()


def test_import_is_shared(pair, tmp_path: Path) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.record(D1, 10)
    export = tmp_path / "mum.json"
    mum.context.portability.export_json(export)
    mum.join(folder)
    dad.join(folder)
    dad.context.journal.delete_day(dad.only_child().id, D1)
    dad.sync()
    # Dad imports Mum's export again: the day comes back as Dad's edit, and Mum gets it too.
    dad.context.portability.import_json(export)
    dad.sync()
    mum.sync()
    assert set(mum.journal()["Maya 2026-03-01"]) == {"2026-11-01"}
    assert mum.journal() == dad.journal()


def test_stop_and_a_missing_folder(pair, tmp_path: Path) -> None:
    mum, dad, folder = pair
    mum.child()
    mum.join(folder)
    moved = tmp_path / "unplugged"
    folder.rename(moved)
    mum.record(D1, 10)
    report = mum.sync()
    assert report.paused
    assert report.describe() == "Sharing paused: the shared folder is not there"
    assert mum.sharing.status().paused_reason == "the shared folder is not there"
    moved.rename(folder)
    assert not mum.sync().paused
    dad.join(folder)
    assert set(dad.journal()["Maya 2026-03-01"]) == {"2026-11-01"}
    mum.sharing.stop()
    assert not mum.sharing.status().active
    assert mum.sharing.status().describe() == ""
    assert mum.sync().days == 0
    assert (folder / dad.sharing.computers()[1].device_id).is_dir()


def test_the_reports_speak_spanish(pair) -> None:
    from journal_app.i18n import speaking, translator_for

    mum, dad, folder = pair
    mum.child()
    mum.record(D1, 10)
    mum.record(D2, 20)
    mum.join(folder)
    with speaking(translator_for("es")):
        report = dad.join(folder)
        assert report.describe() == ("2 días de Mum's laptop; 1 perfil de hijo/a de Mum's laptop")
        assert dad.sync().describe() == "Nada nuevo."
        folder.rename(folder.with_name("gone"))
        assert dad.sync().describe() == "Compartir en pausa: la carpeta compartida no está"


def test_a_save_made_while_a_round_writes_is_not_lost(pair) -> None:
    """The window saves a day while the worker's round is writing its file: that save is not in
    the file, so it stays pending and goes in the next one."""
    from journal_app.services.sharing import SharingService

    mum, dad, folder = pair
    mum.child()
    mum.join(folder)
    dad.join(folder)
    mum.record(D1, 10, "in the round")

    class SaveDuringRound(SharingService):
        def _round(self, settings):  # type: ignore[no-untyped-def]
            done = super()._round(settings)
            mum.record(D2, 20, "saved meanwhile")
            return done

    during = SaveDuringRound(mum.context.engine, mum.context.today, mum.clock)
    during.sync()
    mum.sync()
    dad.sync()
    assert set(dad.journal()["Maya 2026-03-01"]) == {"2026-11-01", "2026-11-02"}
    assert dad.journal() == mum.journal()
