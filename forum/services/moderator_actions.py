"""Every moderator decision on a Review goes through `perform`: checked, recorded, told, labelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from models import Membership, ModerationLabel, Review, ReviewEvent, User, db, utcnow

from .. import events
from .. import permissions as perm
from ..database import write_transaction
from . import review_targets as targets
from .accounts import end_all_sessions
from .errors import Conflict, PermissionDenied, ValidationError
from .guard import require, require_still
from .notifications import notify
from .review_queue import (
    CANT_ACT,
    ESCALATED,
    NOUNS,
    claim_holder,
    is_acknowledged,
    is_escalated,
    own_item_message,
    tell_site_moderators,
)


@dataclass(frozen=True)
class ActionSpec:
    """How an action behaves: the status it resolves to, whether it upholds the concern, what it needs."""

    label: str
    resolves: str | None = None  # the Review status it ends in; None keeps the item open
    upheld: bool = True
    content_only: bool = False
    needs_room: bool = False
    staff_only: bool = False
    against_author: bool = False


ACTIONS: dict[str, ActionSpec] = {
    "approve": ActionSpec("Approve: nothing wrong, it can stay", resolves="approved", upheld=False),
    "support": ActionSpec("Keep it up and support the member (the concern was real)", resolves="approved"),
    "hide": ActionSpec("Hide it", resolves="rejected", content_only=True),
    "remove": ActionSpec("Remove it", resolves="rejected", content_only=True),
    "edit_out": ActionSpec(
        "Edit out a detail (the original is kept)", resolves="rejected", content_only=True
    ),
    "send_resources": ActionSpec("Send the member support resources", against_author=True),
    "warn": ActionSpec("Warn the author", resolves="rejected", against_author=True),
    "mute": ActionSpec("Mute the author in this room", needs_room=True, against_author=True),
    "ban": ActionSpec(
        "Ban the author from this room", resolves="rejected", needs_room=True, against_author=True
    ),
    "suspend": ActionSpec(
        "Suspend the account site-wide", resolves="rejected", staff_only=True, against_author=True
    ),
    "escalate": ActionSpec("Escalate to site moderators"),
}
MUTE_HOURS = (1, 24, 72, 168)
SUSPEND_DAYS = (1, 7, 30, 365)
REASON_MIN, REASON_MAX = 3, 1000
DETAIL_MAX = 500
DEFAULT_REPLACEMENT = "[detail removed by a moderator]"


@dataclass
class _Run:
    """One action in progress: what it needs and what it will announce after commit."""

    review: Review
    moderator: User
    reason: str
    now: datetime
    params: dict
    target: object | None = None
    data: dict = field(default_factory=dict)
    after_commit: list[Callable[[], object]] = field(default_factory=list)


def perform(review: Review, action: str, moderator: User, reason: str, *, expected_version: int | None = None,
            now: datetime | None = None, **params: object) -> Review:  # fmt: skip
    """Apply one moderator action: validate, check permission and state, write it with a ReviewEvent, tell people."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise ValidationError("Choose an action from the list.", "action")
    reason = _clean_reason(reason)
    params = _clean_params(action, params)
    expected = review.version if expected_version is None else expected_version
    run = _Run(review, moderator, reason, now or utcnow(), params)
    try:
        with write_transaction():
            db.session.refresh(review)
            _check(run, spec, action, expected)
            run.target = targets.target_of(review)
            text_before = targets.label_text(review, run.target)
            _APPLY[action](run)
            if not is_acknowledged(review):
                review.acknowledged_at = run.now
            if spec.resolves:
                _resolve(run, spec, text_before)
            review.events.append(
                ReviewEvent(action=action, actor_id=moderator.id, reason=reason, data=run.data)
            )
            db.session.flush()
    except StaleDataError as err:
        # Another moderator's write landed between our read and our update.
        raise Conflict(_conflict_message(review)) from err
    for announce in run.after_commit:
        announce()
    events.review_updated.send(review, action=action)
    return review


def _clean_reason(reason: str | None) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN:
        raise ValidationError("Give a short reason: it goes in the record, and to the author where it applies.",
                              "reason")  # fmt: skip
    if len(reason) > REASON_MAX:
        raise ValidationError(f"Keep the reason under {REASON_MAX} characters.", "reason")
    return reason


def _clean_params(action: str, params: dict) -> dict:
    if action == "mute":
        hours = _int_choice(params.get("hours"), MUTE_HOURS, "Choose how long the mute lasts.", "hours")
        return {"hours": hours}
    if action == "suspend":
        days = _int_choice(params.get("days"), SUSPEND_DAYS, "Choose how long the suspension lasts.", "days")
        return {"days": days}
    if action == "edit_out":
        detail = str(params.get("detail") or "").strip()
        replacement = " ".join(str(params.get("replacement") or "").split()) or DEFAULT_REPLACEMENT
        if not detail or len(detail) > DETAIL_MAX:
            raise ValidationError(
                f"Paste the exact text to edit out (up to {DETAIL_MAX} characters).", "detail"
            )
        if len(replacement) > 200:
            raise ValidationError("Keep the replacement under 200 characters.", "replacement")
        return {"detail": detail, "replacement": replacement}
    return {}


