"""The migrations build exactly the schema the models describe, on SQLite and (when configured) PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from models import db
from tests.migration_db import migrated_app


def test_upgrade_matches_models(tmp_path):
    with migrated_app(tmp_path), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []
