"""Plain data types shared by the moderation detectors, the pipeline and its callers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CATEGORIES = ("crisis", "self_harm", "pro_harm", "harassment", "spam", "rule")
ACTIONS = ("publish", "flag", "hold", "reject")
KINDS = ("post", "thread_title", "chat", "bio", "room_text")
WATCH_ACTIONS = ("flag", "hold", "mask", "block")
STRICTNESS_LEVELS = ("lenient", "standard", "strict")

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Signal:
    """One finding of one detector."""

    category: str
    severity: int
    score: float  # 0..1; how sure the detector is
    source: str  # detector name: lexicon, classifier, numbers, watched_words, behaviour, premoderation
    reason: str  # human-readable, shown to moderators
    evidence: str = ""  # the matched span, kept short
    # counts in full without the classifier's backing (an unambiguous term such as a slur)
    alone: bool = False

    def to_dict(self) -> dict:
        """Return a JSON-ready dict."""
        return {
            "category": self.category,
            "severity": self.severity,
            "score": round(self.score, 4),
            "source": self.source,
            "reason": self.reason,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class WatchedWord:
    """A room leader's watched word; `pattern` may use * as a wildcard ("thin*")."""

    pattern: str
    action: str  # flag | hold | mask | block


@dataclass(frozen=True)
class RoomRules:
    """The moderation settings of the room the text is posted in."""

    topic: str = "general"  # e.g. "eating-disorders", "grief", "depression", "addictions"
    numbers_rule: bool = False
    watched_words: tuple[WatchedWord, ...] = ()
    premoderation: str = "off"  # off | new_members | everyone
    # category -> "lenient" | "standard" | "strict"; a missing category is "standard"
    strictness: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def strictness_for(self, category: str) -> str:
        """Return the strictness level for a category, defaulting to standard."""
        level = self.strictness.get(category, "standard")
        return level if level in STRICTNESS_LEVELS else "standard"

    def __hash__(self) -> int:  # Mapping fields are not hashable; hash what identifies the rules
        return hash(
            (
                self.topic,
                self.numbers_rule,
                self.watched_words,
                self.premoderation,
                tuple(sorted(self.strictness.items())),
            )
        )


@dataclass(frozen=True)
class AuthorInfo:
    """What the pipeline may know about the author."""

    is_new_member: bool = False
    prior_posts: int = 0
    posts_last_10_min: int = 0


@dataclass(frozen=True)
class Context:
    """Where the text is going and who wrote it."""

    kind: str = "post"  # post | thread_title | chat | bio | room_text
    rules: RoomRules = field(default_factory=RoomRules)
    author: AuthorInfo = field(default_factory=AuthorInfo)
    # The author's own words just before this text, also read with it for risk to self: their last chat lines in
    # the room (oldest first) that were published without a review, or a first post's thread title. A member in
    # crisis often types in fragments, and the fragments read together say what none says alone.
    before: tuple[str, ...] = ()
    # For a thread's title: the title and its first post as one text. A title alone gives the classifier little to go
    # on ("I'm done!" over a post about finishing chemo), so its readings count only where the whole thread backs them.
    within: str = ""
    # For a reply (a post in a thread, a chat line): other members' words it may answer, the thread's first post and
    # the post above it, or the room's last chat lines. "me too" under a goodbye says what the goodbye says, and
    # "keep going!!" under a fast cheers it on (moderation.replies).
    answering: tuple[str, ...] = ()


@dataclass
class Assessment:
    """Everything the detectors found in one text."""

    signals: list[Signal]
    masked_text: str | None = None  # text with rule-breaking numbers / mask-words masked, when any
    model_version: str | None = None  # the classifier that ran, or None when only the lexicon did
    words: int | None = None  # word count of the text: how much evidence the classifier had (None: unknown)
    # The same detectors' risk-to-self signals on Context.before and this text read as one (None without it).
    together: Assessment | None = None
    # The same detectors' content signals on Context.within, the whole this text is part of (None without it).
    within: Assessment | None = None
    # What a reply takes on from a post at risk that it answers (Context.answering) and joins, urges or cheers on
    # (moderation.replies; source "reply"); None without Context.answering.
    answers: Assessment | None = None

    def categories(self) -> dict[str, dict]:
        """Return category -> {"severity": max severity, "score": max score}."""
        out: dict[str, dict] = {}
        extra = [
            *(self.together.signals if self.together else ()),
            *(self.answers.signals if self.answers else ()),
        ]
        for s in [*self.signals, *extra]:
            cur = out.setdefault(s.category, {"severity": 0, "score": 0.0})
            cur["severity"] = max(cur["severity"], s.severity)
            cur["score"] = round(max(cur["score"], s.score), 4)
        return out


@dataclass
class Decision:
    """What to do with the text, and why."""

    action: str  # publish | flag | hold | reject
    reasons: list[str]
    priority: str | None  # urgent | high | normal | None (None = no review)
    show_resources: bool
    author_message: str | None  # kind private note to the author
    masked_text: str | None
    signals: list[Signal]
    # The author is worried about someone else at risk (moderation.concern): show them, privately, how to help.
    helper: bool = False

    def to_dict(self) -> dict:
        """Return a JSON-ready dict."""
        return {
            "action": self.action,
            "reasons": list(self.reasons),
            "priority": self.priority,
            "show_resources": self.show_resources,
            "author_message": self.author_message,
            "masked_text": self.masked_text,
            "signals": [s.to_dict() for s in self.signals],
            "helper": self.helper,
        }
