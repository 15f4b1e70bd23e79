"""Reviews (one per target), their signals and their history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow

REVIEW_STATUSES = ("pending", "approved", "rejected", "ignored")
# Lower rank sorts first in the queue.
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
TARGET_TYPES = ("post", "thread", "chat_message", "user")


class Review(TimestampMixin, db.Model):
    """One queue item per target, however many signals arrive."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    priority_rank: Mapped[int] = mapped_column(default=2, index=True)
    category: Mapped[str] = mapped_column(String(16), default="")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic locking: two moderators acting at once cannot both win.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    signals = relationship(
        "ReviewSignal", back_populates="review", order_by="ReviewSignal.id", cascade="all, delete-orphan"
    )
    events = relationship(
        "ReviewEvent", back_populates="review", order_by="ReviewEvent.id", cascade="all, delete-orphan"
    )
    group = relationship("Group")
    target_user = relationship("User", foreign_keys=[target_user_id])
    claimed_by = relationship("User", foreign_keys=[claimed_by_id])


class ReviewSignal(TimestampMixin, db.Model):
    """One piece of evidence: a detector's finding or a member's report."""

    __tablename__ = "review_signal"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(32))  # lexicon | classifier | numbers | watched | report ...
    category: Mapped[str] = mapped_column(String(16))
    severity: Mapped[int] = mapped_column(default=1)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(String(500), default="")
    evidence: Mapped[str] = mapped_column(String(200), default="")
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    report_type: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(500), default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)

    review: Mapped[Review] = relationship(back_populates="signals")
    reporter = relationship("User")


class ReviewEvent(TimestampMixin, db.Model):
    """The history of a Review and every moderator action on it; the audit log reads from it."""

    __tablename__ = "review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    review: Mapped[Review] = relationship(back_populates="events")
    actor = relationship("User")


class AuditEntry(TimestampMixin, db.Model):
    """A leader or moderator action outside a Review (settings changes, roles, mutes): who, what, before, after."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(48))
    target_type: Mapped[str] = mapped_column(String(16), default="")
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict] = mapped_column(JSON, default=dict)
    after: Mapped[dict] = mapped_column(JSON, default=dict)

    actor = relationship("User")


class ModerationLabel(TimestampMixin, db.Model):
    """A moderator's verdict on a piece of text, kept as a training label for the classifier."""

    __tablename__ = "moderation_label"
    __table_args__ = (UniqueConstraint("review_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(16))  # a category name, or "none"
    severity: Mapped[int] = mapped_column(default=0)
