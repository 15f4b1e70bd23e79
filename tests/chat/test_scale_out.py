"""Two server processes sharing rooms through Redis: a message sent via one reaches a client of the other."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import time

import pytest
import socketio

from bench.chat_server import free_port, login_cookie, socket_headers, start_server, wait_for_port
from models import db
from tests.conftest import PASSWORD

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not os.path.exists(REDIS), reason="redis-server is not installed"),
]


@pytest.fixture
def redis_url(tmp_path):
    """A throw-away Redis on a free port, in a temporary directory."""
    port = free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def two_servers(app, room, redis_url):
    """Two Hearth processes on the test database, both on the Redis queue."""
    db.session.commit()
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    ports = [free_port(), free_port()]
    procs = []
    try:
        for port in ports:
            procs.append(start_server(uri, port, queue=redis_url))
        yield [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def _client(base_url: str, handle: str) -> tuple[socketio.Client, queue.Queue]:
    got: queue.Queue = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("chat_message", got.put)
    client.connect(base_url, headers=socket_headers(login_cookie(base_url, handle, PASSWORD)),
                   transports=["websocket"], wait_timeout=10)  # fmt: skip
    return client, got


def test_message_crosses_processes(two_servers) -> None:
    first, second = two_servers
    sender, _ = _client(first, "member1")
    reader, inbox = _client(second, "mod1")
    try:
        assert sender.call("join", {"group": "test-room"}, timeout=10)["ok"]
        assert reader.call("join", {"group": "test-room"}, timeout=10)["ok"]
        time.sleep(0.3)  # the room subscription settles on the other process
        ack = sender.call("send", {"group": "test-room", "text": "across the queue", "client_key": "key-redis-001"},
                          timeout=10)  # fmt: skip
        assert ack["ok"] and ack["status"] == "visible"
        message = inbox.get(timeout=10)
        assert message["id"] == ack["id"] and message["html"] == "<p>across the queue</p>"
    finally:
        sender.disconnect()
        reader.disconnect()


def _logout(base_url: str, cookie: str) -> None:
    """Log out through the real form (with its CSRF token), as the browser would."""
    import re
    import urllib.request

    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", cookie), *socket_headers(cookie).items()]
    page = opener.open(f"{base_url}/settings").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(f"{base_url}/auth/logout", f"csrf_token={token}".encode()).read()


def test_logout_on_one_process_disconnects_sockets_on_the_other(two_servers) -> None:
    first, second = two_servers
    cookie = login_cookie(first, "member1", PASSWORD)
    gone: queue.Queue = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("disconnect", lambda *_: gone.put(True))
    client.connect(second, headers=socket_headers(cookie), transports=["websocket"], wait_timeout=10)
    try:
        assert client.call("join", {"group": "test-room"}, timeout=10)["ok"]
        time.sleep(0.3)
        _logout(first, cookie)  # the HTTP logout is served by the other process
        assert gone.get(timeout=10) is True
        assert not client.connected
    finally:
        if client.connected:
            client.disconnect()


def test_review_alert_reaches_a_moderator_on_the_other_process(two_servers) -> None:
    first, second = two_servers
    sender, _ = _client(first, "member1")
    alerts: queue.Queue = queue.Queue()
    moderator, _ = _client(second, "mod1")
    moderator.on("review_alert", alerts.put)
    try:
        assert sender.call("join", {"group": "test-room"}, timeout=10)["ok"]
        time.sleep(0.3)
        ack = sender.call("send", {"group": "test-room", "text": "i've been saving my pills and this is goodbye",
                                   "client_key": "key-redis-alert"}, timeout=10)  # fmt: skip
        assert ack["ok"]
        alert = alerts.get(timeout=10)
        assert alert["priority"] == "urgent" and alert["category"] == "crisis" and alert["review_id"] > 0
    finally:
        sender.disconnect()
        moderator.disconnect()


def test_presence_lists_members_on_every_process(two_servers) -> None:
    first, second = two_servers
    member, _ = _client(first, "member1")
    moderator, _ = _client(second, "mod1")
    try:
        assert member.call("join", {"group": "test-room"}, timeout=10)["ok"]
        joined = moderator.call("join", {"group": "test-room"}, timeout=10)
        assert joined["presence"] == ["member1", "mod1"]
        member.disconnect()
        time.sleep(0.3)
        assert moderator.call("presence", {"group": "test-room"}, timeout=10)["handles"] == ["mod1"]
    finally:
        for client in (member, moderator):
            if client.connected:
                client.disconnect()


def test_shared_presence_entries_lapse_without_renewal(redis_url, monkeypatch) -> None:
    """A process that dies stops renewing: its sockets leave the lists by themselves."""
    from forum.chat import shared_presence

    monkeypatch.setattr(shared_presence, "TTL", 0.3)
    store = shared_presence.SharedPresence(redis_url)
    store.put([(7, "sid-a", 1, "member1"), (7, "sid-b", 2, "mod1")])
    assert sorted(h for _, _, h in store.members(7)) == ["member1", "mod1"]
    store.drop(7, "sid-b", 2, "mod1")
    assert [h for _, _, h in store.members(7)] == ["member1"]
    time.sleep(0.4)
    assert store.members(7) == []


def test_shared_presence_fails_soft_without_redis() -> None:
    from forum.chat.shared_presence import SharedPresence

    store = SharedPresence(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    store.put([(7, "sid-a", 1, "member1")])
    store.drop(7, "sid-a", 1, "member1")
    assert store.members(7) is None
