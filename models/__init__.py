"""SQLAlchemy models; imports nothing from forum/."""

from .base import Base, db, utcnow
from .chat import ChatMessage
from .group import Category, Group, GroupSettings, Membership
from .meeting import Meeting
from .moderation import PRIORITY_RANK as PRIORITY_RANK_MAP
from .moderation import AuditEntry, ModerationLabel, Review, ReviewEvent, ReviewSignal
from .notification import Notification
from .resources import CrisisResource
from .thread import Post, PostRevision, Reaction, Thread
from .user import LoginSession, RecoveryCode, User

__all__ = [
    "AuditEntry",
    "Base",
    "Category",
    "ChatMessage",
    "CrisisResource",
    "Group",
    "GroupSettings",
    "LoginSession",
    "Meeting",
    "Membership",
    "ModerationLabel",
    "PRIORITY_RANK_MAP",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "RecoveryCode",
    "Review",
    "ReviewEvent",
    "ReviewSignal",
    "Thread",
    "User",
    "db",
    "utcnow",
]
