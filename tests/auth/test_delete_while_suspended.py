"""Leaving is a right: a suspended or muted member can still delete their account, and gets nothing else."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from models import Membership, User, db, utcnow
from tests.auth.conftest import HANDLE
from tests.conftest import PASSWORD


def _delete(client, writing: str = "erase", password: str = PASSWORD):  # noqa: ANN001, ANN202
    return client.post("/auth/delete", data={"writing": writing, "password": password, "confirm": "y"})


def _suspend(user: User, days: int = 7) -> None:
    user.suspended_until = utcnow() + timedelta(days=days)
    db.session.commit()


def _deleted(user: User) -> bool:
    db.session.rollback()
    return db.session.get(User, user.id).deleted_at is not None


def test_a_suspended_member_is_offered_deletion_and_can_delete(robin, client, auth):
    _suspend(robin.user)
    page = auth.login(HANDLE)
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "suspended until" in text and 'href="/auth/delete"' in text
    form = client.get("/auth/delete")
    assert form.status_code == 200 and "you can still delete it" in form.get_data(as_text=True)
    assert _delete(client, password="not my password").status_code == 400 and not _deleted(robin.user)
    resp = _delete(client)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/auth/deleted")
    assert _deleted(robin.user)
    assert "Your account is deleted" in client.get("/auth/deleted").get_data(as_text=True)


def test_suspended_after_logging_in_can_still_delete(robin, client, auth):
    auth.login(HANDLE)
    _suspend(robin.user)  # as a moderator's suspension: every login session ends
    assert client.get("/auth/delete").status_code == 302
    auth.login(HANDLE)
    assert _delete(client, "keep").status_code == 302 and _deleted(robin.user)


def test_the_exception_opens_the_deletion_page_and_nothing_else(robin, client, auth):
    _suspend(robin.user)
    auth.login(HANDLE)
    for path in ("/settings", "/notifications", "/auth/password", "/groups/grief-room/chat"):
        resp = client.get(path)
        assert resp.status_code == 302 and "/auth/login" in resp.headers["Location"], path
    assert HANDLE not in client.get("/").get_data(as_text=True)


def test_a_wrong_password_opens_nothing(robin, client, auth):
    _suspend(robin.user)
    assert auth.login(HANDLE, password="not my password").status_code == 400
    assert client.get("/auth/delete").status_code == 302
    assert _delete(client).status_code == 302 and not _deleted(robin.user)


@pytest.mark.parametrize("marker", [
    lambda uid: {"user_id": str(uid), "until": 2**40}, lambda uid: {"user_id": None, "until": 2**40},
    lambda uid: "robin", lambda uid: {"user_id": uid, "until": "later"}, lambda uid: {"user_id": uid, "until": 0},
])  # fmt: skip
def test_a_stale_or_malformed_marker_opens_nothing(robin, client, marker):
    _suspend(robin.user)
    with client.session_transaction() as sess:
        sess["suspended_may_delete"] = marker(robin.user.id)
    assert client.get("/auth/delete").status_code == 302
    assert _delete(client).status_code == 302 and not _deleted(robin.user)


def test_the_marker_lapses_when_the_suspension_ends(robin, client, auth):
    _suspend(robin.user)
    auth.login(HANDLE)
    robin.user.suspended_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/auth/delete").status_code == 302  # they log in as usual now
    assert _delete(client).status_code == 302 and not _deleted(robin.user)


def test_the_marker_lapses_with_time(robin, client, auth, monkeypatch):
    _suspend(robin.user)
    auth.login(HANDLE)
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/auth/delete").status_code == 302


def test_a_member_muted_in_a_room_can_delete(robin, client, auth):
    membership = db.session.scalar(select(Membership).where(Membership.user_id == robin.user.id))
    membership.muted_until = utcnow() + timedelta(days=3)
    db.session.commit()
    auth.login(HANDLE)
    assert client.get("/auth/delete").status_code == 200
    assert _delete(client).status_code == 302 and _deleted(robin.user)
