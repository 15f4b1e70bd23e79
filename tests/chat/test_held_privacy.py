"""A held message was only ever seen by its author and the moderators: when it is removed, hidden or erased,
nobody else hears of it, live or on reconnect, not even its id."""

from __future__ import annotations

from forum.services.moderator_actions import perform
from models import ChatMessage, Review, db
from tests.chat.conftest import browser, events, join, send
from tests.conftest import PASSWORD

HELD_TEXT = "thinspo thread anyone?"


def _review_of(message_id: int) -> Review:
    db.session.rollback()
    return db.session.scalar(
        db.select(Review).where(Review.target_type == "chat_message", Review.target_id == message_id)
    )


def _hidden_ids(sc) -> list[int]:  # noqa: ANN001
    return [e["id"] for e in events(sc, "message_hidden")]


def _cast(room, connect, make_user, add_member):  # noqa: ANN001, ANN202
    group, people = room
    add_member(make_user("member2"), group)
    author, other, mod = connect("member1"), connect("member2"), connect("mod1")
    for sc in (author, other, mod):
        join(sc)
    return group, people, author, other, mod


def test_a_held_message_removed_from_the_queue_is_told_only_to_who_saw_it(
    room, connect, make_user, add_member
) -> None:
    _group, people, author, other, mod = _cast(room, connect, make_user, add_member)
    held = send(author, HELD_TEXT, "key-held-priv-1")
    assert held["status"] == "held"
    for sc in (author, other, mod):
        sc.get_received()
    perform(_review_of(held["id"]), "remove", people["leader1"], "not for this room")
    assert _hidden_ids(other) == []
    assert _hidden_ids(author) == [held["id"]]
    assert _hidden_ids(mod) == [held["id"]]


def test_a_held_message_hidden_in_the_room_is_told_only_to_who_saw_it(
    room, connect, make_user, add_member
) -> None:
    _group, _people, author, other, mod = _cast(room, connect, make_user, add_member)
    held = send(author, HELD_TEXT, "key-held-priv-2")
    for sc in (author, other, mod):
        sc.get_received()
    assert mod.emit("hide", {"message_id": held["id"], "reason": "not here"}, callback=True)["ok"]
    assert _hidden_ids(other) == []
    assert _hidden_ids(author) == [held["id"]] and _hidden_ids(mod) == [held["id"]]


def test_a_held_message_let_through_and_hidden_later_is_told_to_the_room(
    room, connect, make_user, add_member
) -> None:
    _group, people, author, other, mod = _cast(room, connect, make_user, add_member)
    held = send(author, HELD_TEXT, "key-held-priv-3")
    perform(_review_of(held["id"]), "approve", people["leader1"], "fine in context")
    assert db.session.get(ChatMessage, held["id"]).shown_at is not None
    other.get_received()
    assert mod.emit("hide", {"message_id": held["id"], "reason": "on second thoughts"}, callback=True)["ok"]
    assert _hidden_ids(other) == [held["id"]]


def test_catch_up_tells_only_who_could_have_seen_a_held_message(room, connect, make_user, add_member) -> None:
    _group, people, author, other, mod = _cast(room, connect, make_user, add_member)
    before = send(author, "said in the open", "key-held-priv-4")["id"]
    held = send(author, HELD_TEXT, "key-held-priv-5")["id"]
    after = send(mod, "a reply in the open", "key-held-priv-6")["id"]
    assert mod.emit("hide", {"message_id": before, "reason": "off topic"}, callback=True)["ok"]
    for sc in (author, other, mod):
        sc.disconnect()
    perform(_review_of(held), "remove", people["leader1"], "not for this room")
    ask = {"group": "test-room", "after_id": after, "from_id": before}
    caught_up = {}
    for name, sc in (("author", author), ("other", other), ("mod", mod)):
        sc.connect()
        join(sc)
        caught_up[name] = [h["id"] for h in sc.emit("since", ask, callback=True)["hidden"]]
    assert caught_up == {"author": [before, held], "other": [before], "mod": [before, held]}


def test_erasing_a_held_message_is_told_only_to_who_saw_it(room, connect, make_user, add_member) -> None:
    _group, _people, author, other, mod = _cast(room, connect, make_user, add_member)
    said = send(author, "said in the open", "key-held-priv-7")["id"]
    held = send(author, HELD_TEXT, "key-held-priv-8")["id"]
    later = send(mod, "a reply in the open", "key-held-priv-9")["id"]
    away = connect("leader1")
    join(away)
    away.disconnect()
    for sc in (other, mod):
        sc.get_received()
    erase = {"writing": "erase", "password": PASSWORD, "confirm": "y"}
    assert browser(author).post("/auth/delete", data=erase).status_code == 302
    assert _hidden_ids(other) == [said]
    assert _hidden_ids(mod) == [said, held]
    away.connect()
    join(away)
    ask = {"group": "test-room", "after_id": later, "from_id": said}
    assert [h["id"] for h in away.emit("since", ask, callback=True)["hidden"]] == [said, held]  # a leader
    other.disconnect()
    other.connect()
    join(other)
    assert [h["id"] for h in other.emit("since", ask, callback=True)["hidden"]] == [said]


def test_a_message_stored_visible_counts_as_shown_however_it_was_stored(room) -> None:
    """Demo rooms and imports add messages directly: a visible one was shown to the room, a held one was not."""
    group, people = room
    fields = {"group_id": group.id, "author_id": people["member1"].id, "source": "s", "html": "<p>s</p>"}
    visible = ChatMessage(**fields, client_key="key-stored-1")
    held = ChatMessage(**fields, client_key="key-stored-2", status="held")
    assert visible.shown_at is not None and held.shown_at is None


def test_a_held_message_let_through_reaches_open_windows_at_once(
    room, connect, make_user, add_member
) -> None:
    """Approved in the review queue: the room sees it live, and the author's pending copy turns visible."""
    _group, people, author, other, mod = _cast(room, connect, make_user, add_member)
    held = send(author, HELD_TEXT, "key-held-priv-7")
    for sc in (author, other, mod):
        sc.get_received()
    perform(_review_of(held["id"]), "approve", people["leader1"], "fine in context")
    for sc in (other, author, mod):
        got = [m for m in events(sc, "chat_message") if m["id"] == held["id"]]
        assert len(got) == 1 and got[0]["status"] == "visible" and not got[0]["pending"]


def test_a_held_message_removed_is_never_delivered_as_shown(room, connect, make_user, add_member) -> None:
    _group, people, author, other, _mod = _cast(room, connect, make_user, add_member)
    held = send(author, HELD_TEXT, "key-held-priv-8")
    other.get_received()
    perform(_review_of(held["id"]), "remove", people["leader1"], "not for this room")
    assert [m for m in events(other, "chat_message") if m["id"] == held["id"]] == []


def test_a_held_message_reaches_the_rooms_moderators_live_and_nobody_else(
    room, connect, make_user, add_member
) -> None:
    _group, _people, author, other, mod = _cast(room, connect, make_user, add_member)
    for sc in (author, other, mod):
        sc.get_received()
    held = send(author, HELD_TEXT, "key-held-priv-9")
    shown = [m for m in events(mod, "chat_message") if m["id"] == held["id"]]
    assert len(shown) == 1 and shown[0]["status"] == "held" and shown[0]["pending"]
    assert "client_key" not in shown[0] and "note" not in shown[0]  # the author's own details stay theirs
    assert [m for m in events(other, "chat_message") if m["id"] == held["id"]] == []
