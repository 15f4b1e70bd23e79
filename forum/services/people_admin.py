"""Leaders manage people: join requests, role offers (accepted by the member), removing roles; member notices.

Shared leadership: a group always keeps at least one active leader.
"""

from __future__ import annotations

from sqlalchemy import func, select

from models import Group, GroupNotice, Membership, RoleOffer, User, db, utcnow

from .. import permissions as perm
from ..database import write_transaction
from ..events import membership_changed
from ..text_input import clean_text
from .errors import Conflict, NotFound, ValidationError
from .group_admin import require_lead, require_lead_still
from .guard import require_still
from .notifications import notify
from .settings_log import record

MESSAGE_MAX = 500
OFFERABLE = ("moderator", "leader")
OFFER_VOID = ("This offer is no longer valid: {offerer} no longer leads this group, so nothing has changed. "
              "You can decline it, or ask a current leader to offer you the role again.")  # fmt: skip
BANNED_NO_ROLE = "You are banned from this group, so you can't take on a role in it. Nothing has changed."
NOT_A_MEMBER_NO_ROLE = "You are no longer an active member of this group, so you can't take on a role in it."


def _message(text: str) -> str:
    text = clean_text(text)
    if len(text) > MESSAGE_MAX:
        raise ValidationError(f"Keep the message under {MESSAGE_MAX} characters.", "message")
    return text


def leader_count(group: Group) -> int:
    """Active leaders of the group."""
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.group_id == group.id, Membership.role == "leader", Membership.state == "active"
        )
    )


def pending_requests(group: Group) -> list[Membership]:
    """Requests to join waiting for a leader, oldest first."""
    return list(db.session.scalars(
        select(Membership).where(Membership.group_id == group.id, Membership.state == "pending")
        .order_by(Membership.created_at, Membership.id)
    ))  # fmt: skip


def _member_of(group: Group, user_id: object, states: tuple[str, ...] = ("active",)) -> Membership:
    try:
        uid = int(user_id)
    except (TypeError, ValueError):
        uid = None
    m = db.session.scalar(
        select(Membership).where(Membership.group_id == group.id, Membership.user_id == uid)
    )
    if m is None or m.state not in states:
        raise NotFound("That person is not a member of this group.")
    return m


def _pending_request(group: Group, user_id: object) -> Membership:
    """The request still waiting; one another leader already approved is named as such, not as missing."""
    try:
        return _member_of(group, user_id, ("pending",))
    except NotFound:
        if _member_of_or_none(group, user_id) is not None:
            raise Conflict("That request was already approved: the person is a member now.") from None
        raise NotFound("That request is no longer waiting (it was declined or withdrawn).") from None


def _member_of_or_none(group: Group, user_id: object) -> Membership | None:
    try:
        return _member_of(group, user_id)
    except NotFound:
        return None


def add_notice(group: Group, user_id: int, kind: str, message: str = "") -> None:
    """Leave a one-time notice for a member (inside the caller's transaction)."""
    db.session.add(GroupNotice(group_id=group.id, user_id=user_id, kind=kind, message=message))


def decide_request(
    actor: User, group: Group, user_id: object, approve: bool, message: str = ""
) -> Membership:
    """Approve (the member becomes active and is welcomed) or decline a request, with an optional message."""
    require_lead(actor, group)
    message = _message(message)
    with write_transaction():
        require_lead_still(actor, group)
        # Under the write lock: of two leaders deciding one request at once, the second finds it decided.
        m = _pending_request(group, user_id)
        add_notice(group, m.user_id, "welcome" if approve else "request_declined", message)
        record(actor, group, "request.approve" if approve else "request.decline", {"state": "pending"},
               {"state": "active" if approve else "declined"}, target=m.user, reason=message)  # fmt: skip
        if approve:
            m.state, m.request_message = "active", ""
        else:
            db.session.delete(m)
        notify(m.user_id, "join_decision", _decision_text(group, approve, message),
               {"group": group.slug, "approved": approve})  # fmt: skip
    perm.forget_membership(m.user, group)
    membership_changed.send(
        m, reason="approved" if approve else "declined", user_id=m.user_id, group_id=group.id
    )
    return m


def _decision_text(group: Group, approve: bool, message: str) -> str:
    text = f"Your request to join {group.name} was {'approved' if approve else 'declined'}."
    return f"{text} The leaders wrote: “{message}”" if message else text


def people_with_roles(group: Group) -> list[Membership]:
    """Active members, leaders first, then moderators, then members by handle."""
    order = {"leader": 0, "moderator": 1, "member": 2}
    rows = db.session.scalars(
        select(Membership).join(User).where(Membership.group_id == group.id, Membership.state == "active")
    ).all()
    return sorted(rows, key=lambda m: (order.get(m.role, 3), m.user.handle.lower()))


def offers(group: Group) -> list[RoleOffer]:
    """Role offers waiting for an answer."""
    return list(
        db.session.scalars(select(RoleOffer).where(RoleOffer.group_id == group.id).order_by(RoleOffer.id))
    )


