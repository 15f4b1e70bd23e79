"""The settings pages' own forms, submitted as a browser would, with CSRF protection on."""

from __future__ import annotations

import pytest

from models import Invitation, Membership, PinnedResource, db

from .pageforms import forms_of, submission


@pytest.fixture
def csrf_client(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    yield client
    app.config["WTF_CSRF_ENABLED"] = False


def _form(client, page_url: str, action_part: str, containing: str = "") -> dict:
    page = client.get(page_url).get_data(as_text=True)
    for form in forms_of(page):
        values = dict(form["fields"])
        if action_part in form["action"] and (not containing or containing in values.values()):
            return form
    raise AssertionError(f"no form for {action_part} {containing}")


def _login(client, handle: str) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    data = submission(forms_of(page)[-1], handle=handle, password="correct horse battery staple")
    assert client.post("/auth/login", data=data).status_code == 302


@pytest.mark.parametrize(
    "section", ["about", "access", "people", "moderation", "chat", "meetings", "resources"]
)
def test_no_form_repeats_a_field_name(csrf_client, room, section):
    group, _ = room
    _login(csrf_client, "leader1")
    page = csrf_client.get(f"/groups/{group.slug}/settings/{section}").get_data(as_text=True)
    for form in forms_of(page):
        names = [n for n, _ in form["fields"]]
        assert len(names) == len(set(names)), (section, form["action"], names)


def test_without_csrf_token_nothing_changes(csrf_client, room):
    group, _ = room
    _login(csrf_client, "leader1")
    resp = csrf_client.post(
        f"/groups/{group.slug}/settings/access", data={"visibility": "unlisted", "joining": "open"}
    )
    assert resp.status_code == 400
    db.session.refresh(group)
    assert group.visibility == "public"


def test_request_approval_and_invitation_revoke_through_pages(csrf_client, room, make_user):
    group, _ = room
    group.joining = "request"
    db.session.commit()
    newcomer = make_user("newcomer")
    _login(csrf_client, "newcomer")
    join = _form(csrf_client, f"/groups/{group.slug}", "/join")
    csrf_client.post(join["action"], data=submission(join, message="hello"))
    csrf_client.post("/auth/logout", data=submission(_form(csrf_client, "/", "/auth/logout")))
    _login(csrf_client, "leader1")
    url = f"/groups/{group.slug}/settings/access"
    form = _form(csrf_client, url, "/settings/requests", str(newcomer.id))
    csrf_client.post(form["action"], data=submission(form, "approve", message="Welcome in"))
    assert db.session.scalar(db.select(Membership.state).where(Membership.user_id == newcomer.id)) == "active"
    form = _form(csrf_client, url, "/settings/invitations")
    csrf_client.post(form["action"], data=submission(form, days="3"))
    inv = db.session.scalar(db.select(Invitation))
    assert inv is not None
    form = _form(csrf_client, url, "/invitations/revoke", str(inv.id))
    csrf_client.post(form["action"], data=submission(form))
    db.session.refresh(inv)
    assert inv.revoked_at is not None


def test_offer_accept_and_remove_through_pages(csrf_client, room):
    group, people = room
    _login(csrf_client, "leader1")
    url = f"/groups/{group.slug}/settings/people"
    offer = [
        f for f in forms_of(csrf_client.get(url).get_data(as_text=True)) if "handle" in dict(f["fields"])
    ][0]
    csrf_client.post(url, data=submission(offer, handle="member1", role="moderator"))
    form = _form(csrf_client, url, "/people/remove", str(people["mod1"].id))
    csrf_client.post(form["action"], data=submission(form))
    assert (
        db.session.scalar(db.select(Membership.role).where(Membership.user_id == people["mod1"].id))
        == "member"
    )
    csrf_client.post("/auth/logout", data=submission(_form(csrf_client, "/", "/auth/logout")))
    _login(csrf_client, "member1")
    accept = _form(csrf_client, f"/groups/{group.slug}/role-offer", "", "accept")
    csrf_client.post(f"/groups/{group.slug}/role-offer", data=submission(accept))
    assert (
        db.session.scalar(db.select(Membership.role).where(Membership.user_id == people["member1"].id))
        == "moderator"
    )


def test_resource_move_through_pages(csrf_client, room):
    group, _ = room
    _login(csrf_client, "leader1")
    url = f"/groups/{group.slug}/settings/resources"
    for title in ("One", "Two"):
        add = [
            f for f in forms_of(csrf_client.get(url).get_data(as_text=True)) if "url" in dict(f["fields"])
        ][0]
        csrf_client.post(url, data=submission(add, title=title, url="https://example.org/"))
    two = db.session.scalar(db.select(PinnedResource).where(PinnedResource.title == "Two"))
    form = _form(csrf_client, url, "/resources/up", str(two.id))
    csrf_client.post(form["action"], data=submission(form))
    titles = db.session.scalars(db.select(PinnedResource.title).order_by(PinnedResource.position)).all()
    assert titles == ["Two", "One"]
