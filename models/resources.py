"""Crisis resources shown to people at risk."""

from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import db


class CrisisResource(db.Model):
    """A helpline or service: region, contact ways, hours, topics."""

    __tablename__ = "crisis_resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(8), index=True)  # ISO country code, or INTL for the fallback
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(String(80), default="")
    web: Mapped[str] = mapped_column(String(300), default="")
    hours: Mapped[str] = mapped_column(String(80), default="")
    # Topics the service specialises in (e.g. "eating-disorders"); empty means every topic.
    topics: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
