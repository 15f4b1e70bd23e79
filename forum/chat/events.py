"""Socket.IO handlers: the same login, the same predicates and the same services as HTTP; thin on purpose."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from flask import current_app, g, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, SocketIO, emit, join_room, leave_room

from models import Group, User, db

from .. import permissions as perm
from ..database import is_busy
from ..services import chat as chat_svc
from ..services import groups as groups_svc
from ..services.errors import PermissionDenied, RateLimited, ServiceError, ValidationError
from ..services.reports import submit_report
from ..services.resources import resources_for
from . import fleet
from .presence import Connection, registry
from .wire import int_of, message_dict, payload, resource_card, room_of, room_of_user, slug_of

log = logging.getLogger("forum.chat")


def _origin_allowed() -> bool:
    """Same origin (host and port) or a configured origin; no Origin header means not a browser page elsewhere."""
    origin = request.headers.get("Origin")
    if not origin:
        return True
    allowed = {o.rstrip("/") for o in current_app.config.get("SOCKETIO_ALLOWED_ORIGINS") or []}
    return urlsplit(origin).netloc == request.host or origin.rstrip("/") in allowed


def _user() -> User | None:
    """The user of the HTTP login session behind this socket, loaded afresh for every event."""
    # An event may run inside an app context that is already active (tests, nested contexts): drop what an
    # earlier event cached there, so the login and memberships are read from the database now.
    g.pop("_login_user", None)
    g.pop("_memberships", None)
    if not current_user.is_authenticated or not current_user.is_active:
        return None
    return current_user._get_current_object()


def event(fn: Callable) -> Callable:
    """Re-check the login, turn service errors into an error ack (and a `chat_error` event), change nothing."""

    @functools.wraps(fn)
    def wrapper(data: object = None, *_extra: object) -> dict:
        user = _user()
        if user is None:
            emit("chat_error", {"event": fn.__name__[3:], "error": "Please log in again."})
            _drop(request.sid)
            return {"ok": False, "error": "Please log in again."}
        try:
            groups_svc.touch(user)  # in a chat room counts as seen (on duty), at most a write a minute
            return fn(user, data)
        except ServiceError as err:
            db.session.rollback()
            emit("chat_error", {"event": fn.__name__[3:], "error": err.message})
            # Only a wait (rate limit, slow mode) passes by itself; a refusal (muted, read-only, closed, bad input)
            # would fail the same way again, so the browser offers no Retry for it.
            out = {"ok": False, "error": err.message, "retryable": isinstance(err, RateLimited)}
            if getattr(err, "retry_after", 0):
                out["retry_after"] = err.retry_after
            return out
        except Exception as err:
            db.session.rollback()
            if is_busy(err):  # the write lock was held past the wait: nothing was saved, sending again works
                log.warning("chat event %s: write lock wait timed out", fn.__name__)
                return {
                    "ok": False,
                    "error": "Very busy just now. Please send it again.",
                    "retry_after": 5,
                    "retryable": True,
                }
            log.exception("chat event %s failed", fn.__name__)
            return {"ok": False, "error": "Something went wrong. Please try again.", "retryable": True}

    return wrapper


def _drop(sid: str) -> None:
    from ..extensions import socketio

    announce_left(registry.remove(sid))
    socketio.server.disconnect(sid, namespace="/")


def announce_left(conn: Connection | None, group_ids: Iterable[int] | None = None) -> None:
    """Tell each room the socket left that its user is gone, unless another of their sockets is still there."""
    from ..extensions import socketio

    if conn is None:
        return
    for group_id in conn.groups if group_ids is None else group_ids:
        if not registry.user_in(conn.user_id, group_id):
            socketio.emit("presence", {"group_id": group_id, "left": conn.handle}, to=room_of(group_id))


def _readable_group(user: User, slug: object) -> Group:
    group = groups_svc.get_group(slug_of(slug), user)
    if not perm.can_view(user, group):
        raise PermissionDenied("Only members can read this group's chat.")
    return group


def _joined_group(user: User, slug: object) -> Group:
    """A group this socket joined and may still read (permission is re-checked, not trusted from the join);
    a socket that may no longer read the room is taken out of it."""
    group = groups_svc.get_group(slug_of(slug), user)
    if not registry.in_group(request.sid, group.id):
        raise ValidationError("Join the room first.", "group")
    if not perm.can_view(user, group):
        leave_room(room_of(group.id))
        registry.leave(request.sid, group.id)
        announce_left(registry.get(request.sid), [group.id])
        raise PermissionDenied("Only members can read this group's chat.")
    return group


def _room_state(user: User, group: Group) -> dict:
    status = chat_svc.chat_status(group)
    return {"state": status.state, "reason": status.reason, "can_send": perm.can_chat(user, group),
            "can_moderate": perm.can_moderate(user, group)}  # fmt: skip


# -- connection ------------------------------------------------------------------------------------------------------


def on_connect(auth: object = None) -> None:
    """Refuse foreign origins and anonymous sockets; enter the per-user room."""
    if not _origin_allowed():
        raise ConnectionRefusedError("This origin may not connect.")
    user = _user()
    if user is None:
        raise ConnectionRefusedError("Please log in to use chat.")
    registry.add(request.sid, user.id, user.handle, user.session_token)
    join_room(room_of_user(user.id))


def on_disconnect(*_reason: object) -> None:
    """Forget the socket and update presence in its rooms."""
    announce_left(registry.remove(request.sid))


# -- room ------------------------------------------------------------------------------------------------------------


@event
def on_join(user: User, data: object) -> dict:
    """Enter a group's room (where the group page would allow reading); returns recent history and presence."""
    p = payload(data, {"group"}, {"group"})
    group = _readable_group(user, p["group"])
    arrived = not registry.user_in(user.id, group.id)
    join_room(room_of(group.id))
    registry.join(request.sid, group.id)
    handles = registry.handles_in(group.id)
    if arrived:  # a delta, not the whole list: a full list to everyone on every join costs N squared
        emit(
            "presence",
            {"group_id": group.id, "joined": user.handle},
            to=room_of(group.id),
            include_self=False,
        )
    messages = chat_svc.history(group, user)
    return {"ok": True, "group_id": group.id, "messages": [message_dict(m, user) for m in messages],
            "more": len(messages) == chat_svc.HISTORY_LIMIT, "presence": handles, **_room_state(user, group)}  # fmt: skip


