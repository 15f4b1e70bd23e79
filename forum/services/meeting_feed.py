"""An iCalendar feed of a group's meetings (RFC 5545), built with the icalendar package."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from models import Group, Meeting, utcnow

from .meetings import meetings_of, to_utc, zone

PRODID = "-//Hearth//Group meetings//EN"


def _rrule(meeting: Meeting) -> dict | None:
    if meeting.recurrence == "none":
        return None
    rule: dict = {"FREQ": "WEEKLY" if meeting.recurrence == "weekly" else "MONTHLY"}
    if meeting.until:
        # With a zoned DTSTART, UNTIL must be in UTC: the start of the last allowed day's occurrence.
        last = datetime.combine(meeting.until, meeting.local_start.time())
        rule["UNTIL"] = to_utc(last, meeting.timezone)
    return rule


def _event(meeting: Meeting, group: Group, base_url: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{urlsplit(base_url).hostname or 'hearth'}")
    event.add("dtstamp", now)
    event.add("summary", f"{group.name}: {meeting.title}")
    start = meeting.local_start.replace(tzinfo=zone(meeting.timezone))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=meeting.duration_minutes))
    rule = _rrule(meeting)
    if rule:
        event.add("rrule", rule)
    if meeting.description:
        event.add("description", meeting.description)
    event.add("url", f"{base_url.rstrip('/')}/groups/{group.slug}")
    return event


def calendar_for(group: Group, base_url: str) -> bytes:
    """The group's meetings as an iCalendar document, with the time zones they need."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{group.name} meetings")
    now = utcnow()
    for meeting in meetings_of(group):
        cal.add_component(_event(meeting, group, base_url, now))
    cal.add_missing_timezones()
    return cal.to_ical()
