"""A moderator who loses the role, or a member banned, while a request is on its way acts no more.

Each test commits the change on another connection just before the service's write transaction, as a leader's
or site moderator's request landing between the view's check and the write would (commit_before_the_write).
"""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import func, select

from forum.services import moderator_actions, moderator_tools, reports, review_queue
from forum.services.errors import PermissionDenied
from models import Membership, ModeratorNote, Review, ReviewEvent, ReviewSignal, db
from tests.conftest import commit_before_the_write, lose_role

NOT_IN_QUEUE = "There is no such item in your queue."  # what the up-front check (get_review) says


@pytest.fixture
def flagged(world, make_post, flag):
    post = make_post(world.member1, world.group, "some words that were flagged", status="held")
    return post, flag(post, "pro_harm", priority="high")


def _events(review: Review) -> int:
    return db.session.scalar(select(func.count(ReviewEvent.id)).where(ReviewEvent.review_id == review.id))


@pytest.mark.parametrize("how", ["demoted", "left"])
def test_a_moderator_who_lost_the_role_meanwhile_does_not_resolve(
    client, auth, world, flagged, monkeypatch, how
):
    post, review = flagged
    events = _events(review)
    auth.login("mod1")
    commit_before_the_write(monkeypatch, moderator_actions, lose_role(how, world.mod1, world.group))
    resp = client.post(f"/review/{review.id}/act", data={"action": "approve", "reason": "looks fine",
                                                         "version": str(review.version)})  # fmt: skip
    assert resp.status_code == 404
    assert NOT_IN_QUEUE in unescape(resp.get_data(as_text=True))
    db.session.refresh(review)
    db.session.refresh(post)
    assert (review.status, review.resolved_by_id, post.status) == ("pending", None, "held")
    assert _events(review) == events


def test_a_moderator_who_left_meanwhile_does_not_claim(app, world, flagged, monkeypatch):
    _, review = flagged
    commit_before_the_write(monkeypatch, review_queue, lose_role("left", world.mod1, world.group))
    with app.test_request_context(), pytest.raises(PermissionDenied):
        review_queue.get_review(world.mod1, review.id)  # the view's check, as the claim button is pressed
        review_queue.claim(review, world.mod1)
    db.session.rollback()
    assert db.session.get(Review, review.id).claimed_by_id is None


def test_a_moderator_demoted_meanwhile_writes_no_note(app, world, monkeypatch):
    commit_before_the_write(monkeypatch, moderator_tools, lose_role("demoted", world.mod1, world.group))
    with app.test_request_context(), pytest.raises(PermissionDenied):
        moderator_tools.add_note(world.mod1, world.member1, world.group, "Has had a rough month.")
    db.session.rollback()
    assert db.session.scalar(select(func.count(ModeratorNote.id))) == 0


def test_a_member_banned_meanwhile_cannot_report(client, auth, world, make_post, monkeypatch):
    post = make_post(world.member1, world.group, "words someone finds unkind")
    auth.login("outsider")
    membership = Membership(user_id=world.outsider.id, group_id=world.group.id, role="member", state="active")
    db.session.add(membership)
    db.session.commit()
    commit_before_the_write(monkeypatch, reports, lose_role("banned", world.outsider, world.group))
    resp = client.post(f"/report/post/{post.id}", data={"report_type": "spam"})
    assert resp.status_code == 404  # as the report page is for content the member can't see
    assert db.session.scalar(select(func.count(ReviewSignal.id))) == 0
