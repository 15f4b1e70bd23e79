"""Private calendar links: a member's key opens a members-only group's feed for a calendar app, until reset."""

from __future__ import annotations

import re
from datetime import time, timedelta
from html import unescape

from icalendar import Calendar

from forum.services import feed_keys, meetings
from models import Membership, db, utcnow


def _with_meeting(room, visibility: str = "members"):
    group, people = room
    group.visibility = visibility
    db.session.commit()
    tomorrow = utcnow().date() + timedelta(days=1)
    meetings.create_meeting(people["leader1"], group, meetings.MeetingInput(
        "Weekly check-in", "", tomorrow, time(19, 0), "Europe/London", 60, "weekly"))  # fmt: skip
    return group, people


def _feed_link(client, slug: str) -> str:
    page = client.get(f"/groups/{slug}").get_data(as_text=True)
    match = re.search(r'href="([^"]*/meetings\.ics[^"]*)"', page)
    assert match, "the group page offers a calendar link"
    return unescape(match.group(1))


def test_group_page_offers_a_private_link_that_works_without_login(client, auth, room):
    group, _ = _with_meeting(room)
    auth.login("member1")
    link = _feed_link(client, group.slug)
    assert "key=" in link
    auth.logout()
    resp = client.get(link)  # a calendar app: no cookie, only the link
    assert resp.status_code == 200 and "no-store" in resp.headers["Cache-Control"]
    (event,) = Calendar.from_ical(resp.data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Test Room: Weekly check-in"
    assert client.get(f"/groups/{group.slug}/meetings.ics").status_code == 403


def test_public_group_link_carries_no_key(client, auth, room):
    group, _ = _with_meeting(room, "public")
    auth.login("member1")
    assert _feed_link(client, group.slug) == f"/groups/{group.slug}/meetings.ics"


def test_reset_revokes_old_links(client, auth, room):
    group, people = _with_meeting(room)
    old = feed_keys.feed_key(people["member1"])
    auth.login("member1")
    assert client.post("/settings/calendar-links/reset", follow_redirects=True).status_code == 200
    auth.logout()
    assert client.get(f"/groups/{group.slug}/meetings.ics?key={old}").status_code == 403
    new = feed_keys.feed_key(db.session.get(type(people["member1"]), people["member1"].id))
    assert new != old and client.get(f"/groups/{group.slug}/meetings.ics?key={new}").status_code == 200


def test_key_only_carries_its_members_rights(client, room):
    group, people = _with_meeting(room)
    outsider_key = feed_keys.feed_key(people["outsider"])
    assert client.get(f"/groups/{group.slug}/meetings.ics?key={outsider_key}").status_code == 403
    member_key = feed_keys.feed_key(people["member1"])
    db.session.delete(db.session.scalar(db.select(Membership).filter_by(user_id=people["member1"].id)))
    db.session.commit()
    assert client.get(f"/groups/{group.slug}/meetings.ics?key={member_key}").status_code == 403


def test_forged_and_malformed_keys_are_refused_cleanly(client, room):
    group, people = _with_meeting(room)
    good = feed_keys.feed_key(people["member1"])
    for key in [good[:-2] + "xx", "abc", "x" * 500, "W10.bad", "%00", ""]:
        assert client.get(f"/groups/{group.slug}/meetings.ics", query_string={"key": key}).status_code == 403
    assert feed_keys.user_for_feed_key(["not", "a", "string"]) is None


def test_settings_page_offers_the_reset_once(client, auth, room):
    auth.login("member1")
    page = client.get("/settings").get_data(as_text=True)
    assert page.count("Reset my calendar links") == 1
    assert re.search(r"<title>\s*Settings\b[^<]*</title>", page)
