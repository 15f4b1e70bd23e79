"""The permission predicates as a matrix: who x room visibility."""

import pytest
from flask_login import AnonymousUserMixin

from forum import permissions as perm

WHO = ["anonymous", "outsider", "member", "moderator", "leader", "admin", "pending", "banned"]

# who -> visibility -> (can_see_group, can_view, is_listed_for, can_post_in, can_moderate, can_lead)
EXPECTED = {
    "anonymous": {"public": "111000", "members": "101000", "unlisted": "000000"},
    "outsider": {"public": "111000", "members": "101000", "unlisted": "000000"},
    "member": {"public": "111100", "members": "111100", "unlisted": "111100"},
    "moderator": {"public": "111110", "members": "111110", "unlisted": "111110"},
    "leader": {"public": "111111", "members": "111111", "unlisted": "111111"},
    "admin": {"public": "111011", "members": "111011", "unlisted": "111011"},
    "pending": {"public": "111000", "members": "101000", "unlisted": "100000"},
    "banned": {"public": "101000", "members": "101000", "unlisted": "000000"},
}
PREDICATES = [
    perm.can_see_group,
    perm.can_view,
    perm.is_listed_for,
    perm.can_post_in,
    perm.can_moderate,
    perm.can_lead,
]


@pytest.fixture
def cast(make_user, make_group, add_member):
    groups = {v: make_group(f"room-{v}", visibility=v) for v in ("public", "members", "unlisted")}
    users = {"anonymous": AnonymousUserMixin(), "outsider": make_user("outsider"),
             "admin": make_user("admin1", is_admin=True)}  # fmt: skip
    roles = {"member": ("member", "active"), "moderator": ("moderator", "active"), "leader": ("leader", "active"),
             "pending": ("member", "pending"), "banned": ("member", "banned")}  # fmt: skip
    for who, (role, state) in roles.items():
        users[who] = make_user(f"{who}_user")
        for g in groups.values():
            add_member(users[who], g, role, state)
    return users, groups


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("visibility", ["public", "members", "unlisted"])
def test_matrix(app, cast, who, visibility):
    users, groups = cast
    with app.test_request_context():
        got = "".join("1" if p(users[who], groups[visibility]) else "0" for p in PREDICATES)
    assert got == EXPECTED[who][visibility]


def test_muted_member_cannot_post(app, room):
    from datetime import timedelta

    from models import Membership, db, utcnow

    group, people = room
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == people["member1"].id))
    m.muted_until = utcnow() + timedelta(hours=1)
    db.session.commit()
    with app.test_request_context():
        assert perm.can_view(people["member1"], group)
        assert not perm.can_post_in(people["member1"], group)


def test_ended_course_is_read_only(app, room):
    from datetime import timedelta

    from models import db, utcnow

    group, people = room
    group.settings.ends_on = (utcnow() - timedelta(days=1)).date()
    db.session.commit()
    with app.test_request_context():
        assert not perm.can_post_in(people["member1"], group)
        assert perm.can_view(people["member1"], group)


def test_suspended_user_has_no_rights(app, room):
    from datetime import timedelta

    from models import db, utcnow

    group, people = room
    people["leader1"].suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    with app.test_request_context():
        assert not perm.can_post_in(people["leader1"], group)
        assert not perm.can_lead(people["leader1"], group)


def test_group_creation_needs_trust(app, make_user):
    with app.test_request_context():
        assert not perm.can_create_group(make_user("newbie", trust_level=0))
        assert perm.can_create_group(make_user("regular", trust_level=2))
        assert perm.can_create_group(make_user("boss", is_admin=True))


def test_memberships_cached_block_asks_once_outside_a_request(app, room):
    """Work done for another process's order has no request: the block caches, and only for its own length."""
    from sqlalchemy import event

    from models import db

    group, people = room
    member = people["member1"]
    asked: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001, ANN002
        if "FROM membership" in statement:
            asked.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with perm.memberships_cached():
            assert all(perm.can_view(member, group) and perm.can_post_in(member, group) for _ in range(5))
        in_block = len(asked)
        perm.can_view(member, group), perm.can_view(member, group)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert in_block == 1
    assert len(asked) == 3  # outside the block each check reads the database again
