"""Site admins keep the crisis resource list: add, edit, retire (never delete: history stays readable)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from models import AuditEntry, CrisisResource, User, db

from .. import permissions as perm
from ..database import write_transaction
from ..text_input import clean_line, clean_text
from .errors import ValidationError
from .guard import require, require_still
from .resources import is_region

ADMINS_ONLY = "Only site admins can change the crisis resources."
FIELDS = ("region", "name", "description", "phone", "text", "web", "hours", "topics", "position", "is_active")
TOPICS = ("addictions", "grief", "eating-disorders", "depression", "chronic-illness", "disability", "parenting",
          "abuse", "divorce", "fertility")  # fmt: skip


def _clean(data: dict) -> dict:
    region = (data.get("region") or "").strip().upper()
    if not is_region(region):
        raise ValidationError(
            "Region is a two-letter ISO country code (GB for the United Kingdom, US ...), or INTL for everywhere.",
            "region",
        )
    name = clean_line(data.get("name"))
    if not 2 <= len(name) <= 120:
        raise ValidationError("Name must be 2 to 120 characters long.", "name")
    web = (data.get("web") or "").strip()
    if web and (urlsplit(web).scheme not in ("http", "https") or not urlsplit(web).netloc):
        raise ValidationError("The web address must start with https:// or http://.", "web")
    phone, text = (data.get("phone") or "").strip(), clean_line(data.get("text"))
    if not (phone or text or web):
        raise ValidationError("Give at least one way to reach the service: phone, text or web.", "phone")
    if phone and not re.fullmatch(r"[0-9 +()/\-]{2,40}", phone):
        raise ValidationError("A phone number has digits, spaces, + ( ) / and dashes only.", "phone")
    topics = [t for t in data.get("topics") or [] if t]
    if any(t not in TOPICS for t in topics):
        raise ValidationError("Choose topics from the list.", "topics")
    return {"region": region, "name": name, "description": clean_text(data.get("description"))[:300],
            "phone": phone, "text": text[:80], "web": web, "hours": clean_line(data.get("hours"))[:80],
            "topics": topics, "position": int(data.get("position") or 0), "is_active": bool(data.get("is_active"))}  # fmt: skip


def _snapshot(res: CrisisResource) -> dict:
    return {f: getattr(res, f) for f in FIELDS}


def save_resource(admin: User, data: dict, resource: CrisisResource | None = None) -> CrisisResource:
    """Create or update a resource; the change is recorded with before and after."""
    require(perm.is_admin(admin), ADMINS_ONLY)
    clean = _clean(data)
    with write_transaction():
        require_still(lambda: perm.is_admin(admin), ADMINS_ONLY)  # the view checked before the lock
        before = _snapshot(resource) if resource else {}
        resource = resource or CrisisResource()
        for key, value in clean.items():
            setattr(resource, key, value)
        db.session.add(resource)
        db.session.flush()
        after = _snapshot(resource)
        changed = {k for k in after if before.get(k) != after[k]}
        db.session.add(AuditEntry(actor_id=admin.id, action="resource.save", target_type="resource",
                                  target_id=resource.id, before={k: before.get(k) for k in changed},
                                  after={k: after[k] for k in changed}))  # fmt: skip
    return resource
