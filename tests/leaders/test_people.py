"""People: role offers accepted by the member, removing roles, and the last leader who must stay."""

from __future__ import annotations

from html import unescape

import pytest

from forum import permissions as perm
from forum.services import people_admin
from forum.services.errors import ValidationError
from models import Membership, RoleOffer, db
from tests.conftest import commit_before_the_write, lose_role, membership_change


def _role(user, group) -> str:
    return db.session.scalar(
        db.select(Membership.role).where(Membership.user_id == user.id, Membership.group_id == group.id)
    )


def test_offer_accept_makes_a_co_leader(client, auth, room, audit):
    group, people = room
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/people").get_data(as_text=True)
    assert "only one leader" in page
    resp = client.post(f"/groups/{group.slug}/settings/people", data={"handle": "member1", "role": "leader"})
    assert resp.status_code == 302
    assert _role(people["member1"], group) == "member"  # not until they accept
    auth.logout()
    auth.login("member1")
    assert b"Answer the offer" in client.get(f"/groups/{group.slug}").data
    assert client.get(f"/groups/{group.slug}/role-offer").status_code == 200
    client.post(f"/groups/{group.slug}/role-offer", data={"item_id": "accept"})
    assert _role(people["member1"], group) == "leader"
    assert db.session.scalar(db.select(db.func.count(RoleOffer.id))) == 0
    assert [e.action for e in audit()] == ["role.offer", "role.accept"]
    auth.logout()
    auth.login("leader1")
    assert "only one leader" not in client.get(f"/groups/{group.slug}/settings/people").get_data(as_text=True)


def test_declined_offer_changes_nothing(client, auth, room):
    group, people = room
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/people", data={"handle": "member1", "role": "moderator"})
    auth.logout()
    auth.login("member1")
    client.post(f"/groups/{group.slug}/role-offer", data={"item_id": "decline"})
    assert _role(people["member1"], group) == "member"
    assert people_admin.offer_for(people["member1"], group) is None


BAD_OFFERS = [
    ({"handle": "outsider", "role": "moderator"}, "not a member"),
    ({"handle": "nobody-here", "role": "moderator"}, "not a member"),
    ({"handle": "member1", "role": "admin"}, "moderator or the leader role"),
    ({"handle": "mod1", "role": "moderator"}, "already a moderator"),
    ({"handle": "leader1", "role": "moderator"}, "already a leader"),
]


@pytest.mark.parametrize(("data", "message"), BAD_OFFERS)
def test_bad_offers_are_refused(client, auth, room, data, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/people", data=data)
    assert resp.status_code in (400, 404)
    assert message in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(RoleOffer.id))) == 0


def test_remove_role_and_last_leader_stays(client, auth, room, audit):
    group, people = room
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/people/remove", data={"item_id": people["mod1"].id})
    assert _role(people["mod1"], group) == "member"
    resp = client.post(f"/groups/{group.slug}/settings/people/remove", data={"item_id": people["leader1"].id})
    assert resp.status_code == 400 and "at least one leader" in resp.get_data(as_text=True)
    assert _role(people["leader1"], group) == "leader"
    resp = client.post(f"/groups/{group.slug}/step-down", data={})
    assert _role(people["leader1"], group) == "leader"
    assert [e.action for e in audit()] == ["role.remove"]
    assert audit()[0].before == {"role": "moderator"} and audit()[0].after == {"role": "member"}


def test_leader_can_step_down_when_another_leads(room, add_member, make_user):
    group, people = room
    db.session.execute(
        db.update(Membership).where(Membership.user_id == people["mod1"].id).values(role="leader")
    )
    db.session.commit()
    people_admin.remove_role(people["leader1"], group, people["leader1"].id)
    assert _role(people["leader1"], group) == "member"
    with pytest.raises(ValidationError):
        people_admin.remove_role(people["mod1"], group, people["mod1"].id)


def test_member_cannot_remove_roles(client, auth, room):
    group, people = room
    auth.login("member1")
    resp = client.post(f"/groups/{group.slug}/settings/people/remove", data={"item_id": people["mod1"].id})
    assert resp.status_code == 403
    assert _role(people["mod1"], group) == "moderator"


def test_leaving_as_last_leader_is_refused(client, auth, room):
    group, people = room
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/leave")
    assert _role(people["leader1"], group) == "leader"


def test_stepping_down_from_the_people_page_lands_on_the_group_page(client, auth, room):
    group, people = room
    db.session.execute(
        db.update(Membership).where(Membership.user_id == people["mod1"].id).values(role="leader")
    )
    db.session.commit()
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/people/remove", data={"item_id": people["leader1"].id})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/groups/{group.slug}")
    assert _role(people["leader1"], group) == "member"
    page = client.get(resp.headers["Location"])
    assert page.status_code == 200
    assert "You stepped down" in page.get_data(as_text=True)


# -- an offer is only as good as the leader who made it ----------------------------------------------------------


def _offer(group, people, by: str = "leader1", role: str = "moderator") -> None:
    db.session.add(RoleOffer(group_id=group.id, user_id=people["member1"].id, role=role,
                             offered_by_id=people[by].id if by else None))  # fmt: skip
    db.session.commit()


def _accept(client, auth, group):  # noqa: ANN001, ANN202
    auth.login("member1")
    return client.post(f"/groups/{group.slug}/role-offer", data={"item_id": "accept"}, follow_redirects=True)


