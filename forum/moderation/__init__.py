"""Hearth's framework-free moderation engine: assess(text, context) then decide(assessment, context)."""

from forum.moderation.pipeline import assess, decide, use_model
from forum.moderation.types import (
    CATEGORIES,
    Assessment,
    AuthorInfo,
    Context,
    Decision,
    RoomRules,
    Signal,
    WatchedWord,
)

__all__ = [
    "CATEGORIES",
    "Assessment",
    "AuthorInfo",
    "Context",
    "Decision",
    "RoomRules",
    "Signal",
    "WatchedWord",
    "assess",
    "decide",
    "use_model",
]
