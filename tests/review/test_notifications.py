"""The notices page and the unread count in the navigation."""

from __future__ import annotations

from forum.services.notifications import notify, unread_count
from models import db


def test_notices_listed_and_marked_read(world, client, auth):
    notify(world.member1.id, "report_outcome", "A moderator looked at what you reported.")
    notify(world.member1.id, "moderation", "A moderator hid your post.")
    db.session.commit()
    auth.login("member1")
    home = client.get("/").get_data(as_text=True)
    assert "Notices" in home and "(2)" in home
    page = client.get("/notifications").get_data(as_text=True)
    assert "A moderator looked at what you reported." in page and "A moderator hid your post." in page
    assert client.post("/notifications/read").status_code == 302
    assert unread_count(world.member1) == 0
    assert "(2)" not in client.get("/").get_data(as_text=True)


def test_notices_are_private(world, client, auth):
    notify(world.member1.id, "moderation", "only for member1")
    db.session.commit()
    auth.login("outsider")
    assert "only for member1" not in client.get("/notifications").get_data(as_text=True)


def test_notices_need_login(client):
    assert client.get("/notifications").status_code == 302
