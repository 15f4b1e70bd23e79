"""A post's edit history shows only what was published to others; deleted posts keep theirs for moderators."""

import pytest

from models import Post, db


@pytest.fixture
def thread_id(client, auth, room):
    auth.login("member1")
    client.post("/groups/test-room/new", data={"title": "Evenings", "body": "How do you spend evenings?"})
    return db.session.scalar(db.select(Post)).thread_id


def _reply(client, thread_id: int, body: str) -> Post:
    client.post(f"/t/{thread_id}/reply", data={"body": body})
    return db.session.scalar(db.select(Post).order_by(Post.id.desc()))


def test_deleted_post_history_is_for_moderators_only(client, auth, thread_id):
    post = _reply(client, thread_id, "I walk the dog after dinner.")
    client.post(f"/p/{post.id}/edit", data={"body": "I walk the dog after dinner, then read."})
    assert client.get(f"/p/{post.id}/history").status_code == 200
    client.post(f"/p/{post.id}/delete")
    page = client.get(f"/t/{thread_id}").get_data(as_text=True)
    assert "This post was deleted." in page and f"/p/{post.id}/history" not in page
    assert client.get(f"/p/{post.id}/history").status_code == 404  # the author too: it is deleted
    auth.logout()
    assert client.get(f"/p/{post.id}/history").status_code == 404
    auth.login("outsider")
    assert client.get(f"/p/{post.id}/history").status_code == 404
    auth.logout()
    auth.login("mod1")
    page = client.get(f"/p/{post.id}/history")
    assert page.status_code == 200 and "walk the dog" in page.get_data(as_text=True)
