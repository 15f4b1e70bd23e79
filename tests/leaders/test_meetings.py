"""Meetings: validation, times across time zones and daylight saving, the group page, iCalendar, courses."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import update

from forum import permissions as perm
from forum.services import group_admin, meetings
from forum.services import settings_rules as rules
from forum.services.errors import PermissionDenied, ValidationError
from models import Meeting, db, utcnow
from tests.conftest import commit_before_the_write

from .pageforms import forms_of, submission


def _last_sunday(year: int, month: int) -> date:
    """The last Sunday of March or October (both have 31 days): when Europe/London changes its clocks."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _in_days(days: int) -> str:
    """The ISO date `days` from today."""
    return (date.today() + timedelta(days=days)).isoformat()


# Dates follow today: a meeting may be at most a year back and about two years ahead, so fixed dates expire.
NEXT_YEAR = date.today().year + 1
CLOCKS_BACK = _last_sunday(NEXT_YEAR, 10)  # London leaves summer time; New York a week later
START = CLOCKS_BACK - timedelta(days=10)  # a Thursday: two weekly meetings in summer time, then two after
UNTIL = date(NEXT_YEAR, 11, 30)  # winter time in London
CLOCKS_FORWARD = _last_sunday(NEXT_YEAR, 3)

GOOD = {"title": "Weekly check-in", "description": "", "start_date": START.isoformat(), "start_time": "19:00",
        "timezone": "Europe/London", "duration_minutes": "60", "recurrence": "weekly", "until": ""}  # fmt: skip
