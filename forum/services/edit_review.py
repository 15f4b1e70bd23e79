"""Keeping a post's review current when its author edits it.

What an edit of a held post does (as Discourse does with an edited hidden post): the new text is screened like a
new post. If it passes, it is published at once: the pipeline's own notes invite the author to rephrase ("Your
post is waiting until then"), and what goes public is only the new, screened text; the held version stays out of
the public history (PostRevision.status). The open review is not closed by the edit: it stays pending with an
"edited" event saying where the post stands, so moderators see the change and can still act on it.
"""

from __future__ import annotations

from sqlalchemy import select

from models import Post, Review, ReviewEvent, ReviewSignal, db

from ..moderation.reviews import open_review
from .screening import Verdict

# Which concern names a review when several apply: a person at risk comes first, then harm to others.
CATEGORY_RANK = {"crisis": 0, "self_harm": 1, "pro_harm": 2, "harassment": 3, "rule": 4, "spam": 5}


def review_edit(post: Post, verdict: Verdict) -> None:
    """Merge the edit's signals into the post's review and note the edit on a pending one; call under the lock."""
    if verdict.needs_review:
        # open_review merges the new signals and raises the priority, but keeps the category it opened with.
        open_review(post, verdict.signals, priority=verdict.priority or "normal")
    review = db.session.scalar(
        select(Review).where(Review.target_type == "post", Review.target_id == post.id)
    )
    if review is None or review.status != "pending":
        return
    review.category = current_category(review, verdict) or review.category
    now = "waiting for a moderator" if post.status == "held" else f"{post.status} to others"
    review.events.append(ReviewEvent(action="edited", reason=f"The author edited the post; it is now {now}.",
                                     data={"status": post.status}))  # fmt: skip


def current_category(review: Review, verdict: Verdict) -> str | None:
    """The category the text calls for now: the edit's own findings and members' reports, not the old text's."""
    categories = [s.category for s in verdict.signals]
    categories += [
        s.category for s in review.signals if isinstance(s, ReviewSignal) and s.reporter_id is not None
    ]
    return min(categories, key=lambda c: CATEGORY_RANK.get(c, len(CATEGORY_RANK)), default=None)
