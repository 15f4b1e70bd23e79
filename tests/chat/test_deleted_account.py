"""Deleting an account closes its sockets in every browser, as a suspension does."""

from __future__ import annotations

from forum.services import account_deletion
from models import ChatMessage, Review, db
from tests.chat.conftest import browser, events, join, send
from tests.conftest import PASSWORD


def test_deleting_the_account_closes_every_socket(room, connect) -> None:
    here, there, other = connect("member1"), connect("member1"), connect("mod1")
    for sc in (here, there, other):
        join(sc)
    resp = browser(here).post("/auth/delete", data={"writing": "keep", "password": PASSWORD, "confirm": "y"})
    assert resp.status_code == 302
    assert not here.is_connected() and not there.is_connected()
    assert other.is_connected()


def test_erasing_tells_every_room_that_had_the_messages(room, connect, make_group, add_member) -> None:
    group, people = room
    other_room = make_group("other-room")
    add_member(people["member1"], other_room)
    add_member(people["outsider"], other_room)
    leaving, here, there = connect("member1"), connect("mod1"), connect("outsider")
    join(here), join(there, "other-room"), join(leaving), join(leaving, "other-room")
    first = send(leaving, "words to erase", "key-erase-01")["id"]
    second = send(leaving, "more words to erase", "key-erase-02", "other-room")["id"]
    events(here, "message_hidden"), events(there, "message_hidden")
    resp = browser(leaving).post(
        "/auth/delete", data={"writing": "erase", "password": PASSWORD, "confirm": "y"}
    )
    assert resp.status_code == 302
    erased = {"text": "[removed by its author]", "author": "a former member"}
    assert events(here, "message_hidden") == [{"group_id": group.id, "id": first, **erased}]
    assert events(there, "message_hidden") == [{"group_id": other_room.id, "id": second, **erased}]


def test_keeping_the_writing_hides_nothing(room, connect) -> None:
    leaving, here = connect("member1"), connect("mod1")
    join(leaving), join(here)
    send(leaving, "words to keep", "key-keep-001")
    events(here, "message_hidden")
    browser(leaving).post("/auth/delete", data={"writing": "keep", "password": PASSWORD, "confirm": "y"})
    assert events(here, "message_hidden") == []


def test_an_erased_chat_message_can_not_be_flagged(room, make_user, add_member, connect):
    eraser = make_user("eraser")
    add_member(eraser, room[0])
    db.session.add(ChatMessage(group_id=room[0].id, author_id=eraser.id, source="chat words",
                               html="<p>chat words</p>", client_key="key-erase-chat"))  # fmt: skip
    db.session.commit()
    account_deletion.delete_account(eraser, PASSWORD, "erase")
    member = connect("member1")
    history = join(member, "test-room")["messages"]
    assert [(m["author"], m["removed"]) for m in history] == [("a former member", True)]
    ack = member.emit("flag", {"message_id": history[0]["id"], "report_type": "spam"}, callback=True)
    assert ack == {
        "ok": False,
        "error": "This has been removed, so there is nothing left to report.",
        "retryable": False,
    }
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0
