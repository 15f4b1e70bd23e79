"""Meeting times: occurrences in UTC from a local-time rule, and whether a meeting is on now."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models import Group, Meeting, User, db, utcnow
from models.meeting import RECURRENCES

from ..database import write_transaction
from . import settings_rules as rules
from .errors import NotFound, ValidationError
from .group_admin import require_lead, require_lead_still, screen_room_text
from .settings_log import changed, record

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


def zone(tz: str | None) -> ZoneInfo:
    """The zone a stored name stands for (settings_rules.usable_zone: an alias by its current name, else UTC)."""
    # A meeting saved with a name zoneinfo can't load (before zones were checked) must not make every page a 500.
    return ZoneInfo(rules.usable_zone(tz))


def to_utc(local: datetime, tz: str) -> datetime:
    """A naive wall-clock time in zone `tz` as an aware UTC datetime."""
    return local.replace(tzinfo=zone(tz)).astimezone(UTC)


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


def upcoming(
    group: Group, now: datetime | None = None, days: int = 60, limit: int = 5
) -> list[tuple[Meeting, datetime]]:
    """The next occurrences across the group's meetings: (meeting, UTC start), soonest first."""
    now = now or utcnow()
    found = [
        (m, begins)
        for m in meetings_of(group)
        for begins, ends in occurrences(m, now, now + timedelta(days=days))
    ]
    return sorted(found, key=lambda pair: pair[1])[:limit]


# -- Leaders schedule meetings --------------------------------------------------------------------------------

TITLE_MIN, TITLE_MAX, DESCRIPTION_MAX = 3, 120, 2000
DURATION_MIN, DURATION_MAX = 15, 480
MEETINGS_MAX = 50


@dataclass(frozen=True)
class MeetingInput:
    """What a leader types for a meeting: local date and time in `timezone`, and the repeat rule."""

    title: str
    description: str
    start_date: date | None
    start_time: time | None
    timezone: str
    duration_minutes: object
    recurrence: str
    until: date | None = None


def _exists_locally(local: datetime, tz: str) -> bool:
    """False for a wall-clock time skipped by a daylight-saving change (e.g. 02:30 when clocks go forward)."""
    there = local.replace(tzinfo=zone(tz))
    return there.astimezone(UTC).astimezone(zone(tz)).replace(tzinfo=None) == local


def _clean(data: MeetingInput, stored: Meeting | None = None) -> dict:
    """The checked fields of a new meeting, or of an edit to `stored` (whose dates left as they were stay)."""
    title = rules.check_text(" ".join((data.title or "").split()), "title", "A title", TITLE_MIN, TITLE_MAX)
    description = rules.check_text(data.description, "description", "The description", 0, DESCRIPTION_MAX)
    tz = rules.check_timezone(data.timezone, stored=stored.timezone if stored else None)
    if data.start_date is None:
        raise ValidationError("Give the date of the (first) meeting.", "start_date")
    if data.start_time is None:
        raise ValidationError("Give the start time.", "start_time")
    first = stored.local_start.date() if stored else None
    rules.check_changed_date(data.start_date, first, "start_date", "The date of the (first) meeting")
    try:
        duration = int(str(data.duration_minutes).strip())
    except (TypeError, ValueError):
        duration = -1
    if not DURATION_MIN <= duration <= DURATION_MAX:
        raise ValidationError(
            f"A meeting lasts {DURATION_MIN} to {DURATION_MAX} minutes.", "duration_minutes"
        )
    recurrence = rules.check_choice(data.recurrence, RECURRENCES, "recurrence", "repeat")
    until = data.until if recurrence != "none" else None
    rules.check_changed_date(until, stored.until if stored else None, "until", "The date of the last meeting")
    if until is not None and until < data.start_date:
        raise ValidationError("The last meeting can't be before the first one.", "until")
    local = datetime.combine(data.start_date, data.start_time).replace(second=0, microsecond=0)
    if not _exists_locally(local, tz):
        raise ValidationError(f"{data.start_time:%H:%M} doesn't exist in {tz} on that day (the clocks change). "
                              "Choose another time.", "start_time")  # fmt: skip
    return {"title": title, "description": description, "local_start": local, "timezone": tz,
            "duration_minutes": duration, "recurrence": recurrence, "until": until}  # fmt: skip


