"""Fixtures for the review queue: two rooms with their moderators, site staff, content and a helper to act."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from forum.content import render_markdown
from forum.moderation.reviews import open_review
from models import Post, Thread, db


@pytest.fixture
def world(room, make_user, make_group, add_member):
    """test-room (leader1, mod1, member1, outsider) and other-room (mod2, member2), plus site staff."""
    group, people = room
    other = make_group("other-room")
    people["mod2"] = make_user("mod2")
    people["member2"] = make_user("member2")
    add_member(people["mod2"], other, "moderator")
    add_member(people["member2"], other, "member")
    people["sitemod"] = make_user("sitemod", is_site_moderator=True)
    people["admin1"] = make_user("admin1", is_admin=True)
    return SimpleNamespace(group=group, other=other, **people)


@pytest.fixture
def make_post():
    """Factory: make_post(author, group, body, status="visible", title=None, thread=None) -> Post (no screening)."""

    def _make(author, group, body, status="visible", title=None, thread=None) -> Post:
        if thread is None:
            thread = Thread(group=group, author=author, title=title or "A thread", status=status)
            db.session.add(thread)
        post = Post(thread=thread, author=author, source=body, html=render_markdown(body), status=status,
                    is_first=thread.id is None)  # fmt: skip
        db.session.add(post)
        db.session.commit()
        return post

    return _make


@pytest.fixture
def flag():
    """Factory: flag(target, category, priority="normal", source="lexicon") -> Review, as the pipeline would open it."""

    def _flag(target, category, priority="normal", source="lexicon", severity=2, score=0.9):
        signal = {"source": source, "category": category, "severity": severity, "score": score,
                  "reason": f"{source} found {category}"}  # fmt: skip
        review = open_review(target, [signal], priority=priority)
        db.session.commit()
        return review

    return _flag
