"""Demo data: a newcomer's first look shows living rooms (rules, meetings, links, chat), seeded once."""

from __future__ import annotations

from sqlalchemy import func, select

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
