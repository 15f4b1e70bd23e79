"""Pinned resources: links and referrals the leaders show on the group page."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Group, PinnedResource, User, db

from ..database import write_transaction
from . import settings_rules as rules
from .errors import NotFound, ValidationError
from .group_admin import require_lead, require_lead_still, screen_room_text
from .settings_log import record

TITLE_MAX, NOTE_MAX, PINNED_MAX = 120, 300, 20


def pinned(group: Group) -> list[PinnedResource]:
    """The group's pinned resources in their order."""
    return list(db.session.scalars(
        select(PinnedResource).where(PinnedResource.group_id == group.id)
        .order_by(PinnedResource.position, PinnedResource.id)
    ))  # fmt: skip


def add(actor: User, group: Group, title: str, url: str, note: str = "") -> PinnedResource:
    """Pin a link at the end of the list."""
    require_lead(actor, group)
    title = rules.check_text(" ".join((title or "").split()), "title", "A title", 2, TITLE_MAX)
    url = rules.check_url(url)
    note = rules.check_text(note, "note", "The note", 0, NOTE_MAX)
    _check_room_left(group)
    screen_room_text(actor, group, {"title": title, "note": note})
    with write_transaction():
        require_lead_still(actor, group)
        _check_room_left(group)  # again under the write lock: two leaders may add the last one at once
        last = db.session.scalar(
            select(func.max(PinnedResource.position)).where(PinnedResource.group_id == group.id)
        )
        res = PinnedResource(group_id=group.id, title=title, url=url, note=note, position=(last or 0) + 1,
                             created_by_id=actor.id)  # fmt: skip
        db.session.add(res)
        db.session.flush()
        record(actor, group, "resource.add", {}, {"title": title, "url": url, "note": note}, target=res)
    return res


def _check_room_left(group: Group) -> None:
    if len(pinned(group)) >= PINNED_MAX:
        raise ValidationError(f"A group can pin at most {PINNED_MAX} resources.", "title")


def _find(group: Group, resource_id: object) -> PinnedResource:
    res = next((r for r in pinned(group) if str(r.id) == str(resource_id)), None)
    if res is None:
        raise NotFound("That resource is not pinned here any more.")
    return res


def remove(actor: User, group: Group, resource_id: object) -> None:
    """Unpin a resource."""
    require_lead(actor, group)
    res = _find(group, resource_id)
    with write_transaction():
        require_lead_still(actor, group)
        record(actor, group, "resource.remove", {"title": res.title, "url": res.url}, {}, target=res)
        db.session.delete(res)


def move(actor: User, group: Group, resource_id: object, direction: str) -> None:
    """Move a resource one place up or down."""
    require_lead(actor, group)
    if direction not in ("up", "down"):
        raise ValidationError("Move a resource up or down.")
    items = pinned(group)
    res = _find(group, resource_id)
    i = items.index(res)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(items):
        return
    items[i], items[j] = items[j], items[i]
    with write_transaction():
        require_lead_still(actor, group)
        for pos, item in enumerate(items, start=1):
            item.position = pos
        record(actor, group, "resource.move", {"position": i + 1}, {"position": j + 1}, target=res)
