"""Socket fixtures: a logged-in Socket.IO test client per member, and helpers to read what each received."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask_socketio.test_client import SocketIOTestClient

from forum.extensions import socketio
from models import ChatMessage, db, utcnow
from tests.conftest import Auth, as_on_a_server


class IsolatedSocketClient(SocketIOTestClient):
    """A Socket.IO test client whose connect, events and disconnect each run in a fresh context, as on a server
    (their own app context, `g` and database session; see tests/conftest.IsolatedClient)."""

    def connect(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return as_on_a_server(super().connect, *args, **kwargs)

    def disconnect(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return as_on_a_server(super().disconnect, *args, **kwargs)

    def emit(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return as_on_a_server(super().emit, *args, **kwargs)


@pytest.fixture
def connect(app: Flask):
    """Factory: connect("member1") -> a Socket.IO client behind a real login (None logs nobody in)."""
    opened: list[SocketIOTestClient] = []

    def _connect(handle: str | None, headers: dict | None = None) -> SocketIOTestClient:
        http = app.test_client()
        if handle is not None:
            assert Auth(http).login(handle).status_code == 302
        sc = IsolatedSocketClient(app, socketio, flask_test_client=http, headers=headers)
        sc.http = http  # the same browser's HTTP side, to log out or leave
        opened.append(sc)
        return sc

    yield _connect
    for sc in opened:
        if sc.is_connected():
            sc.disconnect()


def browser(sc: SocketIOTestClient):  # noqa: ANN201
    """The HTTP client of the socket's browser."""
    return sc.http


def events(sc: SocketIOTestClient, name: str) -> list:
    """The payloads of one event name the client received since the last call."""
    return [e["args"][0] for e in sc.get_received() if e["name"] == name]


def join(sc: SocketIOTestClient, slug: str = "test-room") -> dict:
    """Join a room and return the ack; clears what was received so far."""
    ack = sc.emit("join", {"group": slug}, callback=True)
    sc.get_received()
    return ack


def send(sc: SocketIOTestClient, text: str, key: str, slug: str = "test-room") -> dict:
    """Send a chat message and return the ack."""
    return sc.emit("send", {"group": slug, "text": text, "client_key": key}, callback=True)


def stored() -> list[ChatMessage]:
    """Every stored chat message, read afresh (ends the test's read transaction first)."""
    db.session.rollback()
    return list(db.session.scalars(db.select(ChatMessage).order_by(ChatMessage.id)))


def chat_line(group, author, text: str, minutes_ago: float = 0.5, **fields) -> ChatMessage:  # noqa: ANN001
    """A chat line stored as if sent `minutes_ago`, without the chat service (as if the detector let it through)."""
    msg = ChatMessage(group_id=group.id, author_id=author.id, source=text, html=text,
                      client_key=f"key-{text[:20].replace(' ', '-')}-{minutes_ago}", **fields)  # fmt: skip
    msg.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.add(msg)
    db.session.commit()
    return msg
