"""write_transaction's after-commit queue: announcements run after a commit, never after a rollback."""

from __future__ import annotations

import pytest

from forum.database import after_commit, write_transaction
from models import Category, db


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
