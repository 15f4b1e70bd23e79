"""What group leaders manage beyond settings: invitation links, role offers, pinned resources, member notices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow


class Invitation(TimestampMixin, db.Model):
    """A link that lets people join a group until it expires, is used up or is revoked."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime]
    max_uses: Mapped[int | None]  # None: any number of people until it expires
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None]

    group = relationship("Group")
    created_by = relationship("User")

    @property
    def is_expired(self) -> bool:
        """Past its expiry time."""
        return self.expires_at <= utcnow()

    @property
    def is_used_up(self) -> bool:
        """Every allowed use taken."""
        return self.max_uses is not None and self.uses >= self.max_uses

    @property
    def is_usable(self) -> bool:
        """Not expired, used up or revoked."""
        return self.revoked_at is None and not self.is_expired and not self.is_used_up


class RoleOffer(TimestampMixin, db.Model):
    """A leader's offer of a role (moderator or leader) to a member, waiting for them to accept."""

    __tablename__ = "role_offer"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    offered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    group = relationship("Group")
    user = relationship("User", foreign_keys=[user_id])
    offered_by = relationship("User", foreign_keys=[offered_by_id])


class PinnedResource(TimestampMixin, db.Model):
    """A link a group's leaders pin on the group page: a referral, a service, some reading."""

    __tablename__ = "pinned_resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    url: Mapped[str] = mapped_column(String(500))
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class GroupNotice(TimestampMixin, db.Model):
    """A one-time message to a member about a group (welcome, a decision on their request), shown once."""

    __tablename__ = "group_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # welcome | request_declined | role_removed
    message: Mapped[str] = mapped_column(Text, default="")  # plain text from a leader, escaped when shown
    seen_at: Mapped[datetime | None]
