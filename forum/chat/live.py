"""Domain events into the live rooms: logouts and membership changes act on open sockets at once;
new reviews reach the online moderators of their room; held messages let through appear, and hidden or erased ones
change, in every open window."""

from __future__ import annotations

import logging

from sqlalchemy import or_, select

from models import ChatMessage, Group, Membership, User, db

from .. import permissions as perm
from ..events import (
    chat_message_shown,
    chat_messages_hidden,
    membership_changed,
    review_opened,
    sessions_ended,
)
from . import fleet
from .wire import hidden_event, message_dict, room_of

log = logging.getLogger("forum.chat")


@sessions_ended.connect
def _on_sessions_ended(user: User, token: str | None = None, **_: object) -> None:
    """Logout (one session) or suspension/deletion (every session): close those sockets now."""
    fleet.order("end_sessions", user_id=user.id, token=token)


def _ids(membership: object, kwargs: dict) -> tuple[int | None, int | None]:
    user_id, group_id = kwargs.get("user_id"), kwargs.get("group_id")
    if user_id is None or group_id is None:
        try:  # a deleted membership may no longer load its columns
            user_id, group_id = membership.user_id, membership.group_id
        except Exception:  # noqa: BLE001
            return None, None
    return user_id, group_id


@membership_changed.connect
def _on_membership_changed(membership: object, reason: str = "", **kwargs: object) -> None:
    """Muted, banned, removed or left: take the member's sockets out of the room; the client may re-join,
    and the join checks the predicates afresh (a muted member reads without the send box; a banned one can't)."""
    user_id, group_id = _ids(membership, kwargs)
    if user_id is None:
        return
    fleet.order("leave_group", user_id=user_id, group_id=group_id, reason=reason)


@review_opened.connect
def _on_review_opened(review: object, **_: object) -> None:
    """A live `review_alert` to each online moderator of the review's room (site staff too), in every process."""
    alert = {"review_id": review.id, "priority": review.priority, "category": review.category,
             "group_id": review.group_id}  # fmt: skip
    fleet.order("review_alert", alert=alert)


@chat_message_shown.connect
def _on_chat_message_shown(group_id: int, message_id: int, **_: object) -> None:
    """A held message let through reaches the room (every process, through the queue) as a new one would; chat.js
    places it by id, and fills the author's pending copy in place."""
    from ..extensions import socketio

    message = db.session.get(ChatMessage, message_id)
    if message is not None and message.group_id == group_id and message.status == "visible":
        socketio.emit("chat_message", message_dict(message), to=room_of(group_id))


@chat_messages_hidden.connect
def _on_chat_messages_hidden(
    group_id: int,
    ids: list[int] = (),
    unshown_ids: list[int] = (),
    replaced_by: dict | None = None,
    **_: object,
) -> None:
    """What the room saw goes to the room (every process, through the queue); what it never saw (held) only to
    the online authors and moderators who could have seen it, checked in each process."""
    from ..extensions import socketio

    if ids:
        socketio.emit(*hidden_event(group_id, ids, replaced_by), to=room_of(group_id))
    if unshown_ids:
        fleet.order("hidden_unshown", group_id=group_id, ids=list(unshown_ids), replaced_by=replaced_by)


def who_could_have_seen(group_id: int, ids: list[int], online: set[int]) -> dict[int, list[int]]:
    """Of the online users, the authors and moderators who could have seen these messages, with the ids each could."""
    messages = db.session.scalars(select(ChatMessage).where(ChatMessage.id.in_(ids), ChatMessage.group_id == group_id)
                                  .order_by(ChatMessage.id)).all()  # fmt: skip
    candidates = moderator_ids(group_id, online) | ({m.author_id for m in messages} & online)
    users = db.session.scalars(select(User).where(User.id.in_(candidates))) if candidates else []
    with perm.memberships_cached():  # no request here: without it, each (user, message) pair asks again
        seen = {u.id: [m.id for m in messages if perm.could_have_seen_chat_message(u, m)] for u in users}
    return {user_id: message_ids for user_id, message_ids in seen.items() if message_ids}


def moderator_ids(group_id: int | None, online: set[int]) -> set[int]:
    """Which of the online users moderate the room (two queries, however many people are online)."""
    staff = select(User.id).where(User.id.in_(online), User.deleted_at.is_(None),
                                  or_(User.is_admin, User.is_site_moderator))  # fmt: skip
    ids = set(db.session.scalars(staff))
    if group_id is not None:
        ids |= set(db.session.scalars(select(Membership.user_id).where(
            Membership.group_id == group_id, Membership.user_id.in_(online), Membership.state == "active",
            Membership.role.in_(("moderator", "leader")))))  # fmt: skip
    # The predicate stays the judge (suspensions, future rules); the queries only narrow the candidates.
    users = db.session.scalars(select(User).where(User.id.in_(ids))) if ids else []
    group = db.session.get(Group, group_id) if group_id is not None else None
    return {u.id for u in users if perm.can_moderate(u, group)}
