"""A post's edit history shows only what was published to others; deleted posts keep theirs for moderators."""

import pytest

from forum.database import write_transaction
from forum.moderation.reviews import open_review
from forum.services.moderator_actions import perform
from models import Post, Review, User, db


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


PRO_HARM = "thinspo pics, who wants to be my ana buddy"


def test_held_version_stays_out_of_the_public_history(client, auth, thread_id):
    post = _reply(client, thread_id, "I walk the dog after dinner.")
    client.post(f"/p/{post.id}/edit", data={"body": PRO_HARM})
    db.session.refresh(post)
    assert post.status == "held"
    client.post(f"/p/{post.id}/edit", data={"body": "I walk the dog after dinner, then read a book."})
    db.session.refresh(post)
    assert post.status == "visible"
    own = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "thinspo" in own  # the author may see their own earlier versions
    auth.logout()
    public = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "then read a book" in public and "I walk the dog after dinner.</p>" in public
    assert "thinspo" not in public
    auth.login("outsider")
    assert "thinspo" not in client.get(f"/p/{post.id}/history").get_data(as_text=True)
    auth.logout()
    auth.login("mod1")
    assert "thinspo" in client.get(f"/p/{post.id}/history").get_data(as_text=True)


def test_editing_a_held_reply_publishes_it_and_keeps_the_review_open(client, thread_id):
    post = _reply(client, thread_id, PRO_HARM)
    thread = post.thread
    assert post.status == "held" and thread.reply_count == 0
    client.post(f"/p/{post.id}/edit", data={"body": "Sorry, I take that back. Walks help me."})
    db.session.refresh(post)
    db.session.refresh(thread)
    assert post.status == "visible" and thread.reply_count == 1
    review = db.session.scalar(
        db.select(Review).where(Review.target_type == "post", Review.target_id == post.id)
    )
    assert review.status == "pending"
    assert review.events[-1].action == "edited" and review.events[-1].data == {"status": "visible"}


def test_a_moderators_edit_out_keeps_the_original_private(client, auth, thread_id):
    post = _reply(client, thread_id, "I weighed 45kg at the clinic today.")
    with write_transaction():
        review = open_review(post, [{"source": "report", "category": "rule", "severity": 1, "score": 1.0,
                                     "reason": "numbers"}])  # fmt: skip
    mod = db.session.scalar(db.select(User).where(User.handle == "mod1"))
    perform(review, "edit_out", mod, "Numbers rule", detail="45kg", replacement="[number]")
    auth.logout()
    auth.login("outsider")
    page = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "[number]" in page and "45kg" not in page
    auth.logout()
    assert "45kg" not in client.get(f"/p/{post.id}/history").get_data(as_text=True)
    auth.login("mod1")
    assert "45kg" in client.get(f"/p/{post.id}/history").get_data(as_text=True)
