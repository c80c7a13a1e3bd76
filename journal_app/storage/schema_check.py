"""Is this SQLite file a journal as this version of the app makes it? Schema and row checks.

A backup is restored only when its schema is the one this version's migrations create: the same
tables with the same columns (name, type, NOT NULL, default, primary key), the same foreign keys
and indexes, and no trigger or view the app did not make (an extra trigger could delete days on
the next save). Its rows must pass ``PRAGMA foreign_key_check``. ``check`` runs the same
comparison on the live journal.

The reference is a journal freshly migrated in a temporary folder, made once per process: the
comparison can never drift from the migrations. The comparison is structural (read through
``PRAGMA table_xinfo``, ``foreign_key_list``, ``index_list`` and ``index_xinfo``), so it does not
depend on how the ``CREATE`` text was spelled, nor on the file's page size.
"""

from __future__ import annotations

import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from journal_app.i18n import N_, _, translate
from journal_app.storage.connection import raw_connection

Signature = dict[str, Any]

_INTERNAL_TABLES = {"alembic_version"}


def _names(conn: sqlite3.Connection, kind: str) -> list[str]:
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type=? AND name NOT LIKE 'sqlite_%' ORDER BY name",
            (kind,),
        ).fetchall()
    ]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_signature(conn: sqlite3.Connection) -> Signature:
    """The schema of the open database as plain, comparable data."""
    tables: dict[str, Any] = {}
    for table in _names(conn, "table"):
        q = _quote(table)
        columns = [
            (str(r[1]), str(r[2]).upper(), int(r[3]), r[4], int(r[5]), int(r[6]))
            for r in conn.execute(f"PRAGMA table_xinfo({q})").fetchall()
        ]
        foreign_keys = sorted(
            (str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]))
            for r in conn.execute(f"PRAGMA foreign_key_list({q})").fetchall()
        )
        indexes = []
        for r in conn.execute(f"PRAGMA index_list({q})").fetchall():
            index_name, unique, origin, partial = str(r[1]), int(r[2]), str(r[3]), int(r[4])
            cols = tuple(
                (c[2], int(c[3]), str(c[4]))
                for c in conn.execute(f"PRAGMA index_xinfo({_quote(index_name)})").fetchall()
                if int(c[5])  # key columns only
            )
            shown = index_name if origin == "c" else f"({origin}) {cols}"
            indexes.append((shown, unique, origin, partial, cols))
        tables[table] = {
            "columns": columns,
            "foreign_keys": foreign_keys,
            "indexes": sorted(indexes, key=repr),
        }
    extras = {
        kind: {
            str(r[0]): str(r[1])
            for r in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type=? ORDER BY name", (kind,)
            ).fetchall()
        }
        for kind in ("trigger", "view")
    }
    return {"tables": tables, **extras}


@lru_cache(maxsize=1)
def expected_signature() -> Signature:
    """The schema this version's migrations create (migrated once, in a temporary folder)."""
    from journal_app.storage.database import prepare_journal

    with tempfile.TemporaryDirectory(prefix="crawl-journal-schema-") as folder:
        reference = Path(folder) / "reference.sqlite3"
        prepare_journal(reference)
        with raw_connection(reference) as conn:
            return schema_signature(conn)


#: Triggers and views: one that should not be there, one missing, one changed.
_OBJECT_WORDING = (
    (
        "trigger",
        N_("a trigger {name} this app did not make"),
        N_("the trigger {name} is missing"),
        N_("the trigger {name} is not the one this app made"),
    ),
    (
        "view",
        N_("a view {name} this app did not make"),
        N_("the view {name} is missing"),
        N_("the view {name} is not the one this app made"),
    ),
)


def schema_differences(actual: Signature, expected: Signature) -> list[str]:
    """What in ``actual`` differs from ``expected``, in a few words each (empty: the same)."""
    found: list[str] = []
    want, have = expected["tables"], actual["tables"]
    for table in sorted(set(want) - set(have)):
        found.append(_("the table {table} is missing").format(table=table))
    for table in sorted(set(have) - set(want) - _INTERNAL_TABLES):
        found.append(_("an unexpected table {table}").format(table=table))
    for table in sorted(set(want) & set(have)):
        w, h = want[table], have[table]
        w_cols = {c[0]: c for c in w["columns"]}
        h_cols = {c[0]: c for c in h["columns"]}
        for col in sorted(set(w_cols) - set(h_cols)):
            found.append(_("the column {column} is missing").format(column=f"{table}.{col}"))
        for col in sorted(set(h_cols) - set(w_cols)):
            found.append(_("an unexpected column {column}").format(column=f"{table}.{col}"))
        for col in sorted(set(w_cols) & set(h_cols)):
            if w_cols[col] != h_cols[col]:
                found.append(
                    _("the column {column} is not defined as this app defines it").format(
                        column=f"{table}.{col}"
                    )
                )
        if w["foreign_keys"] != h["foreign_keys"]:
            found.append(_("the links between {table} and other tables differ").format(table=table))
        if w["indexes"] != h["indexes"]:
            found.append(_("the indexes of {table} differ").format(table=table))
    for kind, unexpected, missing, changed in _OBJECT_WORDING:
        for name in sorted(set(actual[kind]) - set(expected[kind])):
            found.append(translate(unexpected).format(name=name))
        for name in sorted(set(expected[kind]) - set(actual[kind])):
            found.append(translate(missing).format(name=name))
        for name in sorted(set(expected[kind]) & set(actual[kind])):
            if expected[kind][name] != actual[kind][name]:
                found.append(translate(changed).format(name=name))
    return found


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    """Rows pointing to a row that is not there (``PRAGMA foreign_key_check``)."""
    return [
        _("{table} row {rowid} points to a missing {parent}").format(
            table=table, rowid=rowid, parent=parent
        )
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall()
    ]


def schema_problems(path: Path) -> list[str]:
    """Schema differences from this version's and foreign-key problems of the file at ``path``."""
    with raw_connection(path) as conn:
        actual = schema_signature(conn)
        problems = foreign_key_problems(conn)
    return schema_differences(actual, expected_signature()) + problems


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check``'s findings (empty when the file is whole)."""
    with raw_connection(path) as conn:
        result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if result == ["ok"] else result


def row_counts(path: Path) -> dict[str, int]:
    """The number of rows in each of the journal's tables."""
    with raw_connection(path) as conn:
        return {
            name: int(conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0])
            for name in _names(conn, "table")
            if name not in _INTERNAL_TABLES
        }
