"""Leaders' people decisions when two arrive at the same moment."""

from __future__ import annotations

from sqlalchemy import func, select

from forum.services.errors import ValidationError
from forum.services.people_admin import remove_role
from models import Group, Membership, User, db
from tests.conftest import run_at_once


def test_the_last_two_leaders_stepping_down_at_once_keep_one(app, room, make_user, add_member):
    group, people = room
    second = make_user("leader2")
    add_member(second, group, "leader")
    leader_ids, group_id = [people["leader1"].id, second.id], group.id

    def step_down() -> object:
        user = db.session.get(User, leader_ids.pop())  # each thread takes one leader
        return remove_role(user, db.session.get(Group, group_id), user.id)

    outcomes = run_at_once(app, step_down)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "at least one leader" in refused[0].message, outcomes
    leaders = Membership.group_id == group_id, Membership.role == "leader", Membership.state == "active"
    assert db.session.scalar(select(func.count(Membership.id)).where(*leaders)) == 1
