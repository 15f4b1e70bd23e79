"""Joining and leaving when two requests arrive at the same moment (a double click, two leaders at once)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from forum.services import groups
from forum.services.errors import PermissionDenied, ValidationError
from models import Group, GroupNotice, Membership, User, db
from tests.conftest import run_at_once
from tests.services.conftest import active_leaders


def _count(model: type, *where: object) -> int:
    return db.session.scalar(select(func.count(model.id)).where(*where))


def test_joining_twice_at_once_makes_one_membership(app, make_user, make_group, monkeypatch):
    user_id, group_id = make_user("twice").id, make_group("open-room").id
    check = groups._membership_to_join

    def slow_check(*args: object) -> object:
        found = check(*args)
        time.sleep(0.2)  # hold the gap between check and insert open: without the lock both pass the check
        return found

    monkeypatch.setattr(groups, "_membership_to_join", slow_check)

    def join() -> str:
        return groups.join(db.session.get(User, user_id), db.session.get(Group, group_id)).state

    outcomes = run_at_once(app, join)
    refused = [o for o in outcomes if isinstance(o, PermissionDenied)]
    assert "active" in outcomes and len(refused) == 1, outcomes
    assert refused[0].message == "You are already a member of this group."
    assert _count(Membership, Membership.user_id == user_id, Membership.group_id == group_id) == 1
    assert _count(GroupNotice, GroupNotice.user_id == user_id, GroupNotice.kind == "welcome") == 1


def test_a_ban_that_lands_after_the_first_check_is_not_overruled(app, make_user, make_group, add_member):
    user, group = make_user("banned-meanwhile"), make_group("strict-room")
    with app.test_request_context():
        assert groups.perm.membership(user, group) is None  # what the request read first (and cached)
        add_member(user, group, state="banned")  # a moderator's ban commits meanwhile
        with pytest.raises(PermissionDenied, match="You can't join this group."):
            groups.join(user, group)
    db.session.rollback()
    states = db.session.scalars(select(Membership.state).where(Membership.user_id == user.id)).all()
    assert states == ["banned"]


def test_the_last_two_leaders_leaving_at_once_keep_one(room, both_leaders_at_once):
    outcomes = both_leaders_at_once(groups.leave)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "only leader" in refused[0].message, outcomes
    assert outcomes.count(None) == 1, outcomes
    assert active_leaders(room[0]) == 1