def _offers() -> list[tuple]:
    return list(db.session.execute(db.select(RoleOffer.user_id, RoleOffer.role)))


@pytest.mark.parametrize("how", ["demoted", "banned", "left"])
def test_an_offer_from_a_leader_who_lost_the_role_is_void(client, auth, room, audit, how):
    group, people = room
    db.session.execute(
        db.update(Membership).where(Membership.user_id == people["mod1"].id).values(role="leader")
    )
    _offer(group, people, role="leader")
    db.session.execute(lose_role(how, people["leader1"], group))
    db.session.commit()
    resp = _accept(client, auth, group)
    assert resp.status_code == 200
    assert "This offer is no longer valid: leader1 no longer leads this group" in unescape(
        resp.get_data(as_text=True)
    )
    assert _role(people["member1"], group) == "member"
    assert _offers() == [(people["member1"].id, "leader")]  # nothing changed: the member may still decline it
    assert [e.action for e in audit()] == []


@pytest.mark.parametrize("how", ["demoted", "banned", "left"])
def test_an_offerer_losing_the_role_while_the_member_accepts_changes_nothing(client, auth, room, audit,
                                                                            monkeypatch, how):  # fmt: skip
    group, people = room
    _offer(group, people)
    commit_before_the_write(monkeypatch, people_admin, lose_role(how, people["leader1"], group))
    resp = _accept(client, auth, group)
    assert "This offer is no longer valid" in resp.get_data(as_text=True)
    assert _role(people["member1"], group) == "member"
    assert _offers() == [(people["member1"].id, "moderator")]
    assert [e.action for e in audit()] == []


def test_an_offer_whose_maker_is_gone_is_void(client, auth, room):
    group, people = room
    _offer(group, people, by=None)
    resp = _accept(client, auth, group)
    assert "the leader who made it no longer leads" in resp.get_data(as_text=True)
    assert _role(people["member1"], group) == "member"


def test_a_site_admins_offer_holds(client, auth, room, make_user):
    group, people = room
    people["admin1"] = make_user("admin1", is_admin=True)
    _offer(group, people, by="admin1")
    resp = _accept(client, auth, group)
    assert "You are now a moderator" in resp.get_data(as_text=True)
    assert _role(people["member1"], group) == "moderator"


def test_a_void_offer_can_still_be_declined(client, auth, room, audit):
    group, people = room
    _offer(group, people)
    db.session.execute(lose_role("demoted", people["leader1"], group))
    db.session.commit()
    auth.login("member1")
    resp = client.post(f"/groups/{group.slug}/role-offer", data={"item_id": "decline"}, follow_redirects=True)
    assert "You declined the offer" in resp.get_data(as_text=True)
    assert _offers() == [] and _role(people["member1"], group) == "member"


def test_a_member_banned_while_accepting_is_told_plainly(client, auth, room, audit, monkeypatch):
    group, people = room
    _offer(group, people)
    commit_before_the_write(
        monkeypatch, people_admin, membership_change(people["member1"], group, state="banned")
    )
    resp = _accept(client, auth, group)
    page = unescape(resp.get_data(as_text=True))
    assert resp.status_code < 500
    assert "You are banned from this group, so you can't take on a role in it" in page
    assert "That person is not a member" not in page
    assert _role(people["member1"], group) == "member"
    assert (
        db.session.scalar(db.select(Membership.state).where(Membership.user_id == people["member1"].id))
        == "banned"
    )
    assert [e.action for e in audit()] == []


def test_a_void_offer_is_shown_as_void_to_the_member_and_to_the_leaders(client, auth, room):
    group, people = room
    db.session.execute(membership_change(people["mod1"], group, role="leader"))
    _offer(group, people)
    db.session.execute(lose_role("demoted", people["leader1"], group))
    db.session.commit()
    auth.login("member1")
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Answer the offer" not in page and "no longer on offer" in page
    page = unescape(client.get(f"/groups/{group.slug}/role-offer").get_data(as_text=True))
    assert "This offer is no longer valid: leader1 no longer leads this group" in page
    assert 'value="accept"' not in page and 'value="decline"' in page  # it can only be dismissed
    auth.logout()
    auth.login("mod1")
    url = f"/groups/{group.slug}/settings/people"
    assert "no longer valid" in client.get(url).get_data(as_text=True)
    # Offered again by a leader who leads, it stands again.
    client.post(url, data={"handle": "member1", "role": "moderator"})
    assert "no longer valid" not in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login("member1")
    assert "Answer the offer" in client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert 'value="accept"' in client.get(f"/groups/{group.slug}/role-offer").get_data(as_text=True)


@pytest.mark.parametrize(("by", "how", "stands"), [("leader1", None, True), ("admin1", None, True),
                                                  ("leader1", "demoted", False), ("leader1", "left", False),
                                                  (None, None, False)])  # fmt: skip
def test_offer_stands_while_its_maker_leads(room, make_user, by, how, stands):
    group, people = room
    people["admin1"] = make_user("admin1", is_admin=True)
    _offer(group, people, by=by)
    if how:
        db.session.execute(lose_role(how, people["leader1"], group))
        db.session.commit()
    assert perm.offer_stands(people_admin.offer_for(people["member1"], group)) is stands