@event
def on_leave(user: User, data: object) -> dict:
    """Leave a group's room."""
    group = _joined_group(user, payload(data, {"group"}, {"group"})["group"])
    leave_room(room_of(group.id))
    registry.leave(request.sid, group.id)
    announce_left(registry.get(request.sid), [group.id])
    return {"ok": True}


@event
def on_history(user: User, data: object) -> dict:
    """Older messages: the page before `before_id`."""
    p = payload(data, {"group", "before_id"}, {"group", "before_id"})
    group = _joined_group(user, p["group"])
    messages = chat_svc.history(group, user, before_id=int_of(p["before_id"], "before_id", 1))
    return {"ok": True, "messages": [message_dict(m, user) for m in messages],
            "more": len(messages) == chat_svc.HISTORY_LIMIT}  # fmt: skip


@event
def on_since(user: User, data: object) -> dict:
    """Reconnect catch-up: every message after `after_id`, oldest first (and, given `from_id`, hidden ids)."""
    p = payload(data, {"group", "after_id", "from_id"}, {"group", "after_id"})
    group = _joined_group(user, p["group"])
    after_id = int_of(p["after_id"], "after_id")
    messages = chat_svc.since(group, user, after_id)
    out = {"ok": True, "messages": [message_dict(m, user) for m in messages],
           "more": len(messages) == chat_svc.SINCE_MAX}  # fmt: skip
    if "from_id" in p:  # the oldest id the client holds: which of its messages were hidden while it was away
        out["hidden"] = chat_svc.hidden_between(group, user, int_of(p["from_id"], "from_id"), after_id)
    return out


