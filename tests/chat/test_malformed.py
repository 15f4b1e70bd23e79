"""Malformed, oversized or hostile events get an error and change nothing."""

from __future__ import annotations

import pytest

from models import AuditEntry, Membership, db

from .conftest import events, join, send, stored

BAD_EVENTS = [
    ("send", None),
    ("send", "just a string"),
    ("send", ["test-room", "hi", "key-12345678"]),
    ("send", {"group": "test-room", "text": "hi"}),
    ("send", {"group": "test-room", "text": "hi", "client_key": "short"}),
    ("send", {"group": "test-room", "text": "hi", "client_key": "bad key with spaces"}),
    ("send", {"group": "test-room", "text": 42, "client_key": "key-12345678"}),
    ("send", {"group": "test-room", "text": "   ", "client_key": "key-12345678"}),
    ("send", {"group": "test-room", "text": "x" * 2001, "client_key": "key-12345678"}),
    ("send", {"group": "test-room", "text": "x" * 9000, "client_key": "key-12345678"}),
    ("send", {"group": 7, "text": "hi", "client_key": "key-12345678"}),
    ("send", {"group": "no-such-room", "text": "hi", "client_key": "key-12345678"}),
    ("send", {"group": "test-room", "text": "hi", "client_key": "key-12345678", "status": "visible"}),
    ("join", {"group": ["test-room"]}),
    ("since", {"group": "test-room", "after_id": "0"}),
    ("since", {"group": "test-room", "after_id": -1}),
    ("since", {"group": "test-room", "after_id": True}),
    ("history", {"group": "test-room", "before_id": 1.5}),
    ("hide", {"message_id": "1"}),
    ("hide", {"message_id": 999999}),
    ("mute", {"group": "test-room", "handle": "member1", "minutes": 0}),
    ("mute", {"group": "test-room", "handle": "member1", "minutes": "60"}),
    ("mute", {"group": "test-room", "handle": "member1", "minutes": 60, "reason": "r" * 600}),
    ("mute", {"group": "test-room", "handle": "nobody-here", "minutes": 60}),
    ("flag", {"message_id": 1, "report_type": "because"}),
    ("typing", 12),
]


@pytest.mark.parametrize(("name", "data"), BAD_EVENTS)
def test_bad_event_is_refused_and_changes_nothing(room, connect, name, data) -> None:
    mod, other = connect("mod1"), connect("member1")
    join(mod), join(other)
    before = send(mod, "the one message", "key-before-01")
    mod.get_received(), other.get_received()
    ack = mod.emit(name, data, callback=True)
    assert ack["ok"] is False and isinstance(ack["error"], str) and ack["error"]
    assert [e["args"][0]["event"] for e in mod.get_received() if e["name"] == "chat_error"] == [name]
    assert [(m.id, m.status) for m in stored()] == [(before["id"], "visible")]
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0
    assert all(m.muted_until is None for m in db.session.scalars(db.select(Membership)))
    assert events(other, "chat_message") == []


def test_event_without_payload_is_refused(room, connect) -> None:
    sc = connect("member1")
    assert sc.emit("join", callback=True)["ok"] is False


def test_send_before_join_is_refused(room, connect) -> None:
    sc = connect("member1")
    ack = send(sc, "hello", "key-nojoin-01")
    assert ack == {"ok": False, "error": "Join the room first.", "retryable": False} and stored() == []


def test_unknown_event_is_ignored(room, connect) -> None:
    sc = connect("member1")
    join(sc)
    assert sc.emit("drop_tables", {"x": 1}, callback=True) is None
    assert sc.is_connected() and stored() == []
