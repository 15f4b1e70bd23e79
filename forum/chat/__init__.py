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