@event
def on_presence(user: User, data: object) -> dict:
    """Who is in the room now, by handle."""
    group = _joined_group(user, payload(data, {"group"}, {"group"})["group"])
    return {"ok": True, "handles": registry.handles_in(group.id)}


@event
def on_typing(user: User, data: object) -> dict:
    """Tell the others in the room that this member is typing."""
    group = _joined_group(user, payload(data, {"group"}, {"group"})["group"])
    if not perm.can_chat(user, group):
        raise PermissionDenied("You can't send messages here now.")
    emit("typing", {"group_id": group.id, "handle": user.handle}, to=room_of(group.id), include_self=False)
    return {"ok": True}


# -- messages --------------------------------------------------------------------------------------------------------


@event
def on_send(user: User, data: object) -> dict:
    """Send a message: the chat service validates, screens and stores it; then it goes to whoever may see it."""
    p = payload(data, {"group", "text", "client_key"}, {"group", "text", "client_key"})
    group = _joined_group(user, p["group"])
    out = chat_svc.send_message(user, group, p["text"], p["client_key"])
    msg = out.message
    if not out.duplicate:
        _deliver(user, group, out)
    return {"ok": True, "id": msg.id, "status": msg.status, "message": message_dict(msg, user),
            "duplicate": out.duplicate}  # fmt: skip


def _deliver(user: User, group: Group, out: chat_svc.SendOutcome) -> None:
    msg, verdict = out.message, out.verdict
    if msg.status == "visible":
        emit("chat_message", message_dict(msg), to=room_of(group.id))
    else:
        # Held: its author sees it (marked pending) on every socket they have open, and so do the room's online
        # moderators, in any server process; nobody else.
        emit("chat_message", message_dict(msg, user), to=room_of_user(user.id))
        fleet.order("held_to_moderators", group_id=group.id, message_id=msg.id, author_id=user.id)
    if verdict.show_resources or verdict.helper:
        card = resource_card(
            verdict.author_message, resources_for(user.region, group.topic), helper=not verdict.show_resources
        )
        emit("resource_card", card, to=room_of_user(user.id))


@event
def on_flag(user: User, data: object) -> dict:
    """Report a message to the room's moderators (the reports service validates, rate-limits and merges)."""
    p = payload(data, {"message_id", "report_type", "note"}, {"message_id", "report_type"})
    msg = chat_svc.get_message(p["message_id"], user)
    note = p.get("note") or ""
    if not isinstance(p["report_type"], str) or not isinstance(note, str):
        raise ValidationError("A report type and note are text.")
    submit_report(user, msg, p["report_type"], note)
    return {"ok": True}


@event
def on_hide(user: User, data: object) -> dict:
    """A moderator hides a message; it disappears for everyone at once."""
    p = payload(data, {"message_id", "reason"}, {"message_id"})
    msg = chat_svc.get_message(p["message_id"], user)
    chat_svc.hide_message(user, msg, p.get("reason"))  # the service tells the room (message_hidden)
    return {"ok": True, "id": msg.id}


@event
def on_mute(user: User, data: object) -> dict:
    """A moderator mutes a member in this room for some minutes."""
    p = payload(data, {"group", "handle", "minutes", "reason"}, {"group", "handle", "minutes"})
    group = _joined_group(user, p["group"])
    target = chat_svc.find_member(group, p["handle"])
    m = chat_svc.mute_member(user, group, target, p["minutes"], p.get("reason"))
    return {"ok": True, "handle": target.handle, "muted_until": m.muted_until.isoformat()}


HANDLERS = {
    "connect": on_connect, "disconnect": on_disconnect, "join": on_join, "leave": on_leave,
    "history": on_history, "since": on_since, "presence": on_presence, "typing": on_typing,
    "send": on_send, "flag": on_flag, "hide": on_hide, "mute": on_mute,
}  # fmt: skip


def register(socketio: SocketIO) -> None:
    """Bind the handlers to the (freshly initialised) Socket.IO server."""
    for name, handler in HANDLERS.items():
        socketio.on(name)(handler)
