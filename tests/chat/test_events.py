"""Live chat over Socket.IO: who may connect and join, what each member receives, what is stored."""

from __future__ import annotations

from forum import database
from models import AuditEntry, Membership, Review, db

from .conftest import browser, events, join, send, stored


def test_connect_refused_without_login(room, connect) -> None:
    assert not connect(None).is_connected()


def test_connect_refused_from_foreign_origin(room, connect) -> None:
    assert not connect("member1", headers={"Origin": "http://evil.example"}).is_connected()
    assert connect("member1", headers={"Origin": "http://localhost"}).is_connected()


def test_configured_origin_is_allowed(app, room, connect) -> None:
    app.config["SOCKETIO_ALLOWED_ORIGINS"] = ["https://chat.example.org"]
    assert connect("member1", headers={"Origin": "https://chat.example.org"}).is_connected()


def test_members_only_room_refuses_non_member(room, connect, make_group, add_member) -> None:
    group, people = room
    private = make_group("private-room", visibility="members")
    add_member(people["member1"], private)
    inside, outsider = connect("member1"), connect("outsider")
    assert join(inside, "private-room")["ok"]
    ack = join(outsider, "private-room")
    assert ack == {"ok": False, "error": "Only members can read this group's chat.", "retryable": False}
    assert send(inside, "hello in here", "key-private-1", "private-room")["ok"]
    assert events(outsider, "chat_message") == []
    refused = send(outsider, "let me in", "key-private-2", "private-room")
    assert not refused["ok"] and [m.source for m in stored()] == ["hello in here"]


def test_broadcast_reaches_the_other_member(room, connect) -> None:
    alice, bob = connect("member1"), connect("mod1")
    first = join(alice)
    assert first["ok"] and first["messages"] == [] and first["can_send"]
    assert join(bob)["presence"] == ["member1", "mod1"]
    ack = send(alice, "Hello, everyone", "key-hello-001")
    assert ack["ok"] and ack["status"] == "visible" and ack["id"] == stored()[0].id
    got = events(bob, "chat_message")
    assert len(got) == 1 and got[0]["id"] == ack["id"] and got[0]["author"] == "member1"
    assert got[0]["html"] == "<p>Hello, everyone</p>" and "client_key" not in got[0]


def test_message_html_is_sanitised(room, connect) -> None:
    alice, bob = connect("member1"), connect("mod1")
    join(alice), join(bob)
    send(alice, "<script>alert(1)</script> **hi**", "key-xss-0001")
    html = events(bob, "chat_message")[0]["html"]
    assert "<script" not in html and "<strong>hi</strong>" in html


def test_held_message_reaches_only_its_author_and_moderators(room, connect, make_user, add_member) -> None:
    group, people = room
    add_member(make_user("member2"), group)
    author, other, mod = connect("member1"), connect("member2"), connect("mod1")
    for sc in (author, other, mod):
        join(sc)
    ack = send(author, "thinspo thread anyone?", "key-held-0001")
    assert ack["ok"] and ack["status"] == "held" and ack["message"]["pending"]
    mine = events(author, "chat_message")
    assert [m["id"] for m in mine] == [ack["id"]] and mine[0]["pending"] and mine[0]["note"]
    assert events(other, "chat_message") == []
    assert [m["id"] for m in events(mod, "chat_message")] == [ack["id"]]  # pending, for them to judge
    # Catch-up and history follow the same rule: the author and moderators only.
    assert other.emit("since", {"group": "test-room", "after_id": 0}, callback=True)["messages"] == []
    assert [
        m["id"] for m in mod.emit("since", {"group": "test-room", "after_id": 0}, callback=True)["messages"]
    ] == [ack["id"]]
    db.session.rollback()
    review = db.session.scalar(db.select(Review).where(Review.target_type == "chat_message"))
    assert review is not None and review.target_id == ack["id"]


def test_crisis_message_delivered_and_card_private(room, connect) -> None:
    author, other, mod = connect("member1"), connect("leader1"), connect("mod1")
    for sc in (author, other, mod):
        join(sc)
    ack = send(author, "i've been saving my pills", "key-crisis-01")
    assert ack["ok"] and ack["status"] == "visible"
    assert [m["id"] for m in events(other, "chat_message")] == [ack["id"]]
    received = author.get_received()
    cards = [e["args"][0] for e in received if e["name"] == "resource_card"]
    assert len(cards) == 1 and cards[0]["resources"] and cards[0]["message"]
    mod_events = mod.get_received()
    assert not [e for e in mod_events if e["name"] == "resource_card"]
    alerts = [e["args"][0] for e in mod_events if e["name"] == "review_alert"]
    assert alerts and alerts[0]["priority"] == "urgent" and alerts[0]["group_id"] == room[0].id
    assert set(alerts[0]) == {"review_id", "priority", "category", "group_id"}


