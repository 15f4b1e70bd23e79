"""The audit log page: every action recorded, filterable, for admins and (their own rooms) leaders."""

from __future__ import annotations

import pytest

from forum.services.moderator_actions import perform
from models import AuditEntry, db


@pytest.fixture
def acted(world, make_post, flag):
    here = flag(make_post(world.member1, world.group, "words here"), "spam")
    there = flag(make_post(world.member2, world.other, "words there"), "harassment")
    perform(here, "hide", world.mod1, "spam link here")
    perform(there, "warn", world.mod2, "be kind there")
    db.session.add(AuditEntry(actor_id=world.leader1.id, group_id=world.group.id, action="settings_changed",
                              target_type="group", target_id=world.group.id, reason="slow mode on",
                              before={"slow_mode_seconds": 0}, after={"slow_mode_seconds": 30}))  # fmt: skip
    db.session.commit()
    return here, there


def test_admin_sees_every_action(world, acted, client, auth):
    auth.login("admin1")
    page = client.get("/review/audit").get_data(as_text=True)
    for text in ("spam link here", "be kind there", "slow mode on", "settings changed", "opened"):
        assert text in page


def test_filters(world, acted, client, auth):
    auth.login("admin1")
    page = client.get("/review/audit?actor=mod2").get_data(as_text=True)
    assert "be kind there" in page and "spam link here" not in page
    page = client.get("/review/audit?action=hide").get_data(as_text=True)
    assert "spam link here" in page and "be kind there" not in page
    page = client.get(f"/review/audit?group={world.other.id}").get_data(as_text=True)
    assert "be kind there" in page and "slow mode on" not in page
    assert "Nothing in the log matches." in client.get("/review/audit?actor=nobody_here").get_data(
        as_text=True
    )


def test_leader_sees_only_their_rooms(world, acted, client, auth):
    auth.login("leader1")
    page = client.get("/review/audit").get_data(as_text=True)
    assert "spam link here" in page and "slow mode on" in page and "be kind there" not in page
    assert client.get(f"/review/audit?group={world.other.id}").status_code == 403


@pytest.mark.parametrize("who", ["mod1", "member1", "sitemod"])
def test_others_cannot_read_the_log(world, acted, client, auth, who):
    auth.login(who)
    assert client.get("/review/audit").status_code == 403


def test_every_action_is_in_the_log(world, make_post, flag, client, auth):
    review = flag(make_post(world.member1, world.group, "a post"), "crisis", priority="urgent")
    perform(review, "send_resources", world.mod1, "reaching out")
    perform(review, "mute", world.mod1, "a pause", hours=1)
    perform(review, "escalate", world.mod1, "second opinion")
    perform(review, "support", world.sitemod, "post stays; member supported")
    auth.login("admin1")
    page = client.get("/review/audit").get_data(as_text=True)
    for text in (
        "send resources",
        "reaching out",
        "mute",
        "a pause",
        "escalate",
        "second opinion",
        "support",
    ):
        assert text in page
