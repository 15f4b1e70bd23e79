"""Chat fan-out benchmark: N clients in one room, one sender at a fixed rate, delivery latency and losses.

Run from the repository root (needs `make setup`; takes about a minute per size):

    python bench/chat_fanout.py --clients 50 200 --rate 20 --seconds 10

It seeds a throw-away SQLite database, starts one real server process on 127.0.0.1 (threading mode,
simple-websocket), logs every client in through the login form, spreads the readers over a few client processes
(so the readers' own interpreter is not the bottleneck), and prints per-message delivery latency (send call to
arrival, over every reader) p50/p95/p99/max, and messages lost (must be 0).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.chat_server import free_port, login_cookie, socket_headers, start_server  # noqa: E402

PASSWORD = "bench password that is long enough"
ROOM = "bench-room"
SEQ = re.compile(r"bench (\d+)")


def seed(db_uri: str, readers: int) -> None:
    """A room with one sender and `readers` members (one password hash, scrypt is slow on purpose)."""
    from forum import create_app
    from forum.demo import default_settings, seed_catalogue
    from forum.lookalike import name_key, skeleton
    from forum.services.accounts import handle_key, hash_password
    from models import Category, Group, Membership, User, db

    app = create_app("development", SQLALCHEMY_DATABASE_URI=db_uri)
    with app.app_context():
        db.create_all()
        seed_catalogue()
        cat = db.session.scalar(db.select(Category).where(Category.slug == "mental-health"))
        group = Group(
            slug=ROOM,
            name="Bench room",
            name_key=name_key("Bench room"),
            category=cat,
            settings=default_settings(cat.topic),
        )
        db.session.add(group)
        pw = hash_password(PASSWORD)
        for handle in ["bench-sender", *(f"bench-r{i}" for i in range(readers))]:
            user = User(
                handle=handle,
                handle_key=handle_key(handle),
                handle_skeleton=skeleton(handle),
                password_hash=pw,
            )
            db.session.add_all([user, Membership(user=user, group=group, role="member", state="active")])
        db.session.commit()


def _raw_reader(
    base_url: str, handle: str, seen: dict[int, float], stop: threading.Event, joined: queue.Queue
) -> None:
    """A lean Socket.IO reader over websocket-client (engine.io v4 frames by hand), so that 200 readers on a
    2-core machine measure the server rather than the readers' own client library."""
    import websocket

    cookie = login_cookie(base_url, handle, PASSWORD)
    url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    ws = websocket.create_connection(
        url, header=[f"{k}: {v}" for k, v in socket_headers(cookie).items()], timeout=30
    )
    ws.recv()  # engine.io open packet
    ws.send("40")  # Socket.IO connect to "/"
    if not ws.recv().startswith("40"):
        raise RuntimeError(f"{handle}: socket refused")
    ws.send("421" + json.dumps(["join", {"group": ROOM}]))
    while not (frame := ws.recv()).startswith("431"):
        pass
    if '"ok":true' not in frame.replace(" ", ""):
        raise RuntimeError(f"{handle}: join refused")
    joined.put(handle)  # and keep reading: a reader that stops reading would back the server up
    ws.settimeout(1.0)
    while not stop.is_set():
        try:
            frame = ws.recv()
        except websocket.WebSocketTimeoutException:
            continue
        now = time.time()
        if frame == "2":
            ws.send("3")  # engine.io pong
        elif frame.startswith('42["chat_message"'):
            m = SEQ.search(frame)
            if m:
                seen.setdefault(int(m.group(1)), now)