def test_review_alert_not_sent_to_plain_members(room, connect, make_user, add_member) -> None:
    group, _ = room
    add_member(make_user("member2"), group)
    author, bystander = connect("member1"), connect("member2")
    join(author), join(bystander)
    send(author, "i've been saving my pills", "key-crisis-02")
    assert events(bystander, "review_alert") == []


def test_mute_takes_effect_live(room, connect) -> None:
    group, people = room
    member, mod = connect("member1"), connect("mod1")
    join(member), join(mod)
    ack = mod.emit(
        "mute",
        {"group": "test-room", "handle": "member1", "minutes": 30, "reason": "cool off"},
        callback=True,
    )
    assert ack["ok"] and ack["handle"] == "member1"
    removed = events(member, "removed")
    assert removed == [{"group_id": group.id, "reason": "muted"}]
    # Out of the room: the mod's next message does not reach the muted socket until it re-joins.
    send(mod, "a note from the moderator", "key-modnote-1")
    assert events(member, "chat_message") == []
    refused = send(member, "can I still talk?", "key-muted-001")
    assert refused == {"ok": False, "error": "Join the room first.", "retryable": False}
    rejoin = join(member)
    assert rejoin["ok"] and not rejoin["can_send"]
    refused = send(member, "can I still talk?", "key-muted-002")
    assert refused == {"ok": False, "error": "You are muted in this group for now.", "retryable": False}
    db.session.rollback()
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "chat.mute"))
    assert entry.actor_id == people["mod1"].id and entry.target_id == people["member1"].id
    assert entry.reason == "cool off" and entry.after["muted_until"]


def test_member_cannot_mute_or_hide(room, connect) -> None:
    member, other = connect("member1"), connect("mod1")
    join(member), join(other)
    msg = send(other, "hello", "key-hello-mod")
    assert not member.emit("mute", {"group": "test-room", "handle": "mod1", "minutes": 5}, callback=True)[
        "ok"
    ]
    assert not member.emit("hide", {"message_id": msg["id"]}, callback=True)["ok"]
    assert stored()[0].status == "visible"


def test_hide_removes_message_for_everyone(room, connect) -> None:
    member, mod = connect("member1"), connect("mod1")
    join(member), join(mod)
    msg = send(member, "something to hide", "key-hide-0001")
    events(member, "chat_message")
    assert mod.emit("hide", {"message_id": msg["id"], "reason": "off topic"}, callback=True)["ok"]
    assert events(member, "message_hidden") == [{"group_id": room[0].id, "id": msg["id"]}]
    assert stored()[0].status == "hidden"
    assert member.emit("since", {"group": "test-room", "after_id": 0}, callback=True)["messages"] == []


def test_slow_mode_refuses_early_messages_with_wait(room, connect) -> None:
    group, _ = room
    group.settings.slow_mode_seconds = 30
    db.session.commit()
    member = connect("member1")
    join(member)
    assert send(member, "first", "key-slow-0001")["ok"]
    ack = send(member, "second", "key-slow-0002")
    assert not ack["ok"] and "30 seconds" in ack["error"] and ack["retry_after"] == 30 and ack["retryable"]
    assert [m.source for m in stored()] == ["first"]


def test_rate_limit_independent_of_slow_mode(app, room, connect) -> None:
    app.config["CHAT_RATE_LIMIT"] = (3, 60)
    member = connect("member1")
    join(member)
    for n in range(3):
        assert send(member, f"message {n}", f"key-rate-000{n}")["ok"]
    ack = send(member, "one too many", "key-rate-0009")
    assert not ack["ok"] and "very fast" in ack["error"] and ack["retry_after"] > 0
    assert len(stored()) == 3


def test_reconnect_catch_up_returns_exactly_the_missed(room, connect) -> None:
    sender, reader = connect("member1"), connect("mod1")
    join(sender), join(reader)
    seen = send(sender, "before the drop", "key-drop-0000")["id"]
    reader.disconnect()
    missed = [send(sender, f"while away {n}", f"key-drop-000{n + 1}")["id"] for n in range(3)]
    reader.connect()
    join(reader)
    ack = reader.emit("since", {"group": "test-room", "after_id": seen}, callback=True)
    assert [m["id"] for m in ack["messages"]] == missed and not ack["more"]