BAD = [
    ({"title": "Hi"}, "Title must be 3 to 120"),
    ({"timezone": "Mars/Olympus"}, "Choose a time zone"),
    ({"timezone": "Factory"}, "Choose a time zone"),
    ({"timezone": "localtime"}, "Choose a time zone"),
    ({"timezone": "US/Eastern"}, "Choose a time zone"),  # an alias: America/New_York is the zone
    ({"start_date": ""}, "Give the date"),
    ({"start_date": f"{NEXT_YEAR}-02-30"}, "Not a valid date"),
    ({"start_time": ""}, "Give the start time"),
    ({"duration_minutes": "0"}, "lasts 15 to 480 minutes"),
    ({"duration_minutes": "-60"}, "lasts 15 to 480 minutes"),
    ({"duration_minutes": "an hour"}, "lasts 15 to 480 minutes"),
    ({"recurrence": "daily"}, "Choose a repeat"),
    ({"start_date": "1900-01-01"}, "The date of the (first) meeting must be between"),
    ({"start_date": "9999-12-31"}, "The date of the (first) meeting must be between"),
    ({"start_date": (date.today() - timedelta(days=400)).isoformat()}, "must be between"),
    ({"start_date": (date.today() + timedelta(days=800)).isoformat()}, "must be between"),
    ({"until": "9999-12-31"}, "The date of the last meeting must be between"),
    ({"until": (START - timedelta(days=14)).isoformat()}, "can't be before the first"),
    # Clocks in London jump from 01:00 to 02:00 on the last Sunday of March: 01:30 never happens that day.
    (
        {"start_date": CLOCKS_FORWARD.isoformat(), "start_time": "01:30", "recurrence": "none"},
        "doesn't exist in Europe/London",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_meetings_are_refused(client, auth, room, audit, changes, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/meetings", data={**GOOD, **changes})
    assert resp.status_code == 400 and message in html.unescape(resp.get_data(as_text=True))
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0
    assert audit() == []


BAD_COURSE = [
    ({"starts_on": _in_days(40), "ends_on": _in_days(31)}, "can't end before it starts"),
    ({"timezone": "Nowhere/City"}, "Choose a time zone"),
    ({"timezone": "Factory"}, "Choose a time zone"),
    ({"ends_on": "last week"}, "Not a valid date"),
    ({"starts_on": "1900-01-01"}, "The first day must be between"),
    ({"ends_on": "9999-12-31"}, "The last day must be between"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_COURSE)
def test_bad_course_dates_are_refused(client, auth, room, audit, changes, message):
    group, _ = room
    auth.login("leader1")
    data = {"timezone": "UTC", "starts_on": "", "ends_on": "", **changes}
    resp = client.post(f"/groups/{group.slug}/settings/course", data=data)
    assert resp.status_code == 400 and message in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group.settings)
    assert group.settings.ends_on is None and group.settings.timezone == "UTC"
    assert audit() == []


def _weekly_london(group, leader) -> Meeting:
    data = meetings.MeetingInput(
        "Weekly check-in", "", START, time(19, 0), "Europe/London", 60, "weekly", UNTIL
    )
    return meetings.create_meeting(leader, group, data)


def test_times_across_zones_and_daylight_saving(room, make_user):
    group, people = room
    _weekly_london(group, people["leader1"])
    now = datetime.combine(START - timedelta(days=5), time(), UTC)
    weeks = [START + timedelta(weeks=n) for n in range(4)]
    utc_starts = [o["starts"] for o in meetings.upcoming_for(group, None, now=now, limit=4)]
    # 19:00 in London is 18:00 UTC in summer time, 19:00 UTC once the clocks go back (last Sunday of October).
    assert [(d.date(), d.hour) for d in utc_starts] == list(zip(weeks, [18, 18, 19, 19], strict=True))
    viewer = make_user("nyc", timezone="America/New_York")
    local = meetings.upcoming_for(group, viewer, now=now, limit=4)
    # New York changes a week after London (first Sunday of November): 14:00, 14:00, 15:00, then 14:00 again.
    in_new_york = [(o["starts"].date(), o["starts"].hour) for o in local]
    assert in_new_york == list(zip(weeks, [14, 14, 15, 14], strict=True))
    assert {o["zone"] for o in local} == {"America/New_York"}


def test_monthly_skips_months_without_the_day(room):
    group, people = room
    data = meetings.MeetingInput("Month end", "", date(NEXT_YEAR, 1, 31), time(12, 0), "UTC", 30, "monthly")
    meeting = meetings.create_meeting(people["leader1"], group, data)
    starts = [s for s, _ in meetings.occurrences(meeting, datetime(NEXT_YEAR, 1, 1, tzinfo=UTC),
                                                  datetime(NEXT_YEAR, 6, 1, tzinfo=UTC))]  # fmt: skip
    assert [s.month for s in starts] == [1, 3, 5]


def test_group_page_shows_next_meeting_in_members_zone(client, auth, room, make_user, add_member):
    group, people = room
    tomorrow = (utcnow() + timedelta(days=1)).date()
    meetings.create_meeting(people["leader1"], group, meetings.MeetingInput(
        "Sharing circle", "", tomorrow, time(12, 0), "UTC", 60, "none"))  # fmt: skip
    add_member(make_user("tokyo", timezone="Asia/Tokyo"), group)
    auth.login("tokyo")
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Sharing circle" in page and "21:00" in page and "Asia/Tokyo" in page
    assert "Meeting now" not in page


def test_meeting_now_banner_links_to_chat(client, auth, room):
    group, people = room
    started = utcnow() - timedelta(minutes=10)
    meetings.create_meeting(people["leader1"], group, meetings.MeetingInput(
        "Live now", "", started.date(), started.time().replace(second=0, microsecond=0), "UTC", 60, "none"))  # fmt: skip
    assert meetings.meeting_in_progress(group).title == "Live now"
    auth.login("member1")
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Meeting now" in page and f'href="/groups/{group.slug}/chat"' in page


def test_icalendar_feed_parses_back(client, room):
    group, people = room
    _weekly_london(group, people["leader1"])
    resp = client.get(f"/groups/{group.slug}/meetings.ics")
    assert resp.status_code == 200 and resp.mimetype == "text/calendar"
    cal = Calendar.from_ical(resp.data)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Test Room: Weekly check-in"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (19, 0, "Europe/London")
    assert event.decoded("DURATION") == timedelta(minutes=60)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0] == datetime.combine(UNTIL, time(19, 0), UTC)  # GMT then: 19:00 London = 19:00 UTC
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]


def test_icalendar_respects_visibility(client, auth, room, make_group, make_user, add_member):
    group, _ = room
    group.visibility = "members"
    db.session.commit()
    assert client.get(f"/groups/{group.slug}/meetings.ics").status_code == 403
    auth.login("member1")
    assert client.get(f"/groups/{group.slug}/meetings.ics").status_code == 200
    auth.logout()
    hidden = make_group("hidden-room", visibility="unlisted")
    auth.login("outsider")
    assert client.get(f"/groups/{hidden.slug}/meetings.ics").status_code == 404
    assert client.get("/groups/no-such-room/meetings.ics").status_code == 404


def test_edit_and_delete_meeting_are_logged(client, auth, room, audit):
    group, people = room
    meeting = _weekly_london(group, people["leader1"])
    auth.login("leader1")
    assert client.get(f"/groups/{group.slug}/settings/meetings/{meeting.id}").status_code == 200
    resp = client.post(f"/groups/{group.slug}/settings/meetings/{meeting.id}",
                       data={**GOOD, "start_time": "18:30", "until": UNTIL.isoformat()})  # fmt: skip
    assert resp.status_code == 302
    db.session.refresh(meeting)
    assert meeting.local_start == datetime.combine(START, time(18, 30))
    entry = audit("meeting.update")[0]
    assert entry.before == {"local_start": f"{START}T19:00:00"} and entry.after == {
        "local_start": f"{START}T18:30:00"
    }
    meeting_id = meeting.id  # the object is gone once the request deletes its row
    client.post(f"/groups/{group.slug}/settings/meetings/{meeting_id}/delete")
    assert db.session.get(Meeting, meeting_id) is None
    assert [e.action for e in audit()] == ["meeting.create", "meeting.update", "meeting.delete"]
    assert client.get(f"/groups/{group.slug}/settings/meetings/{meeting_id}").status_code == 404


def test_member_cannot_schedule(room):
    group, people = room
    data = meetings.MeetingInput("Sneaky", "", START, time(19, 0), "UTC", 60, "none")
    with pytest.raises(PermissionDenied):
        meetings.create_meeting(people["member1"], group, data)


def test_course_end_makes_group_read_only(client, auth, room, audit):
    group, people = room
    today = utcnow().date()
    group_admin.update_course(people["leader1"], group, "Europe/London", today - timedelta(days=60),
                              today - timedelta(days=1))  # fmt: skip
    assert not perm.can_post_in(people["member1"], group)
    auth.login("member1")
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "now read-only" in page and "Start a thread" not in page
    assert audit("settings.course")[0].after["timezone"] == "Europe/London"


def test_time_zone_lists_offer_only_canonical_zones(client, auth, room):
    group, _ = room
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/meetings").get_data(as_text=True)
    assert 'value="Europe/London"' in page and 'value="UTC"' in page
    for odd in ("Factory", "localtime", "US/Eastern", "Etc/GMT+5", "GB"):
        assert f'value="{odd}"' not in page
    settings = client.get("/settings").get_data(as_text=True)
    assert 'value="Asia/Tokyo"' in settings and 'value="Factory"' not in settings


def _running_since(group, leader, days_ago: int, until: date | None = None) -> Meeting:
    """A weekly meeting whose first date is `days_ago` days back: saved before the date rule, or grown old."""
    meeting = Meeting(group_id=group.id, created_by_id=leader.id, title="Weekly check-in", description="",
                      local_start=datetime.combine(date.today() - timedelta(days=days_ago), time(19, 0)),
                      timezone="Europe/London", duration_minutes=60, recurrence="weekly", until=until)  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    return meeting


@pytest.mark.parametrize("until", [None, date.today() - timedelta(days=380)], ids=["running", "ended"])
def test_an_edit_keeps_old_dates_it_does_not_change(client, auth, room, audit, until):
    group, people = room
    meeting = _running_since(group, people["leader1"], 500, until)
    first = meeting.local_start.date()
    url = f"/groups/{group.slug}/settings/meetings/{meeting.id}"
    auth.login("leader1")
    same_dates = {**GOOD, "start_date": first.isoformat(), "until": until.isoformat() if until else ""}
    resp = client.post(url, data={**same_dates, "start_time": "18:30"})
    assert resp.status_code == 302
    db.session.refresh(meeting)
    assert meeting.local_start == datetime.combine(first, time(18, 30)) and meeting.until == until
    assert audit("meeting.update")[0].after == {"local_start": f"{first}T18:30:00"}
    # A date the edit changes must still be in range: moving the first date a week on is refused.
    resp = client.post(url, data={**same_dates, "start_date": (first + timedelta(weeks=1)).isoformat()})
    assert resp.status_code == 400 and "must be between" in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(meeting)
    assert meeting.local_start == datetime.combine(first, time(18, 30)) and len(audit("meeting.update")) == 1


def test_an_edit_that_moves_an_old_first_date_into_range_is_saved(room):
    group, people = room
    meeting = _running_since(group, people["leader1"], 500)
    data = meetings.MeetingInput("Weekly check-in", "", START, time(19, 0), "Europe/London", 60, "weekly")
    assert meetings.update_meeting(people["leader1"], group, meeting, data) is True
    assert meeting.local_start == datetime.combine(START, time(19, 0))


def test_an_old_date_counts_as_unchanged_only_while_it_is_stored(room, monkeypatch):
    """A co-leader moves the first date while this edit waits for the lock: the old date is a change by then."""
    group, people = room
    meeting = _running_since(group, people["leader1"], 500)
    first, moved = meeting.local_start.date(), datetime.combine(START, time(19, 0))
    commit_before_the_write(monkeypatch, meetings,
                            update(Meeting).where(Meeting.id == meeting.id).values(local_start=moved))  # fmt: skip
    data = meetings.MeetingInput("Renamed check-in", "", first, time(19, 0), "Europe/London", 60, "weekly")
    with pytest.raises(ValidationError, match="must be between"):
        meetings.update_meeting(people["leader1"], group, meeting, data)
    db.session.refresh(meeting)
    assert (meeting.local_start, meeting.title) == (moved, "Weekly check-in")


def test_a_new_meeting_cannot_start_over_a_year_ago(room):
    group, people = room
    old = date.today() - timedelta(days=500)
    data = meetings.MeetingInput("Weekly check-in", "", old, time(19, 0), "Europe/London", 60, "weekly")
    with pytest.raises(ValidationError, match="must be between"):
        meetings.create_meeting(people["leader1"], group, data)


def test_a_course_that_began_over_a_year_ago_can_change_its_time_zone(client, auth, room, audit):
    group, _ = room
    began, ends = date.today() - timedelta(days=500), date.today() + timedelta(days=30)
    group.settings.starts_on, group.settings.ends_on = began, ends
    db.session.commit()
    auth.login("leader1")
    url = f"/groups/{group.slug}/settings/course"
    resp = client.post(url, data={"timezone": "Europe/London", "starts_on": began.isoformat(),
                                  "ends_on": ends.isoformat()})  # fmt: skip
    assert resp.status_code == 302
    db.session.refresh(group.settings)
    assert (group.settings.timezone, group.settings.starts_on) == ("Europe/London", began)
    assert audit("settings.course")[0].after == {"timezone": "Europe/London"}
    # Changing the first day itself to another date over a year back is still refused, and changes nothing.
    resp = client.post(url, data={"timezone": "UTC", "starts_on": (began + timedelta(days=7)).isoformat(),
                                  "ends_on": ends.isoformat()})  # fmt: skip
    assert resp.status_code == 400
    assert "The first day must be between" in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group.settings)
    assert (group.settings.timezone, group.settings.starts_on) == ("Europe/London", began)
    assert len(audit("settings.course")) == 1


