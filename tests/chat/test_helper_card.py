"""A chat line that says someone else is at risk: its author, and only its author, gets the helper card."""

from __future__ import annotations

from forum.moderation.policy import HELPER_STEPS, HELPER_TITLE
from models import Review, db

from .conftest import events, join, send


def test_a_member_worried_about_someone_gets_the_helper_card(room, connect) -> None:
    author, other = connect("member1"), connect("leader1")
    for sc in (author, other):
        join(sc)
    ack = send(author, "my sister keeps saying she wants to die, how do i help her", "key-helper-01")
    assert ack["ok"] and ack["status"] == "visible"
    assert [m["id"] for m in events(other, "chat_message")] == [ack["id"]]
    cards = events(author, "resource_card")
    assert len(cards) == 1
    assert cards[0]["title"] == HELPER_TITLE and cards[0]["steps"] == list(HELPER_STEPS)
    assert cards[0]["resources"] and cards[0]["told"] == ""
    assert not events(other, "resource_card")


def test_a_danger_now_is_flagged_for_the_rooms_moderators(room, connect) -> None:
    author = connect("member1")
    join(author)
    ack = send(author, "my brother just texted me goodbye and he isn't answering", "key-helper-02")
    assert ack["ok"] and ack["status"] == "visible"
    review = db.session.scalar(db.select(Review))
    assert (review.target_id, review.category, review.priority) == (ack["id"], "concern", "high")
    assert "peer moderator has been told" in events(author, "resource_card")[0]["message"]