def _int_choice(value: object, choices: tuple[int, ...], message: str, name: str) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(message, name) from None
    if number not in choices:
        raise ValidationError(message, name)
    return number


def _conflict_message(review: Review) -> str:
    # The review is current here: loaded in this transaction, or expired by the rollback and reloaded.
    last = next((e for e in reversed(review.events) if e.actor_id is not None), None)
    who = f" ({last.actor.handle}: {last.action.replace('_', ' ')})" if last and last.actor else ""
    return f"Another moderator acted on this item first{who}. Reload it to see where it stands now."


def _check(run: _Run, spec: ActionSpec, action: str, expected: int) -> None:
    review, moderator = run.review, run.moderator
    # A moderator removed, banned or gone from the room since the page loaded acts no more.
    require_still(lambda: perm.can_review(moderator, review), CANT_ACT)
    require(perm.can_decide(moderator, review), own_item_message(review))
    if review.version != expected or review.status != "pending":
        raise Conflict(_conflict_message(review) if review.status == "pending" else
                       f"This item was already resolved ({review.status}). Nothing was changed.")  # fmt: skip
    holder = claim_holder(review, run.now)
    if holder is not None and holder.id != moderator.id:
        raise Conflict(f"{holder.handle} has claimed this item. Wait until they finish or the claim lapses.")
    if spec.staff_only and not perm.is_site_staff(moderator):
        raise PermissionDenied("Only site moderators can suspend an account.")
    if spec.content_only and review.target_type not in targets.CONTENT_TYPES:
        raise ValidationError("That action applies to posts and messages, not to a profile.", "action")
    if spec.needs_room and review.group is None:
        raise ValidationError(
            "This item is not in a room, so there is no room to mute or ban from.", "action"
        )
    if action == "escalate" and is_escalated(review):
        raise ValidationError("This item is already with the site moderators.", "action")
    if spec.against_author:
        _check_author(review, moderator, action)


def _check_author(review: Review, moderator: User, action: str) -> None:
    author = review.target_user
    if author is None or author.deleted_at is not None:
        raise ValidationError("The author's account no longer exists.", "action")
    if author.id == moderator.id:
        raise PermissionDenied("You can't take this action on your own account.")
    if (
        action in ("mute", "ban")
        and not perm.is_site_staff(moderator)
        and perm.can_moderate(author, review.group)
    ):
        raise PermissionDenied("Only site moderators can mute or ban a room's moderators and leaders.")
    if action == "suspend" and perm.is_site_staff(author) and not perm.is_admin(moderator):
        raise PermissionDenied("Only a site admin can suspend site staff.")


# -- the actions -----------------------------------------------------------------------------


def _where(run: _Run) -> str:
    noun = NOUNS.get(run.review.target_type, "content")
    room = run.review.group.name if run.review.group else None
    return f"your {noun} in {room}" if room else f"your {noun}"


def _tell_author(run: _Run, message: str, kind: str = "moderation") -> None:
    author_id = run.review.target_user_id
    if author_id and author_id != run.moderator.id:
        notify(author_id, kind, message, {"review_id": run.review.id})


def _approve(run: _Run) -> None:
    if run.target is not None and targets.is_held(run.target):
        targets.settle_held(run.target, "visible")
        run.data["status"] = "visible"
        _tell_author(run, f"A moderator reviewed {_where(run)}. It is now visible to everyone.")


def _support(run: _Run) -> None:
    _approve(run)


def _set_content_status(run: _Run, status: str, verb: str) -> None:
    old = targets.set_status(run.target, status) if run.target is not None else None
    run.data.update(before=old, status=status)
    _tell_author(run, f"A moderator {verb} {_where(run)}. Reason: {run.reason}")


def _hide(run: _Run) -> None:
    _set_content_status(run, "hidden", "hid")


def _remove(run: _Run) -> None:
    _set_content_status(run, "removed", "removed")


def _edit_out(run: _Run) -> None:
    targets.edit_out(run.target, run.params["detail"], run.params["replacement"], run.moderator)
    if getattr(run.target, "status", None) == "held":
        targets.set_status(run.target, "visible")
    run.data["edited"] = True
    _tell_author(run, f"A moderator edited a detail out of {_where(run)}. Reason: {run.reason}")


def _send_resources(run: _Run) -> None:
    topic = run.review.group.topic if run.review.group else None
    message = ("A peer moderator wanted to make sure you know where to find support. "
               "If things feel too much right now, these services are there any time.")  # fmt: skip
    notify(run.review.target_user_id, "resources", message, {"topic": topic, "review_id": run.review.id})


def _decline_held(run: _Run) -> bool:
    """A decision against held content (or a held bio) declines it: it must not wait for a moderator forever."""
    if run.target is None or not targets.is_held(run.target):
        return False
    run.data.update(before=targets.settle_held(run.target, "removed"), status="removed")
    return True