# Zones saved before only canonical ones were offered: an alias is shown and saved as the zone it links to; a
# zone with no canonical name (Etc/GMT+5 is a fixed UTC-5) is kept as it is.
OLD_ZONES = [("US/Eastern", "America/New_York"), ("Europe/Kiev", "Europe/Kyiv"), ("GB", "Europe/London"),
             ("Etc/GMT+5", "Etc/GMT+5")]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "canonical", "usable"),
    [("Asia/Calcutta", "Asia/Kolkata", "Asia/Kolkata"), ("Etc/UTC", "UTC", "UTC"), ("Zulu", "UTC", "UTC"),
     ("Europe/London", "Europe/London", "Europe/London"), ("Etc/GMT+5", None, "Etc/GMT+5"),
     ("Mars/Olympus", None, "UTC"), ("America", None, "UTC"), ("", None, "UTC"), (None, None, "UTC")],
)  # fmt: skip
def test_the_zone_a_stored_name_stands_for(name, canonical, usable):
    assert (rules.canonical_zone(name), rules.usable_zone(name)) == (canonical, usable)


@pytest.mark.parametrize(("zone", "hours", "shown"), [("US/Eastern", [14, 14, 15, 14], "America/New_York"),
                                                      ("Etc/GMT+5", [13, 13, 14, 14], "Etc/GMT+5")])  # fmt: skip
