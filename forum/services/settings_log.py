"""The change log of a group's settings: who changed what, before and after (AuditEntry rows)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from models import AuditEntry, Group, User, db

from .settings_rules import same_zone


def _jsonable(value: object) -> object:
    """Dates and times as ISO strings so before/after fit in JSON columns."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


# Fields whose stored spelling may differ from the saved one with no change for anyone: a zone saved as an alias
# (US/Eastern) is shown, and saved, by its current name (America/New_York).
_SAME_MEANING = {"timezone": same_zone}


def _same(key: str, old: object, new: object) -> bool:
    return old == new or (key in _SAME_MEANING and _SAME_MEANING[key](old, new))


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields whose value changed (in meaning, not only in spelling), as (before, after) dicts for JSON."""
    keys = [k for k in after if not _same(k, before.get(k), after[k])]
    return ({k: _jsonable(before.get(k)) for k in keys}, {k: _jsonable(after[k]) for k in keys})


def record(
    actor: User | None,
    group: Group | None,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    target: object | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add one change-log row; call inside the write transaction that makes the change."""  # fmt: skip
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None), group_id=getattr(group, "id", None), action=action[:48],
        target_type=type(target).__name__.lower()[:16] if target is not None else "",
        target_id=getattr(target, "id", None), reason=(reason or "")[:2000],
        before={k: _jsonable(v) for k, v in (before or {}).items()},
        after={k: _jsonable(v) for k, v in (after or {}).items()},
    )  # fmt: skip
    db.session.add(entry)
    return entry


def record_changes(actor: User, group: Group, action: str, before: dict, after: dict) -> bool:
    """Record the fields that changed between two snapshots; returns False (and records nothing) if none did."""
    old, new = changed(before, after)
    if not new:
        return False
    record(actor, group, action, old, new)
    return True


def history(group: Group, limit: int = 100) -> list[AuditEntry]:
    """The group's change log, newest first."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.group_id == group.id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
    )
