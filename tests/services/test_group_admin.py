"""Group settings saved by two leaders at the same moment: the history shows each change from what it replaced."""

from __future__ import annotations

import time

from sqlalchemy import select

from forum.services import group_admin
from models import AuditEntry, db


def test_two_leaders_saving_at_once_each_record_what_they_replaced(room, both_leaders_at_once, monkeypatch):
    check = group_admin.rules.check_choice

    def slow_check(*args: object) -> object:
        time.sleep(0.2)  # both forms are checked before either is saved
        return check(*args)

    monkeypatch.setattr(group_admin.rules, "check_choice", slow_check)
    wanted = {"leader1": "members", "leader2": "unlisted"}
    outcomes = both_leaders_at_once(
        lambda leader, group: group_admin.update_access(leader, group, wanted[leader.handle], "open")
    )
    assert outcomes == [True, True], outcomes
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "settings.access")
                                 .order_by(AuditEntry.id)).all()  # fmt: skip
    assert [e.before["visibility"] for e in entries] == ["public", entries[0].after["visibility"]]
