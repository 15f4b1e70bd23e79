"""Behaviour detector: a new member's first posts and bursts of posting.

Both are reported under "spam": flooding and drive-by posting are what they usually indicate, and "rule" is kept
for the room's own rules (which ask the author to rephrase). A new member's first post alone scores below the
flag threshold, so it is visible to moderators but does not act by itself; with a link it is flagged.
"""

from __future__ import annotations

import re

from forum.moderation.normalise import Normalised
from forum.moderation.policy import THRESHOLDS
from forum.moderation.types import Context, Signal

NAME = "behaviour"
FIRST_POSTS = 3  # prior_posts below this, for a new member, counts as "first posts"
BURST = {"chat": 30, "default": 10}  # posts in the last 10 minutes that count as a burst, by content kind
ALONE = 0.3  # a first post by itself: recorded, below any action
FLAG, HOLD = THRESHOLDS[
    "spam"
]  # scores that make decide() flag (first post with a link, burst) or hold (2x burst)
_LINK = re.compile(
    r"https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|io|ru|xyz|shop|biz|info|co)\b", re.IGNORECASE
)


def detect(text: str, normalised: Normalised, context: Context) -> list[Signal]:
    """Return behaviour signals for the author's recent activity."""
    author = context.author
    out: list[Signal] = []
    if author.is_new_member and author.prior_posts < FIRST_POSTS:
        links = len(_LINK.findall(text))
        score = FLAG if links else ALONE
        reason = "new member's first posts" + (" with a link" if links else "")
        out.append(Signal("spam", 1, score, NAME, reason))
    limit = BURST.get(context.kind, BURST["default"])
    if author.posts_last_10_min >= limit:
        big = author.posts_last_10_min >= 2 * limit
        out.append(
            Signal(
                "spam",
                2 if big else 1,
                HOLD if big else FLAG,
                NAME,
                f"burst: {author.posts_last_10_min} posts in 10 minutes",
            )
        )
    return out
