"""Pinned resources: http(s) links only, shown on the group page, reordered and removed."""

from __future__ import annotations

import html

import pytest

from models import PinnedResource, db

BAD = [
    ({"url": "javascript:alert(1)"}, "starting with http"),
    ({"url": "ftp://files.example.org/a"}, "starting with http"),
    ({"url": "https://"}, "starting with http"),
    ({"url": "example.org/help"}, "starting with http"),
    ({"url": ""}, "Give a web address"),
    ({"url": "https://example.org/" + "a" * 500}, "Give a web address"),
    ({"title": ""}, "Please write a title."),
    ({"title": "\u200b\u200b\u200b"}, "Please write a title."),
    ({"note": "n" * 301}, "Note must be at most 300 characters."),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_resources_are_refused(client, auth, room, changes, message):
    group, _ = room
    auth.login("leader1")
    data = {"title": "Helpline", "url": "https://example.org/help", "note": "", **changes}
    resp = client.post(f"/groups/{group.slug}/settings/resources", data=data)
    assert resp.status_code == 400 and message in html.unescape(resp.get_data(as_text=True))
    assert db.session.scalar(db.select(db.func.count(PinnedResource.id))) == 0


def test_pin_show_move_and_remove(client, auth, room, audit):
    group, _ = room
    auth.login("leader1")
    for title in ("First link", "Second link"):
        client.post(f"/groups/{group.slug}/settings/resources",
                    data={"title": title, "url": "https://example.org/x", "note": "Open weekdays"})  # fmt: skip
    auth.logout()
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert page.index("First link") < page.index("Second link") and "Open weekdays" in page
    second = db.session.scalar(db.select(PinnedResource).where(PinnedResource.title == "Second link"))
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/resources/up", data={"item_id": second.id})
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert page.index("Second link") < page.index("First link")
    client.post(f"/groups/{group.slug}/settings/resources/remove", data={"item_id": second.id})
    assert "Second link" not in client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert [e.action for e in audit()] == ["resource.add", "resource.add", "resource.move", "resource.remove"]