def reader_worker(base_url: str, handles: list[str], ready: mp.Queue, stop: mp.Event, out: mp.Queue) -> None:
    """One client process: connect its readers, record when each bench message arrives, report at the end."""
    arrivals: list[dict[int, float]] = [{} for _ in handles]
    local_stop = threading.Event()
    joined: queue.Queue = queue.Queue()
    threads = [threading.Thread(target=_raw_reader, args=(base_url, h, arrivals[i], local_stop, joined), daemon=True)
               for i, h in enumerate(handles)]  # fmt: skip
    for i, t in enumerate(threads):
        t.start()
        if i % 8 == 7:
            time.sleep(0.2)  # log in a few at a time: scrypt on the server is slow on purpose
    for _ in handles:
        joined.get(timeout=600)
    ready.put(len(handles))
    stop.wait()
    local_stop.set()
    out.put(arrivals)
    out.close()
    out.join_thread()
    os._exit(0)  # closing sockets politely takes long; the process exit closes them all at once


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(n: int, rate: float, seconds: float, procs: int, model: str | None = None) -> dict:
    """One benchmark run with n readers; returns the figures."""
    import socketio

    tmp = tempfile.mkdtemp(prefix="hearth-bench-")
    uri = f"sqlite:///{tmp}/bench.sqlite3"
    seed(uri, n)
    port = free_port()
    server = start_server(uri, port, model=model)
    base_url = f"http://127.0.0.1:{port}"
    ctx = mp.get_context("spawn")
    ready, out, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
    handles = [f"bench-r{i}" for i in range(n)]
    workers = [ctx.Process(target=reader_worker, args=(base_url, handles[k::procs], ready, stop, out))
               for k in range(procs)]  # fmt: skip
    try:
        t0 = time.monotonic()
        for w in workers:
            w.start()
        connected = sum(ready.get(timeout=300) for _ in workers)
        setup_s = time.monotonic() - t0
        sent, acks, errors = {}, {}, []
        sender = socketio.Client(reconnection=False)
        sender.connect(base_url, headers=socket_headers(login_cookie(base_url, "bench-sender", PASSWORD)),
                       transports=["websocket"], wait_timeout=30)  # fmt: skip
        assert sender.call("join", {"group": ROOM}, timeout=30)["ok"]
        total = int(rate * seconds)
        lock = threading.Lock()

        def on_ack(seq: int) -> callable:
            def _ack(reply: dict) -> None:
                with lock:
                    (
                        acks.__setitem__(seq, reply["id"])
                        if reply.get("ok")
                        else errors.append(reply.get("error"))
                    )

            return _ack

        cpu0, start = _cpu_seconds(server.pid), time.monotonic()
        for seq in range(total):
            time.sleep(max(0.0, start + seq / rate - time.monotonic()))
            sent[seq] = time.time()
            sender.emit("send", {"group": ROOM, "text": f"bench {seq}", "client_key": f"bench-key-{seq:06d}"},
                        callback=on_ack(seq))  # fmt: skip
        send_span = time.monotonic() - start
        server_cpu = (_cpu_seconds(server.pid) - cpu0) / send_span
        deadline = time.monotonic() + 60
        while len(acks) + len(errors) < total and time.monotonic() < deadline:
            time.sleep(0.1)  # an overloaded server answers late: wait for every answer (bounded)
        time.sleep(3.0)  # then every delivered message should have arrived well before this
        stop.set()
        arrivals = [a for _ in workers for a in out.get(timeout=120)]
        sender.disconnect()
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=30)
            if w.is_alive():
                w.kill()
        server.terminate()
        server.wait(timeout=10)
    latencies = [(seen[seq] - sent[seq]) * 1000 for seen in arrivals for seq in seen if seq in sent]
    expected = total * connected
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {"clients": connected, "messages": total, "achieved_rate": total / send_span, "acked": len(acks),
            "send_errors": len(errors), "deliveries": len(latencies), "lost": expected - len(latencies),
            "p50": q[49], "p95": q[94], "p99": q[98], "max": max(latencies, default=float("nan")),
            "setup_s": setup_s, "server_cpu": server_cpu}  # fmt: skip


def main() -> None:
    """Parse arguments, run each size, print a table."""
    parser = argparse.ArgumentParser(description="Hearth chat fan-out benchmark")
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--rate", type=float, default=20.0, help="messages per second from the one sender")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the sender sends")
    parser.add_argument("--procs", type=int, default=2, help="client processes the readers are spread over")
    parser.add_argument("--model", default=None,
                        help="moderation model for the server (default: the instance folder's; 'none': lexicon only)")  # fmt: skip
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"one server process, threading mode; sender {args.rate:g} msg/s for {args.seconds:g} s; "
        f"{os.cpu_count()} CPUs, load average before: {load} (other work on the machine skews the tail); "
        f"moderation model: {args.model or 'instance folder'}"
    )
    print(f"{'clients':>7} {'msgs':>5} {'rate':>6} {'acked':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'lost':>5} {'setup s':>7} {'server CPU':>10}")  # fmt: skip
    for n in args.clients:
        r = run(n, args.rate, args.seconds, args.procs, args.model)
        print(f"{r['clients']:>7} {r['messages']:>5} {r['achieved_rate']:>6.1f} {r['acked']:>6} {r['p50']:>7.1f} "
              f"{r['p95']:>7.1f} {r['p99']:>7.1f} {r['max']:>7.1f} {r['lost']:>5} {r['setup_s']:>7.1f} {r['server_cpu']:>9.0%}"
              + (f"  send errors: {r['send_errors']}" if r["send_errors"] else ""), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
