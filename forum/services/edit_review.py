"""Keeping a post's review current when its author edits it.

What an edit of a held post does (as Discourse does with an edited hidden post): the new text is screened like a
new post. If it passes, it is published at once: the pipeline's own notes invite the author to rephrase ("Your
post is waiting until then"), and what goes public is only the new, screened text; the held version stays out of
the public history (PostRevision.status). The open review is not closed by the edit: it stays pending with an
"edited" event saying where the post stands, so moderators see the change and can still act on it.
"""

from __future__ import annotations

from sqlalchemy import select

from models import Post, Review, ReviewEvent, db

from ..moderation.reviews import open_review
from .screening import Verdict


def review_edit(post: Post, verdict: Verdict) -> None:
    """Merge the edit's signals into the post's review and note the edit on a pending one; call under the lock."""
    if verdict.needs_review:
        open_review(post, verdict.signals, priority=verdict.priority or "normal")
    review = db.session.scalar(
        select(Review).where(Review.target_type == "post", Review.target_id == post.id)
    )
    if review is None or review.status != "pending":
        return
    now = "waiting for a moderator" if post.status == "held" else f"{post.status} to others"
    review.events.append(ReviewEvent(action="edited", reason=f"The author edited the post; it is now {now}.",
                                     data={"status": post.status}))  # fmt: skip
