"""A chat line is read against the other members' last lines (screening.lines_answered): "same" under a goodbye."""

from __future__ import annotations

from forum.services import chat, screening
from models import Review, db, utcnow

from .conftest import chat_line


def test_the_other_members_last_lines_that_everyone_sees_oldest_first(room) -> None:
    group, people = room
    member, leader, mod = people["member1"], people["leader1"], people["mod1"]
    chat_line(group, leader, "too old", minutes_ago=screening.BEFORE_MINUTES + 1)
    chat_line(group, leader, "first", minutes_ago=2.0)
    chat_line(group, mod, "second", minutes_ago=1.5)
    chat_line(group, leader, "held", minutes_ago=1.2, status="held")
    chat_line(group, leader, "erased", minutes_ago=1.1, erased_at=utcnow())
    chat_line(group, mod, "third", minutes_ago=1.0)
    chat_line(group, member, "the member's own", minutes_ago=0.5)
    assert screening.lines_answered(member, group) == ("second", "third")[-screening.ANSWERED_LINES :]
    assert screening.lines_answered(None, group) == ()


def test_agreeing_with_a_line_in_crisis_flags_the_line_and_opens_a_review(room) -> None:
    group, people = room
    chat_line(
        group, people["leader1"], "honestly my family would be better off if i wasn't around. i want to die"
    )
    out = chat.send_message(people["member1"], group, "same tbh", "key-same-1")
    assert (out.verdict.action, out.message.status, out.verdict.show_resources) == ("flag", "visible", True)
    review = db.session.scalar(db.select(Review).where(Review.target_id == out.message.id))
    assert review is not None and review.target_type == screening.CHAT_TARGET and review.category == "crisis"


def test_the_same_words_after_an_ordinary_line_are_published(room) -> None:
    group, people = room
    chat_line(group, people["leader1"], "the council still hasn't fixed our boiler")
    out = chat.send_message(people["member1"], group, "same tbh", "key-same-2")
    assert out.verdict.action == "publish"


def test_over_sockets_agreement_reaches_the_room_and_its_author_gets_the_card(room, connect) -> None:
    from .conftest import events, join, send

    group, people = room
    author, other = connect("member1"), connect("mod1")
    for sc in (author, other):
        join(sc)
    chat_line(
        group, people["leader1"], "honestly my family would be better off if i wasn't around. i want to die"
    )
    ack = send(author, "same tbh", "key-socket-same-1")
    assert ack["ok"] and ack["status"] == "visible"  # flagged, never hidden
    assert [m["id"] for m in events(other, "chat_message")] == [ack["id"]]
    cards = events(author, "resource_card")
    assert len(cards) == 1 and cards[0]["resources"]
    assert not events(other, "resource_card")
