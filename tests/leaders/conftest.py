"""Fixtures for the leaders' area: a room whose members joined long ago (so new-member rules stay quiet)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import AuditEntry, db, utcnow


@pytest.fixture
def old_room(room):
    """The shared `room`, with every membership two months old."""
    group, people = room
    for m in group.memberships:
        m.created_at = utcnow() - timedelta(days=60)
    db.session.commit()
    return group, people


@pytest.fixture
def audit():
    """The change-log rows, oldest first."""

    def _rows(action: str | None = None) -> list[AuditEntry]:
        q = db.select(AuditEntry).order_by(AuditEntry.id)
        if action:
            q = q.where(AuditEntry.action == action)
        return list(db.session.scalars(q))

    return _rows