def test_a_member_zone_no_longer_offered_still_sets_the_times_shown(room, make_user, zone, hours, shown):
    group, people = room
    _weekly_london(group, people["leader1"])
    now = datetime.combine(START - timedelta(days=5), time(), UTC)
    local = meetings.upcoming_for(group, make_user("old_timer", timezone=zone), now=now, limit=4)
    assert [o["starts"].hour for o in local] == hours and {o["zone"] for o in local} == {shown}


def test_a_new_meeting_starts_in_the_canonical_name_of_the_leaders_old_zone(client, auth, room):
    group, people = room
    people["leader1"].timezone = "US/Eastern"
    db.session.commit()
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/meetings").get_data(as_text=True)
    assert '<option selected value="America/New_York">' in page and 'value="US/Eastern"' not in page


def _meeting_in(group, leader, zone: str) -> Meeting:
    """A weekly meeting in `zone`, saved before only canonical zones were offered (so not through the form)."""
    meeting = Meeting(group_id=group.id, created_by_id=leader.id, title="Weekly check-in", description="",
                      local_start=datetime.combine(START, time(19, 0)), timezone=zone, duration_minutes=60,
                      recurrence="weekly")  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    return meeting


@pytest.mark.parametrize(("stored", "shown"), OLD_ZONES)
def test_a_meeting_in_a_zone_no_longer_offered_can_be_edited(client, auth, room, audit, stored, shown):
    group, people = room
    meeting = _meeting_in(group, people["leader1"], stored)
    url = f"/groups/{group.slug}/settings/meetings/{meeting.id}"
    auth.login("leader1")
    page = client.get(url).get_data(as_text=True)
    assert f'<option selected value="{shown}">' in page
    (form,) = [f for f in forms_of(page) if "timezone" in dict(f["fields"])]
    resp = client.post(url, data=submission(form, title="Renamed check-in"))  # as the browser sends it
    assert resp.status_code == 302
    db.session.refresh(meeting)
    assert (meeting.title, meeting.timezone) == ("Renamed check-in", shown)
    # A page loaded before, still holding the stored name, is accepted too.
    meeting.timezone = stored
    db.session.commit()
    resp = client.post(url, data=submission(form, title="Check-in", timezone=stored))
    assert resp.status_code == 302
    db.session.refresh(meeting)
    assert (meeting.title, meeting.timezone) == ("Check-in", shown)
    # Another zone that is not offered is still refused, and changes nothing.
    resp = client.post(url, data=submission(form, title="Other", timezone="US/Pacific"))
    assert resp.status_code == 400 and "Choose a time zone" in resp.get_data(as_text=True)
    db.session.refresh(meeting)
    assert (meeting.title, meeting.timezone) == ("Check-in", shown)


