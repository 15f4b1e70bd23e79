"""Private notices to one member: resource cards, report receipts, moderation outcomes, role offers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import TimestampMixin, db

NOTIFICATION_KINDS = (
    "resources",
    "report_received",
    "report_outcome",
    "moderation",
    "role_offer",
    "join_request",
    "join_decision",
    "info",
)


class Notification(TimestampMixin, db.Model):
    """One notice; `resources` notices render as the crisis resource card."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    message: Mapped[str] = mapped_column(String(1000))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    read_at: Mapped[datetime | None]
