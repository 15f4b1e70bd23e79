"""Only a group's leaders and site admins reach its settings."""

from __future__ import annotations

import pytest

from models import db

SECTIONS = ["about", "access", "people", "moderation", "chat", "meetings", "resources", "history"]


@pytest.mark.parametrize("section", SECTIONS)
def test_leader_and_admin_reach_every_section(client, auth, room, make_user, section):
    group, _ = room
    make_user("admin1", is_admin=True)
    for handle in ("leader1", "admin1"):
        auth.login(handle)
        resp = client.get(f"/groups/{group.slug}/settings/{section}")
        assert resp.status_code == 200, (handle, section)
        assert b"Settings: " in resp.data
        auth.logout()


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("handle", ["member1", "mod1", "outsider", "sitemod"])
def test_others_are_refused(client, auth, room, make_user, section, handle):
    group, _ = room
    make_user("sitemod", is_site_moderator=True)
    auth.login(handle)
    resp = client.get(f"/groups/{group.slug}/settings/{section}")
    assert resp.status_code == 403


@pytest.mark.parametrize("section", SECTIONS)
def test_anonymous_is_sent_to_login(client, room, section):
    group, _ = room
    resp = client.get(f"/groups/{group.slug}/settings/{section}")
    assert resp.status_code == 302
    assert "/auth/login" in resp.headers["Location"]


def test_member_post_changes_nothing(client, auth, room):
    group, _ = room
    auth.login("member1")
    resp = client.post(
        f"/groups/{group.slug}/settings/access", data={"visibility": "unlisted", "joining": "open"}
    )
    assert resp.status_code == 403
    db.session.refresh(group)
    assert group.visibility == "public"


def test_unlisted_group_settings_are_404_for_outsiders(client, auth, make_group, make_user):
    group = make_group("secret-room", visibility="unlisted")
    make_user("stranger")
    auth.login("stranger")
    assert client.get(f"/groups/{group.slug}/settings/about").status_code == 404


def test_settings_link_only_for_leaders(client, auth, room):
    group, _ = room
    auth.login("leader1")
    assert f"/groups/{group.slug}/settings/about".encode() in client.get(f"/groups/{group.slug}").data
    auth.logout()
    auth.login("member1")
    assert b"/settings/about" not in client.get(f"/groups/{group.slug}").data
