"""write_transaction: one writer at a time on both databases; after-commit work runs after a commit, never after
a rollback; a nested block joins the outer one."""

from __future__ import annotations

import time

import pytest

from forum.database import WRITE_LOCK_KEY, after_commit, write_transaction
from models import Category, CrisisResource, db
from tests.conftest import run_at_once


def test_after_commit_waits_for_the_commit(app):
    seen: list[int] = []
    with write_transaction():
        db.session.add(Category(slug="c-after", name="x"))
        after_commit(lambda: seen.append(db.session.scalar(db.select(db.func.count(Category.id))
                                                          .where(Category.slug == "c-after"))))  # fmt: skip
        assert seen == []  # not yet: the row is not committed
    assert seen == [1]


def test_after_commit_is_dropped_on_rollback(app):
    seen: list[str] = []
    with pytest.raises(RuntimeError), write_transaction():
        after_commit(lambda: seen.append("announced"))
        raise RuntimeError("the write failed")
    with write_transaction():
        pass  # a later transaction must not run the dropped work either
    assert seen == []


def test_after_commit_outside_a_write_runs_at_once(app):
    seen: list[str] = []
    after_commit(lambda: seen.append("now"))
    assert seen == ["now"]


def test_nested_write_transaction_joins_the_outer_one(app):
    seen: list[str] = []
    with pytest.raises(RuntimeError), write_transaction():
        db.session.add(Category(slug="c-outer", name="x"))
        with write_transaction():
            db.session.add(Category(slug="c-inner", name="x"))
            after_commit(lambda: seen.append("announced"))
        assert seen == []  # the inner block committed nothing: the outer one is still open
        raise RuntimeError("the outer write failed")
    assert seen == []
    assert db.session.scalar(db.select(db.func.count()).where(Category.slug.in_(["c-outer", "c-inner"]))) == 0


def test_writers_hold_the_write_lock_on_postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the advisory write lock is PostgreSQL's stand-in for SQLite's BEGIN IMMEDIATE")
    held = db.select(db.func.count()).select_from(db.text("pg_locks")).where(
        db.text("locktype = 'advisory' AND objsubid = 1 AND granted AND pid = pg_backend_pid()"),
        db.text("((classid::bigint << 32) | objid::bigint) = :key").bindparams(key=WRITE_LOCK_KEY),
    )  # fmt: skip
    with write_transaction():
        assert db.session.scalar(held) == 1
    assert db.session.scalar(held) == 0  # released at commit


def test_two_writers_checking_then_inserting_at_once_insert_once(app):
    """The reasoning every service relies on: inside write_transaction, a check still holds when the write comes."""

    def add_if_missing() -> bool:
        with write_transaction():
            if db.session.scalar(db.select(CrisisResource.id).where(CrisisResource.name == "Only once")):
                return False
            time.sleep(0.3)  # between check and insert: without the lock, the other writer checks now too
            db.session.add(CrisisResource(region="INTL", name="Only once", web="https://example.org"))
            return True

    outcomes = run_at_once(app, add_if_missing)
    assert sorted(outcomes, key=str) == [False, True], outcomes
    assert db.session.scalar(db.select(db.func.count()).where(CrisisResource.name == "Only once")) == 1
