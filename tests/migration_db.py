"""A database built by the migrations for one test, on SQLite or the shared PostgreSQL test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from forum import create_app
from models import db
from tests.conftest import shared_database_url


def empty_database() -> None:
    """Drop every table and Alembic's version row, as `flask db upgrade` finds a new database."""
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def reflected_table(conn: sa.Connection, name: str) -> sa.Table:
    """The table as the database has it now (the models may describe a later revision)."""
    return sa.Table(name, sa.MetaData(), autoload_with=conn)


@contextmanager
def migrated_app(
    tmp_path: Path, revision: str = "head", fill: Callable[[], None] | None = None
) -> Iterator[Flask]:
    """An app whose database the migrations brought to `revision` (then `fill` adds rows); emptied afterwards."""
    uri = shared_database_url() or f"sqlite:///{tmp_path / 'm.sqlite3'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        empty_database()
        try:
            upgrade(revision=revision)
            if fill is not None:
                fill()
            yield app
        finally:
            db.session.remove()
            empty_database()
            db.engine.dispose()
