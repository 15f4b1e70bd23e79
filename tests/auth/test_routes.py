"""Sign-up, login, logout, recovery codes."""

import re

import pytest
from werkzeug.security import check_password_hash

from models import LoginSession, RecoveryCode, User, db
from tests.conftest import PASSWORD

GOOD = {"handle": "blue_heron", "password": "a quiet walk by the canal", "confirm": "a quiet walk by the canal",
        "email": "", "region": "GB"}  # fmt: skip


def _users() -> int:
    return db.session.scalar(db.select(db.func.count(User.id)))


def test_signup_creates_account_and_shows_codes_once(client):
    r = client.post("/auth/signup", data=GOOD, follow_redirects=True)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "Save your recovery codes" in page
    user = db.session.scalar(db.select(User).where(User.handle == "blue_heron"))
    assert user is not None and user.email is None and user.region == "GB"
    codes = db.session.scalars(db.select(RecoveryCode).where(RecoveryCode.user_id == user.id)).all()
    assert len(codes) == 10
    shown = re.findall(r"<code>([0-9a-z-]+)</code>", page)
    assert len(shown) == 10
    # Stored hashed, not in clear.
    assert all(c.code_hash != s for c, s in zip(codes, shown, strict=True))
    assert client.get("/auth/codes").status_code == 302  # shown once only
    assert r.headers["Cache-Control"] == "no-store"


def _session_cookie_payload(client) -> str:
    """The session cookie as anyone holding it can read it (signed, not encrypted)."""
    import base64
    import zlib

    raw = client.get_cookie("session").value
    compressed, data = raw.startswith("."), raw.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return (zlib.decompress(data) if compressed else data).decode()


def test_recovery_codes_never_travel_in_the_session_cookie(client, auth):
    page = client.post("/auth/signup", data=GOOD).get_data(as_text=True)
    shown = re.findall(r"<code>([0-9a-z-]+)</code>", page)
    assert len(shown) == 10
    assert not any(code in _session_cookie_payload(client) for code in shown)
    page = client.post("/auth/codes/new").get_data(as_text=True)
    fresh = re.findall(r"<code>([0-9a-z-]+)</code>", page)
    assert len(fresh) == 10 and fresh != shown
    assert not any(code in _session_cookie_payload(client) for code in fresh)


def test_remember_cookie_lasts_as_long_as_the_login_session(app, client, make_user, auth):
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    make_user("robin")
    cookie = next(h for h in auth.login("robin", remember=True).headers.getlist("Set-Cookie")
                  if h.startswith("remember_token="))  # fmt: skip
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    days = app.config["LOGIN_SESSION_DAYS"]  # 30, not Flask-Login's 365
    assert abs((expires - datetime.now(UTC)).total_seconds() - days * 86400) < 120


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"handle": "ab"}, "3 to 24 characters"),
        ({"handle": "x" * 30}, "24 characters"),
        ({"handle": "bad handle!"}, "Use letters"),
        ({"handle": "_under"}, "Use letters"),
        ({"handle": "Admin"}, "reserved"),
        ({"handle": "moderator"}, "reserved"),
        ({"password": "short", "confirm": "short"}, "at least 10"),
        ({"password": "password1234", "confirm": "password1234"}, "too common"),
        ({"password": "blue_heron_pw!", "confirm": "blue_heron_pw!"}, "too common"),
        ({"confirm": "something else entirely"}, "differ"),
        ({"email": "not-an-email"}, "email"),
        ({"region": "XX"}, "Not a valid choice"),
        ({"handle": ""}, "required"),
        ({"password": "", "confirm": ""}, "required"),
    ],
)
def test_signup_bad_input_changes_nothing(client, change, message):
    r = client.post("/auth/signup", data={**GOOD, **change})
    assert r.status_code == 400
    assert message.lower() in r.get_data(as_text=True).lower()
    assert _users() == 0


@pytest.mark.parametrize(
    "handle",
    [
        "blue\u202eheron",  # right-to-left override: shown as "bluenoreh"
        "blue_heron\u200b",  # a zero-width space at the end: another account that looks like blue_heron
        "\u2066blue_heron",  # a left-to-right isolate in front
        "blue\u200bheron",
        "\ufeffblue_heron",  # a byte-order mark
        "blue\u2060heron",  # word joiner
        "blue\u3164heron",  # Hangul filler: a letter that shows nothing
    ],
)
def test_signup_refuses_hidden_characters_in_a_handle(client, make_user, handle):
    make_user("blue_heron")
    r = client.post("/auth/signup", data={**GOOD, "handle": handle})
    assert r.status_code == 400
    assert "can&#39;t contain invisible or direction-changing characters" in r.get_data(as_text=True)
    assert _users() == 1


@pytest.mark.parametrize(
    "handle", ["bl\u0430ck_cat", "\uff42lue_heron", "caf\u00e9_night", "\u0440\u0430\u0443"]
)
def test_signup_refuses_lookalike_letters_in_a_handle(client, handle):
    r = client.post("/auth/signup", data={**GOOD, "handle": handle})
    assert r.status_code == 400
    assert "Use the plain letters a to z" in r.get_data(as_text=True)
    assert _users() == 0


