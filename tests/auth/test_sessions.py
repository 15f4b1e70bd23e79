"""Being seen: pages and chat events mark a member as seen (at most a write a minute), which "on duty" counts."""

from __future__ import annotations

from datetime import timedelta

from models import User, db, utcnow


def _age_seen(user_id: int, hours: int = 3) -> None:
    db.session.get(User, user_id).last_seen_at = utcnow() - timedelta(hours=hours)
    db.session.commit()


def _seen(user_id: int):
    db.session.expire_all()
    return db.session.get(User, user_id).last_seen_at


def test_a_page_view_marks_the_member_seen(client, auth, room):
    _, people = room
    auth.login("mod1")
    _age_seen(people["mod1"].id)
    assert client.get("/").status_code == 200
    assert utcnow() - _seen(people["mod1"].id) < timedelta(minutes=1)


def test_seen_is_written_at_most_once_a_minute(client, auth, room):
    _, people = room
    auth.login("mod1")
    client.get("/")
    first = _seen(people["mod1"].id)
    client.get("/groups/")
    assert _seen(people["mod1"].id) == first
