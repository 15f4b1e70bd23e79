"""Posting and reactions when something else lands at the same moment (a double click, a moderator's mute)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from forum.services import posting
from forum.services.errors import PermissionDenied
from forum.services.posting import toggle_reaction
from models import Membership, Post, Reaction, Thread, User, db, utcnow
from tests.conftest import commit_before_the_write, membership_change, run_at_once


def test_a_reaction_toggled_twice_at_once_is_added_then_taken_back(app, room, member_post):
    _, people = room
    post = member_post
    user_id, post_id = people["leader1"].id, post.id

    def click() -> object:
        return toggle_reaction(db.session.get(User, user_id), db.session.get(Post, post_id), "hug")

    outcomes = run_at_once(app, click)
    assert sorted(outcomes, key=str) == [False, True], outcomes  # one after the other, never an error
    assert db.session.scalar(select(func.count(Reaction.id)).where(Reaction.post_id == post_id)) == 0


def _mute_meanwhile(monkeypatch, user_id: int, group_id: int) -> None:
    """A moderator's mute commits on another connection while the post is being screened."""
    screen = posting.screen_all

    def screen_then_mute(*args: object, **kwargs: object) -> object:
        verdict = screen(*args, **kwargs)
        with db.engine.begin() as conn:
            conn.execute(
                update(Membership)
                .where(Membership.user_id == user_id, Membership.group_id == group_id)
                .values(muted_until=utcnow() + timedelta(hours=1))
            )
        return verdict

    monkeypatch.setattr(posting, "screen_all", screen_then_mute)


def test_a_mute_that_lands_while_a_thread_is_screened_stops_it(app, room, monkeypatch):
    group, people = room
    author = people["member1"]
    _mute_meanwhile(monkeypatch, author.id, group.id)
    with app.test_request_context(), pytest.raises(PermissionDenied):
        posting.create_thread(author, group, "A title", "Some words to post")
    db.session.rollback()
    assert db.session.scalar(select(func.count(Thread.id)).where(Thread.group_id == group.id)) == 0


def test_a_mute_that_lands_while_a_reply_is_screened_stops_it(app, room, monkeypatch):
    group, people = room
    thread = posting.create_thread(people["member1"], group, "A title", "Some words to post").post.thread
    _mute_meanwhile(monkeypatch, people["member1"].id, group.id)
    with app.test_request_context(), pytest.raises(PermissionDenied):
        posting.reply(people["member1"], thread, "A reply")
    db.session.rollback()
    assert db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id)) == 1


def test_a_member_banned_while_reacting_adds_no_reaction(app, room, member_post, monkeypatch):
    group, people = room
    ban = membership_change(people["leader1"], group, role="member", state="banned")
    commit_before_the_write(monkeypatch, posting, ban)
    with app.test_request_context(), pytest.raises(PermissionDenied):
        toggle_reaction(people["leader1"], member_post, "hug")
    db.session.rollback()
    assert db.session.scalar(select(func.count(Reaction.id))) == 0


def test_a_moderator_demoted_while_deleting_anothers_post_deletes_nothing(
    app, room, member_post, monkeypatch
):
    group, people = room
    demote = membership_change(people["mod1"], group, role="member")
    commit_before_the_write(monkeypatch, posting, demote)
    with app.test_request_context(), pytest.raises(PermissionDenied):
        posting.delete_post(people["mod1"], member_post)
    db.session.rollback()
    assert db.session.get(Post, member_post.id).deleted_at is None
