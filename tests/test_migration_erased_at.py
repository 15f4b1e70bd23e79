"""Migration a7c3e9d41f20 (erased_at) on a database with data: it marks what the old rule took for erased (the
replacement words by nobody) and nothing else, and a downgrade keeps every row. On SQLite and (when configured)
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from models import db
from tests.migration_db import migrated_app, reflected_table

BEFORE, REVISION = "3dd65b7f5085", "a7c3e9d41f20"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
ERASED = "[removed by its author]"


@pytest.fixture
def old_database(tmp_path):
    """An app whose database stands at the revision before, holding erased and kept writing of that time."""
    with migrated_app(tmp_path, BEFORE, _fill_old_rows) as app:
        yield app


def _fill_old_rows() -> None:
    with db.engine.begin() as conn:
        conn.execute(sa.insert(reflected_table(conn, "category")),
                     [{"id": 1, "slug": "misc", "name": "Misc", "description": "", "topic": "general", "position": 0}])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "user")),
                     [{"id": 1, "handle": "sam", "handle_key": "sam", "handle_skeleton": "sam", "password_hash": "x",
                       "bio_source": "", "bio_html": "", "region": "GB", "timezone": "UTC", "trust_level": 0,
                       "is_admin": False, "is_site_moderator": False, "created_at": NOW}])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "group")),
                     [{"id": 1, "slug": "room", "name": "Room", "name_key": "room", "description": "",
                       "rules_source": "", "rules_html": "", "welcome_source": "", "welcome_html": "", "category_id": 1,
                       "visibility": "public", "joining": "open", "last_activity_at": NOW, "created_at": NOW}])  # fmt: skip
        # Erased by a former member (ids 1), kept by a former member (2), and the same words typed by sam (3).
        rows = [(1, None, ERASED), (2, None, "kept words"), (3, 1, ERASED)]
        conn.execute(sa.insert(reflected_table(conn, "thread")),
                     [{"id": i, "group_id": 1, "author_id": a, "title": t, "status": "visible", "content_warning": "",
                       "is_pinned": False, "is_locked": False, "last_activity_at": NOW, "reply_count": 0,
                       "created_at": NOW} for i, a, t in rows])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "post")),
                     [{"id": i, "thread_id": i, "author_id": a, "source": t, "html": f"<p>{t}</p>", "status": "visible",
                       "content_warning": "", "moderation_note": "", "is_first": True, "created_at": NOW}
                      for i, a, t in rows])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "chat_message")),
                     [{"id": i, "group_id": 1, "author_id": a, "source": t, "html": f"<p>{t}</p>", "status": "visible",
                       "client_key": f"key-{i}", "moderation_note": "", "created_at": NOW} for i, a, t in rows])  # fmt: skip


def _erased(table: str) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.scalars(sa.text(f"SELECT id FROM {table} WHERE erased_at IS NOT NULL ORDER BY id")))


def test_upgrade_marks_what_was_erased_and_nothing_else(old_database):
    upgrade(revision=REVISION)
    for table in ("thread", "post", "chat_message"):
        assert _erased(table) == [1], table


def test_downgrade_drops_the_column_and_keeps_every_row(old_database):
    upgrade(revision=REVISION)
    downgrade(revision=BEFORE)
    inspector = sa.inspect(db.engine)
    with db.engine.connect() as conn:
        for table in ("thread", "post", "chat_message"):
            assert "erased_at" not in {c["name"] for c in inspector.get_columns(table)}
            assert list(conn.scalars(sa.text(f"SELECT id FROM {table} ORDER BY id"))) == [1, 2, 3]
    upgrade()  # and up again
    assert _erased("post") == [1]
