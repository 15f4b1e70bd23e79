"""Chat settings: validation table and what is stored (the chat itself enforces them)."""

from __future__ import annotations

import html

import pytest

from models import db

OK = {"slow_mode_seconds": "0", "chat_open_hours": ""}
BAD = [
    ({"slow_mode_seconds": "-5"}, "can't be negative"),
    ({"slow_mode_seconds": "ten"}, "whole number of seconds"),
    ({"slow_mode_seconds": "1.5"}, "whole number of seconds"),
    ({"slow_mode_seconds": "3601"}, "at most 3600 seconds"),
    ({"chat_open_hours": "Someday 18:00-20:00"}, "“Someday” is not a day"),
    ({"chat_open_hours": "Mon-Fry 18:00-20:00"}, "“Fry” is not a day"),
    ({"chat_open_hours": "Mon-Fri"}, "write days and a time range"),
    ({"chat_open_hours": "Mon 20:00-18:00"}, "the end must be after the start"),
    ({"chat_open_hours": "Mon 18:00-18:00"}, "the end must be after the start"),
    ({"chat_open_hours": "Tue 25:00-26:00"}, "is not a time of day"),
    ({"chat_open_hours": "Wed 18:75-19:00"}, "is not a time of day"),
    ({"chat_open_hours": "Mon 18:00-20:00\nevenings"}, "Line 2"),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_chat_settings_change_nothing(client, auth, room, audit, changes, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/chat", data={**OK, **changes})
    assert resp.status_code == 400
    assert message in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group.settings)
    assert group.settings.slow_mode_seconds == 0 and group.settings.chat_open_hours == []
    assert audit() == []


def test_chat_settings_saved_and_logged(client, auth, room, audit):
    group, _ = room
    auth.login("leader1")
    data = {"slow_mode_seconds": "30", "chat_open_hours": "MONDAY 18:00-20:00\nsaturday 9:30-11:00",
            "chat_meetings_only": "y", "chat_read_only": ""}  # fmt: skip
    assert client.post(f"/groups/{group.slug}/settings/chat", data=data).status_code == 302
    s = group.settings
    db.session.refresh(s)
    assert s.slow_mode_seconds == 30 and s.chat_meetings_only is True and s.chat_read_only is False
    assert s.chat_open_hours == [{"day": 0, "start": "18:00", "end": "20:00"},
                                 {"day": 5, "start": "09:30", "end": "11:00"}]  # fmt: skip
    (entry,) = audit("settings.chat")
    assert entry.before == {"slow_mode_seconds": 0, "chat_open_hours": [], "chat_meetings_only": False}
    assert entry.after["slow_mode_seconds"] == 30
    page = client.get(f"/groups/{group.slug}/settings/chat").get_data(as_text=True)
    assert "Sat 09:30-11:00" in page
    client.post(f"/groups/{group.slug}/settings/chat", data=data)  # same values again: no new log row
    assert len(audit("settings.chat")) == 1


def test_settings_row_is_created_when_missing(room):
    from forum.services import group_admin
    from models import GroupSettings

    group, people = room
    db.session.delete(group.settings)
    db.session.commit()
    db.session.refresh(group)
    assert group.settings is None
    group_admin.update_chat(
        people["leader1"], group, "10", [{"day": 6, "start": "10:00", "end": "12:00"}], False, True
    )
    row = db.session.scalar(db.select(GroupSettings).where(GroupSettings.group_id == group.id))
    assert row.slow_mode_seconds == 10 and row.chat_read_only is True
    assert row.chat_open_hours == [{"day": 6, "start": "10:00", "end": "12:00"}]


@pytest.mark.parametrize(
    "hours", [[{"day": 9, "start": "10:00", "end": "11:00"}], [{"start": "10:00"}], ["Mon"], "Mon"]
)
def test_bad_open_hours_lists_are_refused(room, hours):
    from forum.services import group_admin
    from forum.services.errors import ValidationError

    group, people = room
    with pytest.raises(ValidationError):
        group_admin.update_chat(people["leader1"], group, 0, hours, False, False)


def test_day_ranges_and_lists(client, auth, room, audit):
    group, _ = room
    auth.login("leader1")
    data = {"slow_mode_seconds": "0", "chat_open_hours": "Mon-Fri 18:00-22:00\nSat,Sun 10:00-12:00"}
    assert client.post(f"/groups/{group.slug}/settings/chat", data=data).status_code == 302
    db.session.refresh(group.settings)
    hours = group.settings.chat_open_hours
    assert [h["day"] for h in hours] == [0, 1, 2, 3, 4, 5, 6]
    assert hours[0] == {"day": 0, "start": "18:00", "end": "22:00"} and hours[6]["start"] == "10:00"
    page = client.get(f"/groups/{group.slug}/settings/chat").get_data(as_text=True)
    assert "Mon-Fri 18:00-22:00" in page and "Sat-Sun 10:00-12:00" in page  # shown back as typed
    history = client.get(f"/groups/{group.slug}/settings/history").get_data(as_text=True)
    assert "Mon-Fri 18:00-22:00; Sat-Sun 10:00-12:00" in history
    assert "{&#39;day&#39;" not in history and "[{" not in history  # no raw Python list
