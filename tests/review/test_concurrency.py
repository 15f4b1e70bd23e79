"""Two moderators acting on one item at once: exactly one wins, the other gets a clear conflict."""

from __future__ import annotations

import threading

from sqlalchemy import select

from forum.services.errors import Conflict
from forum.services.moderator_actions import perform
from models import Review, ReviewEvent, db


def test_two_browsers_one_wins(world, make_post, flag, app):
    post = make_post(world.member1, world.group, "contested words", status="held")
    review = flag(post, "pro_harm")
    first, second = app.test_client(), app.test_client()
    for c, who in ((first, "mod1"), (second, "leader1")):
        c.post("/auth/login", data={"handle": who, "password": "correct horse battery staple"})
    # Both open the item and see the same version.
    assert first.get(f"/review/{review.id}").status_code == 200
    assert second.get(f"/review/{review.id}").status_code == 200
    version = review.version
    ok = first.post(
        f"/review/{review.id}/act", data={"action": "hide", "reason": "harmful", "version": version}
    )
    assert ok.status_code == 302
    lost = second.post(
        f"/review/{review.id}/act", data={"action": "approve", "reason": "fine", "version": version}
    )
    assert lost.status_code == 409
    assert "already resolved" in lost.get_data(as_text=True) or "acted on this item first" in lost.get_data(
        as_text=True
    )
    db.session.rollback()  # end this session's read snapshot to see the threads' writes
    assert db.session.get(Review, review.id).status == "rejected"
    assert db.session.get(type(post), post.id).status == "hidden"


def test_stale_version_while_pending_names_who_acted(world, make_post, flag, client, auth):
    review = flag(make_post(world.member1, world.group, "words"), "crisis", priority="urgent")
    stale = review.version
    perform(review, "send_resources", world.mod1, "checking in")  # keeps the item open, bumps the version
    auth.login("leader1")
    r = client.post(
        f"/review/{review.id}/act", data={"action": "approve", "reason": "fine", "version": stale}
    )
    assert r.status_code == 409
    assert "Another moderator acted on this item first (mod1: send resources)" in r.get_data(as_text=True)


def test_concurrent_threads_one_wins(world, make_post, flag, app):
    post = make_post(world.member1, world.group, "raced words", status="held")
    review_id = flag(post, "harassment").id
    mods = {"hide": world.mod1.id, "approve": world.leader1.id}
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def act(action: str) -> None:
        with app.app_context():
            from models import User

            moderator = db.session.get(User, mods[action])
            review = db.session.get(Review, review_id)
            version = review.version  # both read the same version before either writes
            barrier.wait()
            try:
                perform(review, action, moderator, "my reason", expected_version=version)
                results[action] = "won"
            except Conflict as err:
                results[action] = err.message
            finally:
                db.session.remove()

    threads = [threading.Thread(target=act, args=(a,)) for a in mods]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results.values()).count("won") == 1, results
    loser = next(v for v in results.values() if v != "won")
    assert "first" in loser or "already resolved" in loser
    db.session.rollback()  # end this session's read snapshot to see the threads' writes
    decisions = db.session.scalars(
        select(ReviewEvent.action).where(ReviewEvent.review_id == review_id, ReviewEvent.action.in_(mods))
    ).all()
    assert len(decisions) == 1


def test_act_without_version_is_refused(world, make_post, flag, client, auth):
    review = flag(make_post(world.member1, world.group, "words"), "spam")
    auth.login("mod1")
    r = client.post(f"/review/{review.id}/act", data={"action": "approve", "reason": "fine", "version": "x"})
    assert r.status_code == 409 and "out of date" in r.get_data(as_text=True)
    db.session.refresh(review)
    assert review.status == "pending"
