"""Demo data: a newcomer's first look shows living rooms (rules, meetings, links, chat), seeded once."""

from __future__ import annotations

from sqlalchemy import func, insert, select

from forum.demo import seed_demo
from models import ChatMessage, Group, Meeting, PinnedResource, User, db


def test_demo_seeds_living_rooms_once(app, client):
    assert seed_demo() is True
    room = db.session.scalar(select(Group).where(Group.slug == "depression-support"))
    assert "Be kind" in room.rules_html and room.welcome_source
    page = client.get("/groups/depression-support").get_data(as_text=True)
    assert "Next meetings" in page and "Thursday circle" in page and "Mind: understanding depression" in page
    counts = [
        db.session.scalar(select(func.count(m.id))) for m in (User, Meeting, PinnedResource, ChatMessage)
    ]
    assert all(counts)
    assert seed_demo() is False  # a second run adds nothing
    assert [
        db.session.scalar(select(func.count(m.id))) for m in (User, Meeting, PinnedResource, ChatMessage)
    ] == counts


def test_demo_is_not_added_when_a_member_signs_up_as_the_seed_begins(app, monkeypatch):
    """The "no members yet" check and the demo members are one write under the lock."""
    import forum.demo

    from .conftest import commit_before_the_write

    first = insert(User).values(
        handle="early_bird", handle_key="early_bird", handle_skeleton="earlyblrd", password_hash="x"
    )
    commit_before_the_write(monkeypatch, forum.demo, first)
    assert seed_demo() is False
    assert db.session.scalars(select(User.handle)).all() == ["early_bird"]
    assert db.session.scalar(select(func.count(Group.id)))  # the catalogue is still added


def test_make_admin_command(app):
    runner = app.test_cli_runner()
    seed_demo()
    result = runner.invoke(args=["make-admin", "NEW_LEAF"])
    assert result.exit_code == 0 and "new_leaf is now a site admin" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(User.is_admin).where(User.handle == "new_leaf")) is True
    missing = runner.invoke(args=["make-admin", "nobody_here"])
    assert missing.exit_code != 0 and "No account with the handle 'nobody_here'" in missing.output
