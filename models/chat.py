"""Live chat messages: persisted before they are broadcast, with the same statuses as posts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow

CHAT_STATUSES = ("visible", "held", "hidden", "removed")


class ChatMessage(TimestampMixin, db.Model):
    """One message in a group's chat room; `client_key` makes a retried send idempotent per author."""

    __tablename__ = "chat_message"
    __table_args__ = (
        UniqueConstraint("author_id", "client_key"),
        # History and catch-up read a room's messages by id.
        Index("ix_chat_message_group_id_id", "group_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="visible")
    client_key: Mapped[str] = mapped_column(String(64))
    # Why a message is held, flagged or hidden: shown to its author and moderators, never to others.
    moderation_note: Mapped[str] = mapped_column(String(500), default="")
    # When its author erased their writing on leaving: the text reads ERASED since (see permissions.is_removed).
    erased_at: Mapped[datetime | None]
    # When the room first saw it: at sending, or when a moderator let a held message through. A message hidden or
    # removed while this is None was only ever seen by its author and the moderators (permissions).
    shown_at: Mapped[datetime | None]

    group = relationship("Group")
    author = relationship("User")

    def __init__(self, **kwargs: object) -> None:
        # Stored visible (the default) means the room sees it now; a held one is shown when a moderator lets it through.
        if kwargs.get("status", "visible") == "visible":
            kwargs.setdefault("shown_at", kwargs.get("created_at") or utcnow())
        super().__init__(**kwargs)

    def __repr__(self) -> str:
        return f"<ChatMessage {self.id} in group {self.group_id}>"
