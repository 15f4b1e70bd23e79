"""A chat line is read against the other members' last lines (screening.lines_answered): "same" under a goodbye."""

from __future__ import annotations

from datetime import timedelta

from forum.services import chat, screening
from models import ChatMessage, Review, db, utcnow


def _line(group, author, text: str, minutes_ago: float = 0.5, **fields) -> ChatMessage:
    msg = ChatMessage(group_id=group.id, author_id=author.id, source=text, html=text,
                      client_key=f"key-{text[:20].replace(' ', '-')}-{minutes_ago}", **fields)  # fmt: skip
    msg.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.add(msg)
    db.session.commit()
    return msg


def test_the_other_members_last_lines_that_everyone_sees_oldest_first(room) -> None:
    group, people = room
    member, leader, mod = people["member1"], people["leader1"], people["mod1"]
    _line(group, leader, "too old", minutes_ago=screening.BEFORE_MINUTES + 1)
    _line(group, leader, "first", minutes_ago=2.0)
    _line(group, mod, "second", minutes_ago=1.5)
    _line(group, leader, "held", minutes_ago=1.2, status="held")
    _line(group, leader, "erased", minutes_ago=1.1, erased_at=utcnow())
    _line(group, mod, "third", minutes_ago=1.0)
    _line(group, member, "the member's own", minutes_ago=0.5)
    assert screening.lines_answered(member, group) == ("second", "third")[-screening.ANSWERED_LINES :]
    assert screening.lines_answered(None, group) == ()


def test_agreeing_with_a_line_in_crisis_flags_the_line_and_opens_a_review(room) -> None:
    group, people = room
    _line(
        group, people["leader1"], "honestly my family would be better off if i wasn't around. i want to die"
    )
    out = chat.send_message(people["member1"], group, "same tbh", "key-same-1")
    assert (out.verdict.action, out.message.status, out.verdict.show_resources) == ("flag", "visible", True)
    review = db.session.scalar(db.select(Review).where(Review.target_id == out.message.id))
    assert review is not None and review.target_type == screening.CHAT_TARGET and review.category == "crisis"


def test_the_same_words_after_an_ordinary_line_are_published(room) -> None:
    group, people = room
    _line(group, people["leader1"], "the council still hasn't fixed our boiler")
    out = chat.send_message(people["member1"], group, "same tbh", "key-same-2")
    assert out.verdict.action == "publish"
