"""Categories, groups (rooms), their settings and memberships."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow

VISIBILITIES = ("public", "members", "unlisted")
JOINING = ("open", "request", "invite")
ROLES = ("member", "moderator", "leader")
STATES = ("active", "pending", "invited", "banned")


class Category(db.Model):
    """A topic family such as addictions or grief and loss."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    # The moderation topic its rooms default to (e.g. "eating-disorders"), used for resources and rules.
    topic: Mapped[str] = mapped_column(String(64), default="general")
    position: Mapped[int] = mapped_column(default=0)

    groups = relationship("Group", back_populates="category", order_by="Group.name")


class Group(TimestampMixin, db.Model):
    """A room: one self-help group."""

    __tablename__ = "group"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    # What the name is unique by (forum/lookalike.name_key): case, spacing, punctuation and look-alikes folded.
    # Rooms that shared a name before it existed keep their name; the later ones' key is "<key>~<id>".
    name_key: Mapped[str] = mapped_column(String(160), unique=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    rules_source: Mapped[str] = mapped_column(Text, default="")
    rules_html: Mapped[str] = mapped_column(Text, default="")
    welcome_source: Mapped[str] = mapped_column(Text, default="")
    welcome_html: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    joining: Mapped[str] = mapped_column(String(16), default="open")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    category: Mapped[Category] = relationship(back_populates="groups")
    settings: Mapped[GroupSettings] = relationship(
        back_populates="group", uselist=False, cascade="all, delete-orphan", lazy="joined"
    )
    memberships = relationship("Membership", back_populates="group", cascade="all, delete-orphan")

    @property
    def topic(self) -> str:
        """The moderation topic of this room (its category's)."""
        return self.category.topic if self.category else "general"

    def __repr__(self) -> str:
        return f"<Group {self.slug}>"


class GroupSettings(db.Model):
    """A room's moderation and chat settings; grows with the leader-settings work."""

    __tablename__ = "group_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), unique=True)
    premoderation: Mapped[str] = mapped_column(String(16), default="off")  # off | new_members | everyone
    numbers_rule: Mapped[bool] = mapped_column(default=False)
    # category -> lenient | standard | strict; crisis can never go below the site floor.
    strictness: Mapped[dict] = mapped_column(JSON, default=dict)
    required_cw_topics: Mapped[list] = mapped_column(JSON, default=list)
    # [{"pattern": "thin*", "action": "flag|hold|mask|block"}]
    watched_words: Mapped[list] = mapped_column(JSON, default=list)
    slow_mode_seconds: Mapped[int] = mapped_column(default=0)
    chat_read_only: Mapped[bool] = mapped_column(default=False)
    chat_meetings_only: Mapped[bool] = mapped_column(default=False)
    # [{"day": 0-6, "start": "HH:MM", "end": "HH:MM"}] in the group's time zone; empty = always open.
    chat_open_hours: Mapped[list] = mapped_column(JSON, default=list)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]

    group: Mapped[Group] = relationship(back_populates="settings")


class Membership(TimestampMixin, db.Model):
    """A user's place in a group: a role and a state."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="member")
    state: Mapped[str] = mapped_column(String(16), default="active")
    muted_until: Mapped[datetime | None]
    request_message: Mapped[str] = mapped_column(String(500), default="")

    user = relationship("User", back_populates="memberships")
    group: Mapped[Group] = relationship(back_populates="memberships")

    @property
    def is_muted(self) -> bool:
        """True while a mute runs."""
        return self.muted_until is not None and self.muted_until > utcnow()
