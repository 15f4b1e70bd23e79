"""What helps moderators judge and stay well: notes on members, history, opt-outs, a count of items seen."""

from __future__ import annotations

from sqlalchemy import select

from models import Group, ModeratorNote, ModeratorPreference, Review, User, db

from .. import permissions as perm
from ..database import write_transaction
from ..text_input import clean_text
from .errors import ValidationError
from .guard import require, require_still
from .review_queue import moderated_groups

NOTE_MAX = 1000
CANT_NOTE = "You can't write notes here."
HISTORY_LIMIT = 10
OPTABLE_CATEGORIES = {
    "crisis": "Crisis and risk to self (urgent items still reach you)",
    "concern": "Members worried that someone else is at risk",
    "self_harm": "Self-harm",
    "pro_harm": "Pro-eating-disorder and pro-self-harm content",
    "harassment": "Harassment",
    "spam": "Spam",
    "rule": "Room rules",
}
SEEN_KEEP = 100  # ids live in the cookie session: keep it small (the break prompt comes far earlier)


# -- notes on members --------------------------------------------------------------------------


def notes_on(viewer: User, member_id: int | None) -> list[ModeratorNote]:
    """Notes on a member that the viewer may read: their rooms' notes (site staff: all), newest first."""
    if member_id is None:
        return []
    q = select(ModeratorNote).where(ModeratorNote.user_id == member_id)
    if not perm.is_site_staff(viewer):
        q = q.where(ModeratorNote.group_id.in_([g.id for g in moderated_groups(viewer)]))
    return list(db.session.scalars(q.order_by(ModeratorNote.id.desc()).limit(50)))


def _may_write_notes(author: User, group: Group | None) -> bool:
    return perm.is_site_staff(author) if group is None else perm.can_moderate(author, group)


def add_note(author: User, member: User, group: Group | None, body: str) -> ModeratorNote:
    """Write a private note about a member for the room's moderators (no room: site staff only)."""
    body = clean_text(body)
    if not body:
        raise ValidationError("Write the note first.", "body")
    if len(body) > NOTE_MAX:
        raise ValidationError(f"Keep notes under {NOTE_MAX} characters.", "body")
    require(_may_write_notes(author, group), CANT_NOTE)
    with write_transaction():
        require_still(lambda: _may_write_notes(author, group), CANT_NOTE)
        note = ModeratorNote(
            user_id=member.id, author_id=author.id, group_id=group.id if group else None, body=body
        )
        db.session.add(note)
    return note


# -- the author's record ----------------------------------------------------------------------


def author_history(viewer: User, member_id: int | None, exclude: int | None = None) -> list[Review]:
    """The member's recent reviews that the viewer may see (their rooms; site staff: all)."""
    if member_id is None:
        return []
    q = select(Review).where(Review.target_user_id == member_id)
    if exclude:
        q = q.where(Review.id != exclude)
    if not perm.is_site_staff(viewer):
        q = q.where(Review.group_id.in_([g.id for g in moderated_groups(viewer)]))
    return list(db.session.scalars(q.order_by(Review.id.desc()).limit(HISTORY_LIMIT)))


# -- preferences ------------------------------------------------------------------------------


def opted_out(user: User) -> list[str]:
    """The categories the moderator chose not to see."""
    pref = db.session.scalar(select(ModeratorPreference).where(ModeratorPreference.user_id == user.id))
    return list(pref.opted_out or []) if pref else []


def set_opted_out(user: User, categories: list[str]) -> list[str]:
    """Save the categories the moderator opts out of (unknown ones are refused)."""
    unknown = [c for c in categories if c not in OPTABLE_CATEGORIES]
    if unknown:
        raise ValidationError("Choose categories from the list.", "opted_out")
    chosen = sorted(set(categories))
    with write_transaction():
        pref = db.session.scalar(select(ModeratorPreference).where(ModeratorPreference.user_id == user.id))
        if pref is None:
            pref = ModeratorPreference(user_id=user.id)
            db.session.add(pref)
        pref.opted_out = chosen
    return chosen


# -- items seen this session ------------------------------------------------------------------


def note_seen(store: dict | None, session_token: str | None, review_id: int) -> dict:
    """Count a distinct item seen in this login session; returns the new store (kept in the cookie session)."""
    if not store or store.get("token") != session_token:
        store = {"token": session_token, "ids": []}
    ids = list(store.get("ids") or [])
    if review_id not in ids:
        ids = [*ids, review_id][-SEEN_KEEP:]
    return {"token": session_token, "ids": ids}


def seen_count(store: dict | None, session_token: str | None) -> int:
    """How many distinct items the moderator has opened in this login session."""
    if not store or store.get("token") != session_token:
        return 0
    return len(store.get("ids") or [])


def groups_for_filter(viewer: User) -> list[Group]:
    """The rooms offered in the queue's room filter."""
    return moderated_groups(viewer)
