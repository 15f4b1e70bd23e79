"""Domain events into the live rooms: logouts and membership changes act on open sockets at once;
new reviews reach the online moderators of their room."""

from __future__ import annotations

import logging

from models import User, db

from .. import permissions as perm
from ..events import membership_changed, review_opened, sessions_ended
from ..extensions import socketio
from .events import announce_left
from .presence import registry
from .wire import room_of, room_of_user

log = logging.getLogger("forum.chat")


@sessions_ended.connect
def _on_sessions_ended(user: User, token: str | None = None, **_: object) -> None:
    """Logout (one session) or suspension/deletion (every session): close those sockets now."""
    for sid in registry.sids_of(user.id, token):
        conn = registry.remove(sid)
        socketio.server.disconnect(sid, namespace="/")
        announce_left(conn)


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
    for sid in registry.sids_in(user_id, group_id):
        socketio.server.leave_room(sid, room_of(group_id), namespace="/")
        registry.leave(sid, group_id)
        socketio.emit("removed", {"group_id": group_id, "reason": reason or "changed"}, to=sid)
        announce_left(registry.get(sid), [group_id])


@review_opened.connect
def _on_review_opened(review: object, **_: object) -> None:
    """A live `review_alert` to each online moderator of the review's room (site staff too)."""
    online = registry.online_user_ids()
    if not online:
        return
    alert = {"review_id": review.id, "priority": review.priority, "category": review.category,
             "group_id": review.group_id}  # fmt: skip
    group = review.group
    for user_id in online:
        user = db.session.get(User, user_id)
        if user is not None and perm.can_moderate(user, group):
            socketio.emit("review_alert", alert, to=room_of_user(user_id))
