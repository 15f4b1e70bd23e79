"""Opening reviews: one idempotent entry point, whatever the target and however many signals arrive."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import PRIORITY_RANK_MAP, Review, ReviewEvent, ReviewSignal, db, utcnow

from ..database import after_commit
from ..events import review_opened

CHAT_TARGET = "chat_message"  # a chat message's Review.target_type


@dataclass(frozen=True)
class TargetRef:
    """What a review is about: its type, id, room and author."""

    type: str
    id: int
    group_id: int | None
    user_id: int | None


def target_ref(target: object) -> TargetRef:
    """Describe a Post, Thread, ChatMessage or User as a review target."""
    kind = type(target).__name__
    if kind == "Post":
        return TargetRef("post", target.id, target.thread.group_id, target.author_id)
    if kind == "Thread":
        return TargetRef("thread", target.id, target.group_id, target.author_id)
    if kind == "ChatMessage":
        return TargetRef(CHAT_TARGET, target.id, target.group_id, target.author_id)
    if kind == "User":
        return TargetRef("user", target.id, None, target.id)
    raise TypeError(f"cannot review a {kind}")


def _signal_row(sig: object) -> ReviewSignal:
    """Accept an engine Signal (dataclass) or a dict of ReviewSignal fields."""
    fields = sig if isinstance(sig, dict) else {
        "source": sig.source, "category": sig.category, "severity": sig.severity,
        "score": float(sig.score), "reason": sig.reason, "evidence": (getattr(sig, "evidence", "") or "")[:200],
    }  # fmt: skip
    return ReviewSignal(**fields)


def _same_detector_signal(existing: ReviewSignal, new: ReviewSignal) -> bool:
    # Re-screening an edit repeats detector findings; reports always count (each is a person).
    return (
        new.reporter_id is None
        and existing.reporter_id is None
        and ((existing.source, existing.category, existing.reason) == (new.source, new.category, new.reason))
    )


def open_review(
    target: object, signals: list, priority: str = "normal", actor_id: int | None = None
) -> Review:
    """Open (or merge into) the one Review of this target; call inside a write transaction."""
    ref = target_ref(target)
    review = _find(ref)
    created = review is None
    if created:
        review = _create(ref, priority)
    elif review.status != "pending":
        review.status = "pending"
        review.resolved_at = None
        review.events.append(ReviewEvent(action="reopened", actor_id=actor_id, reason="new signals arrived"))
    _raise_priority(review, priority)
    added = _merge_signals(review, signals)
    if added:
        top = max(added, key=lambda s: (s.severity, s.score))
        if created or not review.category:
            review.category = top.category
        review.events.append(ReviewEvent(
            action="opened" if created else "signal_added", actor_id=actor_id,
            data={"signals": [{"category": s.category, "source": s.source, "severity": s.severity} for s in added]},
        ))  # fmt: skip
    db.session.flush()
    priority_now = review.priority
    # Announce once committed: a moderator alerted live must find the item when they open it.
    after_commit(lambda: review_opened.send(review, created=created, priority=priority_now))
    return review


def _find(ref: TargetRef) -> Review | None:
    return db.session.scalar(select(Review).where(Review.target_type == ref.type, Review.target_id == ref.id))


def _create(ref: TargetRef, priority: str) -> Review:
    review = Review(target_type=ref.type, target_id=ref.id, group_id=ref.group_id, target_user_id=ref.user_id,
                    priority=priority, priority_rank=PRIORITY_RANK_MAP[priority])  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(review)
    except IntegrityError:
        # Another writer opened it between our look-up and insert: merge into theirs.
        review = _find(ref)
    return review


def _raise_priority(review: Review, priority: str) -> None:
    if PRIORITY_RANK_MAP[priority] < review.priority_rank:
        review.priority = priority
        review.priority_rank = PRIORITY_RANK_MAP[priority]
        review.updated_at = utcnow()


def _merge_signals(review: Review, signals: list) -> list[ReviewSignal]:
    added = []
    for sig in signals:
        row = _signal_row(sig)
        if any(_same_detector_signal(old, row) for old in review.signals):
            continue
        review.signals.append(row)
        added.append(row)
    return added
