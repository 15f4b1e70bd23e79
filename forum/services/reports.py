"""Members' reports: validated, rate-limited, weighted by the reporter's record, merged into the target's Review."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from models import ModerationLabel, Review, ReviewSignal, User, db, utcnow

from .. import permissions as perm
from ..database import write_transaction
from ..moderation.reviews import open_review, target_ref
from ..text_input import clean_line
from .errors import RateLimited, ValidationError
from .guard import require, require_still
from .notifications import notify

REPORT_TYPES = {
    "risk_to_self": "They may be at risk of harming themselves",
    "pro_harm": "It promotes an eating disorder or self-harm",
    "harassment": "Harassment or abuse of a member",
    "spam": "Spam or advertising",
    "other": "Something else (please say what)",
}
REPORT_CATEGORY = {"risk_to_self": "crisis", "pro_harm": "pro_harm", "harassment": "harassment",
                   "spam": "spam", "other": "rule"}  # fmt: skip
NOTE_MAX = 500
CANT_REPORT = "You can't report this."
OWN_CONTENT = "You can't report your own content."
NOTHING_LEFT = "This has been removed, so there is nothing left to report."
REPORTS_PER_HOUR = 10
RESOURCES_MESSAGE = (
    "Someone in the community is thinking of you and wanted to make sure you know where to find support. "
    "If things feel too much right now, these services are there any time."
)


def reporter_record(user: User) -> tuple[int, int]:
    """(upheld, rejected): how often moderators agreed with this member's past reports.

    Read from the moderators' labels, not the Review status: a crisis post that stays up with support ("approved")
    still upheld the report.
    """
    rows = db.session.execute(
        select(ModerationLabel.label, func.count(ReviewSignal.id))
        .join(ModerationLabel, ModerationLabel.review_id == ReviewSignal.review_id)
        .where(ReviewSignal.reporter_id == user.id)
        .group_by(ModerationLabel.label)
    ).all()
    rejected = sum(n for label, n in rows if label == "none")
    upheld = sum(n for label, n in rows if label != "none")
    return upheld, rejected


def reporter_weight(user: User) -> float:
    """0.25 to 2.0: grows with upheld reports, shrinks with rejected ones (smoothed, so one report moves little)."""
    upheld, rejected = reporter_record(user)
    ratio = (upheld + 1) / (upheld + rejected + 2)
    return round(min(2.0, max(0.25, 2 * ratio * (1 + min(upheld, 20) / 40))), 3)


def target_visible(reporter: User, target: object) -> bool:
    """Whether the member can see what they want to report (the report page is 404 otherwise)."""
    return perm.can_see_to_report(reporter, target)


def refusal(reporter: User, target: object) -> str | None:
    """Why the member can't report this (their own, removed, out of sight), or None if they may."""
    if perm.can_report(reporter, target):
        return None
    if target_ref(target).user_id == reporter.id:
        return OWN_CONTENT
    return NOTHING_LEFT if perm.is_removed(target) else CANT_REPORT


def _validate(reporter: User, target: object, report_type: str, note: str) -> str:
    if report_type not in REPORT_TYPES:
        raise ValidationError("Choose what kind of problem this is.", "report_type")
    note = clean_line(
        note
    )  # as every other user text: no direction controls, nothing invisible passes as a note
    if len(note) > NOTE_MAX:
        raise ValidationError(f"Keep the note under {NOTE_MAX} characters.", "note")
    if report_type == "other" and not note:
        raise ValidationError("Please say briefly what the problem is.", "note")
    why_not = refusal(reporter, target)
    if why_not == OWN_CONTENT:
        raise ValidationError(OWN_CONTENT)
    require(why_not is None, why_not)
    return note


def _check_rate(reporter: User, target: object) -> None:
    since = utcnow() - timedelta(hours=1)
    recent = db.session.scalar(
        select(func.count(ReviewSignal.id)).where(
            ReviewSignal.reporter_id == reporter.id, ReviewSignal.created_at >= since
        )
    )
    if recent >= REPORTS_PER_HOUR:
        raise RateLimited(
            "You have sent a lot of reports in the last hour. Please try again later.", retry_after=3600
        )
    ref = target_ref(target)
    already = db.session.scalar(
        select(func.count(ReviewSignal.id)).join(ReviewSignal.review).where(
            ReviewSignal.reporter_id == reporter.id, Review.target_type == ref.type, Review.target_id == ref.id,
            Review.status == "pending",
        )
    )  # fmt: skip
    if already:
        raise ValidationError("You have already reported this. The moderators have it.")


def _priority(report_type: str, weight: float) -> str:
    if report_type == "risk_to_self":
        return "urgent"
    if report_type in ("harassment", "pro_harm") and weight >= 1.0:
        return "high"
    return "normal" if weight >= 0.5 else "low"


def submit_report(reporter: User, target: object, report_type: str, note: str = "") -> Review:
    """Report a post, thread, chat message or profile; returns the target's (merged) Review."""
    note = _validate(reporter, target, report_type, note)
    weight = reporter_weight(reporter)
    signal = {"source": "report", "category": REPORT_CATEGORY[report_type], "severity": 2 if report_type ==
              "risk_to_self" else 1, "score": min(1.0, weight / 2), "reason": REPORT_TYPES[report_type],
              "reporter_id": reporter.id, "report_type": report_type, "note": note, "weight": weight}  # fmt: skip
    ref = target_ref(target)
    with write_transaction():
        # A member banned from the room since the page loaded can no longer see, so no longer report, its content.
        # Removed or erased meanwhile: nothing left to report.
        require_still(lambda: perm.can_report(reporter, target), refusal(reporter, target) or CANT_REPORT)
        # Under the write lock: two reports sent at once must not both pass "already reported" or the hourly limit.
        _check_rate(reporter, target)
        review = open_review(target, [signal], priority=_priority(report_type, weight), actor_id=reporter.id)
        notify(reporter.id, "report_received", "Thank you. Your report reached the moderators; "
               "we'll let you know when they have looked at it.", {"review_id": review.id})  # fmt: skip
        if report_type == "risk_to_self" and ref.user_id:
            # The reported member gets resources privately; never who reported them.
            topic = review.group.topic if review.group else None
            notify(ref.user_id, "resources", RESOURCES_MESSAGE, {"topic": topic})
    return review