def test_history_pages_backwards(room, connect) -> None:
    member = connect("member1")
    join(member)
    ids = [send(member, f"m{n}", f"key-hist-{n:04d}")["id"] for n in range(5)]
    ack = member.emit("history", {"group": "test-room", "before_id": ids[3]}, callback=True)
    assert [m["id"] for m in ack["messages"]] == ids[:3]
    assert [m["id"] for m in join(member)["messages"]] == ids


def test_retried_send_stores_one_message(room, connect) -> None:
    sender, reader = connect("member1"), connect("mod1")
    join(sender), join(reader)
    first = send(sender, "only once", "key-retry-0001")
    again = send(sender, "only once", "key-retry-0001")
    assert again["ok"] and again["id"] == first["id"] and again["duplicate"]
    assert len(stored()) == 1
    assert len(events(reader, "chat_message")) == 1


def test_retry_is_not_refused_by_slow_mode(room, connect) -> None:
    room[0].settings.slow_mode_seconds = 60
    db.session.commit()
    sender = connect("member1")
    join(sender)
    first = send(sender, "hello", "key-retry-slow")
    assert send(sender, "hello", "key-retry-slow")["id"] == first["id"]


def test_every_event_rechecks_permission(room, connect) -> None:
    group, people = room
    member = connect("member1")
    join(member)
    # Banned behind the socket's back (no signal): the next event still refuses.
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == people["member1"].id))
    m.state = "banned"
    db.session.commit()
    assert not send(member, "still here?", "key-banned-01")["ok"]
    assert stored() == []
    # ... and takes the socket out of the room, so the room's messages stop reaching it.
    assert not member.emit("since", {"group": "test-room", "after_id": 0}, callback=True)["ok"]
    other = connect("mod1")
    join(other)
    send(other, "hello everyone, how was your week?", "key-banned-02")
    assert events(member, "chat_message") == []


def test_leaving_the_group_takes_the_socket_out_of_the_room(room, connect) -> None:
    member, mod = connect("member1"), connect("mod1")
    join(member), join(mod)
    assert browser(member).post("/groups/test-room/leave").status_code == 302
    assert events(member, "removed")[0]["reason"] == "left"
    send(mod, "after you left", "key-left-0001")
    assert events(member, "chat_message") == []


def test_logout_disconnects_the_socket(room, connect) -> None:
    member, other = connect("member1"), connect("member1")
    join(member), join(other)
    assert browser(member).post("/auth/logout").status_code == 302
    assert not member.is_connected()
    assert other.is_connected()  # another browser's login session stays


def test_presence_and_typing(room, connect) -> None:
    member, mod, second_tab = connect("member1"), connect("mod1"), connect("mod1")
    join(member)
    join(mod)
    assert events(member, "presence") == [{"group_id": room[0].id, "joined": "mod1"}]
    join(second_tab)
    assert events(member, "presence") == []  # mod1 was already here
    second_tab.disconnect()
    assert events(member, "presence") == []  # and still is
    assert member.emit("presence", {"group": "test-room"}, callback=True)["handles"] == ["member1", "mod1"]
    assert member.emit("typing", {"group": "test-room"}, callback=True)["ok"]
    assert events(mod, "typing") == [{"group_id": room[0].id, "handle": "member1"}]
    assert events(member, "typing") == []
    mod.disconnect()
    assert events(member, "presence") == [{"group_id": room[0].id, "left": "mod1"}]


def test_flag_opens_a_review_and_alerts_moderators(room, connect) -> None:
    author, reporter, mod = connect("leader1"), connect("member1"), connect("mod1")
    for sc in (author, reporter, mod):
        join(sc)
    msg = send(author, "the group meets on tuesday", "key-flag-0001")
    mod.get_received()
    ack = reporter.emit(
        "flag", {"message_id": msg["id"], "report_type": "harassment", "note": "rude"}, callback=True
    )
    assert ack == {"ok": True}
    db.session.rollback()
    review = db.session.scalar(db.select(Review).where(Review.target_type == "chat_message"))
    assert review.target_id == msg["id"] and review.signals[0].reporter_id == room[1]["member1"].id
    alerts = events(mod, "review_alert")
    assert alerts == [{"review_id": review.id, "priority": review.priority, "category": "harassment",
                       "group_id": room[0].id}]  # fmt: skip
    again = reporter.emit("flag", {"message_id": msg["id"], "report_type": "harassment"}, callback=True)
    assert not again["ok"]  # already reported
    own = author.emit("flag", {"message_id": msg["id"], "report_type": "spam"}, callback=True)
    assert not own["ok"]


