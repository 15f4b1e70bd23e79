"""A chat line is screened also with its author's lines just before it (screening.lines_before)."""

from __future__ import annotations

from forum.moderation.reviews import open_review
from forum.moderation.types import Signal
from forum.services import chat, screening
from models import Review, db, utcnow

from .conftest import chat_line


def test_the_authors_last_clean_lines_oldest_first(room, make_group, add_member) -> None:
    group, people = room
    member = people["member1"]
    other_room = make_group("other-room")
    add_member(member, other_room, "member")
    chat_line(group, member, "too old", minutes_ago=screening.BEFORE_MINUTES + 1)
    for n in range(1, 5):
        chat_line(group, member, f"line {n}", minutes_ago=2 - n * 0.1)
    chat_line(group, people["mod1"], "someone else's line")
    chat_line(other_room, member, "in another room")
    # BEFORE_LINES of them, oldest first
    assert screening.lines_before(member, group) == ("line 2", "line 3", "line 4")


def test_lines_held_reviewed_or_erased_are_left_out(room) -> None:
    group, people = room
    member = people["member1"]
    chat_line(group, member, "first clean line", minutes_ago=1.0)
    chat_line(group, member, "held line", status="held")
    chat_line(group, member, "erased line", erased_at=utcnow())
    reviewed = chat_line(group, member, "reviewed line")
    open_review(reviewed, [Signal("crisis", 2, 0.8, "classifier", "test")])
    chat_line(group, member, "last clean line", minutes_ago=0.1)
    assert screening.lines_before(member, group) == ("first clean line", "last clean line")


def test_no_author_or_room_no_lines() -> None:
    assert screening.lines_before(None, None) == ()


def test_a_line_sent_after_a_crisis_line_is_read_with_it_only_while_that_one_is_unreviewed(room) -> None:
    group, people = room
    member = people["member1"]
    # As if published before the detector knew it:
    clean = chat_line(group, member, "thinking about killing myself")
    out = chat.send_message(member, group, "what's everyone having for tea tonight", "key-after-crisis-1")
    assert out.verdict.action == "flag" and out.verdict.show_resources
    assert out.message.status == "visible"  # flagged, never hidden
    review = db.session.scalar(db.select(Review).where(Review.target_id == out.message.id))
    assert review is not None and review.target_type == screening.CHAT_TARGET
    assert any(s.reason.startswith("read with the member's 1 line before it") for s in out.verdict.signals)
    # Once a line has reached a moderator, the lines after it are read on their own again.
    open_review(clean, [Signal("crisis", 2, 0.9, "lexicon", "test")])
    later = chat.send_message(member, group, "what's everyone having for tea tonight", "key-after-crisis-2")
    assert later.verdict.action == "publish", [(s.source, s.reason) for s in later.verdict.signals]


def test_over_sockets_the_line_reaches_the_room_and_its_author_gets_the_card(room, connect) -> None:
    from .conftest import events, join, send

    group, people = room
    author, other = connect("member1"), connect("leader1")
    for sc in (author, other):
        join(sc)
    chat_line(group, people["member1"], "thinking about killing myself")  # a line the detector let through
    ack = send(author, "what's everyone having for tea tonight", "key-socket-before-1")
    assert ack["ok"] and ack["status"] == "visible"
    assert [m["id"] for m in events(other, "chat_message")] == [ack["id"]]
    cards = events(author, "resource_card")
    assert len(cards) == 1 and cards[0]["resources"]
    assert not events(other, "resource_card")
