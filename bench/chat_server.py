"""Run one Hearth server process for the chat benchmark and the scale-out test, and log clients in to it.

    python bench/chat_server.py --db sqlite:////tmp/hearth.sqlite3 --port 5101 [--queue redis://127.0.0.1:6379/0]

Threading mode with simple-websocket on Werkzeug's threaded server (what `flask run` uses); rate limits off so
that many clients can log in from one address; the per-member chat rate is set by --rate (messages per second).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "hearth-chat-bench/1"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    """Block until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


def start_server(
    db_uri: str, port: int, queue: str | None = None, rate: int = 1000, model: str | None = None
) -> subprocess.Popen:
    """Start a server process and wait until it listens."""
    cmd = [sys.executable, str(ROOT / "bench" / "chat_server.py"), "--db", db_uri, "--port", str(port),
           "--rate", str(rate)]  # fmt: skip
    if queue:
        cmd += ["--queue", queue]
    if model:
        cmd += ["--model", model]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port)
    except TimeoutError:
        proc.kill()
        raise RuntimeError(proc.stderr.read().decode()[-2000:]) from None
    return proc


def login_cookie(base_url: str, handle: str, password: str) -> str:
    """Log in through the real form (CSRF token included) and return the Cookie header for a socket."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(f"{base_url}/auth/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"handle": handle, "password": password, **({"csrf_token": token.group(1)} if token else {})}
    opener.open(f"{base_url}/auth/login", urllib.parse.urlencode(data).encode())
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookie:
        raise RuntimeError(f"login failed for {handle}")
    return cookie


def socket_headers(cookie: str) -> dict:
    """Headers a socket client needs to be the same browser as its HTTP login."""
    return {"Cookie": cookie, "User-Agent": USER_AGENT}


def main() -> None:
    """Serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--queue", default=None)
    parser.add_argument("--rate", type=int, default=1000, help="chat messages per member per second")
    parser.add_argument("--model", default=None,
                        help="moderation model file (default: the instance folder's; 'none': lexicon only)")  # fmt: skip
    args = parser.parse_args()
    model = (
        {}
        if args.model is None
        else {"MODERATION_MODEL_PATH": "/nonexistent" if args.model == "none" else args.model}
    )
    sys.path.insert(0, str(ROOT))
    from forum import create_app
    from forum.extensions import socketio

    app = create_app("development", SQLALCHEMY_DATABASE_URI=args.db, SOCKETIO_MESSAGE_QUEUE=args.queue, DEBUG=False,
                     RATELIMIT_ENABLED=False, CHAT_RATE_LIMIT=(args.rate, 1), **model)  # fmt: skip
    socketio.run(app, host="127.0.0.1", port=args.port, debug=False, use_reloader=False, log_output=False,
                 allow_unsafe_werkzeug=True)  # fmt: skip


if __name__ == "__main__":
    main()
