"""Urgent items nobody acknowledges escalate to site moderators after the configured time (explicit clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.services import review_queue as rq
from models import Notification, Post, ReviewEvent, db


@pytest.fixture
def urgent(world, make_post, flag):
    return flag(
        make_post(world.member1, world.group, "a hard night"), "crisis", priority="urgent", severity=3
    )


def age(review, minutes):
    """Pretend the review (and its opening event) happened `minutes` ago."""
    for thing in (review, *review.events):
        thing.created_at = thing.created_at - timedelta(minutes=minutes)
    db.session.commit()


def site_notices(world):
    return db.session.scalars(select(Notification).where(Notification.user_id == world.sitemod.id)).all()


def test_escalates_after_timeout_only(world, urgent, app):
    opened = rq.opened_at(urgent)
    minutes = app.config["REVIEW_ESCALATE_MINUTES"]
    assert minutes == 5
    assert rq.escalate_overdue(opened + timedelta(minutes=4, seconds=59)) == []
    assert urgent.escalated_at is None and site_notices(world) == []
    now = opened + timedelta(minutes=5)
    assert [r.id for r in rq.escalate_overdue(now)] == [urgent.id]
    assert urgent.escalated_at == now and rq.is_escalated(urgent)
    event = db.session.scalars(select(ReviewEvent).where(ReviewEvent.review_id == urgent.id)
                               .order_by(ReviewEvent.id.desc())).first()  # fmt: skip
    assert event.action == "auto_escalated" and event.actor_id is None
    assert len(site_notices(world)) == 1
    # Running again does not escalate twice.
    assert rq.escalate_overdue(now + timedelta(minutes=10)) == []
    assert len(site_notices(world)) == 1


def test_acknowledged_items_do_not_escalate(world, urgent):
    rq.claim(urgent, world.mod1, now=urgent.created_at + timedelta(minutes=1))
    assert rq.escalate_overdue(urgent.created_at + timedelta(minutes=30)) == []


def test_non_urgent_items_do_not_escalate(world, make_post, flag):
    review = flag(make_post(world.member1, world.group, "spammy"), "spam", priority="high")
    assert rq.escalate_overdue(review.created_at + timedelta(hours=5)) == []


def test_configurable_timeout(world, urgent, app):
    app.config["REVIEW_ESCALATE_MINUTES"] = 1
    assert len(rq.escalate_overdue(rq.opened_at(urgent) + timedelta(minutes=1))) == 1


def test_cli_command(world, urgent, app):
    age(urgent, 6)
    result = app.test_cli_runner().invoke(args=["review", "escalate"])
    assert result.exit_code == 0 and "1 urgent item(s) escalated" in result.output
    db.session.refresh(urgent)
    assert urgent.escalated_at is not None


def test_queue_page_escalates_and_shows_it(world, urgent, client, auth):
    age(urgent, 7)
    auth.login("mod1")
    page = client.get("/review").get_data(as_text=True)
    assert "Escalated to site moderators" in page and 'class="clock overdue"' in page
    db.session.refresh(urgent)
    assert urgent.escalated_at is not None


def test_reopened_item_starts_a_new_clock(world, urgent, make_post):
    from forum.services.moderator_actions import perform
    from forum.services.reports import submit_report

    rq.claim(urgent, world.mod1)
    perform(urgent, "support", world.mod1, "talked with them")
    post = db.session.get(Post, urgent.target_id)
    reopened = submit_report(world.leader1, post, "risk_to_self", "worse again")
    assert reopened.id == urgent.id and reopened.status == "pending"
    assert not rq.is_acknowledged(reopened)  # the old claim belongs to the previous round
    later = rq.opened_at(reopened) + timedelta(minutes=5)
    assert [r.id for r in rq.escalate_overdue(later)] == [urgent.id]
