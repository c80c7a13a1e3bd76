"""Hypothesis: random interleavings of edits, deletions and sync rounds on three journals (real
files) sharing one folder end with every journal identical, each one what the merge of its
versions says, and no accepted edit lost."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.domain.sharing import Kind, lost_versions, merge
from journal_app.storage.share_journal import normalized
from journal_app.storage.share_repository import round_transaction
from tests.helpers.shared_journals import Computer, advance, make_computers, shared_folder

DAYS = [date(2026, 11, 1) + timedelta(days=n) for n in range(3)]

steps = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(["edit", "edit", "delete", "sync"]),
        st.integers(0, len(DAYS) - 1),
        st.integers(1, 90),
    ),
    max_size=14,
)


def check_consistent(computer: Computer) -> None:
    with round_transaction(computer.context.engine) as s:
        versions = s.versions()
        merged = merge(versions)
        assert lost_versions(versions, merged) == []
        journal = s.journal_records()
    for kind in (Kind.CHILD, Kind.DAY):
        assert {u: normalized(kind, r) for u, r in journal[kind].items()} == {
            u: normalized(kind, r) for u, r in merged.records[kind].items()
        }


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_three_journals_end_identical_and_nothing_is_lost(journal_template: Path, steps) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        computers = make_computers(Path(tmp), journal_template, ["Mum", "Dad", "Gran"])
        try:
            folder = shared_folder(Path(tmp))
            computers[0].child()
            for c in computers:
                c.join(folder)
            for index, (who, what, day, minutes) in enumerate(steps):
                c = computers[who]
                if what == "edit":
                    c.record(DAYS[day], minutes, f"step {index} on {c.name}")
                elif what == "delete":
                    c.context.journal.delete_day(c.only_child().id, DAYS[day])
                else:
                    assert not c.sync().paused
                advance(computers, 1000 * (minutes % 3))
            for _ in range(2):
                for c in computers:
                    c.sync()
            journals = [c.journal() for c in computers]
            assert journals[0] == journals[1] == journals[2]
            for c in computers:
                check_consistent(c)
        finally:
            for c in computers:
                c.context.close()