@pytest.mark.parametrize(("stored", "shown"), OLD_ZONES)
def test_a_group_zone_no_longer_offered_can_be_saved(client, auth, room, audit, stored, shown):
    group, _ = room
    group.settings.timezone = stored
    db.session.commit()
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/meetings").get_data(as_text=True)
    assert f'<option selected value="{shown}">' in page
    url, ends = f"/groups/{group.slug}/settings/course", date.today() + timedelta(days=30)
    resp = client.post(url, data={"timezone": stored, "starts_on": "", "ends_on": ends.isoformat()})
    assert resp.status_code == 302
    db.session.refresh(group.settings)
    assert (group.settings.timezone, group.settings.ends_on) == (shown, ends)
    resp = client.post(url, data={"timezone": "US/Pacific", "starts_on": "", "ends_on": ""})
    assert resp.status_code == 400 and "Choose a time zone" in resp.get_data(as_text=True)
    db.session.refresh(group.settings)
    assert (group.settings.timezone, group.settings.ends_on) == (shown, ends)


@pytest.mark.parametrize(("stored", "shown"), OLD_ZONES[:3])  # the aliases: each has a current name
def test_saving_an_alias_zone_as_shown_logs_no_change(client, auth, room, audit, stored, shown):
    group, people = room
    group.settings.timezone = stored
    meeting = _meeting_in(group, people["leader1"], stored)
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/meetings").get_data(as_text=True)
    (course,) = [f for f in forms_of(page) if f["action"].endswith("/settings/course")]
    assert dict(course["fields"])["timezone"] == shown
    resp = client.post(
        f"/groups/{group.slug}/settings/course", data=submission(course), follow_redirects=True
    )
    assert "Nothing changed." in resp.get_data(as_text=True)
    url = f"/groups/{group.slug}/settings/meetings/{meeting.id}"
    (form,) = [f for f in forms_of(client.get(url).get_data(as_text=True)) if "timezone" in dict(f["fields"])]
    resp = client.post(url, data=submission(form), follow_redirects=True)
    assert "Nothing changed." in resp.get_data(as_text=True)
    # An edit to something else logs that alone: the zone's new spelling is no change for anyone.
    client.post(url, data=submission(form, title="Renamed check-in"))
    assert [(e.action, e.before, e.after) for e in audit()] == [
        ("meeting.update", {"title": "Weekly check-in"}, {"title": "Renamed check-in"})
    ]
    db.session.refresh(meeting)
    assert meeting.timezone == shown


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("US/Eastern", "America/New_York", True), ("Zulu", "UTC", True), ("Etc/GMT+5", "Etc/GMT+5", True),
     ("US/Eastern", "US/Pacific", False), ("Mars/Olympus", "UTC", False), ("America", "UTC", False)],
)  # fmt: skip
def test_same_zone(a, b, same):
    assert rules.same_zone(a, b) is same and rules.same_zone(b, a) is same


@pytest.mark.parametrize("stored", ["America", "Not/AZone"])
def test_a_meeting_stored_with_a_zone_that_wont_load_shows_in_utc(client, auth, room, stored):
    """A zone name saved before zones were checked must not make the room page or the calendar feed a 500."""
    group, people = room
    meeting = _weekly_london(group, people["leader1"])
    db.session.execute(update(Meeting).where(Meeting.id == meeting.id).values(timezone=stored))
    db.session.commit()
    assert client.get(f"/groups/{group.slug}").status_code == 200
    resp = client.get(f"/groups/{group.slug}/meetings.ics")
    assert resp.status_code == 200
    (event,) = Calendar.from_ical(resp.data).walk("VEVENT")
    assert str(event.decoded("DTSTART").tzinfo) == "UTC"
    auth.login("member1")
    assert client.get(f"/groups/{group.slug}").status_code == 200
