"""Acting on sockets in every server process: a logout, mute, ban or removal reaches sockets held by any process.

Each process knows only its own sockets (presence.registry). With one process an order is carried out at once;
with a Redis message queue it also travels as a control message on the queue, which every process's manager
intercepts (it is never sent to a browser) and carries out on the sockets it holds.
"""

from __future__ import annotations

import logging

import socketio as sio

from .presence import registry
from .wire import room_of

log = logging.getLogger("forum.chat")

_app = None  # the Flask app, for orders that read the database on the queue listener's thread

CONTROL_EVENT = "__hearth_control__"
CONTROL_ROOM = "__hearth_control__"  # no client ever joins it, so nothing reaches a browser even by mistake


def bind(app: object) -> None:
    """Remember the app, so orders arriving from the queue can open an app context."""
    global _app
    _app = app


def _alert_moderators(alert: dict) -> None:
    """Send a review alert to this process's online moderators of the review's room (predicates re-checked)."""
    from ..extensions import socketio
    from .live import moderator_ids
    from .wire import room_of_user

    online = registry.online_user_ids()
    if not online or _app is None:
        return
    with _app.app_context():
        for user_id in moderator_ids(alert.get("group_id"), online):
            socketio.server.emit(
                "review_alert", alert, to=room_of_user(user_id), namespace="/", ignore_queue=True
            )


def _hidden_to_those_who_saw(group_id: int, ids: list[int], replaced_by: dict | None) -> None:
    """Tell this process's online authors and moderators of a room which held messages changed (others never saw
    them, so even their ids are not theirs to know)."""
    from ..extensions import socketio
    from .live import who_could_have_seen
    from .wire import hidden_event, room_of_user

    online = registry.online_user_ids()
    if not online or _app is None:
        return
    with _app.app_context():
        for user_id, seen in who_could_have_seen(group_id, ids, online).items():
            name, data = hidden_event(group_id, seen, replaced_by)
            socketio.server.emit(name, data, to=room_of_user(user_id), namespace="/", ignore_queue=True)


def _held_to_moderators(group_id: int, message_id: int, author_id: int) -> None:
    """Show this process's online moderators of the room a message just held for review, marked pending: they
    watch the room, and a message others cannot see yet is theirs to judge (the predicates are re-checked)."""
    from models import ChatMessage, db

    from ..extensions import socketio
    from .live import moderator_ids
    from .wire import message_dict, room_of_user

    online = registry.online_user_ids() - {author_id}  # the author has it already, with their own note
    if not online or _app is None:
        return
    with _app.app_context():
        message = db.session.get(ChatMessage, message_id)
        if message is None or message.group_id != group_id or message.status != "held":
            return
        data = message_dict(message)
        for user_id in moderator_ids(group_id, online):
            socketio.server.emit(
                "chat_message", data, to=room_of_user(user_id), namespace="/", ignore_queue=True
            )


def carry_out(order: dict) -> None:
    """Carry out one order on this process's sockets: end sessions, leave a room, alert moderators, show them a
    held message, or tell who saw a held message that it changed."""
    from ..extensions import socketio
    from .events import announce_left

    if order.get("op") == "end_sessions":
        for sid in registry.sids_of(order["user_id"], order.get("token")):
            conn = registry.remove(sid)
            socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
            announce_left(conn)
    elif order.get("op") == "leave_group":
        group_id = order["group_id"]
        for sid in registry.sids_in(order["user_id"], group_id):
            socketio.server.leave_room(sid, room_of(group_id), namespace="/")
            registry.leave(sid, group_id)
            socketio.server.emit("removed", {"group_id": group_id, "reason": order.get("reason") or "changed"},
                                 to=sid, namespace="/", ignore_queue=True)  # fmt: skip
            announce_left(registry.get(sid), [group_id])
    elif order.get("op") == "review_alert":
        _alert_moderators(order["alert"])
    elif order.get("op") == "hidden_unshown":
        _hidden_to_those_who_saw(order["group_id"], order["ids"], order.get("replaced_by"))
    elif order.get("op") == "held_to_moderators":
        _held_to_moderators(order["group_id"], order["message_id"], order["author_id"])


def order(op: str, **fields: object) -> None:
    """Give an order to every process (this one at once; the others through the message queue, if any)."""
    from ..extensions import socketio

    message = {"op": op, **fields}
    manager = socketio.server.manager
    if isinstance(manager, ControlMixin):
        manager.emit(CONTROL_EVENT, message, namespace="/", room=CONTROL_ROOM)  # local, then published
    else:
        carry_out(message)


class ControlMixin:
    """A pub/sub client manager that carries out control messages instead of emitting them."""

    def _handle_emit(self, message: dict) -> None:
        if message.get("event") != CONTROL_EVENT:
            super()._handle_emit(message)  # type: ignore[misc]
            return
        data = message.get("data")
        payload = data[0] if isinstance(data, list) and data else data
        try:
            carry_out(payload if isinstance(payload, dict) else {})
        except Exception:  # noqa: BLE001 - a bad order must not stop the queue listener
            log.exception("chat control order failed")


class RedisManager(ControlMixin, sio.RedisManager):
    """The Redis message queue, with control messages."""
