"""A reply is read against the posts it may answer (screening.posts_answered): "same tbh" under a wish to die."""

from __future__ import annotations

from forum.services import posting, screening
from models import Post, Review, db

WISH = "honestly my family would be better off if i wasn't around. i want to die"


def _thread(room, body: str = WISH):
    group, people = room
    return posting.create_thread(people["member1"], group, "rough night", body).post.thread


def test_the_first_post_and_the_last_post_above_by_others_that_others_see(
    room, make_user, add_member
) -> None:
    group, people = room
    thread = _thread(room)
    posting.reply(people["leader1"], thread, "sending a hug, what happened?")
    posting.reply(people["mod1"], thread, "we're here, is there someone with you?")
    held = Post(
        thread=thread, author=people["leader1"], source="held words", html="held words", status="held"
    )
    db.session.add(held)
    db.session.commit()
    # The leader answers: not their own posts, not the held one.
    answering = screening.posts_answered(thread, people["leader1"])
    assert answering == (WISH, "we're here, is there someone with you?")
    # The thread's author answering their own thread answers the others only.
    assert screening.posts_answered(thread, people["member1"]) == ("we're here, is there someone with you?",)
    # An edited reply answers the posts above it.
    first_reply = db.session.scalar(db.select(Post).where(Post.source.like("sending a hug%")))
    assert screening.posts_answered(thread, people["leader1"], first_reply.id) == (WISH,)


def test_joining_a_wish_to_die_opens_a_review_and_shows_the_card(room) -> None:
    _, people = room
    thread = _thread(room)
    out = posting.reply(people["leader1"], thread, "same tbh")
    assert (out.verdict.action, out.post.status, out.verdict.show_resources) == ("flag", "visible", True)
    review = db.session.scalar(db.select(Review).where(Review.target_id == out.post.id))
    assert review is not None and review.category == "crisis"
    assert any(s.source == "reply" and s.evidence == "same tbh" for s in review.signals)


def test_the_same_words_under_an_ordinary_post_are_published(room) -> None:
    _, people = room
    thread = _thread(room, "the council still hasn't fixed our boiler, third week now")
    out = posting.reply(people["leader1"], thread, "same tbh")
    assert out.verdict.action == "publish"
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0


def test_an_edit_into_agreement_is_read_against_the_posts_above(room) -> None:
    _, people = room
    thread = _thread(room)
    reply = posting.reply(people["leader1"], thread, "thinking of you").post
    assert db.session.scalar(db.select(db.func.count(Review.id)).where(Review.target_id == reply.id)) == 0
    edited = posting.edit_post(people["leader1"], reply, "same tbh")
    assert edited.verdict.action == "flag" and {s.category for s in edited.verdict.signals} == {"crisis"}
