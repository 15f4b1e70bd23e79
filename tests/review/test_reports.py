"""Reporting: the form and its bad inputs, merging into one Review, weighting, rate limits, what people are told."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from forum.services.moderator_actions import perform
from forum.services.reports import reporter_weight, submit_report
from models import Notification, Review, ReviewSignal, db


@pytest.fixture
def post(world, make_post):
    return make_post(world.member1, world.group, "an ordinary post")


def count(model, *where):
    return db.session.scalar(select(func.count(model.id)).where(*where))


def test_report_links_on_thread_and_profile(world, post, client, auth):
    auth.login("leader1")
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert f"/report/post/{post.id}" in page and f"/report/thread/{post.thread_id}" in page
    profile = client.get("/u/member1").get_data(as_text=True)
    assert f"/report/user/{world.member1.id}" in profile
    form = client.get(f"/report/post/{post.id}").get_data(as_text=True)
    assert 'type="radio"' in form and "They may be at risk of harming themselves" in form


def test_report_received_and_merged(world, post, client, auth):
    auth.login("leader1")
    r = client.post(f"/report/post/{post.id}", data={"report_type": "harassment", "note": "rude"})
    assert r.status_code == 302
    auth.logout()
    auth.login("outsider")
    client.post(f"/report/post/{post.id}", data={"report_type": "spam"})
    reviews = db.session.scalars(select(Review)).all()
    assert len(reviews) == 1 and len(reviews[0].signals) == 2
    assert {s.report_type for s in reviews[0].signals} == {"harassment", "spam"}
    received = db.session.scalars(select(Notification).where(Notification.kind == "report_received")).all()
    assert {n.user_id for n in received} == {world.leader1.id, world.outsider.id}
    assert "reached the moderators" in client.get("/notifications").get_data(as_text=True)


BAD = [
    ({}, 400, "Choose what kind of problem this is."),
    ({"report_type": "nonsense"}, 400, "Choose what kind of problem this is."),
    ({"report_type": "other", "note": "   "}, 400, "Please say briefly what the problem is."),
    ({"report_type": "spam", "note": "x" * 501}, 400, "Keep the note under 500 characters."),
]


@pytest.mark.parametrize(("data", "status", "message"), BAD)
def test_report_form_bad_input(world, post, client, auth, data, status, message):
    auth.login("leader1")
    r = client.post(f"/report/post/{post.id}", data=data)
    assert r.status_code == status
    assert message in r.get_data(as_text=True)
    assert count(ReviewSignal) == 0


def test_report_own_content_and_duplicate(world, post, client, auth):
    auth.login("member1")
    r = client.post(f"/report/post/{post.id}", data={"report_type": "spam"})
    assert r.status_code == 400 and "can&#39;t report your own" in r.get_data(as_text=True)
    auth.logout()
    auth.login("leader1")
    client.post(f"/report/post/{post.id}", data={"report_type": "spam"})
    again = client.post(f"/report/post/{post.id}", data={"report_type": "spam"})
    assert again.status_code == 400 and "already reported" in again.get_data(as_text=True)
    assert count(ReviewSignal) == 1


@pytest.mark.parametrize("path", ["/report/post/9999", "/report/widget/1", "/report/thread/0"])
def test_report_unknown_target_is_404(world, client, auth, path):
    auth.login("leader1")
    assert client.post(path, data={"report_type": "spam"}).status_code == 404


def test_report_needs_login(post, client):
    r = client.get(f"/report/post/{post.id}")
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]


def test_report_of_content_reporter_cannot_see_is_404(world, make_post, client, auth):
    held = make_post(world.member1, world.group, "held words", status="held")
    auth.login("outsider")
    assert client.post(f"/report/post/{held.id}", data={"report_type": "spam"}).status_code == 404


def test_risk_to_self_goes_urgent_and_sends_author_resources_privately(world, post):
    review = submit_report(world.leader1, post, "risk_to_self", "worried about them")
    assert review.priority == "urgent" and review.category == "crisis"
    card = db.session.scalar(select(Notification).where(Notification.user_id == world.member1.id,
                                                        Notification.kind == "resources"))  # fmt: skip
    assert card is not None and "leader1" not in card.message


def test_reporter_weight_follows_moderator_agreement(world, make_post, make_user):
    good, noisy = make_user("good_reporter"), make_user("noisy_reporter")
    assert reporter_weight(good) == reporter_weight(noisy)
    for i in range(3):
        target = make_post(world.member1, world.group, f"post {i}")
        r1 = submit_report(good, target, "spam")
        perform(r1, "remove", world.mod1, "it was spam")
        other = make_post(world.member1, world.group, f"fine post {i}")
        r2 = submit_report(noisy, other, "spam")
        perform(r2, "approve", world.mod1, "not spam")
    assert reporter_weight(good) > 1.0 > reporter_weight(noisy)
    fresh = make_post(world.member1, world.group, "another post")
    assert submit_report(good, fresh, "harassment").priority == "high"
    last = make_post(world.member1, world.group, "last post")
    review = submit_report(noisy, last, "harassment")
    signal = review.signals[-1]
    assert signal.weight == reporter_weight(noisy) and signal.weight < 1.0


def test_report_rate_limited_by_flask_limiter(world, make_post, limited_app):
    posts = [make_post(world.member1, world.group, f"post {i}") for i in range(6)]
    client = limited_app.test_client()
    client.post("/auth/login", data={"handle": "leader1", "password": "correct horse battery staple"})
    codes = [client.post(f"/report/post/{p.id}", data={"report_type": "spam"}).status_code for p in posts]
    assert codes[:5] == [302] * 5 and codes[5] == 429


def test_report_page_of_hidden_content_does_not_leak_its_title(world, make_post, client, auth):
    held = make_post(world.member1, world.group, "held words", status="held", title="Secret held title")
    auth.login("outsider")
    r = client.get(f"/report/post/{held.id}")
    assert r.status_code == 404 and "Secret held title" not in r.get_data(as_text=True)


def test_reporters_stay_anonymous_to_peer_moderators(world, make_post, client, auth):
    post = make_post(world.member1, world.group, "a post")
    review = submit_report(world.outsider, post, "spam", "")
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert "outsider" not in page and "report by a member" in page
    auth.logout()
    auth.login("leader1")
    assert "outsider" not in client.get("/review/audit").get_data(as_text=True)
    auth.logout()
    auth.login("sitemod")
    assert "report by outsider" in client.get(f"/review/{review.id}").get_data(as_text=True)
