"""Threads, posts, their edit history and supportive reactions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow

STATUSES = ("visible", "held", "hidden", "removed")
# What a post, thread title or chat message says once its author erased their writing on leaving (by nobody then);
# its `erased_at` says it was erased (not the text: a member may type these words, and the wording may change).
ERASED = "[removed by its author]"
REACTIONS = {
    "me_too": "Me too",
    "strength": "Sending strength",
    "thank_you": "Thank you",
    "hug": "Hug",
}


class Thread(TimestampMixin, db.Model):
    """An asynchronous discussion in a group."""

    __tablename__ = "thread"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="visible")
    content_warning: Mapped[str] = mapped_column(String(60), default="")
    is_pinned: Mapped[bool] = mapped_column(default=False)
    is_locked: Mapped[bool] = mapped_column(default=False)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reply_count: Mapped[int] = mapped_column(default=0)
    # When its author erased their writing on leaving: the title reads ERASED since (see permissions.is_removed).
    erased_at: Mapped[datetime | None]

    group = relationship("Group")
    author = relationship("User")
    posts = relationship(
        "Post", back_populates="thread", order_by="Post.id", cascade="all, delete-orphan", lazy="dynamic"
    )


class Post(TimestampMixin, db.Model):
    """One message in a thread; keeps its Markdown source beside the sanitised HTML."""

    __tablename__ = "post"
    __table_args__ = (UniqueConstraint("author_id", "submission_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="visible", index=True)
    content_warning: Mapped[str] = mapped_column(String(60), default="")
    # Why a post is held or flagged, shown to its author (never to others).
    moderation_note: Mapped[str] = mapped_column(String(500), default="")
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    is_first: Mapped[bool] = mapped_column(default=False)
    # The one-time key of the form that created it: a resubmitted form finds this post instead of adding one.
    submission_key: Mapped[str | None] = mapped_column(String(36))
    # When its author erased their writing on leaving: the text reads ERASED since (see permissions.is_removed).
    erased_at: Mapped[datetime | None]

    thread: Mapped[Thread] = relationship(back_populates="posts")
    author = relationship("User")
    revisions = relationship(
        "PostRevision", back_populates="post", order_by="PostRevision.id", cascade="all, delete-orphan"
    )
    reactions = relationship("Reaction", cascade="all, delete-orphan")

    @property
    def is_deleted(self) -> bool:
        """A soft-deleted post shows a tombstone."""
        return self.deleted_at is not None


class PostRevision(TimestampMixin, db.Model):
    """A previous version of a post, kept when it is edited."""

    __tablename__ = "post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    # The status this version had while it was current: only a version others could read is public history.
    status: Mapped[str] = mapped_column(String(16), default="visible", server_default="visible")
    # Kept because a moderator edited a detail out of it: the original is for the record, not for readers.
    redacted: Mapped[bool] = mapped_column(default=False, server_default=false())

    post: Mapped[Post] = relationship(back_populates="revisions")


class Reaction(TimestampMixin, db.Model):
    """A supportive reaction; one per kind per member per post."""

    __tablename__ = "reaction"
    __table_args__ = (UniqueConstraint("post_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
