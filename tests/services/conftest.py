"""Fixtures for the service tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from forum.content import render_markdown
from models import Group, Membership, Post, Thread, User, db
from tests.conftest import run_at_once


@pytest.fixture
def member_post(room) -> Post:
    """A thread by member1 in the room, with its first post (stored directly, not screened)."""
    group, people = room
    thread = Thread(group=group, author=people["member1"], title="A thread")
    post = Post(thread=thread, author=people["member1"], source="words", html=render_markdown("words"),
                is_first=True)  # fmt: skip
    db.session.add_all([thread, post])
    db.session.commit()
    return post


@pytest.fixture
def both_leaders_at_once(app, room, make_user, add_member):
    """run(action) runs action(leader, group) for the room's two leaders at the same moment; returns the outcomes."""
    group, people = room
    second = make_user("leader2")
    add_member(second, group, "leader")
    leader_ids, group_id = [people["leader1"].id, second.id], group.id

    def run(action: Callable[[User, Group], object]) -> list[object]:
        def one() -> object:
            user = db.session.get(User, leader_ids.pop())  # each thread takes one leader
            return action(user, db.session.get(Group, group_id))

        return run_at_once(app, one)

    return run


def active_leaders(group: Group) -> int:
    """How many active leaders the group has, as stored."""
    leaders = Membership.group_id == group.id, Membership.role == "leader", Membership.state == "active"
    return db.session.scalar(select(func.count(Membership.id)).where(*leaders))
