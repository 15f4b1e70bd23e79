"""Invitation links: a random token that lets people join until it expires, is used up or is revoked."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from models import Group, GroupNotice, Invitation, Membership, User, db, utcnow

from .. import permissions as perm
from ..database import write_transaction
from ..events import membership_changed
from .errors import NotFound, PermissionDenied, ValidationError
from .group_admin import require_lead, require_lead_still
from .settings_log import record

MAX_DAYS, MAX_USES = 30, 500


def _int_in(value: object, low: int, high: int, field: str, message: str) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(message, field) from None
    if not low <= n <= high:
        raise ValidationError(message, field)
    return n


def create_invitation(actor: User, group: Group, days: object, max_uses: object = None) -> Invitation:
    """A new link valid for `days` days, for up to `max_uses` people (blank: no limit)."""
    require_lead(actor, group)
    days_n = _int_in(days, 1, MAX_DAYS, "days", f"An invitation lasts 1 to {MAX_DAYS} days.")
    uses = None
    if max_uses not in (None, ""):
        uses = _int_in(max_uses, 1, MAX_USES, "max_uses", f"Allow 1 to {MAX_USES} uses, or leave it blank.")
    with write_transaction():
        require_lead_still(actor, group)
        inv = Invitation(group_id=group.id, token=secrets.token_urlsafe(24), created_by_id=actor.id,
                         expires_at=utcnow() + timedelta(days=days_n), max_uses=uses)  # fmt: skip
        db.session.add(inv)
        db.session.flush()
        record(actor, group, "invitation.create", {}, {"days": days_n, "max_uses": uses}, target=inv)
    return inv


def active_invitations(group: Group) -> list[Invitation]:
    """The group's links that still work, newest first."""
    rows = db.session.scalars(
        select(Invitation).where(Invitation.group_id == group.id, Invitation.revoked_at.is_(None))
        .order_by(Invitation.id.desc())
    )  # fmt: skip
    return [i for i in rows if i.is_usable]


def revoke(actor: User, group: Group, invitation_id: object) -> None:
    """Stop a link working."""
    require_lead(actor, group)
    inv = next((i for i in active_invitations(group) if str(i.id) == str(invitation_id)), None)
    if inv is None:
        raise NotFound("That invitation no longer works.")
    with write_transaction():
        require_lead_still(actor, group)
        inv.revoked_at = utcnow()
        record(actor, group, "invitation.revoke", {"revoked": False}, {"revoked": True}, target=inv)


def find(token: str) -> Invitation:
    """The invitation with this token, usable or not; NotFound for unknown tokens."""
    inv = (
        db.session.scalar(select(Invitation).where(Invitation.token == (token or "")[:64])) if token else None
    )
    if inv is None:
        raise NotFound("This invitation link is not valid.")
    return inv


def why_unusable(inv: Invitation) -> str | None:
    """A clear reason the link can't be used now, or None."""
    if inv.revoked_at is not None:
        return "This invitation was withdrawn by the group's leaders."
    if inv.is_expired:
        return "This invitation has expired. Ask the group's leaders for a new link."
    if inv.is_used_up:
        return "This invitation has already been used as many times as allowed."
    return None


def redeem(user: User, token: str) -> Membership:
    """Join the invitation's group as an active member; counts one use."""
    with write_transaction():
        inv = find(token)
        reason = why_unusable(inv)
        if reason:
            raise ValidationError(reason)
        group = inv.group
        m = db.session.scalar(
            select(Membership).where(Membership.user_id == user.id, Membership.group_id == group.id)
        )
        if m is not None and m.state == "banned":
            raise PermissionDenied("You can't join this group.")
        if m is not None and m.state == "active":
            raise ValidationError("You are already a member of this group.")
        m = m or Membership(user_id=user.id, group_id=group.id, role="member")
        m.state, m.request_message = "active", ""
        db.session.add(m)
        db.session.add(GroupNotice(group_id=group.id, user_id=user.id, kind="welcome"))
        inv.uses += 1
        record(user, group, "invitation.use", {}, {"uses": inv.uses}, target=inv)
    perm.forget_membership(user, group)
    membership_changed.send(m, reason="joined", user_id=user.id, group_id=group.id)
    return m
