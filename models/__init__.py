"""SQLAlchemy models; imports nothing from forum/."""

from .base import Base, db, utcnow
from .chat import ChatMessage
from .group import Category, Group, GroupSettings, Membership
from .leadership import GroupNotice, Invitation, PinnedResource, RoleOffer
from .meeting import Meeting
from .moderation import PRIORITY_RANK as PRIORITY_RANK_MAP
from .moderation import AuditEntry, ModerationLabel, Review, ReviewEvent, ReviewSignal
from .moderator import ModeratorNote, ModeratorPreference
from .notification import Notification
from .resources import CrisisResource
from .thread import Post, PostRevision, Reaction, Thread
from .user import LoginSession, RecoveryCode, RetiredHandle, User

__all__ = [
    "AuditEntry",
    "Base",
    "Category",
    "ChatMessage",
    "CrisisResource",
    "Group",
    "GroupNotice",
    "GroupSettings",
    "Invitation",
    "LoginSession",
    "Meeting",
    "Membership",
    "ModerationLabel",
    "ModeratorNote",
    "ModeratorPreference",
    "PinnedResource",
    "PRIORITY_RANK_MAP",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "RecoveryCode",
    "RetiredHandle",
    "Review",
    "ReviewEvent",
    "ReviewSignal",
    "RoleOffer",
    "Thread",
    "User",
    "db",
    "utcnow",
]
