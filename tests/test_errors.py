"""Error pages: a row another request changed or removed meanwhile is a clear conflict page, never a 500."""

from __future__ import annotations

import contextvars

from sqlalchemy import delete, func, select

from forum import database
from forum.errors import BUSY, CHANGED_MEANWHILE
from forum.services import pinned
from models import PinnedResource, Thread, db


def test_a_row_removed_meanwhile_is_a_conflict_not_a_server_error(app, client, auth, room, monkeypatch):
    group, _ = room
    res = PinnedResource(group_id=group.id, title="Helpline", url="https://example.org/help")
    db.session.add(res)
    db.session.commit()
    res_id, find = res.id, pinned._find

    def remove_elsewhere() -> None:
        with app.app_context():
            db.session.execute(delete(PinnedResource).where(PinnedResource.id == res_id))
            db.session.commit()

    def found_then_removed_by_another_request(*args: object) -> PinnedResource:
        found = find(*args)
        contextvars.Context().run(remove_elsewhere)  # the other leader's click commits now
        return found

    monkeypatch.setattr(pinned, "_find", found_then_removed_by_another_request)
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/resources/remove", data={"item_id": res_id})
    assert resp.status_code == 409
    assert "reload the page" in CHANGED_MEANWHILE and CHANGED_MEANWHILE in resp.get_data(as_text=True)
    assert db.session.scalar(select(func.count(PinnedResource.id))) == 0


def test_a_write_that_waits_too_long_for_the_lock_gets_a_busy_page(app, client, auth, room, monkeypatch):
    group, people = room
    monkeypatch.setattr(database, "WAIT_FOR_WRITERS_MS", 300)
    db.engine.dispose()  # new connections take the short wait (SQLite sets it when connecting)
    auth.login("member1")
    before = db.session.scalar(select(func.count(Thread.id)))
    db.session.commit()
    blocker = db.engine.connect().execution_options(**{database._IMMEDIATE: True})
    blocker.begin()  # another writer that holds the lock: BEGIN IMMEDIATE on SQLite ...
    database._wait_for_other_writers(blocker)  # ... the advisory lock on PostgreSQL
    try:
        resp = client.post(
            f"/groups/{group.slug}/new", data={"title": "Evening check-in", "body": "How is everyone?"}
        )
    finally:
        blocker.rollback()
        blocker.close()
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "5"
    assert BUSY in resp.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Thread.id))) == before