def _snapshot(m: Meeting) -> dict:
    return {k: getattr(m, k) for k in ("title", "description", "local_start", "timezone", "duration_minutes",
                                       "recurrence", "until")}  # fmt: skip


def _check_room_left(group: Group) -> None:
    if len(meetings_of(group)) >= MEETINGS_MAX:
        raise ValidationError(f"A group can have at most {MEETINGS_MAX} meetings.", "title")


def create_meeting(actor: User, group: Group, data: MeetingInput) -> Meeting:
    """Schedule a one-off, weekly or monthly meeting."""
    require_lead(actor, group)
    fields = _clean(data)
    _check_room_left(group)
    screen_room_text(actor, group, {"title": fields["title"], "description": fields["description"]})
    with write_transaction():
        require_lead_still(actor, group)
        _check_room_left(group)  # again under the write lock: two leaders may add the last one at once
        meeting = Meeting(group_id=group.id, created_by_id=actor.id, **fields)
        db.session.add(meeting)
        db.session.flush()
        record(actor, group, "meeting.create", {}, fields, target=meeting)
    return meeting


def get_meeting(group: Group, meeting_id: object) -> Meeting:
    """A meeting of this group; NotFound otherwise."""
    meeting = next((m for m in meetings_of(group) if str(m.id) == str(meeting_id)), None)
    if meeting is None:
        raise NotFound("There is no such meeting.")
    return meeting


def update_meeting(actor: User, group: Group, meeting: Meeting, data: MeetingInput) -> bool:
    """Change a meeting; returns whether anything changed."""
    require_lead(actor, group)
    fields = _clean(data, meeting)
    screen_room_text(actor, group, {"title": fields["title"], "description": fields["description"]})
    with write_transaction():
        require_lead_still(actor, group)
        # Again under the write lock, against the meeting as it is now: a date counts as unchanged (and so
        # escapes the range check) only while it is still the stored one.
        fields = _clean(data, meeting)
        old, new = changed(_snapshot(meeting), fields)
        if not new:
            return False
        for key, value in fields.items():
            setattr(meeting, key, value)
        record(actor, group, "meeting.update", old, new, target=meeting)
    return True


def delete_meeting(actor: User, group: Group, meeting: Meeting) -> None:
    """Cancel a meeting (every occurrence)."""
    require_lead(actor, group)
    with write_transaction():
        require_lead_still(actor, group)
        record(actor, group, "meeting.delete", {"title": meeting.title}, {}, target=meeting)
        db.session.delete(meeting)


# -- Showing times to each member -------------------------------------------------------------------------------


def viewer_zone(viewer: object) -> str:
    """The viewer's time zone, by its canonical name when known (UTC for visitors or a zone that won't load)."""
    # A zone saved before only canonical ones were offered (US/Eastern, Europe/Kiev) still counts.
    return rules.usable_zone(getattr(viewer, "timezone", None) if isinstance(viewer, User) else None)


def in_zone(moment: datetime, tz: str) -> datetime:
    """An aware datetime shown in zone `tz`."""
    return moment.astimezone(zone(tz))


def upcoming_for(group: Group, viewer: object, now: datetime | None = None, limit: int = 5) -> list[dict]:
    """Upcoming occurrences with start and end in the viewer's own time zone."""
    tz = viewer_zone(viewer)
    out = []
    for meeting, begins in upcoming(group, now=now, limit=limit):
        ends = begins + timedelta(minutes=meeting.duration_minutes)
        out.append({"meeting": meeting, "starts": in_zone(begins, tz), "ends": in_zone(ends, tz), "zone": tz})
    return out


def rule_text(meeting: Meeting) -> str:
    """The schedule as the leader set it, e.g. 'Weekly on Tuesday, 19:00 (Europe/London)'."""
    when = f"{meeting.local_start:%H:%M} ({meeting.timezone})"
    if meeting.recurrence == "weekly":
        text = f"Weekly on {meeting.local_start:%A}, {when}"
    elif meeting.recurrence == "monthly":
        text = f"Monthly on day {meeting.local_start.day}, {when}"
    else:
        return f"{meeting.local_start:%A %d %B %Y}, {when}"
    text += f", from {meeting.local_start:%d %B %Y}"
    return text + (f" until {meeting.until:%d %B %Y}" if meeting.until else "")
