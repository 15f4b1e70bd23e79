"""Moderators' own records: private notes on members and their queue preferences."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db


class ModeratorNote(TimestampMixin, db.Model):
    """A moderator's private note about a member, seen by the moderators of its group (site staff: all)."""

    __tablename__ = "moderator_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # None: a site-staff note, seen by site staff only.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)

    author = relationship("User", foreign_keys=[author_id])
    group = relationship("Group")


class ModeratorPreference(db.Model):
    """A moderator's queue preferences: the categories they chose not to see."""

    __tablename__ = "moderator_preference"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    opted_out: Mapped[list] = mapped_column(JSON, default=list)