def test_spaces_around_a_handle_are_still_trimmed(client):
    assert client.post("/auth/signup", data={**GOOD, "handle": "  blue_heron "}).status_code == 200
    assert db.session.scalar(db.select(User.handle)) == "blue_heron"


def test_handles_are_unique_case_insensitively(client, make_user):
    make_user("Blue_Heron")
    r = client.post("/auth/signup", data=GOOD)
    assert r.status_code == 400 and "taken" in r.get_data(as_text=True)
    assert _users() == 1


def test_failed_login_never_says_which_part_was_wrong(client, make_user, auth):
    make_user("robin")
    wrong_pw = auth.login("robin", "not the password at all").get_data(as_text=True)
    wrong_user = auth.login("nobody_here", PASSWORD).get_data(as_text=True)
    msg = "That handle and password don&#39;t match an account."
    assert msg in wrong_pw and msg in wrong_user


def test_login_changes_session_and_logout_kills_copied_cookie(app, client, make_user, auth):
    make_user("robin")
    client.get("/")
    r = auth.login("robin")
    assert r.status_code == 302
    cookie = client.get_cookie("session").value
    assert client.get("/settings").status_code == 200
    # Another browser holding a copy of the cookie is logged in too ...
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/settings").status_code == 200
    auth.logout()
    assert db.session.scalar(db.select(db.func.count(LoginSession.id))) == 0
    # ... until logout: then the copy no longer works.
    assert thief.get("/settings").status_code == 302


def test_each_login_gets_a_new_session_token(client, make_user, auth):
    make_user("robin")
    auth.login("robin")
    first = db.session.scalar(db.select(LoginSession.token))
    auth.logout()
    auth.login("robin")
    second = db.session.scalar(db.select(LoginSession.token))
    assert first != second


def test_remember_me_sets_long_cookie(client, make_user, auth):
    make_user("robin")
    auth.login("robin", remember=True)
    assert client.get_cookie("remember_token") is not None
    row = db.session.scalar(db.select(LoginSession))
    assert (row.expires_at - row.created_at).days >= 29


def test_suspended_user_cannot_log_in(client, make_user, auth):
    from datetime import timedelta

    from models import utcnow

    make_user("robin", suspended_until=utcnow() + timedelta(days=1))
    r = auth.login("robin")
    assert r.status_code == 400 and "suspended" in r.get_data(as_text=True)


def test_reset_password_with_code_once(client):
    page = client.post("/auth/signup", data=GOOD).get_data(as_text=True)
    code = page.split("<code>")[1].split("</code>")[0]
    client.post("/auth/logout")
    new = "a different walk by the river"
    r = client.post(
        "/auth/reset", data={"handle": "BLUE_HERON", "code": code, "password": new, "confirm": new}
    )
    assert r.status_code == 302
    user = db.session.scalar(db.select(User).where(User.handle == "blue_heron"))
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, new)
    again = client.post("/auth/reset", data={"handle": "blue_heron", "code": code, "password": new + "x",
                                             "confirm": new + "x"})  # fmt: skip
    assert again.status_code == 400 and "do not match an unused code" in again.get_data(as_text=True)


def test_reset_with_wrong_code_changes_nothing(client, make_user):
    user = make_user("robin")
    before = user.password_hash
    r = client.post("/auth/reset", data={"handle": "robin", "code": "aaaa-bbbb-cccc-dddd", "password": "new pass phrase ok",
                                         "confirm": "new pass phrase ok"})  # fmt: skip
    assert r.status_code == 400
    db.session.refresh(user)
    assert user.password_hash == before


def test_login_is_rate_limited(limited_app, make_user):
    client = limited_app.test_client()
    make_user("robin")
    codes = [client.post("/auth/login", data={"handle": "robin", "password": "wrong password here"}).status_code
             for _ in range(12)]  # fmt: skip
    assert codes[:10] == [400] * 10 and codes[-1] == 429


def test_signup_is_rate_limited(limited_app):
    # A fresh browser each time (a signed-up client is logged in); the limit is per address.
    codes = [limited_app.test_client().post("/auth/signup", data={**GOOD, "handle": f"heron_{i}"}).status_code
             for i in range(6)]  # fmt: skip
    assert codes[-1] == 429
    assert db.session.scalar(db.select(db.func.count(User.id))) == 5


def test_csrf_required_when_enabled(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    make_user("robin")
    r = client.post("/auth/login", data={"handle": "robin", "password": PASSWORD})
    assert r.status_code == 400 and "expired" in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(LoginSession.id))) == 0


def test_open_redirect_refused(client, make_user, auth):
    make_user("robin")
    r = client.post("/auth/login?next=//evil.example/x", data={"handle": "robin", "password": PASSWORD})
    assert r.headers["Location"] == "/"
