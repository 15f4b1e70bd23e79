"""Pseudonymous accounts, their login sessions and recovery codes, and the handles of deleted accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import TimestampMixin, db, utcnow

# What every page and chat window shows in place of a deleted account's handle (templates: the `handle` filter).
FORMER_MEMBER = "a former member"


def handle_of(user: User | None) -> str:
    """The user's handle, or FORMER_MEMBER where the writing's author is gone (detached from a deleted account)."""
    return user.handle if user is not None else FORMER_MEMBER


class User(TimestampMixin, db.Model):
    """A member: a handle and a password hash; email is optional."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(32))
    # Uniqueness is case-insensitive: "Robin" and "robin" are one handle.
    handle_key: Mapped[str] = mapped_column(String(32), unique=True)
    # The look-alike key (forum/lookalike.py): sign-up refuses a handle whose key another member's has. Not unique:
    # members who signed up before the key existed may share one, and deleted accounts keep "" here.
    handle_skeleton: Mapped[str] = mapped_column(String(64), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    bio_source: Mapped[str] = mapped_column(Text, default="")
    bio_html: Mapped[str] = mapped_column(Text, default="")
    # visible, held (waiting for a moderator: only its owner and site staff see it) or removed by a moderator.
    bio_status: Mapped[str] = mapped_column(String(16), default="visible", server_default="visible")
    region: Mapped[str] = mapped_column(String(8), default="INTL")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    trust_level: Mapped[int] = mapped_column(default=0)
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_site_moderator: Mapped[bool] = mapped_column(default=False)
    suspended_until: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    deleted_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    # Bumped to revoke every private calendar link of this member (forum/services/feed_keys.py).
    feed_key_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Whether the profile lists the member's rooms to others (site staff still see them, for moderation).
    show_groups: Mapped[bool] = mapped_column(default=True, server_default=sa_true())

    memberships = relationship("Membership", back_populates="user", cascade="all, delete-orphan")

    # Set by the login loader: the token of the LoginSession this request runs under.
    session_token = None  # not a column: set per request

    # -- Flask-Login protocol -------------------------------------------------------------
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        """Every loaded user is authenticated (the loader refuses suspended and deleted accounts)."""
        return True

    @property
    def is_active(self) -> bool:
        """An account that is deleted or suspended now cannot log in."""
        return self.deleted_at is None and not self.is_suspended

    @property
    def is_suspended(self) -> bool:
        """True while a site-wide suspension runs."""
        return self.suspended_until is not None and self.suspended_until > utcnow()

    def get_id(self) -> str | None:
        """Flask-Login stores the login-session token, never the user id, so logout can revoke it."""
        return self.session_token

    def __repr__(self) -> str:
        return f"<User {self.handle}>"


class LoginSession(TimestampMixin, db.Model):
    """One logged-in browser; deleting the row ends that session everywhere (cookie copies included)."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class RecoveryCode(db.Model):
    """A one-time code that can reset the password; only its hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None]


class RetiredHandle(db.Model):
    """The handle of a deleted account, kept only as a digest so nobody can sign up under it and pose as them.

    Not linked to the account's remaining row: the digest says a handle was once used (as the sign-up form would),
    never which former member's records it belongs to.
    """

    __tablename__ = "retired_handle"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # The digest of the handle's look-alike key, so "lantem.keeper" stays reserved too. Handles retired before it
    # was kept have none (their key can't be recovered from the digest): only their exact handle is reserved.
    # Not unique: two deleted handles may have had one look-alike key.
    skeleton_digest: Mapped[str | None] = mapped_column(String(64), index=True)
