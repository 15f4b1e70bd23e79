"""Scheduled live sessions of a group."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db

RECURRENCES = ("none", "weekly", "monthly")


class Meeting(TimestampMixin, db.Model):
    """A one-off or recurring meeting, defined in local time of its time zone (so DST keeps the wall clock)."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    # Wall-clock start of the first occurrence, naive, in `timezone`.
    local_start: Mapped[datetime] = mapped_column(db.DateTime(timezone=False))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    duration_minutes: Mapped[int] = mapped_column(default=60)
    recurrence: Mapped[str] = mapped_column(String(16), default="none")
    until: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    group = relationship("Group")
