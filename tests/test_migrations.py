"""The migrations build exactly the schema the models describe, on SQLite and (when configured) PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from models import db
from tests.migration_db import migrated_app


def test_upgrade_matches_models(tmp_path):
    # Server defaults too: a temporary default a migration added to fill a column must be gone on every database.
    with migrated_app(tmp_path), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_server_default": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []
