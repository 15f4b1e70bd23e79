"""Why a member can't reply is said plainly: muted, pending, or not a member yet."""

from datetime import datetime, timedelta

import pytest

from models import Membership, Thread, User, db, utcnow


def _mute(handle: str, until: datetime, zone: str = "Europe/London") -> None:
    user = db.session.scalar(db.select(User).where(User.handle == handle))
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
    m.muted_until = until
    user.timezone = zone
    db.session.commit()


def _thread(client, auth) -> Thread:
    auth.login("leader1")
    client.post("/groups/test-room/new", data={"title": "Evenings", "body": "How do you spend evenings?"})
    auth.logout()
    return db.session.scalar(db.select(Thread))


def test_muted_member_is_told_they_are_muted_not_to_join(client, auth, room):
    thread = _thread(client, auth)
    _mute("member1", datetime(2099, 7, 1, 12, 30))
    auth.login("member1")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "You are muted in Test Room until 1 July 2099, 13:30 (Europe/London)." in page
    assert "to reply" not in page
    flashed = client.get("/groups/test-room/new", follow_redirects=True).get_data(as_text=True)
    assert "You are muted in Test Room until" in flashed


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("US/Eastern", "08:30 (America/New_York)"), ("America", "12:30 (UTC)"), ("Not/AZone", "12:30 (UTC)")],
)
def test_the_mute_end_is_shown_in_a_stored_zone_of_any_age(client, auth, room, zone, shown):
    """An alias saved before only canonical zones were offered, or a name zoneinfo can't load, is no server error."""
    thread = _thread(client, auth)
    _mute("member1", datetime(2099, 7, 1, 12, 30), zone)
    auth.login("member1")
    page = client.get(f"/t/{thread.id}")
    assert page.status_code == 200 and f"until 1 July 2099, {shown}." in page.get_data(as_text=True)


def test_a_lapsed_mute_lets_the_member_reply_again(client, auth, room):
    thread = _thread(client, auth)
    _mute("member1", utcnow() - timedelta(minutes=1))
    auth.login("member1")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "You are muted" not in page and f"/t/{thread.id}/reply" in page


def test_non_member_is_asked_to_join(client, auth, room):
    thread = _thread(client, auth)
    auth.login("outsider")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "to reply" in page and "You are muted" not in page