def offer_for(user: object, group: Group) -> RoleOffer | None:
    """The role offer waiting for this user in this group, if any."""
    if not isinstance(user, User):
        return None
    return db.session.scalar(
        select(RoleOffer).where(RoleOffer.group_id == group.id, RoleOffer.user_id == user.id)
    )


def offer_role(actor: User, group: Group, handle: str, role: str) -> RoleOffer:
    """Offer a member the role of moderator or leader; it takes effect when they accept."""
    require_lead(actor, group)
    if role not in OFFERABLE:
        raise ValidationError("Offer either the moderator or the leader role.", "role")
    from .accounts import handle_key

    user = db.session.scalar(select(User).where(User.handle_key == handle_key((handle or "").strip())))
    with write_transaction():
        require_lead_still(actor, group)
        # Under the write lock: two leaders offering at once update one offer instead of inserting two.
        m = _member_of(group, user.id if user else None)
        if m.role == role or (m.role == "leader" and role == "moderator"):
            raise ValidationError(f"{m.user.handle} is already a {m.role} here.", "handle")
        offer = offer_for(m.user, group) or RoleOffer(group_id=group.id, user_id=m.user_id)
        offer.role, offer.offered_by_id = role, actor.id
        db.session.add(offer)
        record(actor, group, "role.offer", {}, {"role": role}, target=m.user)
    return offer


def answer_offer(user: User, group: Group, accept: bool) -> str | None:
    """The member accepts (their role changes) or declines an offer; returns the new role when accepted."""
    with write_transaction():
        # Under the write lock: an answer sent twice, or a withdrawal landing first, finds no offer.
        offer = offer_for(user, group)
        if offer is None:
            raise NotFound("There is no role offer waiting for you in this group.")
        role = offer.role
        if accept:
            _require_offer_still_good(user, group, offer)
            m = _member_of(group, user.id)
            before, m.role = m.role, role
            record(user, group, "role.accept", {"role": before}, {"role": role}, target=user)
        else:
            record(user, group, "role.decline", {}, {"declined": role}, target=user)
        db.session.delete(offer)
    perm.forget_membership(user, group)
    if accept:
        membership_changed.send(m, reason="role", user_id=user.id, group_id=group.id)
    return role if accept else None


def _require_offer_still_good(user: User, group: Group, offer: RoleOffer) -> None:
    """Under the write lock: the member may still take a role here, and whoever offered it may still offer it."""
    require_still(lambda: not perm.is_banned(user, group), BANNED_NO_ROLE)
    require_still(lambda: perm.is_active_member(user, group), NOT_A_MEMBER_NO_ROLE)
    require_still(lambda: perm.offer_stands(offer), void_offer_message(offer))


def void_offer_message(offer: RoleOffer) -> str:
    """What the member is told about an offer whose maker no longer leads the group."""
    return OFFER_VOID.format(
        offerer=offer.offered_by.handle if offer.offered_by else "the leader who made it"
    )


def withdraw_offer(actor: User, group: Group, offer_id: object) -> None:
    """Take back a role offer nobody has answered yet."""
    require_lead(actor, group)
    with write_transaction():
        require_lead_still(actor, group)
        # Under the write lock: an offer answered or withdrawn meanwhile is gone.
        offer = next((o for o in offers(group) if str(o.id) == str(offer_id)), None)
        if offer is None:
            raise NotFound("That offer has already been answered or withdrawn.")
        record(actor, group, "role.withdraw", {"offered": offer.role}, {}, target=offer.user)
        db.session.delete(offer)


def remove_role(actor: User, group: Group, user_id: object) -> None:
    """Make a moderator or leader an ordinary member again; the last leader stays (and can't step down)."""
    with write_transaction():
        # Under the write lock: two leaders stepping down at once must not both pass the last-leader check.
        m = _member_of(group, user_id)
        if m.user_id != getattr(actor, "id", None):
            require_lead_still(actor, group)  # anyone may step down from their own role; others need a leader
        if m.role == "member":
            raise ValidationError(f"{m.user.handle} has no role to remove.", "user_id")
        if m.role == "leader" and leader_count(group) <= 1:
            raise ValidationError(
                "A group needs at least one leader. Offer the role to someone else first.", "user_id"
            )
        before = m.role
        m.role = "member"
        action = "role.step_down" if m.user_id == actor.id else "role.remove"
        record(actor, group, action, {"role": before}, {"role": "member"}, target=m.user)
    perm.forget_membership(m.user, group)
    membership_changed.send(m, reason="role", user_id=m.user_id, group_id=group.id)


def unseen_notices(user: object, group: Group) -> list[GroupNotice]:
    """The member's notices for this group not shown yet."""
    if not isinstance(user, User):
        return []
    return list(db.session.scalars(
        select(GroupNotice).where(GroupNotice.group_id == group.id, GroupNotice.user_id == user.id,
                                  GroupNotice.seen_at.is_(None)).order_by(GroupNotice.id)
    ))  # fmt: skip


def mark_seen(notices: list[GroupNotice]) -> None:
    """Mark notices as shown, so each is shown once."""
    if notices:
        with write_transaction():
            now = utcnow()
            for n in notices:
                n.seen_at = now
