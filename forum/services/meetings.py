"""Meeting times: occurrences in UTC from a local-time rule, and whether a meeting is on now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models import Group, Meeting, db, utcnow

MAX_OCCURRENCES = 520  # ten years of weekly meetings: a bound for runaway loops


def _add_months(local: datetime, months: int) -> datetime | None:
    """Same day of month `months` later; None when that month lacks the day (e.g. the 31st)."""
    year, month = divmod(local.month - 1 + months, 12)
    try:
        return local.replace(year=local.year + year, month=month + 1)
    except ValueError:
        return None


def local_starts(meeting: Meeting) -> Iterator[datetime]:
    """Naive local start times of each occurrence, in order."""
    if meeting.recurrence == "none":
        yield meeting.local_start
        return
    for n in range(MAX_OCCURRENCES):
        if meeting.recurrence == "weekly":
            local = meeting.local_start + timedelta(weeks=n)
        else:
            local = _add_months(meeting.local_start, n)
            if local is None:
                continue
        if meeting.until and local.date() > meeting.until:
            return
        yield local


def to_utc(local: datetime, tz: str) -> datetime:
    """A naive wall-clock time in zone `tz` as an aware UTC datetime."""
    return local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)


def occurrences(meeting: Meeting, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """(start, end) pairs in UTC of the occurrences that overlap [start, end)."""
    out = []
    length = timedelta(minutes=meeting.duration_minutes)
    for local in local_starts(meeting):
        begins = to_utc(local, meeting.timezone)
        if begins >= end:
            break
        if begins + length > start:
            out.append((begins, begins + length))
    return out


def meetings_of(group: Group) -> list[Meeting]:
    """Every meeting of the group."""
    return list(db.session.scalars(select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.id)))


def meeting_in_progress(group: Group, now: datetime | None = None) -> Meeting | None:
    """The meeting of this group that is on at `now` (default: the current time), if any."""
    now = now or utcnow()
    for meeting in meetings_of(group):
        if occurrences(meeting, now, now + timedelta(microseconds=1)):
            return meeting
    return None


def upcoming(group: Group, now: datetime | None = None, days: int = 60, limit: int = 5) -> list[tuple[Meeting, datetime]]:
    """The next occurrences across the group's meetings: (meeting, UTC start), soonest first."""
    now = now or utcnow()
    found = [
        (m, begins)
        for m in meetings_of(group)
        for begins, ends in occurrences(m, now, now + timedelta(days=days))
    ]
    return sorted(found, key=lambda pair: pair[1])[:limit]
