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


def test_erasing_many_lines_tells_each_room_once_with_every_id(room, connect) -> None:
    """A member with hundreds of chat lines: each open window gets one event carrying all their ids, not one each."""
    group, people = room
    leaving, reader = connect("member1"), connect("outsider")
    join(leaving), join(reader)
    lines = [ChatMessage(group_id=group.id, author_id=people["member1"].id, source=f"line {n}",
                         html=f"<p>line {n}</p>", client_key=f"key-many-{n:04d}") for n in range(300)]  # fmt: skip
    db.session.add_all(lines)
    db.session.commit()
    ids = [line.id for line in lines]
    reader.get_received()
    erase = {"writing": "erase", "password": PASSWORD, "confirm": "y"}
    assert browser(leaving).post("/auth/delete", data=erase).status_code == 302
    hidden = [(e["name"], e["args"]) for e in reader.get_received() if e["name"].endswith("_hidden")]
    erased = {"text": "[removed by its author]", "author": "a former member"}
    assert hidden == [("messages_hidden", [{"group_id": group.id, "ids": ids, **erased}])]


def test_a_window_away_during_the_erasure_catches_up_on_it(room, connect) -> None:
    """A reader whose socket was down when the words were erased learns it on reconnect, as a hide (chat.js's
    catch-up asks `since` with `from_id`); a moderator too, for a message they hid before it was erased."""
    leaving, staying, reader, mod = (connect(h) for h in ("member1", "leader1", "outsider", "mod1"))
    join(leaving), join(staying), join(reader), join(mod)
    ids = [send(leaving, f"words said before {n}", f"key-away-erase-{n}")["id"] for n in range(3)]
    later = send(staying, "a reply that stays", "key-away-stays")["id"]
    assert mod.emit("hide", {"message_id": ids[1], "reason": "off topic"}, callback=True)["ok"]
    reader.disconnect(), mod.disconnect()
    erase = {"writing": "erase", "password": PASSWORD, "confirm": "y"}
    assert browser(leaving).post("/auth/delete", data=erase).status_code == 302
    erased = {"text": "[removed by its author]", "author": "a former member"}
    for sc in (reader, mod):
        sc.connect()
        join(sc)
        ack = sc.emit("since", {"group": "test-room", "after_id": later, "from_id": ids[0]}, callback=True)
        assert ack["ok"] and ack["messages"] == []
        assert ack["hidden"] == [{"id": ids[0], **erased}, {"id": ids[1], **erased}, {"id": ids[2], **erased}]


def test_a_removed_message_catches_up_as_hidden_even_once_erased(room, connect) -> None:
    leaving, reader, mod = connect("member1"), connect("outsider"), connect("mod1")
    join(leaving), join(reader), join(mod)
    said = send(leaving, "words a moderator removes", "key-removed-erase")["id"]
    db.session.execute(db.update(ChatMessage).where(ChatMessage.id == said).values(status="removed"))
    db.session.commit()
    reader.disconnect()
    browser(leaving).post("/auth/delete", data={"writing": "erase", "password": PASSWORD, "confirm": "y"})
    reader.connect()
    join(reader)
    ack = reader.emit("since", {"group": "test-room", "after_id": said, "from_id": said}, callback=True)
    assert ack["hidden"] == [{"id": said}]


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
