"""The audit log: review events and other moderator and leader actions, in one filterable list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import AuditEntry, Group, Membership, Review, ReviewEvent, User, db

from .. import permissions as perm
from .errors import PermissionDenied

LIMIT = 200


@dataclass(frozen=True)
class LogRow:
    """One line of the audit log, whichever table it came from."""

    at: datetime
    actor: User | None
    action: str
    group: Group | None
    target: str
    reason: str
    detail: dict
    review_id: int | None = None

    @property
    def details(self) -> str:
        """The details in words, for the page."""
        return describe(self.detail)


@dataclass
class AuditFilters:
    """Filters: a room, an actor's handle, an action name."""

    group_id: int | None = None
    actor: str = ""
    action: str = ""


def audit_groups(viewer: User) -> list[Group] | None:
    """The rooms whose log the viewer may read; None means every room and the site-wide rows (site staff)."""
    if perm.can_see_audit(viewer):
        return None
    candidates = db.session.scalars(
        select(Group).join(Membership).where(Membership.user_id == viewer.id).order_by(Group.name)
    ).all()
    rooms = [g for g in candidates if perm.can_see_audit(viewer, g)]
    if not rooms:
        raise PermissionDenied("The audit log is for site staff and the moderators and leaders of a room.")
    return rooms


def entries(viewer: User, filters: AuditFilters) -> list[LogRow]:
    """The newest log lines the viewer may read, filtered."""
    allowed = audit_groups(viewer)
    group_ids = None if allowed is None else [g.id for g in allowed]
    if filters.group_id:
        if group_ids is not None and filters.group_id not in group_ids:
            raise PermissionDenied("You can read the log of the rooms you moderate.")
        group_ids = [filters.group_id]
    actor_id = _actor_id(filters.actor)
    if filters.actor and actor_id is None:
        return []
    rows = _review_rows(group_ids, actor_id, filters.action) + _audit_rows(
        group_ids, actor_id, filters.action
    )
    return sorted(rows, key=lambda r: r.at, reverse=True)[:LIMIT]


def _actor_id(handle: str) -> int | None:
    if not handle:
        return None
    return db.session.scalar(select(User.id).where(User.handle_key == handle.strip().casefold()))


def _review_rows(group_ids: list[int] | None, actor_id: int | None, action: str) -> list[LogRow]:
    q = select(ReviewEvent).join(Review).options(selectinload(ReviewEvent.review).selectinload(Review.group))
    if group_ids is not None:
        q = q.where(Review.group_id.in_(group_ids))
    if actor_id:
        q = q.where(ReviewEvent.actor_id == actor_id)
    if action:
        q = q.where(ReviewEvent.action == action)
    events = db.session.scalars(q.order_by(ReviewEvent.id.desc()).limit(LIMIT)).all()
    return [LogRow(e.created_at, e.actor, e.action, e.review.group, f"{e.review.target_type} {e.review.target_id}",
                   e.reason, e.data or {}, e.review_id) for e in events]  # fmt: skip


def _audit_rows(group_ids: list[int] | None, actor_id: int | None, action: str) -> list[LogRow]:
    q = select(AuditEntry)
    if group_ids is not None:
        q = q.where(AuditEntry.group_id.in_(group_ids))
    if actor_id:
        q = q.where(AuditEntry.actor_id == actor_id)
    if action:
        q = q.where(AuditEntry.action == action)
    rows = db.session.scalars(q.order_by(AuditEntry.id.desc()).limit(LIMIT)).all()
    groups = {
        g.id: g for g in db.session.scalars(select(Group).where(Group.id.in_({r.group_id for r in rows})))
    }
    return [LogRow(r.created_at, r.actor, r.action, groups.get(r.group_id), f"{r.target_type} {r.target_id or ''}"
                   .strip(), r.reason, {"before": r.before, "after": r.after}) for r in rows]  # fmt: skip


def action_names() -> list[str]:
    """Every action name in the log, for the filter."""
    names = set(db.session.scalars(select(ReviewEvent.action).distinct()))
    names |= set(db.session.scalars(select(AuditEntry.action).distinct()))
    return sorted(names)


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


# -- details in words -------------------------------------------------------------------------
# The stored details are JSON for machines; moderators read "rule (numbers)" or "role: moderator → member",
# never a Python repr.


def describe(detail: dict) -> str:
    """A log line's details in words: "rule (numbers)", "role: moderator → member", "hours: 1"."""
    if set(detail) == {"before", "after"} and all(isinstance(v, dict) for v in detail.values()):
        return _describe_change(detail["before"], detail["after"])
    parts = []
    for key, value in detail.items():
        if _empty(value):
            continue
        if key == "signals" and isinstance(value, list):
            parts.append(", ".join(_signal(s) for s in value if isinstance(s, dict)))
        else:
            parts.append(f"{_words(key)}: {_value(value)}")
    return "; ".join(p for p in parts if p)


def _describe_change(before: dict, after: dict) -> str:
    parts = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key), after.get(key)
        if _empty(old):
            parts.append(f"{_words(key)}: {_value(new)}")
        elif key not in after:
            parts.append(f"{_words(key)}: was {_value(old)}")
        else:
            parts.append(f"{_words(key)}: {_value(old)} → {_value(new)}")
    return "; ".join(parts)


def _signal(signal: dict) -> str:
    text = str(signal.get("category") or "signal")
    if signal.get("source"):
        text += f" ({signal['source']})"
    if signal.get("category") in ("crisis", "self_harm") and signal.get("severity"):
        text += f", severity {signal['severity']}"
    reason = str(signal.get("reason") or "")
    if reason:
        text += f": {reason.rsplit(':', 1)[-1].strip()}"  # "numbers rule: weight" -> "weight"
    return text


def _words(key: str) -> str:
    return str(key).replace("_", " ")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == {} or value == []


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{_words(k)} {_value(v)}" for k, v in value.items() if not _empty(v)) or "none"
    if isinstance(value, list):
        return ", ".join(_signal(v) if isinstance(v, dict) else _value(v) for v in value) or "none"
    if _empty(value):
        return "none"
    if isinstance(value, str) and _ISO_TIME.match(value):
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC")
        except ValueError:
            return value
    return str(value)
