"""The shared re-check under the write lock: it asks the database, not the request's cache, and only under the lock."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from forum import permissions as perm
from forum.database import write_transaction
from forum.services.errors import PermissionDenied
from forum.services.guard import require_still
from models import Membership, db


def test_require_still_reads_a_membership_deleted_since_the_first_check(app, room):
    group, people = room
    member = people["member1"]
    with app.test_request_context():
        assert perm.is_active_member(member, group)  # cached for the request
        with db.engine.begin() as conn:  # the member leaves in another request
            conn.execute(delete(Membership).where(Membership.user_id == member.id))
        with pytest.raises(PermissionDenied, match="Members only"), write_transaction():
            require_still(lambda: perm.is_active_member(member, group), "Members only.")


def test_require_still_outside_the_write_lock_is_a_programming_error(app, room):
    group, people = room
    with app.test_request_context(), pytest.raises(RuntimeError, match="write_transaction"):
        require_still(lambda: perm.is_active_member(people["member1"], group), "Members only.")
