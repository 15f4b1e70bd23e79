"""The audit log page: every action recorded, filterable, for site staff and (their own rooms) moderators."""

from __future__ import annotations

import pytest

from forum.services import audit_log
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


def test_site_moderator_sees_every_room_including_her_own_actions(
    world, acted, make_post, flag, client, auth
):
    elsewhere = flag(make_post(world.member2, world.other, "words elsewhere"), "spam")
    perform(elsewhere, "hide", world.sitemod, "hidden by the site moderator")
    auth.login("sitemod")
    resp = client.get("/review/audit")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    for text in ("hidden by the site moderator", "spam link here", "be kind there", "slow mode on"):
        assert text in page
    assert "hidden by the site moderator" in client.get("/review/audit?actor=sitemod").get_data(as_text=True)


def test_room_moderator_sees_only_the_rooms_they_moderate(world, acted, client, auth):
    auth.login("mod1")
    resp = client.get("/review/audit")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert "spam link here" in page and "slow mode on" in page and "be kind there" not in page
    assert client.get(f"/review/audit?group={world.other.id}").status_code == 403


@pytest.mark.parametrize("who", ["member1", "outsider"])
def test_members_cannot_read_the_log(world, acted, client, auth, who):
    auth.login(who)
    assert client.get("/review/audit").status_code == 403


def test_details_are_words_not_python_reprs(world, make_post, flag, client, auth):
    flag(make_post(world.member1, world.group, "a post"), "rule", source="numbers")
    db.session.add(AuditEntry(actor_id=world.leader1.id, group_id=world.group.id, action="role.remove",
                              target_type="user", target_id=world.mod1.id, before={"role": "moderator"},
                              after={"role": "member"}))  # fmt: skip
    db.session.commit()
    auth.login("admin1")
    page = client.get("/review/audit").get_data(as_text=True)
    assert "rule (numbers)" in page and "role: moderator → member" in page
    assert "{&#39;" not in page and "[{" not in page and "{'" not in page


@pytest.mark.parametrize(("detail", "words"), [
    ({"signals": [{"category": "rule", "source": "numbers", "severity": 1, "reason": "numbers rule: weight"}]},
     "rule (numbers): weight"),
    ({"signals": [{"category": "crisis", "source": "lexicon", "severity": 3}]}, "crisis (lexicon), severity 3"),
    ({"before": {"slow_mode_seconds": 0}, "after": {"slow_mode_seconds": 30}}, "slow mode seconds: 0 → 30"),
    ({"before": {}, "after": {"days": 7, "max_uses": None}}, "days: 7; max uses: none"),
    ({"hours": 24, "until": "2026-12-03T07:30:00"}, "hours: 24; until: 2026-12-03 07:30 UTC"),
    ({"resolved": True, "upheld": False, "before": None}, "resolved: yes; upheld: no"),
])  # fmt: skip
def test_describe(detail, words):
    assert audit_log.describe(detail) == words


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
