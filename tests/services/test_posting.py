"""Reactions when one member's click arrives twice at the same moment."""

from __future__ import annotations

from sqlalchemy import func, select

from forum.content import render_markdown
from forum.services.posting import toggle_reaction
from models import Post, Reaction, Thread, User, db
from tests.conftest import run_at_once


def test_a_reaction_toggled_twice_at_once_is_added_then_taken_back(app, room):
    group, people = room
    thread = Thread(group=group, author=people["member1"], title="A thread")
    post = Post(thread=thread, author=people["member1"], source="words", html=render_markdown("words"),
                is_first=True)  # fmt: skip
    db.session.add_all([thread, post])
    db.session.commit()
    user_id, post_id = people["leader1"].id, post.id

    def click() -> object:
        return toggle_reaction(db.session.get(User, user_id), db.session.get(Post, post_id), "hug")

    outcomes = run_at_once(app, click)
    assert sorted(outcomes, key=str) == [False, True], outcomes  # one after the other, never an error
    assert db.session.scalar(select(func.count(Reaction.id)).where(Reaction.post_id == post_id)) == 0