def _warn(run: _Run) -> None:
    declined = ", which won't be shown to others" if _decline_held(run) else ""
    _tell_author(run, f"A moderator sent you a warning about {_where(run)}{declined}: {run.reason}")


def _author_membership(run: _Run) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.user_id == run.review.target_user_id,
                                 Membership.group_id == run.review.group_id)
    )  # fmt: skip


def _mute(run: _Run) -> None:
    m = _author_membership(run)
    if m is None or m.state != "active":
        raise ValidationError("The author is not an active member of this room.", "action")
    m.muted_until = run.now + timedelta(hours=run.params["hours"])
    run.data.update(hours=run.params["hours"], until=m.muted_until.isoformat())
    run.after_commit.append(lambda: events.membership_changed.send(m, reason="muted"))
    _tell_author(run, f"You are muted in {run.review.group.name} for {run.params['hours']} hours. "
                      f"Reason: {run.reason}")  # fmt: skip


def _hide_content_too(run: _Run) -> None:
    # A ban or suspension upholds the concern: the content in question leaves public view as well.
    content = run.review.target_type in targets.CONTENT_TYPES and run.target is not None
    if content and getattr(run.target, "status", None) in ("visible", "held"):
        run.data["before"] = targets.set_status(run.target, "hidden")
    else:
        _decline_held(run)  # a profile's held bio


def _ban(run: _Run) -> None:
    m = _author_membership(run)
    if m is None:
        m = Membership(user_id=run.review.target_user_id, group_id=run.review.group_id, role="member")
        db.session.add(m)
    m.state, m.role, m.muted_until = "banned", "member", None
    _hide_content_too(run)
    perm.forget_membership(run.review.target_user, run.review.group)
    run.after_commit.append(lambda: events.membership_changed.send(m, reason="banned"))
    _tell_author(run, f"You can no longer take part in {run.review.group.name}. Reason: {run.reason}")


def _suspend(run: _Run) -> None:
    user = run.review.target_user
    user.suspended_until = run.now + timedelta(days=run.params["days"])
    user.suspension_reason = run.reason[:500]
    end_all_sessions(user)
    _hide_content_too(run)
    run.data.update(days=run.params["days"], until=user.suspended_until.isoformat())
    run.after_commit.append(lambda: events.sessions_ended.send(user, token=None))
    _tell_author(run, f"Your account is suspended for {run.params['days']} days. Reason: {run.reason}")


def _escalate(run: _Run) -> None:
    run.review.escalated_at = run.now
    tell_site_moderators(
        run.review,
        ESCALATED.format(who=run.moderator.handle) + run.reason,
        run.moderator,
    )


_APPLY: dict[str, Callable[[_Run], None]] = {
    "approve": _approve, "support": _support, "hide": _hide, "remove": _remove, "edit_out": _edit_out,
    "send_resources": _send_resources, "warn": _warn, "mute": _mute, "ban": _ban, "suspend": _suspend,
    "escalate": _escalate,
}  # fmt: skip


# -- resolution: labels and reporters ---------------------------------------------------------


def _resolve(run: _Run, spec: ActionSpec, text: str) -> None:
    review = run.review
    if spec.resolves == "rejected" and _decline_held(run):
        # Every rejecting action settles held content above; this catches one that does not.
        _tell_author(
            run, f"A moderator looked at {_where(run)}; it won't be shown to others. Reason: {run.reason}"
        )
    review.status = spec.resolves
    review.resolved_at, review.resolved_by_id = run.now, run.moderator.id
    review.claimed_by_id, review.claimed_at = None, None
    run.data["resolved"] = spec.resolves
    run.data["upheld"] = spec.upheld
    _write_label(review, text, spec.upheld)
    _tell_reporters(review, spec.upheld)


def _write_label(review: Review, text: str, upheld: bool) -> None:
    category = review.category or "rule"
    severity = max((s.severity for s in review.signals if s.category == category), default=1) if upheld else 0
    label = db.session.scalar(select(ModerationLabel).where(ModerationLabel.review_id == review.id))
    if label is None:
        label = ModerationLabel(review_id=review.id)
        db.session.add(label)
    label.text, label.label, label.severity = text, category if upheld else "none", severity


def _tell_reporters(review: Review, upheld: bool) -> None:
    # Reporters learn the outcome in general terms; never what happened to the other member.
    previous = [e.created_at for e in review.events if e.data and e.data.get("resolved")]
    since = max(previous) if previous else None
    reporters = {
        s.reporter_id for s in review.signals if s.reporter_id and (since is None or s.created_at > since)
    }
    message = ("A moderator looked at what you reported and acted on it. Thank you for looking out for others."
               if upheld else "A moderator looked at what you reported and decided it can stay. "
               "Thank you for looking out for others.")  # fmt: skip
    for reporter_id in sorted(reporters):
        notify(reporter_id, "report_outcome", message, {"review_id": review.id, "upheld": upheld})
