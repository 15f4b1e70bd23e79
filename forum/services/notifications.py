"""Private notices to one member, shown on their next page and pushed live to open sockets."""

from __future__ import annotations

from sqlalchemy import func, select, update

from models import Notification, User, db, utcnow

from ..database import write_transaction
from ..events import notification_created


def notify(user_id: int, kind: str, message: str, data: dict | None = None) -> Notification | None:
    """Queue a notice for a member (none for a deleted account); call inside the caller's write transaction."""
    if db.session.scalar(select(User.deleted_at).where(User.id == user_id)) is not None:
        # A moderator's decision on a former member's post, or a report's outcome: nobody is left to read it.
        return None
    note = Notification(user_id=user_id, kind=kind, message=message[:1000], data=data or {})
    db.session.add(note)
    db.session.flush()
    notification_created.send(note)
    return note


def unread(user: User, kind: str | None = None) -> list[Notification]:
    """The member's unread notices, newest first (optionally of one kind)."""
    q = select(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if kind:
        q = q.where(Notification.kind == kind)
    return list(db.session.scalars(q.order_by(Notification.id.desc()).limit(50)))


def unread_count(user: User) -> int:
    """How many unread notices the member has."""
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def recent(user: User, limit: int = 50) -> list[Notification]:
    """The member's latest notices, read or not."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(user: User, ids: list[int] | None = None) -> None:
    """Mark some (or all) of the member's notices read."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    with write_transaction():
        db.session.execute(stmt.values(read_at=utcnow()))
