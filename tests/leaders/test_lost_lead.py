"""A leader who loses the role while a settings form is on its way changes nothing and gets the leaders-only page.

The view checks leadership when the request arrives; the role can go before the service takes the write lock (a
co-leader removes it, a site moderator bans, the leader leaves in another tab). Each test commits that loss on
another connection just before the service's write transaction, as another request would.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from forum.services import group_admin, invitations, meetings, people_admin, pinned
from forum.services.group_admin import LEADERS_ONLY
from models import (
    AuditEntry,
    Group,
    GroupSettings,
    Invitation,
    Meeting,
    Membership,
    PinnedResource,
    RoleOffer,
    User,
    db,
)
from tests.conftest import commit_before_the_write, lose_role

STRICTNESS = {
    f"strict_{c}": "standard" for c in ("crisis", "self_harm", "pro_harm", "harassment", "spam", "rule")
}
# Meeting and course dates follow today: they may be at most a year back and about two years ahead.
IN_A_MONTH, IN_TWO_MONTHS = ((date.today() + timedelta(days=d)).isoformat() for d in (30, 60))
MEETING = {"title": "Weekly check-in", "description": "", "start_date": IN_A_MONTH, "start_time": "19:00",
           "timezone": "Europe/London", "duration_minutes": "60", "recurrence": "weekly", "until": ""}  # fmt: skip


def _rows(model: type, group: Group, *columns: object) -> list[tuple]:
    return sorted(tuple(r) for r in db.session.execute(select(*columns).where(model.group_id == group.id)))


def room_state(group: Group, leader: User) -> dict:
    """Everything a leader's action could change, read from the database (the leader's own row left out)."""
    return {
        "group": tuple(db.session.execute(select(Group.name, Group.description, Group.rules_source,
                                                 Group.welcome_source, Group.visibility, Group.joining)
                                          .where(Group.id == group.id)).one()),
        "settings": tuple(db.session.execute(select(GroupSettings.premoderation, GroupSettings.strictness,
                                                    GroupSettings.watched_words, GroupSettings.slow_mode_seconds,
                                                    GroupSettings.timezone, GroupSettings.ends_on)
                                             .where(GroupSettings.group_id == group.id)).one()),
        "members": [r for r in _rows(Membership, group, Membership.user_id, Membership.role, Membership.state)
                    if r[0] != leader.id],
        "offers": _rows(RoleOffer, group, RoleOffer.user_id, RoleOffer.role),
        "invitations": _rows(Invitation, group, Invitation.id, Invitation.revoked_at),
        "meetings": _rows(Meeting, group, Meeting.id, Meeting.title),
        "pinned": _rows(PinnedResource, group, PinnedResource.id, PinnedResource.position),
        "audit": db.session.scalar(select(func.count(AuditEntry.id))),
    }  # fmt: skip


# -- what the leader had on the page: a little state some actions need -------------------------------------------


def _pending_newcomer(group: Group, people: dict) -> None:
    group.joining = "request"
    db.session.add(
        Membership(user_id=people["outsider"].id, group_id=group.id, role="member", state="pending")
    )


def _offer_to_member(group: Group, people: dict) -> None:
    db.session.add(RoleOffer(group_id=group.id, user_id=people["member1"].id, role="moderator",
                             offered_by_id=people["leader1"].id))  # fmt: skip


def _a_meeting(group: Group, people: dict) -> None:
    db.session.add(Meeting(group_id=group.id, created_by_id=people["leader1"].id, title="Monday circle",
                           description="", local_start=datetime(2026, 10, 12, 19, 0), timezone="UTC",
                           duration_minutes=60, recurrence="weekly"))  # fmt: skip


def _a_pinned_link(group: Group, people: dict) -> None:
    for n in (1, 2):
        db.session.add(PinnedResource(group_id=group.id, title=f"Link {n}", url=f"https://example.org/{n}",
                                      note="", position=n, created_by_id=people["leader1"].id))  # fmt: skip


def _first_id(model: type, group: Group) -> str:
    return str(db.session.scalar(select(model.id).where(model.group_id == group.id).order_by(model.id)))


# (name, the service module that writes, url under /groups/<slug>/, form data (may read the room), set-up)
ACTIONS = [
    ("about", group_admin, "settings/about",
     lambda g, p: {"name": "Renamed Room", "description": "New words", "rules": "New rules", "welcome": "Hi",
                   "category_id": str(g.category_id)}, None),
    ("access", group_admin, "settings/access", lambda g, p: {"visibility": "unlisted", "joining": "invite"}, None),
    ("moderation", group_admin, "settings/moderation",
     lambda g, p: {**STRICTNESS, "premoderation": "everyone", "strict_spam": "strict",
                   "watched_words": "melon*: hold", "required_cw_topics": "relapse"}, None),
    ("chat", group_admin, "settings/chat", lambda g, p: {"slow_mode_seconds": "30", "chat_open_hours": ""}, None),
    ("course", group_admin, "settings/course",
     lambda g, p: {"timezone": "Europe/London", "starts_on": "", "ends_on": IN_TWO_MONTHS}, None),
    ("approve request", people_admin, "settings/requests",
     lambda g, p: {"user_id": str(p["outsider"].id), "approve": "Approve"}, _pending_newcomer),
    ("decline request", people_admin, "settings/requests",
     lambda g, p: {"user_id": str(p["outsider"].id), "decline": "Decline"}, _pending_newcomer),
    ("offer role", people_admin, "settings/people", lambda g, p: {"handle": "member1", "role": "leader"}, None),
    ("withdraw offer", people_admin, "settings/people/withdraw",
     lambda g, p: {"item_id": _first_id(RoleOffer, g)}, _offer_to_member),
    ("invite", invitations, "settings/invitations", lambda g, p: {"days": "7"}, None),
    ("schedule meeting", meetings, "settings/meetings", lambda g, p: MEETING, None),
    ("change meeting", meetings, "settings/meetings/{meeting}", lambda g, p: {**MEETING, "title": "Moved"},
     _a_meeting),
    ("cancel meeting", meetings, "settings/meetings/{meeting}/delete", lambda g, p: {}, _a_meeting),
    ("pin resource", pinned, "settings/resources",
     lambda g, p: {"title": "Helpful", "url": "https://example.org/help"}, None),
    ("unpin resource", pinned, "settings/resources/remove",
     lambda g, p: {"item_id": _first_id(PinnedResource, g)}, _a_pinned_link),
    ("move resource", pinned, "settings/resources/down",
     lambda g, p: {"item_id": _first_id(PinnedResource, g)}, _a_pinned_link),
]  # fmt: skip


def _send(client, monkeypatch, room, action: tuple, how: str):  # noqa: ANN001, ANN202
    _, module, path, data, setup = action
    group, people = room
    if setup:
        setup(group, people)
        db.session.commit()
    url = f"/groups/{group.slug}/" + path.format(meeting=_first_id(Meeting, group))
    form = data(group, people)
    before = room_state(group, people["leader1"])
    commit_before_the_write(monkeypatch, module, lose_role(how, people["leader1"], group))
    return client.post(url, data=form), before


@pytest.mark.parametrize("action", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_a_leader_demoted_meanwhile_changes_nothing(client, auth, old_room, monkeypatch, action):
    group, people = old_room
    auth.login("leader1")
    resp, before = _send(client, monkeypatch, old_room, action, "demoted")
    assert resp.status_code == 403, resp.get_data(as_text=True)[:2000]
    assert LEADERS_ONLY in unescape(resp.get_data(as_text=True))
    assert room_state(group, people["leader1"]) == before


@pytest.mark.parametrize("how", ["demoted", "banned", "left"])
def test_a_settings_save_by_a_leader_who_lost_the_role_meanwhile_is_refused(client, auth, old_room, monkeypatch,
                                                                            how):  # fmt: skip
    group, people = old_room
    auth.login("leader1")
    resp, before = _send(client, monkeypatch, old_room, ACTIONS[0], how)
    assert resp.status_code == 403
    assert LEADERS_ONLY in unescape(resp.get_data(as_text=True))
    assert room_state(group, people["leader1"]) == before
    assert db.session.get(Group, group.id).name == "Test Room"


# remove_role already asked can_lead under the lock (through the request's cache, reloaded by the commit that
# ends the read transaction), so a demotion or ban was refused; a leader gone from the room failed as a 409.
REMOVE_ROLE = ("remove role", people_admin, "settings/people/remove", lambda g, p: {"item_id": str(p["mod1"].id)},
               None)  # fmt: skip


def test_removing_a_role_by_a_leader_who_left_meanwhile_is_refused(client, auth, old_room, monkeypatch):
    group, people = old_room
    auth.login("leader1")
    resp, before = _send(client, monkeypatch, old_room, REMOVE_ROLE, "left")
    assert resp.status_code == 403
    assert LEADERS_ONLY in unescape(resp.get_data(as_text=True))
    assert room_state(group, people["leader1"]) == before
