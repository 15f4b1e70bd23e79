"""Migration c4d2e8f61a3b (chat_message.shown_at) on a database with data: a message counts as shown to the room
when it is visible, or hidden or removed without a review (never held); one that may have been held stays unshown.
On SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from models import db
from tests.migration_db import migrated_app, reflected_table
from tests.test_migration_erased_at import _fill_old_rows

BEFORE, REVISION = "a7c3e9d41f20", "c4d2e8f61a3b"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
# id: (status, has a review)
MESSAGES = {
    4: ("visible", True),
    5: ("held", True),
    6: ("hidden", False),
    7: ("removed", True),
    8: ("hidden", True),
}


def _fill() -> None:
    _fill_old_rows()  # a room, a member and three visible messages (ids 1-3) without reviews
    with db.engine.begin() as conn:
        conn.execute(sa.insert(reflected_table(conn, "chat_message")),
                     [{"id": i, "group_id": 1, "author_id": 1, "source": "words", "html": "<p>words</p>",
                       "status": status, "client_key": f"key-{i}", "moderation_note": "", "created_at": NOW}
                      for i, (status, _) in MESSAGES.items()])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "review")),
                     [{"target_type": "chat_message", "target_id": i, "group_id": 1, "target_user_id": 1,
                       "status": "resolved", "priority": "normal", "priority_rank": 2, "category": "pro_harm",
                       "updated_at": NOW, "version": 1, "created_at": NOW}
                      for i, (_, reviewed) in MESSAGES.items() if reviewed])  # fmt: skip


@pytest.fixture
def old_database(tmp_path):
    """An app whose database stands at the revision before, holding messages in every status."""
    with migrated_app(tmp_path, BEFORE, _fill) as app:
        yield app


def _shown() -> list[int]:
    with db.engine.connect() as conn:
        return list(
            conn.scalars(sa.text("SELECT id FROM chat_message WHERE shown_at IS NOT NULL ORDER BY id"))
        )


def test_upgrade_marks_as_shown_only_what_the_room_surely_saw(old_database):
    upgrade(revision=REVISION)
    assert _shown() == [1, 2, 3, 4, 6]


def test_downgrade_drops_the_column_and_keeps_every_row(old_database):
    upgrade(revision=REVISION)
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        assert "shown_at" not in {c["name"] for c in sa.inspect(conn).get_columns("chat_message")}
        assert list(conn.scalars(sa.text("SELECT id FROM chat_message ORDER BY id"))) == [
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
        ]
