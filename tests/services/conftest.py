"""Fixtures for the service tests."""

from __future__ import annotations

import pytest

from forum.content import render_markdown
from models import Post, Thread, db


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
