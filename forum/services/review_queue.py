"""The review queue: what a moderator may see, claims, the urgent clock and escalation, who is on duty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import selectinload

from models import Group, Membership, Review, ReviewEvent, User, db, utcnow

from .. import permissions as perm
from ..database import write_transaction
from ..events import review_updated
from .errors import Conflict, NotFound, PermissionDenied
from .guard import require, require_still
from .notifications import notify

STATUSES = ("pending", "approved", "rejected", "ignored")
QUEUE_LIMIT = 100
OPENING_EVENTS = ("opened", "reopened")
CANT_ACT = "You can't act on this item."
NOUNS = {"post": "post", "thread": "thread", "chat_message": "chat message", "user": "profile"}


def own_item_message(review: Review) -> str:
    """The refusal for a moderator whose own content or profile the item is about."""
    return f"You can't review your own {NOUNS.get(review.target_type, 'content')}: another moderator will decide it."


# -- state of one review ------------------------------------------------------------------------


def opened_at(review: Review) -> datetime:
    """When the current round of this review began (its creation, or its latest reopening)."""
    times = [e.created_at for e in review.events if e.action in OPENING_EVENTS]
    return max([review.created_at, *times])


def _since_opened(review: Review, value: datetime | None) -> bool:
    # Stamps from a previous round (before a reopening) do not count for this one.
    return value is not None and value >= opened_at(review)


def is_acknowledged(review: Review) -> bool:
    """A moderator claimed or acted on the item in this round."""
    return _since_opened(review, review.acknowledged_at)


def is_escalated(review: Review) -> bool:
    """The item went to site moderators in this round."""
    return _since_opened(review, review.escalated_at)


def claim_expires_at(review: Review) -> datetime | None:
    """When the current claim lapses (None when nobody holds it)."""
    if review.claimed_by_id is None or review.claimed_at is None:
        return None
    return review.claimed_at + timedelta(minutes=current_app.config["REVIEW_CLAIM_MINUTES"])


def claim_holder(review: Review, now: datetime | None = None) -> User | None:
    """The moderator whose claim is still running, or None."""
    expires = claim_expires_at(review)
    if expires is None or expires <= (now or utcnow()):
        return None
    return review.claimed_by


def is_overdue(review: Review, now: datetime | None = None) -> bool:
    """An urgent item nobody has acknowledged within REVIEW_ESCALATE_MINUTES."""
    if review.status != "pending" or review.priority != "urgent" or is_acknowledged(review):
        return False
    limit = timedelta(minutes=current_app.config["REVIEW_ESCALATE_MINUTES"])
    return (now or utcnow()) - opened_at(review) >= limit


# -- what a moderator sees ----------------------------------------------------------------------


def moderated_groups(user: User) -> list[Group]:
    """The rooms the user moderates or leads (site staff: every room)."""
    if perm.is_site_staff(user):
        return list(db.session.scalars(select(Group).order_by(Group.name)))
    return list(
        db.session.scalars(
            select(Group).join(Membership).where(
                Membership.user_id == user.id, Membership.state == "active",
                Membership.role.in_(("moderator", "leader")),
            ).order_by(Group.name)
        )
    )  # fmt: skip


def is_reviewer(user: object) -> bool:
    """Whether the user has a queue at all (site staff, or a moderator or leader somewhere)."""
    if perm.is_site_staff(user):
        return True
    if not isinstance(user, User) or not user.is_active:
        return False
    return bool(db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.user_id == user.id, Membership.state == "active", Membership.role.in_(("moderator", "leader"))
        )
    ))  # fmt: skip


@dataclass
class QueueFilters:
    """The queue's filters: a room, a category and a status (pending by default)."""

    group_id: int | None = None
    category: str = ""
    status: str = "pending"


def queue(
    moderator: User, filters: QueueFilters, opted_out: list[str] | tuple = ()
) -> tuple[list[Review], int]:
    """The items the moderator may act on, by priority then age; also how many their opt-outs hide."""
    if not is_reviewer(moderator):
        raise PermissionDenied("The review queue is for moderators.")
    q = select(Review).where(Review.status == (filters.status if filters.status in STATUSES else "pending"))
    if not perm.is_site_staff(moderator):
        q = q.where(Review.group_id.in_([g.id for g in moderated_groups(moderator)]))
    if filters.group_id:
        q = q.where(Review.group_id == filters.group_id)
    if filters.category:
        q = q.where(Review.category == filters.category)
    hidden = 0
    if opted_out and not filters.category:
        hidden = db.session.scalar(
            select(func.count()).select_from(
                q.where(Review.category.in_(opted_out), Review.priority != "urgent").subquery()
            )
        )
        # Urgent items stay visible whatever the opt-outs: a member at risk is never filtered away.
        q = q.where(or_(Review.category.not_in(opted_out), Review.priority == "urgent"))
    q = q.options(selectinload(Review.signals), selectinload(Review.events)).order_by(
        Review.priority_rank, Review.created_at, Review.id
    )
    return list(db.session.scalars(q.limit(QUEUE_LIMIT))), hidden


def get_review(moderator: User, review_id: int) -> Review:
    """One review the moderator may act on; others do not exist for them."""
    review = db.session.get(Review, review_id)
    if review is None or not perm.can_review(moderator, review):
        raise NotFound("There is no such item in your queue.")
    return review


