"""What goes over the socket: payload checks on the way in, message and card dicts on the way out."""

from __future__ import annotations

import json

from models import ChatMessage, CrisisResource, User
from models.user import handle_of

from .. import permissions as perm
from ..moderation.policy import CRISIS_TITLE, HELPER_STEPS, HELPER_TITLE
from ..services.errors import ValidationError

PAYLOAD_MAX = 8 * 1024  # bytes of JSON; a chat message is at most 2,000 characters


def room_of(group_id: int) -> str:
    """The Socket.IO room of a group."""
    return f"group-{group_id}"


def room_of_user(user_id: int) -> str:
    """The Socket.IO room of one user's sockets (private notices)."""
    return f"user-{user_id}"


def payload(data: object, allowed: set[str], required: set[str] = frozenset()) -> dict:
    """A small JSON object with only the expected keys, or ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError("Expected an object.")
    try:
        size = len(json.dumps(data))
    except (TypeError, ValueError):
        raise ValidationError("Expected plain JSON.") from None
    if size > PAYLOAD_MAX:
        raise ValidationError("That is too large.")
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"Unexpected field: {sorted(unknown)[0]}.")
    missing = required - set(data)
    if missing:
        raise ValidationError(f"Missing field: {sorted(missing)[0]}.")
    return data


def slug_of(value: object) -> str:
    """A group slug from a payload."""
    if not isinstance(value, str) or not 1 <= len(value) <= 80:
        raise ValidationError("Name the group by its slug.", "group")
    return value


def int_of(value: object, field: str, minimum: int = 0) -> int:
    """A non-negative integer from a payload (booleans are not numbers here)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum or value > 2**53:
        raise ValidationError(f"{field} must be a whole number.", field)
    return value


def message_dict(msg: ChatMessage, viewer: User | None = None) -> dict:
    """A message for the wire: sanitised HTML only; the note and key only for its author."""
    author = msg.author
    out = {
        "id": msg.id,
        "group_id": msg.group_id,
        "author": handle_of(author),
        "author_id": msg.author_id,
        "html": msg.html,
        "status": msg.status,
        "pending": msg.status == "held",
        "removed": perm.is_removed(msg),  # erased by its author: nothing to report or act on
        "created_at": msg.created_at.isoformat(),
    }
    if viewer is not None and msg.author_id == viewer.id:
        out["client_key"] = msg.client_key
        if msg.moderation_note:
            out["note"] = msg.moderation_note
    return out


def hidden_event(group_id: int, ids: list[int], replaced_by: dict | None = None) -> tuple[str, dict]:
    """The event telling a window that messages are hidden (or read `replaced_by`): `message_hidden` with the id of
    one, `messages_hidden` with the ids of several (an account's erased lines: one event, not one each)."""
    if len(ids) == 1:
        return "message_hidden", {"group_id": group_id, "id": ids[0], **(replaced_by or {})}
    return "messages_hidden", {"group_id": group_id, "ids": list(ids), **(replaced_by or {})}


def resource_card(message: str | None, resources: list[CrisisResource], helper: bool = False) -> dict:
    """The private card an author at risk receives at once; with `helper`, the card of a member worried about
    someone else (how to help them, and the same services)."""
    return {
        "title": HELPER_TITLE if helper else CRISIS_TITLE,
        "message": message or "",
        "steps": list(HELPER_STEPS) if helper else [],
        # A helper's message says whether a moderator was told (only when the danger reads as now).
        "told": "" if helper else "A peer moderator has been told so someone can check in with you.",
        "resources": [
            {
                "name": r.name,
                "phone": r.phone or "",
                "text": r.text or "",
                "web": r.web or "",
                "hours": r.hours or "",
            }
            for r in resources
        ],  # fmt: skip
    }
