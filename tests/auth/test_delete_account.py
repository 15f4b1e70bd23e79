"""Deleting your account through the pages: the form, what each choice leaves on the pages, sessions, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import LoginSession, User, db
from tests.auth.conftest import HANDLE
from tests.conftest import PASSWORD
from tests.test_unique_ids import duplicate_ids

ERASED = "[removed by its author]"


def _delete(client, writing: str = "keep", password: str = PASSWORD, **extra):  # noqa: ANN001, ANN202
    data = {"writing": writing, "password": password, "confirm": "y", **extra}
    return client.post("/auth/delete", data={k: v for k, v in data.items() if v is not None})


def _reload(user: User) -> User:
    db.session.rollback()  # end the test's read transaction: see what the requests committed
    return db.session.get(User, user.id)


def test_settings_lead_to_a_page_that_explains_and_asks(robin, client, auth):
    auth.login(HANDLE)
    assert "/auth/delete" in client.get("/settings").get_data(as_text=True)
    page = client.get("/auth/delete").get_data(as_text=True)
    for words in ("can't be undone", "a former member", ERASED, "Your password", "I understand", "reserved",
                  'checked id="writing-0"', "places to get help"):  # fmt: skip
        assert words in page
    assert "only leader" not in page  # lead_ash leads the room, not robin
    assert duplicate_ids(page) == {}


@pytest.mark.parametrize("writing", ["keep", "erase"])
def test_deletion_logs_out_and_confirms(robin, client, auth, writing):
    auth.login(HANDLE)
    resp = _delete(client, writing)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/auth/deleted")
    page = client.get("/auth/deleted").get_data(as_text=True)
    assert "Your account is deleted" in page and (ERASED in page) == (writing == "erase")
    assert client.get("/auth/deleted").status_code == 302  # shown once, to the browser that asked
    assert client.get("/settings").status_code == 302  # logged out
    assert HANDLE not in client.get("/").get_data(as_text=True)
    assert auth.login(HANDLE).status_code == 400  # the old handle and password open nothing


@pytest.mark.parametrize("writing", ["keep", "erase"])
def test_thread_page_shows_a_former_member_and_never_the_handle(robin, client, auth, writing):
    auth.login(HANDLE)
    _delete(client, writing)
    auth.login("sam_other")
    for thread in (robin.answered, robin.sams):
        page = client.get(f"/t/{thread.id}").get_data(as_text=True)
        assert "a former member" in page and HANDLE not in page and "/u/" + HANDLE not in page
        assert ("robin first words" in page or "robin edited reply words" in page) == (writing == "keep")
        assert (ERASED in page) == (writing == "erase")
    assert "sam reply words" in client.get(f"/t/{robin.answered.id}").get_data(as_text=True)
    assert client.get(f"/u/{HANDLE}").status_code == 404
    history = client.get(f"/p/{robin.edited.id}/history")
    assert "robin original reply words" not in history.get_data(as_text=True) or writing == "keep"
    # A thread nobody else wrote in is taken down under erasure; kept (and by nobody) otherwise.
    alone = client.get(f"/t/{robin.alone.id}")
    assert alone.status_code == (404 if writing == "erase" else 200)
    group_page = client.get("/groups/grief-room").get_data(as_text=True)
    assert HANDLE not in group_page and ("robin answered title" in group_page) == (writing == "keep")


def test_every_other_session_ends(robin, app, client, auth):
    phone = app.test_client()
    phone.post("/auth/login", data={"handle": HANDLE, "password": PASSWORD})
    assert phone.get("/settings").status_code == 200
    auth.login(HANDLE)
    _delete(client)
    assert phone.get("/settings").status_code == 302
    assert (
        db.session.scalar(select(func.count(LoginSession.id)).where(LoginSession.user_id == robin.user.id))
        == 0
    )


def test_wrong_password_is_told_and_changes_nothing(robin, client, auth):
    auth.login(HANDLE)
    resp = _delete(client, "erase", password="not my password at all")
    assert resp.status_code == 400 and "not your current password" in resp.get_data(as_text=True)
    user = _reload(robin.user)
    assert user.handle == HANDLE and user.deleted_at is None and user.bio_source == "robin bio words"
    assert client.get("/settings").status_code == 200  # still logged in
    assert "robin first words" in client.get(f"/t/{robin.answered.id}").get_data(as_text=True)


@pytest.mark.parametrize(("data", "message"), [
    ({"confirm": None}, "Tick the box"),
    ({"password": None}, "This field is required"),
    ({"password": "x" * 5000}, "Field cannot be longer"),
    ({"writing": "everything"}, "Choose what happens to what you wrote"),
    ({"writing": ["keep", "erase"], "confirm": "y"}, None),  # the first value counts, as for any radio
])  # fmt: skip
def test_bad_input_gets_a_message_not_a_500(robin, client, auth, data, message):
    auth.login(HANDLE)
    resp = _delete(client, **{"writing": "keep", **data})
    if message is None:
        assert resp.status_code == 302
        return
    assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    assert _reload(robin.user).deleted_at is None


def test_needs_csrf_and_login(robin, app, client, auth):
    assert client.get("/auth/delete").status_code == 302
    assert client.post("/auth/delete", data={"password": PASSWORD, "confirm": "y"}).status_code == 302
    auth.login(HANDLE)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        resp = _delete(client)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert resp.status_code == 400 and _reload(robin.user).deleted_at is None


def test_is_rate_limited(robin, limited_app):
    client = limited_app.test_client()
    client.post("/auth/login", data={"handle": HANDLE, "password": PASSWORD})
    codes = [_delete(client, password="guessing the password").status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]


def test_only_leader_is_warned_and_the_room_goes_to_the_admins(robin, client, auth, add_member, make_group):
    alone = make_group("quiet-room")
    add_member(robin.user, alone, "leader")
    auth.login(HANDLE)
    page = client.get("/auth/delete").get_data(as_text=True)
    assert "You are the only leader of" in page and "Quiet Room" in page and "Grief Room" not in page
    assert _delete(client).status_code == 302
    auth.login("admin_one")
    assert "Quiet Room has no leader now" in client.get("/notifications").get_data(as_text=True)
    history = client.get("/groups/quiet-room/settings/history")
    assert history.status_code == 200 and "a former member" in history.get_data(as_text=True)


def test_the_last_admin_is_asked_to_hand_over_first(make_user, client, auth):
    admin = make_user("only_admin", is_admin=True)
    auth.login("only_admin")
    page = client.get("/auth/delete").get_data(as_text=True)
    assert "only admin" in page and "make-admin" in page and 'name="password"' not in page
    resp = _delete(client)
    assert resp.status_code == 400 and "only admin" in resp.get_data(as_text=True)
    assert _reload(admin).deleted_at is None and _reload(admin).is_admin
    make_user("second_admin", is_admin=True)
    assert _delete(client).status_code == 302


def test_moderators_keep_the_urgent_review_and_the_audit_log(robin, client, auth):
    auth.login(HANDLE)
    _delete(client, "erase")
    auth.login("mod_fern")
    item = client.get(f"/review/{robin.crisis.id}")
    page = item.get_data(as_text=True)
    assert item.status_code == 200 and HANDLE not in page
    assert "a former member" in page and "account deleted" in page and "erased what they wrote" in page
    assert "pending" in page
    queue = client.get("/review").get_data(as_text=True)
    assert f"/review/{robin.crisis.id}" in queue and HANDLE not in queue
    auth.logout()
    auth.login("admin_one")
    audit = client.get("/review/audit")
    assert audit.status_code == 200 and HANDLE not in audit.get_data(as_text=True)
    assert "<td>account.delete</td>" in audit.get_data(as_text=True)
    assert "<td>account deleted</td>" in audit.get_data(as_text=True)
    report = client.get(f"/review/{robin.report.id}").get_data(as_text=True)
    assert "report by a former member" in report and "robin report note" not in report
