"""Who is connected in this process: socket id -> user, login-session token and joined rooms."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Connection:
    """One open socket of a logged-in user."""

    sid: str
    user_id: int
    handle: str
    token: str | None
    groups: set[int] = field(default_factory=set)


class Registry:
    """A thread-safe map of this process's sockets (threading mode: handlers run on many threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conns: dict[str, Connection] = {}
        self.shared = None  # a SharedPresence when several processes share rooms (chat/shared_presence.py)

    def clear(self) -> None:
        """Forget every socket (a new app binds a new Socket.IO server)."""
        with self._lock:
            self._conns.clear()
        self.shared = None

    def renew_shared(self) -> None:
        """Renew this process's entries in the shared presence (called every few seconds)."""
        if self.shared is not None:
            with self._lock:
                entries = [(g, c.sid, c.user_id, c.handle) for c in self._conns.values() for g in c.groups]
            self.shared.put(entries)

    def add(self, sid: str, user_id: int, handle: str, token: str | None) -> None:
        """Record a newly connected socket."""
        with self._lock:
            self._conns[sid] = Connection(sid, user_id, handle, token)

    def remove(self, sid: str) -> Connection | None:
        """Forget a socket; returns what it was."""
        with self._lock:
            conn = self._conns.pop(sid, None)
        if conn is not None and self.shared is not None:
            for group_id in conn.groups:
                self.shared.drop(group_id, sid, conn.user_id, conn.handle)
        return conn

    def get(self, sid: str) -> Connection | None:
        """The connection behind a socket id."""
        with self._lock:
            return self._conns.get(sid)

    def join(self, sid: str, group_id: int) -> None:
        """Mark the socket as in the group's room."""
        with self._lock:
            conn = self._conns.get(sid)
            if conn is not None:
                conn.groups.add(group_id)
        if conn is not None and self.shared is not None:
            self.shared.put([(group_id, sid, conn.user_id, conn.handle)])

    def leave(self, sid: str, group_id: int) -> None:
        """Mark the socket as out of the group's room."""
        with self._lock:
            conn = self._conns.get(sid)
            if conn is not None:
                conn.groups.discard(group_id)
        if conn is not None and self.shared is not None:
            self.shared.drop(group_id, sid, conn.user_id, conn.handle)

    def in_group(self, sid: str, group_id: int) -> bool:
        """Whether the socket joined the group's room."""
        with self._lock:
            conn = self._conns.get(sid)
            return conn is not None and group_id in conn.groups

    def sids_of(self, user_id: int, token: str | None = None) -> list[str]:
        """The user's sockets (only those of one login session when `token` is given)."""
        with self._lock:
            return [c.sid for c in self._conns.values()
                    if c.user_id == user_id and (token is None or c.token == token)]  # fmt: skip

    def sids_in(self, user_id: int, group_id: int) -> list[str]:
        """The user's sockets that joined the group's room."""
        with self._lock:
            return [c.sid for c in self._conns.values() if c.user_id == user_id and group_id in c.groups]

    def user_in(self, user_id: int, group_id: int) -> bool:
        """Whether any socket of the user is in the group's room (in any process, when presence is shared)."""
        with self._lock:
            if any(c.user_id == user_id and group_id in c.groups for c in self._conns.values()):
                return True
        shared = self.shared.members(group_id) if self.shared is not None else None
        return bool(shared) and any(uid == user_id for _, uid, _ in shared)

    def handles_in(self, group_id: int) -> list[str]:
        """Who is in the room, by handle, each once (every process's sockets, when presence is shared)."""
        with self._lock:
            handles = {c.handle for c in self._conns.values() if group_id in c.groups}
        shared = self.shared.members(group_id) if self.shared is not None else None
        handles |= {handle for _, _, handle in shared or []}
        return sorted(handles, key=str.casefold)

    def online_user_ids(self) -> set[int]:
        """Every user with an open socket in this process."""
        with self._lock:
            return {c.user_id for c in self._conns.values()}


registry = Registry()