def test_flag_of_a_held_message_by_another_member_is_refused(room, connect) -> None:
    author, other = connect("member1"), connect("leader1")
    join(author), join(other)
    held = send(author, "thinspo thread anyone?", "key-flag-held")
    other_ack = connect("outsider").emit(
        "flag", {"message_id": held["id"], "report_type": "spam"}, callback=True
    )
    assert not other_ack["ok"]


def test_review_alert_reaches_online_site_staff_only(room, connect, make_user) -> None:
    make_user("sitemod", is_site_moderator=True)
    author, staff, outsider = connect("member1"), connect("sitemod"), connect("outsider")
    join(author)
    send(author, "i've been saving my pills", "key-crisis-03")
    alerts = events(staff, "review_alert")
    assert len(alerts) == 1 and alerts[0]["priority"] == "urgent"
    assert events(outsider, "review_alert") == []


def test_catch_up_reports_messages_hidden_while_away(room, connect) -> None:
    sender, reader, mod = connect("member1"), connect("outsider"), connect("mod1")
    join(sender), join(reader), join(mod)
    held = [send(sender, f"said earlier {n}", f"key-away-{n:04d}")["id"] for n in range(3)]
    reader.disconnect()
    assert mod.emit("hide", {"message_id": held[1], "reason": "off topic"}, callback=True)["ok"]
    reader.connect()
    join(reader)
    ack = reader.emit(
        "since", {"group": "test-room", "after_id": held[-1], "from_id": held[0]}, callback=True
    )
    assert ack["ok"] and ack["messages"] == [] and ack["hidden"] == [{"id": held[1]}]
    bad = reader.emit("since", {"group": "test-room", "after_id": held[-1], "from_id": "x"}, callback=True)
    assert not bad["ok"] and "from_id" in bad["error"]


def test_a_chat_event_marks_the_member_seen(room, connect) -> None:
    """A moderator in a chat room counts as on duty: events mark them seen."""
    from datetime import timedelta

    from models import User, utcnow

    _, people = room
    mod = connect("mod1")
    db.session.get(User, people["mod1"].id).last_seen_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    join(mod)
    db.session.expire_all()
    assert utcnow() - db.session.get(User, people["mod1"].id).last_seen_at < timedelta(minutes=1)


def test_a_send_that_waits_too_long_for_the_write_lock_is_told_to_send_again(
    room, connect, monkeypatch
) -> None:
    alice, bob = connect("member1"), connect("mod1")
    join(alice), join(bob)
    monkeypatch.setattr(database, "WAIT_FOR_WRITERS_MS", 300)
    db.engine.dispose()  # new connections take the short wait (SQLite sets it when connecting)
    blocker = db.engine.connect().execution_options(**{database._IMMEDIATE: True})
    blocker.begin()  # another writer holds the lock: BEGIN IMMEDIATE on SQLite, the advisory lock on PostgreSQL
    database._wait_for_other_writers(blocker)
    try:
        ack = send(alice, "are you there?", "key-busy-00001")
    finally:
        blocker.rollback()
        blocker.close()
    assert ack == {
        "ok": False,
        "error": "Very busy just now. Please send it again.",
        "retry_after": 5,
        "retryable": True,
    }
    assert stored() == [] and events(bob, "chat_message") == []
    assert send(alice, "are you there?", "key-busy-00001")["ok"]  # the same send, once the lock is free
    assert len(stored()) == 1


def test_invisible_or_reversing_chat_text(room, connect) -> None:
    member = connect("member1")
    join(member)
    ack = send(member, "\u200b" * 8, "key-invisible-1")
    assert ack == {"ok": False, "error": "Write something before sending.", "retryable": False}
    assert stored() == []
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert send(member, f"hi all {family}\u202e", "key-invisible-2")["ok"]
    assert [m.source for m in stored()] == [f"hi all {family}"]


def test_flag_note_is_cleaned_like_every_other_text(room, connect) -> None:
    author, reporter = connect("leader1"), connect("member1")
    join(author), join(reporter)
    msg = send(author, "the group meets on thursday", "key-flag-note")
    blank = reporter.emit(
        "flag", {"message_id": msg["id"], "report_type": "other", "note": "\u200b\u2063\u200d"}, callback=True
    )
    assert not blank["ok"] and blank["error"] == "Please say briefly what the problem is."
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0
    ack = reporter.emit(
        "flag",
        {"message_id": msg["id"], "report_type": "other", "note": "\u202eevil\u202c  says\n who  \u200b"},
        callback=True,
    )
    assert ack == {"ok": True}
    db.session.rollback()
    review = db.session.scalar(db.select(Review).where(Review.target_type == "chat_message"))
    assert review.signals[0].note == "evil says who"
