"""Migration 3dd65b7f5085 (look-alike keys) on a database with data: backfill, no failure on shared names, and
a downgrade that gives the old schema back with every row kept. On SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from forum.lookalike import name_key, skeleton, suffixed_key
from models import db
from tests.migration_db import migrated_app, reflected_table

BEFORE, REVISION = "3423c93bf6c5", "3dd65b7f5085"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def old_database(tmp_path):
    """An app whose database stands at the revision before, holding users and rooms of that time."""
    with migrated_app(tmp_path, BEFORE, _fill_old_rows) as app:
        yield app


def _user(handle: str, key: str, deleted: bool = False) -> dict:
    return {"handle": handle, "handle_key": key, "password_hash": "x", "bio_source": "", "bio_html": "",
            "region": "GB", "timezone": "UTC", "trust_level": 0, "is_admin": False, "is_site_moderator": False,
            "created_at": NOW, "deleted_at": NOW if deleted else None}  # fmt: skip


def _group(gid: int, name: str) -> dict:
    return {"id": gid, "slug": f"room-{gid}", "name": name, "description": "", "rules_source": "", "rules_html": "",
            "welcome_source": "", "welcome_html": "", "category_id": 1, "visibility": "public", "joining": "open",
            "last_activity_at": NOW, "created_at": NOW}  # fmt: skip


def _fill_old_rows() -> None:
    with db.engine.begin() as conn:
        conn.execute(sa.insert(reflected_table(conn, "category")),
                     [{"id": 1, "slug": "misc", "name": "Misc", "description": "", "topic": "general", "position": 0}])  # fmt: skip
        # Two members whose handles look alike (signed up before that was refused), and a deleted account.
        conn.execute(sa.insert(reflected_table(conn, "user")), [_user("lantern_keeper", "lantern_keeper"),
                     _user("Iantern.keeper", "iantern.keeper"), _user("a former member", "~0a1b2c", deleted=True)])  # fmt: skip
        user_id = conn.scalar(sa.text("SELECT id FROM \"user\" WHERE handle_key = 'lantern_keeper'"))
        conn.execute(sa.insert(reflected_table(conn, "login_session")),
                     [{"token": "t1", "user_id": user_id, "expires_at": NOW, "last_seen_at": NOW, "created_at": NOW}])  # fmt: skip
        # Three rooms sharing one name by today's rule (case, spacing, punctuation), and one other.
        conn.execute(sa.insert(reflected_table(conn, "group")), [_group(3, "Alcohol recovery"), _group(5, "alcohol  RECOVERY"),
                     _group(7, "Alcohol-recovery!"), _group(9, "Grief support")])  # fmt: skip
        conn.execute(sa.insert(reflected_table(conn, "retired_handle")), [{"key_digest": "ab" * 32}])


def _rows(sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def test_upgrade_fills_the_keys_and_survives_shared_names(old_database):
    upgrade(revision=REVISION)
    skeletons = dict(_rows('SELECT handle, handle_skeleton FROM "user"'))
    assert skeletons == {"lantern_keeper": skeleton("lantern_keeper"), "Iantern.keeper": skeleton("lantern_keeper"),
                         "a former member": ""}  # fmt: skip
    key = name_key("Alcohol recovery")
    assert dict(_rows('SELECT id, name_key FROM "group"')) == {
        3: key,
        5: suffixed_key(key, 5),
        7: suffixed_key(key, 7),
        9: name_key("Grief support"),
    }
    assert _rows('SELECT name FROM "group" WHERE id = 5') == [("alcohol  RECOVERY",)]  # visible names kept
    assert _rows("SELECT skeleton_digest FROM retired_handle") == [(None,)]
    assert _rows("SELECT token FROM login_session") == [("t1",)]  # nothing went with a rebuilt table
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.text('UPDATE "group" SET name_key = :key WHERE id = 9'), {"key": key})


def test_downgrade_gives_the_old_schema_back_and_keeps_every_row(old_database):
    upgrade(revision=REVISION)
    downgrade(revision=BEFORE)
    inspector = sa.inspect(db.engine)
    assert "handle_skeleton" not in {c["name"] for c in inspector.get_columns("user")}
    assert "name_key" not in {c["name"] for c in inspector.get_columns("group")}
    assert "skeleton_digest" not in {c["name"] for c in inspector.get_columns("retired_handle")}
    assert len(_rows('SELECT id FROM "user"')) == 3 and len(_rows('SELECT id FROM "group"')) == 4
    assert _rows("SELECT token FROM login_session") == [("t1",)]
    upgrade()  # and up again
    assert len(_rows('SELECT id FROM "group" WHERE name_key IS NOT NULL')) == 4