def categories_in_use() -> list[str]:
    """Categories that appear on reviews (for the filter)."""
    return sorted(c for c in db.session.scalars(select(Review.category).distinct()) if c)


# -- claims ------------------------------------------------------------------------------------


def claim(review: Review, moderator: User, now: datetime | None = None) -> Review:
    """Take an item so others see someone is on it; the claim lapses after REVIEW_CLAIM_MINUTES."""
    now = now or utcnow()
    with write_transaction():
        db.session.refresh(review)
        require_still(lambda: perm.can_review(moderator, review), CANT_ACT)
        require(perm.can_decide(moderator, review), own_item_message(review))
        if review.status != "pending":
            raise Conflict("This item is already resolved.")
        holder = claim_holder(review, now)
        if holder is not None and holder.id != moderator.id:
            raise Conflict(f"{holder.handle} is already handling this item.")
        review.claimed_by_id, review.claimed_at = moderator.id, now
        if not is_acknowledged(review):
            review.acknowledged_at = now
        review.events.append(ReviewEvent(action="claimed", actor_id=moderator.id))
    review_updated.send(review, action="claimed")
    return review


def release(review: Review, moderator: User) -> Review:
    """Give a claimed item back to the queue."""
    with write_transaction():
        db.session.refresh(review)
        if review.claimed_by_id != moderator.id:
            raise Conflict("You are not holding this item.")
        review.claimed_by_id, review.claimed_at = None, None
        review.events.append(ReviewEvent(action="released", actor_id=moderator.id))
    review_updated.send(review, action="released")
    return review


# -- the urgent clock -------------------------------------------------------------------------


def site_moderators(actor: User | None = None) -> list[User]:
    """Who escalations go to: site moderators, or the admins when there are none (never the actor)."""
    # The actor knows what they did: a moderator escalating is not told of their own escalation.
    others = User.id != actor.id if actor is not None else true()
    mods = list(
        db.session.scalars(
            select(User).where(User.is_site_moderator.is_(True), User.deleted_at.is_(None), others)
        )
    )
    return mods or list(
        db.session.scalars(select(User).where(User.is_admin.is_(True), User.deleted_at.is_(None), others))
    )


# A notice that names a moderator by handle: account deletion rewrites it (account_deletion._unname_in_notices).
ESCALATED = "{who} escalated an item to site moderators: "


def tell_site_moderators(review: Review, message: str, actor: User | None = None) -> None:
    """Notify every site moderator but the actor about a review; call inside a write transaction."""
    for mod in site_moderators(actor):
        notify(mod.id, "moderation", message, {"review_id": review.id})


def _overdue(now: datetime) -> list[Review]:
    candidates = db.session.scalars(
        select(Review).where(Review.status == "pending", Review.priority == "urgent")
        .options(selectinload(Review.events))
    ).all()  # fmt: skip
    return [r for r in candidates if is_overdue(r, now) and not is_escalated(r)]


def escalate_overdue(now: datetime | None = None) -> list[Review]:
    """Send unacknowledged urgent items past the limit to site moderators; returns those escalated."""
    now = now or utcnow()
    # Read first: the queue page calls this on every load and should not take the write lock for nothing.
    if not _overdue(now):
        return []
    minutes = current_app.config["REVIEW_ESCALATE_MINUTES"]
    with write_transaction():
        due = _overdue(now)
        for review in due:
            review.escalated_at = now
            review.events.append(
                ReviewEvent(action="auto_escalated", reason=f"unacknowledged after {minutes} minutes")
            )
            tell_site_moderators(review, f"An urgent item has waited {minutes} minutes without a moderator. "
                                         "Please look at it now.")  # fmt: skip
    return due


# -- who is on duty ---------------------------------------------------------------------------


def on_duty(groups: list[Group], now: datetime | None = None) -> dict[int, int]:
    """Per room: how many of its moderators and leaders were seen in the last REVIEW_ON_DUTY_MINUTES."""
    if not groups:
        return {}
    since = (now or utcnow()) - timedelta(minutes=current_app.config["REVIEW_ON_DUTY_MINUTES"])
    rows = db.session.execute(
        select(Membership.group_id, func.count(Membership.id)).join(User, User.id == Membership.user_id).where(
            Membership.group_id.in_([g.id for g in groups]), Membership.state == "active",
            Membership.role.in_(("moderator", "leader")), User.last_seen_at >= since,
        ).group_by(Membership.group_id)
    ).all()  # fmt: skip
    counts = dict(rows)
    return {g.id: counts.get(g.id, 0) for g in groups}


def site_staff_on_duty(now: datetime | None = None) -> int:
    """How many site moderators and admins were seen recently."""
    since = (now or utcnow()) - timedelta(minutes=current_app.config["REVIEW_ON_DUTY_MINUTES"])
    return db.session.scalar(
        select(func.count(User.id)).where(
            or_(User.is_site_moderator.is_(True), User.is_admin.is_(True)), User.last_seen_at >= since
        )
    )


def alert_payload(review: Review) -> dict:
    """What the live `review_alert` carries: no content, only enough to fetch the item."""
    return {"review_id": review.id, "priority": review.priority, "category": review.category,
            "group_id": review.group_id}  # fmt: skip
