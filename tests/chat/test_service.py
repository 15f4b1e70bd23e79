"""The chat service and room state without sockets: open hours, meetings, read-only, idempotency."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from forum import permissions as perm
from forum.services import chat
from forum.services.errors import PermissionDenied, ValidationError
from models import ChatMessage, Meeting, Membership, db
from tests.conftest import commit_before_the_write, membership_change

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday


def test_open_by_default(room) -> None:
    assert chat.chat_status(room[0], MONDAY_10).state == "open"


def test_read_only(room) -> None:
    group, people = room
    group.settings.chat_read_only = True
    db.session.commit()
    status = chat.chat_status(group)
    assert status.state == "read_only" and "read-only" in status.reason
    assert not perm.can_chat(people["member1"], group) and perm.can_chat(people["mod1"], group)
    with pytest.raises(PermissionDenied, match="read-only"):
        chat.send_message(people["member1"], group, "hello", "key-readonly-1")


@pytest.mark.parametrize(
    ("hours", "tz", "expected"),
    [
        ([{"day": 0, "start": "09:00", "end": "11:00"}], "UTC", "open"),
        ([{"day": 0, "start": "10:30", "end": "11:00"}], "UTC", "closed"),
        ([{"day": 1, "start": "09:00", "end": "11:00"}], "UTC", "closed"),
        # 10:00 UTC is 11:00 in Paris (winter): outside 09:00-11:00 local.
        ([{"day": 0, "start": "09:00", "end": "11:00"}], "Europe/Paris", "closed"),
        ([{"day": 0, "start": "10:00", "end": "12:00"}], "Europe/Paris", "open"),
        # A slot running past midnight, from Sunday night.
        ([{"day": 6, "start": "22:00", "end": "10:30"}], "UTC", "open"),
        # Zones saved before only canonical ones were offered: an alias keeps its meaning (10:00 UTC is 05:00 in
        # New York), and a name zoneinfo can't load (a folder, a made-up name) counts as UTC instead of a 500.
        ([{"day": 0, "start": "05:00", "end": "06:00"}], "US/Eastern", "open"),
        ([{"day": 0, "start": "09:00", "end": "11:00"}], "America", "open"),
        ([{"day": 0, "start": "09:00", "end": "11:00"}], "Not/AZone", "open"),
        ([{"day": 0, "start": "10:30", "end": "11:00"}], "Not/AZone", "closed"),
    ],
)
def test_open_hours_in_the_group_time_zone(room, hours, tz, expected) -> None:
    group = room[0]
    group.settings.chat_open_hours, group.settings.timezone = hours, tz
    db.session.commit()
    assert chat.chat_status(group, MONDAY_10).state == expected


def test_meetings_only(room) -> None:
    group = room[0]
    group.settings.chat_meetings_only = True
    db.session.add(Meeting(group_id=group.id, title="Weekly", local_start=datetime(2026, 11, 2, 9, 30),
                           duration_minutes=60, timezone="UTC", recurrence="weekly"))  # fmt: skip
    db.session.commit()
    assert chat.chat_status(group, MONDAY_10).state == "open"
    later = chat.chat_status(group, datetime(2026, 11, 23, 11, 0, tzinfo=UTC))
    assert later.state == "closed" and "meetings" in later.reason


def test_ended_group_is_closed(room) -> None:
    group = room[0]
    group.settings.ends_on = datetime(2026, 1, 1).date()
    db.session.commit()
    assert chat.chat_status(group, MONDAY_10).state == "closed"


def test_send_is_idempotent_per_author(room) -> None:
    group, people = room
    first = chat.send_message(people["member1"], group, "hi", "key-service-01")
    again = chat.send_message(people["member1"], group, "hi", "key-service-01")
    other = chat.send_message(people["mod1"], group, "hi", "key-service-01")
    assert again.duplicate and again.message.id == first.message.id
    assert not other.duplicate and other.message.id != first.message.id
    assert db.session.scalar(db.select(db.func.count(ChatMessage.id))) == 2


def test_outsider_cannot_send(room) -> None:
    group, people = room
    with pytest.raises(PermissionDenied):
        chat.send_message(people["outsider"], group, "hi", "key-outsider-1")


def test_empty_and_long_refused(room) -> None:
    group, people = room
    for text in ("", "  \n ", "x" * 2001):
        with pytest.raises(ValidationError):
            chat.send_message(people["member1"], group, text, "key-invalid-01")
    assert (
        chat.send_message(people["member1"], group, "x" * 2000, "key-valid-0001").message.status == "visible"
    )


def test_chat_page(client, auth, room) -> None:
    auth.login("member1")
    page = client.get("/groups/test-room/chat")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="chat-form"' in html and "js/chat.js" in html and "<script>" not in html


def test_chat_page_members_only(client, auth, room, make_group) -> None:
    make_group("closed-room", visibility="members")
    auth.login("outsider")
    assert client.get("/groups/closed-room/chat").status_code == 403
    assert client.get("/groups/no-such-room/chat").status_code == 404


def test_chat_page_shows_welcome_and_hides_form_when_read_only(client, auth, room) -> None:
    group = room[0]
    group.welcome_html = "<p>Welcome, friend</p>"
    group.settings.chat_read_only = True
    db.session.commit()
    auth.login("member1")
    html = client.get("/groups/test-room/chat").get_data(as_text=True)
    assert "Welcome, friend" in html and 'id="chat-form" hidden' in html


def test_group_page_links_to_chat(client, auth, room) -> None:
    auth.login("member1")
    assert "/groups/test-room/chat" in client.get("/groups/test-room").get_data(as_text=True)


def test_slow_mode_holds_under_concurrent_sends(app, room) -> None:
    import threading

    from forum.services.errors import RateLimited
    from models import Group, User

    group, people = room
    group.settings.slow_mode_seconds = 60
    db.session.commit()
    user_id, group_id = people["member1"].id, group.id
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def send(n: int) -> None:
        with app.app_context():
            user, grp = db.session.get(User, user_id), db.session.get(Group, group_id)
            start.wait()
            try:
                chat.send_message(user, grp, f"at once {n}", f"key-concurrent-{n}")
                outcomes.append("sent")
            except RateLimited:
                outcomes.append("refused")

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "refused", "refused", "sent"]
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(ChatMessage.id))) == 1


def test_a_mute_that_lands_while_a_message_is_screened_stops_it(app, room, monkeypatch) -> None:
    group, people = room
    author = people["member1"]
    screen = chat.screen_all

    def screen_then_mute(*args: object, **kwargs: object) -> object:
        verdict = screen(*args, **kwargs)
        with db.engine.begin() as conn:  # a moderator's mute, committed on another connection
            conn.execute(
                update(Membership)
                .where(Membership.user_id == author.id, Membership.group_id == group.id)
                .values(muted_until=datetime.now(UTC) + timedelta(hours=1))
            )
        return verdict

    monkeypatch.setattr(chat, "screen_all", screen_then_mute)
    with app.test_request_context(), pytest.raises(PermissionDenied, match="muted"):
        chat.send_message(author, group, "hello all", "key-muted-1")
    db.session.rollback()
    assert db.session.query(ChatMessage).filter_by(group_id=group.id).count() == 0


def _demote_meanwhile(monkeypatch, user, group) -> None:  # noqa: ANN001
    demote = membership_change(user, group, role="member")
    commit_before_the_write(monkeypatch, chat, demote)


def test_a_moderator_demoted_meanwhile_does_not_hide_a_message(app, room, monkeypatch) -> None:
    group, people = room
    msg = chat.send_message(people["member1"], group, "hello all", "key-hide-late-1").message
    _demote_meanwhile(monkeypatch, people["mod1"], group)
    with app.test_request_context(), pytest.raises(PermissionDenied, match="moderators can hide"):
        chat.hide_message(people["mod1"], msg, "off topic")
    db.session.rollback()
    assert db.session.get(ChatMessage, msg.id).status == "visible"


def test_a_moderator_demoted_meanwhile_does_not_mute(app, room, monkeypatch) -> None:
    group, people = room
    _demote_meanwhile(monkeypatch, people["mod1"], group)
    with app.test_request_context(), pytest.raises(PermissionDenied, match="moderators can mute"):
        chat.mute_member(people["mod1"], group, people["member1"], 30, "cool off")
    db.session.rollback()
    assert db.session.get(Membership, perm.membership(people["member1"], group).id).muted_until is None


def test_a_member_made_moderator_meanwhile_is_muted_only_by_a_leader(app, room, monkeypatch) -> None:
    group, people = room
    promote = membership_change(people["member1"], group, role="moderator")
    commit_before_the_write(monkeypatch, chat, promote)
    with app.test_request_context(), pytest.raises(PermissionDenied, match="Only a leader"):
        chat.mute_member(people["mod1"], group, people["member1"], 30, "cool off")
    db.session.rollback()
    assert db.session.get(Membership, perm.membership(people["member1"], group).id).muted_until is None


def test_a_room_whose_stored_zone_will_not_load_still_opens(client, auth, room) -> None:
    group, people = room
    group.settings.chat_open_hours = [{"day": d, "start": "00:00", "end": "24:00"} for d in range(7)]
    group.settings.timezone = "America"  # a folder of zones, not a zone
    db.session.commit()
    auth.login("member1")
    resp = client.get(f"/groups/{group.slug}/chat")
    assert resp.status_code == 200 and "closed outside its open hours" not in resp.get_data(as_text=True)
