"""Socket.IO set-up: same-origin only, an optional Redis message queue for several processes."""

from __future__ import annotations

from flask import Flask

from .extensions import socketio


def init_socketio(app: Flask) -> None:
    """Bind Flask-SocketIO; threading mode with simple-websocket (see README: why not eventlet/gevent)."""
    from .chat.fleet import RedisManager

    allowed = app.config.get("SOCKETIO_ALLOWED_ORIGINS") or None  # None: only the app's own origin
    queue = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    options = {}
    if queue and queue.startswith(("redis://", "rediss://")):
        # Our manager also carries logouts and removals to the sockets other processes hold (chat/fleet.py).
        options["client_manager"] = RedisManager(queue, channel="flask-socketio")
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=queue,
        cors_allowed_origins=allowed,
        manage_session=False,
        max_http_buffer_size=64 * 1024,
        **options,
    )
