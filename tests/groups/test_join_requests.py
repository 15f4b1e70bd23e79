"""Requests to join are never left unheard: leaders (or, with none, site admins) are told, and so is the requester."""

from __future__ import annotations

from models import Group, Notification, User, db


def _notices(user, kind):
    return list(db.session.scalars(
        db.select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
        .order_by(Notification.id)
    ))  # fmt: skip


def _ask(client, auth, handle: str, slug: str) -> None:
    auth.login(handle)
    client.post(f"/groups/{slug}/join", data={"message": "I lost my mum last year."})
    auth.logout()


def test_a_request_notifies_every_leader_and_nobody_else(client, auth, make_group, make_user, add_member):
    group = make_group("ask-room", joining="request")
    leaders = [make_user("leader_a"), make_user("leader_b")]
    for leader in leaders:
        add_member(leader, group, "leader")
    moderator, admin = make_user("room_mod"), make_user("site_admin", is_admin=True)
    add_member(moderator, group, "moderator")
    make_user("asker")
    _ask(client, auth, "asker", "ask-room")
    for leader in leaders:
        [note] = _notices(leader, "join_request")
        assert note.message == "asker asked to join Ask Room."
    assert _notices(moderator, "join_request") == [] and _notices(admin, "join_request") == []
    auth.login("leader_a")
    page = client.get("/notifications").get_data(as_text=True)
    assert "asker asked to join Ask Room." in page and 'href="/groups/ask-room/settings/access"' in page


def test_a_request_to_a_room_without_leaders_reaches_the_site_admins(client, auth, make_user):
    group = db.session.scalar(
        db.select(Group).where(Group.slug == "child-loss")
    )  # in the catalogue, no leader
    assert group.joining == "request" and not group.memberships
    admin = make_user("site_admin", is_admin=True)
    sitemod = make_user("site_mod", is_site_moderator=True)
    make_user("asker")
    _ask(client, auth, "asker", "child-loss")
    assert len(_notices(admin, "join_request")) == 1
    assert _notices(sitemod, "join_request") == []  # site moderators cannot approve (can_lead): not told
    # The admin told can answer it.
    auth.login("site_admin")
    asker_id = _notices(admin, "join_request")[0].data["user_id"]
    resp = client.post("/groups/child-loss/settings/requests", data={"user_id": asker_id, "approve": "y"})
    assert resp.status_code == 302
    [decision] = _notices(db.session.get(User, asker_id), "join_decision")
    assert "was approved" in decision.message


def test_an_open_room_join_notifies_nobody(client, auth, room):
    group, people = room
    auth.login("outsider")
    client.post(f"/groups/{group.slug}/join")
    assert _notices(people["leader1"], "join_request") == []


def test_the_requester_is_told_of_approval_and_of_decline(client, auth, make_group, make_user, add_member):
    group = make_group("ask-room", joining="request")
    add_member(make_user("leader_a"), group, "leader")
    yes, no = make_user("asker_yes"), make_user("asker_no")
    _ask(client, auth, "asker_yes", "ask-room")
    _ask(client, auth, "asker_no", "ask-room")
    auth.login("leader_a")
    client.post("/groups/ask-room/settings/requests", data={"user_id": yes.id, "approve": "y"})
    client.post("/groups/ask-room/settings/requests",
                data={"user_id": no.id, "decline": "y", "message": "This room is for parents."})  # fmt: skip
    auth.logout()
    [approved] = _notices(yes, "join_decision")
    assert (
        approved.message == "Your request to join Ask Room was approved."
        and approved.data["approved"] is True
    )
    [declined] = _notices(no, "join_decision")
    assert (
        declined.message
        == "Your request to join Ask Room was declined. The leaders wrote: “This room is for parents.”"
    )
    auth.login("asker_no")
    assert "was declined. The leaders wrote" in client.get("/notifications").get_data(as_text=True)


def test_a_refused_request_notifies_nobody(client, auth, make_group, make_user, add_member):
    group = make_group("ask-room", joining="request")
    leader = make_user("leader_a")
    add_member(leader, group, "leader")
    make_user("asker")
    auth.login("asker")
    client.post("/groups/ask-room/join", data={"message": "x" * 501})
    assert _notices(leader, "join_request") == []
