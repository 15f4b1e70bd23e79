"""A form sent twice (double click, back and resend) creates one post or thread and lands on it."""

import re

import pytest

from forum.services import posting
from models import Post, Thread, User, db
from tests.conftest import run_at_once


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" type="hidden" value="([^"]+)"', page).group(1)


@pytest.fixture
def member(app, client, auth, room):
    auth.login("member1")
    client.post("/groups/test-room/new", data={"title": "Evenings", "body": "How do you spend evenings?"})
    app.config["WTF_CSRF_ENABLED"] = (
        True  # the real form: CSRF token and submission key as the page renders them
    )
    yield db.session.scalar(db.select(Thread))
    app.config["WTF_CSRF_ENABLED"] = False


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_a_reply_sent_twice_is_stored_once(client, member):
    page = client.get(f"/t/{member.id}").get_data(as_text=True)
    data = {"csrf_token": _hidden(page, "csrf_token"), "submission_key": _hidden(page, "submission_key"),
            "body": "A walk after dinner helps me."}  # fmt: skip
    first = client.post(f"/t/{member.id}/reply", data=data)
    again = client.post(f"/t/{member.id}/reply", data=data)
    third = client.post(f"/t/{member.id}/reply", data=data)  # back button, resend
    replies = db.session.scalars(db.select(Post).where(Post.is_first.is_(False))).all()
    assert len(replies) == 1
    assert first.status_code == again.status_code == third.status_code == 302
    assert again.headers["Location"].endswith(f"#post-{replies[0].id}")
    db.session.refresh(member)
    assert member.reply_count == 1
    # A fresh page is a fresh form: the member can say the same thing again on purpose.
    page = client.get(f"/t/{member.id}").get_data(as_text=True)
    client.post(f"/t/{member.id}/reply", data={**data, "submission_key": _hidden(page, "submission_key")})
    assert _count(Post) == 3


def test_a_new_thread_sent_twice_is_created_once(client, member):
    page = client.get("/groups/test-room/new").get_data(as_text=True)
    data = {"csrf_token": _hidden(page, "csrf_token"), "submission_key": _hidden(page, "submission_key"),
            "title": "Mornings", "body": "And mornings?"}  # fmt: skip
    first = client.post("/groups/test-room/new", data=data)
    again = client.post("/groups/test-room/new", data=data)
    threads = db.session.scalars(db.select(Thread).where(Thread.title == "Mornings")).all()
    assert len(threads) == 1
    assert first.headers["Location"] == again.headers["Location"] == f"/t/{threads[0].id}"


def test_a_bad_submission_key_is_refused_and_changes_nothing(client, member):
    page = client.get(f"/t/{member.id}").get_data(as_text=True)
    r = client.post(f"/t/{member.id}/reply", data={"csrf_token": _hidden(page, "csrf_token"),
                                                  "submission_key": "<script>", "body": "hello"})  # fmt: skip
    assert r.status_code == 400 and _count(Post) == 1


def test_two_sends_at_once_make_one_reply(app, member):
    author_id, thread_id = member.author_id, member.id

    def send():
        author, thread = db.session.get(User, author_id), db.session.get(Thread, thread_id)
        return posting.reply(
            author, thread, "Same words, same form.", submission_key="0f0e2f6c-1d9e-4c62-9c55"
        )

    outcomes = run_at_once(app, send)
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted(o.repeated for o in outcomes) == [False, True]
    assert _count(Post) == 2
