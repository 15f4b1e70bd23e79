"""Live chat rooms: the chat page, Socket.IO handlers and the live reactions to domain events."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the chat blueprint and bind the socket handlers to this app's Socket.IO server."""
    from ..extensions import socketio
    from . import fleet, live  # noqa: F401  (live connects the signal listeners)
    from .events import register
    from .presence import registry
    from .routes import bp

    app.register_blueprint(bp)
    registry.clear()  # a new server has no sockets yet
    fleet.bind(app)
    register(socketio)
    queue = app.config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    if queue.startswith(("redis://", "rediss://")):
        _share_presence(queue)


def _share_presence(url: str) -> None:
    """Keep room presence in Redis so every process lists everyone, and renew this process's entries."""
    from ..extensions import socketio
    from .presence import registry
    from .shared_presence import RENEW, SharedPresence

    registry.shared = SharedPresence(url)

    def renew() -> None:
        while True:
            socketio.sleep(RENEW)
            registry.renew_shared()

    socketio.start_background_task(renew)
