"""About and Access: validation, effects on lists, URLs and joining, invitations, and the change log."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest

from models import Category, GroupNotice, Invitation, Membership, db, utcnow


def _about(group, **changes) -> dict:
    cat = db.session.get(Category, group.category_id)
    data = {"name": group.name, "description": group.description, "rules": "Be kind.", "welcome": "Hello!",
            "category_id": str(cat.id)}  # fmt: skip
    return {**data, **changes}


BAD_ABOUT = [
    ({"name": "x"}, "Name must be 3 to 80 characters"),
    ({"name": "n" * 81}, "Name must be 3 to 80 characters"),
    ({"description": "d" * 501}, "Description must be at most 500 characters."),
    ({"rules": "r" * 5001}, "Rules must be at most 5,000 characters."),
    ({"welcome": "w" * 2001}, "Welcome message must be at most 2,000 characters."),
    ({"category_id": "99999"}, "Choose a category from the list"),
    ({"category_id": "not-a-number"}, "Choose a category from the list"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_ABOUT)
def test_about_rejects_bad_input_and_changes_nothing(client, auth, room, audit, changes, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/about", data=_about(group, **changes))
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)
    db.session.refresh(group)
    assert group.name == "Test Room" and group.rules_source == ""
    assert audit() == []


def test_about_saves_markdown_safely_and_logs_only_changed_fields(client, auth, room, audit):
    group, people = room
    auth.login("leader1")
    data = _about(group, rules="1. **Be kind**\n2. <script>alert(1)</script>", welcome="Glad you're *here*.")
    resp = client.post(f"/groups/{group.slug}/settings/about", data=data)
    assert resp.status_code == 302
    db.session.refresh(group)
    assert "<strong>Be kind</strong>" in group.rules_html and "<script>" not in group.rules_html
    assert "<em>here</em>" in group.welcome_html
    (entry,) = audit("settings.about")
    assert entry.actor_id == people["leader1"].id and entry.group_id == group.id
    assert set(entry.after) == {"rules", "welcome"}
    assert entry.before == {"rules": "", "welcome": ""}
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "<strong>Be kind</strong>" in page


def test_about_refuses_text_moderation_blocks(client, auth, room, audit):
    group, _ = room
    group.settings.watched_words = [{"pattern": "pineapple", "action": "block"}]
    db.session.commit()
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/about", data=_about(group, rules="No pineapple talk"))
    assert resp.status_code == 400
    page = resp.get_data(as_text=True)
    assert "rephrase" in page[page.index('id="rules-help"') :]  # the message sits on the rules field
    assert audit() == []


BAD_ACCESS = [
    ({"visibility": "everyone", "joining": "open"}, "Choose a visibility"),
    ({"visibility": "public", "joining": "whenever"}, "Choose a way of joining"),
    ({"visibility": "", "joining": "open"}, "Choose a visibility"),
]


@pytest.mark.parametrize(("data", "message"), BAD_ACCESS)
def test_access_rejects_bad_input(client, auth, room, audit, data, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/access", data=data)
    assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    db.session.refresh(group)
    assert (group.visibility, group.joining) == ("public", "open")
    assert audit() == []


def test_visibility_changes_lists_and_urls(client, auth, room, make_user):
    group, _ = room
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/access", data={"visibility": "unlisted", "joining": "open"})
    auth.logout()
    assert group.name.encode() not in client.get("/groups/").data
    assert client.get(f"/groups/{group.slug}").status_code == 404
    auth.login("member1")
    assert client.get(f"/groups/{group.slug}").status_code == 200
    auth.logout()
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/access", data={"visibility": "members", "joining": "open"})
    auth.logout()
    assert group.name.encode() in client.get("/groups/").data
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Only members can read this group's threads." in page


def _ask(client, auth, group, handle):
    auth.login(handle)
    client.post(f"/groups/{group.slug}/join", data={"message": "I'd like to join"})
    auth.logout()


def test_join_by_request_approve_with_message_and_welcome(client, auth, room, make_user, audit):
    group, _ = room
    group.joining, group.welcome_source, group.welcome_html = "request", "Hi", "<p>Welcome, friend.</p>"
    db.session.commit()
    newcomer = make_user("newcomer")
    _ask(client, auth, group, "newcomer")
    auth.login("leader1")
    page = client.get(f"/groups/{group.slug}/settings/access").get_data(as_text=True)
    assert "newcomer" in page and "I&#39;d like to join" in page
    resp = client.post(f"/groups/{group.slug}/settings/requests",
                       data={"user_id": newcomer.id, "message": "Glad to have you", "approve": "Approve"})  # fmt: skip
    assert resp.status_code == 302
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == newcomer.id))
    assert m.state == "active"
    assert audit("request.approve")[0].reason == "Glad to have you"
    again = client.post(f"/groups/{group.slug}/settings/requests",
                        data={"user_id": newcomer.id, "approve": "Approve"})  # fmt: skip
    assert again.status_code == 409
    assert "already approved" in html.unescape(again.get_data(as_text=True))
    assert "not a member" not in again.get_data(as_text=True) and len(audit("request.approve")) == 1
    auth.logout()
    auth.login("newcomer")
    first = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Welcome, friend." in first and "Glad to have you" in first
    assert "Welcome, friend." not in client.get(f"/groups/{group.slug}").get_data(as_text=True)  # shown once


def test_join_by_request_decline_with_message(client, auth, room, make_user):
    group, _ = room
    group.joining = "request"
    db.session.commit()
    newcomer = make_user("newcomer")
    _ask(client, auth, group, "newcomer")
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/requests",
                data={"user_id": newcomer.id, "message": "We're full this term", "decline": "Decline"})  # fmt: skip
    assert db.session.scalar(db.select(Membership).where(Membership.user_id == newcomer.id)) is None
    auth.logout()
    auth.login("newcomer")
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "was declined" in page and "full this term" in page


def test_decision_on_someone_not_pending_is_refused(client, auth, room):
    group, people = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/requests",
                       data={"user_id": people["member1"].id, "approve": "Approve"})  # fmt: skip
    assert resp.status_code == 409  # already a member: said so, not "not a member"
    resp = client.post(f"/groups/{group.slug}/settings/requests",
                       data={"user_id": people["outsider"].id, "approve": "Approve"})  # fmt: skip
    assert resp.status_code == 404 and "no longer waiting" in resp.get_data(as_text=True)
    resp = client.post(f"/groups/{group.slug}/settings/requests",
                       data={"user_id": "abc", "approve": "Approve", "message": "m" * 501})  # fmt: skip
    assert resp.status_code == 400


BAD_INVITES = [({"days": "0"}, "1 to 30 days"), ({"days": "31"}, "1 to 30 days"), ({"days": "soon"}, "1 to 30 days"),
               ({"days": "7", "max_uses": "0"}, "Allow 1 to 500 uses"), ({"days": "7", "max_uses": "-3"}, "Allow 1 to 500")]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), BAD_INVITES)
def test_invitation_validation(client, auth, room, data, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/invitations", data=data)
    assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def _invite(client, auth, group, **data) -> Invitation:
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/invitations", data={"days": "7", **data})
    auth.logout()
    return db.session.scalar(db.select(Invitation).order_by(Invitation.id.desc()))


def test_invitation_joins_unlisted_invite_only_group(client, auth, make_group, make_user, add_member):
    group = make_group("hidden", visibility="unlisted", joining="invite")
    add_member(make_user("leader1"), group, "leader")
    guest = make_user("guest")
    inv = _invite(client, auth, group, max_uses="1")
    auth.login("guest")
    assert client.get(f"/groups/{group.slug}").status_code == 404
    assert client.get(f"/invite/{inv.token}").status_code == 200
    resp = client.post(f"/invite/{inv.token}")
    assert resp.status_code == 302
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == guest.id))
    assert (m.state, m.role) == ("active", "member")
    assert client.get(f"/groups/{group.slug}").status_code == 200
    auth.logout()
    make_user("second")
    auth.login("second")
    resp = client.post(f"/invite/{inv.token}")  # one use only
    assert resp.status_code == 410 and "already been used" in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(Membership).where(Membership.user_id == guest.id + 1)) is None


def test_invitation_expiry_and_revocation(client, auth, room, make_user):
    group, _ = room
    make_user("guest")
    inv = _invite(client, auth, group)
    inv.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    auth.login("guest")
    resp = client.post(f"/invite/{inv.token}")
    assert resp.status_code == 410 and "expired" in resp.get_data(as_text=True)
    auth.logout()
    inv2 = _invite(client, auth, group)
    auth.login("leader1")
    client.post(f"/groups/{group.slug}/settings/invitations/revoke", data={"item_id": inv2.id})
    auth.logout()
    auth.login("guest")
    assert "withdrawn" in client.post(f"/invite/{inv2.token}").get_data(as_text=True)
    assert client.get("/invite/not-a-real-token").status_code == 404
    assert db.session.scalar(db.select(db.func.count(GroupNotice.id))) == 0


def test_anonymous_invitation_accept_goes_to_login(client, auth, room):
    group, _ = room
    inv = _invite(client, auth, group)
    resp = client.post(f"/invite/{inv.token}")
    assert resp.status_code == 302 and "/auth/login" in resp.headers["Location"]


def test_decision_without_a_button_changes_nothing(client, auth, room, make_user):
    group, _ = room
    group.joining = "request"
    db.session.commit()
    newcomer = make_user("newcomer")
    _ask(client, auth, group, "newcomer")
    auth.login("leader1")
    assert b"1 request to join" in client.get(f"/groups/{group.slug}").data
    client.post(f"/groups/{group.slug}/settings/requests", data={"user_id": newcomer.id})
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == newcomer.id))
    assert m is not None and m.state == "pending"
