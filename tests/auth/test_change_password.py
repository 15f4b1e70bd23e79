"""Changing your password while logged in: the current one first, sign-up's rules, other sessions end."""

from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from models import LoginSession, User, db
from tests.conftest import PASSWORD

NEW = "a quiet walk by the canal"


def _user(handle: str = "robin") -> User:
    db.session.rollback()
    return db.session.scalar(db.select(User).where(User.handle == handle))


def test_change_password_keeps_this_session_and_ends_the_others(app, make_user, auth, client):
    make_user("robin")
    other_device = app.test_client()
    other_device.post("/auth/login", data={"handle": "robin", "password": PASSWORD})
    auth.login("robin")
    assert client.get("/settings").status_code == 200 and "Change password" in client.get(
        "/settings"
    ).get_data(as_text=True)
    resp = client.post("/auth/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert resp.status_code == 302
    assert check_password_hash(_user().password_hash, NEW)
    assert db.session.scalar(db.select(db.func.count(LoginSession.id))) == 1
    assert client.get("/settings").status_code == 200  # still logged in here
    assert other_device.get("/settings").status_code == 302  # logged out there
    client.post("/auth/logout")
    assert auth.login("robin", password=NEW).status_code == 302


@pytest.mark.parametrize(("data", "message"), [
    ({"current": "not my password at all", "password": NEW, "confirm": NEW}, "not your current password"),
    ({"current": PASSWORD, "password": "short", "confirm": "short"}, "10"),
    ({"current": PASSWORD, "password": NEW, "confirm": NEW + "x"}, "The passwords differ."),
    ({"current": PASSWORD, "password": "password123", "confirm": "password123"}, "too common"),
    ({"current": PASSWORD, "password": "robin is my name", "confirm": "robin is my name"}, "too common"),
    ({"current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD}, "different from your current"),
])  # fmt: skip
def test_bad_changes_change_nothing(make_user, auth, client, data, message):
    make_user("robin")
    auth.login("robin")
    before = _user().password_hash
    resp = client.post("/auth/password", data=data)
    assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    assert _user().password_hash == before


def test_change_password_needs_csrf_and_login(app, make_user, auth, client):
    assert client.get("/auth/password").status_code == 302  # to the login page
    make_user("robin")
    auth.login("robin")
    before = _user().password_hash
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        resp = client.post("/auth/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert resp.status_code == 400 and _user().password_hash == before


def test_change_password_is_rate_limited(limited_app, make_user):
    make_user("robin")
    client = limited_app.test_client()
    client.post("/auth/login", data={"handle": "robin", "password": PASSWORD})
    bad = {"current": "guessing the password", "password": NEW, "confirm": NEW}
    codes = [client.post("/auth/password", data=bad).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
