"""The migrations build exactly the schema the models describe, on SQLite and (when configured) PostgreSQL."""

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from forum import create_app
from models import db


def _empty_database() -> None:
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_upgrade_matches_models(tmp_path):
    uri = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'm.sqlite3'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        _empty_database()  # PostgreSQL: the shared test database, as `flask db upgrade` finds a new one
        try:
            upgrade()
            with db.engine.connect() as conn:
                diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        finally:
            _empty_database()
            db.engine.dispose()
    assert diff == []
