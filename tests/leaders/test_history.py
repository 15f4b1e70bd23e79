"""The group's change log in the settings area: who, what, before and after."""

from __future__ import annotations

from models import db


def test_history_lists_changes_with_before_and_after(client, auth, room, make_user):
    group, _ = room
    make_user("admin1", is_admin=True)
    auth.login("admin1")
    client.post(f"/groups/{group.slug}/settings/access", data={"visibility": "members", "joining": "request"})
    client.post(
        f"/groups/{group.slug}/settings/chat", data={"slow_mode_seconds": "15", "chat_open_hours": ""}
    )
    auth.logout()
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/history").get_data(as_text=True)
    assert page.index("settings.chat") < page.index("settings.access")  # newest first
    assert "admin1" in page
    assert "<strong>visibility</strong>: public" in page and "<strong>visibility</strong>: members" in page
    assert "<strong>slow_mode_seconds</strong>: 15" in page
    db.session.refresh(group)
    assert group.joining == "request"


def test_history_escapes_member_text(client, auth, room):
    group, _ = room
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/resources",
                data={"title": "<b>bold</b> link", "url": "https://example.org/"})  # fmt: skip
    page = client.get(f"/groups/{group.slug}/settings/history").get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt; link" in page and "<b>bold</b>" not in page
