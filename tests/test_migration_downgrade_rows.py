"""Downgrading every revision and upgrading again keeps every row, on SQLite and (when configured) PostgreSQL.

On SQLite, Alembic's batch mode changes a table by rebuilding it (create a copy, copy the rows, DROP the old one,
rename the copy). With foreign keys on, that DROP TABLE runs the ON DELETE actions of every row pointing at the
table: a rebuilt "user" would take every login session, membership and reaction with it, and set every post's
author to NULL. The database here holds a row in every table, each pointing at the same member, post and room.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from models import db
from tests.migration_db import migrated_app

FIRST = "1b0eb8d95f88"  # the initial schema: downgrading to it runs every other revision's downgrade
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def migrated(tmp_path):
    """An app whose database was made by the migrations (head), emptied again afterwards."""
    with migrated_app(tmp_path) as app:
        yield app


def _value(table: sa.Table, column: sa.Column, conn: sa.Connection) -> object:
    """A value for a column with no default: the first row of the table a foreign key points at, else a dummy."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        return conn.scalar(sa.select(sa.func.min(target)))
    kind = column.type.impl if isinstance(column.type, sa.TypeDecorator) else column.type
    if isinstance(kind, sa.JSON):
        return {}
    if isinstance(kind, sa.DateTime):
        return NOW if kind.timezone else NOW.replace(tzinfo=None)
    if isinstance(kind, sa.String):
        return f"{table.name}.{column.name}"[: kind.length or 200]
    return {sa.Boolean: False, sa.Integer: 1, sa.Float: 0.5}[next(t for t in (sa.Boolean, sa.Integer, sa.Float)
                                                               if isinstance(kind, t))]  # fmt: skip


def _fill_every_table() -> None:
    """One row in every table (parents first), every foreign key set: each points at the first row of its table."""
    with db.engine.begin() as conn:
        for table in db.metadata.sorted_tables:
            row = {}
            for column in table.columns:
                if column.primary_key and column.autoincrement in (True, "auto"):
                    continue
                required = not column.nullable and column.default is None and column.server_default is None
                if column.foreign_keys or required:
                    row[column.name] = _value(table, column, conn)
            conn.execute(sa.insert(table).values(row))


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table, by table name (alembic's own table left out)."""
    with db.engine.connect() as conn:
        names = [n for n in sa.inspect(conn).get_table_names() if n != "alembic_version"]
        return {n: [dict(r) for r in conn.execute(sa.text(f'SELECT * FROM "{n}"')).mappings()] for n in names}


def _projected(rows: dict[str, list[dict]], columns: dict[str, set[str]]) -> dict[str, list[dict]]:
    """The rows of the given tables, keeping only the given columns, in a stable order."""
    return {name: sorted(({c: r[c] for c in cols} for r in rows[name]), key=repr) for name, cols in columns.items()}  # fmt: skip


def test_downgrading_and_upgrading_again_keeps_every_row(migrated):
    _fill_every_table()
    at_head = _snapshot()
    assert all(at_head.values()), [name for name, rows in at_head.items() if not rows]
    for name in ("user", "login_session", "membership", "post", "reaction", "post_revision", "chat_message"):
        assert len(at_head[name]) == 1

    downgrade(revision=FIRST)
    at_first = _snapshot()
    kept = {name: set(rows[0]) for name, rows in at_first.items() if rows}  # the old schema's tables, columns
    assert set(at_first) <= set(at_head)
    # Every row is still there, every foreign key still set (no ON DELETE CASCADE or SET NULL ran).
    assert {name: len(rows) for name, rows in at_first.items()} == {name: 1 for name in at_first}
    assert _projected(at_first, kept) == _projected(at_head, kept)

    upgrade()  # and up again: the rows are still there, with what the old schema held
    again = _snapshot()
    assert set(again) == set(at_head)
    assert _projected(again, kept) == _projected(at_head, kept)


def test_the_app_s_connections_keep_foreign_keys_on_after_migrating(migrated):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite pragma")
    downgrade(revision=FIRST)
    upgrade()
    with db.engine.connect() as conn:  # the pool hands back the connection the migrations used
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
