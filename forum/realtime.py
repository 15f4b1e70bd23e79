"""Socket.IO set-up: same-origin only, an optional Redis message queue for several processes."""

from __future__ import annotations

from flask import Flask

from .extensions import socketio


def init_socketio(app: Flask) -> None:
    """Bind Flask-SocketIO; threading mode with simple-websocket (see README: why not eventlet/gevent)."""
    allowed = app.config.get("SOCKETIO_ALLOWED_ORIGINS") or None  # None: only the app's own origin
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        cors_allowed_origins=allowed,
        manage_session=False,
        max_http_buffer_size=64 * 1024,
    )
