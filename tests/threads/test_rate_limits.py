"""Posting limits are per member, not per address: members behind one network never block each other."""

from __future__ import annotations

import pytest

from models import Post, Thread, db
from tests.conftest import PASSWORD


@pytest.fixture
def thread(room, make_user):
    group, people = room
    thread = Thread(group=group, author=people["member1"], title="How was your week")
    db.session.add(thread)
    db.session.add(
        Post(thread=thread, author=people["member1"], source="first", html="<p>first</p>", is_first=True)
    )
    db.session.commit()
    return thread


def _client(limited_app, handle: str):  # noqa: ANN202
    client = limited_app.test_client()  # every test client comes from 127.0.0.1: one shared address
    client.post("/auth/login", data={"handle": handle, "password": PASSWORD})
    return client


def _posts() -> int:
    return db.session.scalar(db.select(db.func.count(Post.id)))


def test_two_members_on_one_address_do_not_limit_each_other(limited_app, thread):
    alice, bob = _client(limited_app, "member1"), _client(limited_app, "leader1")
    codes = []
    for i in range(6):
        codes.append(alice.post(f"/t/{thread.id}/reply", data={"body": f"alice says hello {i}"}).status_code)
        if i < 5:
            codes.append(bob.post(f"/t/{thread.id}/reply", data={"body": f"bob says hello {i}"}).status_code)
    assert codes == [302] * 11  # an address-wide limit would have refused the 7th
    before = _posts()
    resp = alice.post(f"/t/{thread.id}/reply", data={"body": "my seventh reply in a minute"})
    assert resp.status_code == 429
    page = resp.get_data(as_text=True)
    assert (
        "You&#39;re posting quickly; please wait a minute and send again." in page
        and "my seventh reply in a minute" in page
    )  # the text is kept
    assert "per 1 minute" not in page
    assert _posts() == before
    assert bob.post(f"/t/{thread.id}/reply", data={"body": "bob's sixth reply"}).status_code == 302


def test_new_thread_over_the_limit_keeps_title_and_text(limited_app, thread):
    alice = _client(limited_app, "member1")
    for i in range(6):
        alice.post("/groups/test-room/new", data={"title": f"Thread {i}", "body": "some words"})
    resp = alice.post("/groups/test-room/new", data={"title": "One more thread", "body": "words I typed"})
    assert resp.status_code == 429
    page = resp.get_data(as_text=True)
    assert 'value="One more thread"' in page and "words I typed" in page
    assert db.session.scalar(db.select(Thread).where(Thread.title == "One more thread")) is None


def test_reports_are_limited_per_member(limited_app, thread, room):
    group, people = room
    posts = [
        Post(thread=thread, author=people["mod1"], source=f"p{i}", html=f"<p>p{i}</p>") for i in range(7)
    ]
    db.session.add_all(posts)
    db.session.commit()
    alice, bob = _client(limited_app, "member1"), _client(limited_app, "leader1")
    codes = [alice.post(f"/report/post/{p.id}", data={"report_type": "spam"}).status_code for p in posts[:5]]
    codes.append(bob.post(f"/report/post/{posts[5].id}", data={"report_type": "spam"}).status_code)
    assert codes == [302] * 6
    resp = alice.post(f"/report/post/{posts[6].id}", data={"report_type": "spam"})
    assert resp.status_code == 429 and "per 1 minute" not in resp.get_data(as_text=True)


def test_login_is_limited_per_account_too(limited_app, make_user):
    make_user("robin")
    make_user("wren")
    client = limited_app.test_client()
    codes = []
    for i in range(31):
        address = {
            "REMOTE_ADDR": f"10.0.0.{i + 1}"
        }  # a new address each time: the per-address limit never bites
        data = {"handle": "robin", "password": "wrong password"}
        codes.append(client.post("/auth/login", data=data, environ_base=address).status_code)
    assert codes[:30] == [400] * 30 and codes[30] == 429
    data = {"handle": "wren", "password": PASSWORD}
    assert client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 302
