"""Removed content takes no reactions and no reports: erased by its author, removed by moderators, or deleted.

The buttons are not shown (the same predicates as the services), and a crafted request gets a clear message
and changes nothing.
"""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import func, select

from forum.services import account_deletion
from models import Reaction, Review, ReviewSignal, db, utcnow
from tests.conftest import PASSWORD

NOTHING_LEFT = "This has been removed, so there is nothing left to report."
NO_REACTIONS = "This post has been removed, so it can't take reactions."


def count(model, *where) -> int:  # noqa: ANN001
    return db.session.scalar(select(func.count(model.id)).where(*where))


@pytest.fixture
def thread_with(world, make_post, make_user, add_member):
    """leader1's thread with a reply by each of: a leaver who erases, a leaver who keeps, member1."""

    def _make(**statuses: str) -> dict:
        opening = make_post(world.leader1, world.group, "how is everyone doing")
        people = {"eraser": make_user("eraser"), "keeper": make_user("keeper"), "member1": world.member1}
        posts = {}
        for name, user in people.items():
            if name != "member1":
                add_member(user, world.group)
            posts[name] = make_post(user, world.group, f"reply by {name}", thread=opening.thread,
                                    status=statuses.get(name, "visible"))  # fmt: skip
        account_deletion.delete_account(people["eraser"], PASSWORD, "erase")
        account_deletion.delete_account(people["keeper"], PASSWORD, "keep")
        return posts

    return _make


def _react(client, post, kind: str = "hug") -> tuple[int, str]:  # noqa: ANN001
    resp = client.post(f"/p/{post.id}/react/{kind}", follow_redirects=True)
    return resp.status_code, unescape(resp.get_data(as_text=True))


def test_an_erased_post_shows_no_reaction_or_report_buttons(world, thread_with, client, auth):
    posts = thread_with()
    auth.login("mod1")
    page = client.get(f"/t/{posts['eraser'].thread_id}").get_data(as_text=True)
    erased, kept = posts["eraser"].id, posts["keeper"].id
    assert "[removed by its author]" in page and "reply by keeper" in page
    assert f"/p/{erased}/react/" not in page and f"/report/post/{erased}" not in page
    # A former member's kept words are still there: still reactable, still reportable.
    assert f"/p/{kept}/react/hug" in page and f"/report/post/{kept}" in page


def test_reacting_to_an_erased_post_is_refused_with_a_message(world, thread_with, client, auth):
    posts = thread_with()
    auth.login("member1")
    status, page = _react(client, posts["eraser"])
    assert status == 200 and NO_REACTIONS in page
    assert count(Reaction) == 0
    assert _react(client, posts["keeper"])[0] == 200 and count(Reaction) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_reporting_an_erased_post_is_refused_with_a_message(world, thread_with, client, auth, method):
    posts = thread_with()
    auth.login("member1")
    resp = getattr(client, method)(f"/report/post/{posts['eraser'].id}", data={"report_type": "spam"})
    assert resp.status_code == 403 and NOTHING_LEFT in resp.get_data(as_text=True)
    assert count(ReviewSignal, ReviewSignal.source == "report") == 0


def test_reporting_an_erased_thread_is_refused(world, make_post, make_user, add_member, client, auth):
    eraser = make_user("eraser")
    add_member(eraser, world.group)
    opening = make_post(eraser, world.group, "my story")
    make_post(world.member1, world.group, "thank you for sharing", thread=opening.thread)
    account_deletion.delete_account(eraser, PASSWORD, "erase")
    auth.login("leader1")
    page = client.get(f"/t/{opening.thread_id}").get_data(as_text=True)
    assert f"/report/thread/{opening.thread_id}" not in page
    resp = client.post(f"/report/thread/{opening.thread_id}", data={"report_type": "spam"})
    assert resp.status_code == 403 and NOTHING_LEFT in resp.get_data(as_text=True)
    assert count(Review) == 0


def test_a_post_removed_by_moderators_can_not_be_reported_by_them(world, thread_with, client, auth):
    posts = thread_with(member1="removed")
    auth.login("leader1")  # moderators still see the removed post
    page = client.get(f"/t/{posts['member1'].thread_id}").get_data(as_text=True)
    assert "reply by member1" in page and f"/report/post/{posts['member1'].id}" not in page
    resp = client.post(f"/report/post/{posts['member1'].id}", data={"report_type": "spam"})
    assert resp.status_code == 403 and NOTHING_LEFT in resp.get_data(as_text=True)
    assert count(Review) == 0


def test_a_deleted_post_can_not_be_reported_or_reacted_to(world, thread_with, client, auth):
    posts = thread_with()
    posts["member1"].deleted_at = utcnow()
    db.session.commit()
    auth.login("leader1")
    resp = client.post(f"/report/post/{posts['member1'].id}", data={"report_type": "spam"})
    assert resp.status_code == 403 and NOTHING_LEFT in resp.get_data(as_text=True)
    assert NO_REACTIONS in _react(client, posts["member1"])[1]
    assert count(Review) == 0 and count(Reaction) == 0


def test_a_kept_post_that_says_the_erasure_words_is_not_taken_for_erased(world, make_post, make_user, add_member,
                                                                        client, auth):  # fmt: skip
    """Erasure is marked (erased_at), not guessed from the words: a member may type them, and keep their writing."""
    keeper = make_user("keeper")
    add_member(keeper, world.group)
    opening = make_post(world.leader1, world.group, "how is everyone doing")
    typed = make_post(keeper, world.group, "[removed by its author]", thread=opening.thread)
    account_deletion.delete_account(keeper, PASSWORD, "keep")
    auth.login("member1")
    page = client.get(f"/t/{opening.thread_id}").get_data(as_text=True)
    assert f"/p/{typed.id}/react/hug" in page and f"/report/post/{typed.id}" in page
    assert _react(client, typed)[0] == 200 and count(Reaction) == 1
    resp = client.post(f"/report/post/{typed.id}", data={"report_type": "spam"}, follow_redirects=True)
    assert resp.status_code == 200 and count(Review) == 1
