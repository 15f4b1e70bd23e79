"""Who is in a room across every server process, kept in Redis when the Socket.IO message queue is Redis.

Each process writes the sockets it holds into one sorted set per room (member "sid|user_id|handle", score = when the
entry lapses) and renews them every RENEW seconds, so a process that dies takes its entries with it within TTL.
"""

from __future__ import annotations

import logging
import time

import redis

log = logging.getLogger("forum.chat")

TTL = 60.0  # seconds an entry lives without renewal
RENEW = 20.0  # how often a process renews the entries of its sockets


def _key(group_id: int) -> str:
    return f"hearth:presence:{group_id}"


def _member(sid: str, user_id: int, handle: str) -> str:
    return f"{sid}|{user_id}|{handle}"


class SharedPresence:
    """Room presence in Redis; every call fails soft (a Redis hiccup must not break chat)."""

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def put(self, entries: list[tuple[int, str, int, str]]) -> None:
        """Add or renew (group_id, sid, user_id, handle) entries."""
        if not entries:
            return
        until = time.time() + TTL
        try:
            pipe = self._redis.pipeline()
            for group_id, sid, user_id, handle in entries:
                pipe.zadd(_key(group_id), {_member(sid, user_id, handle): until})
                pipe.expire(_key(group_id), int(TTL * 2) + 1)  # the set itself goes once nobody renews
            pipe.execute()
        except redis.RedisError:
            log.warning("shared presence: Redis unavailable; presence lists may be short")

    def drop(self, group_id: int, sid: str, user_id: int, handle: str) -> None:
        """Remove one socket from a room."""
        try:
            self._redis.zrem(_key(group_id), _member(sid, user_id, handle))
        except redis.RedisError:
            log.warning("shared presence: Redis unavailable; an entry will lapse instead")

    def members(self, group_id: int) -> list[tuple[str, int, str]] | None:
        """Live (sid, user_id, handle) entries of a room, or None when Redis cannot answer."""
        now = time.time()
        try:
            self._redis.zremrangebyscore(_key(group_id), "-inf", now)
            raw = self._redis.zrangebyscore(_key(group_id), now, "+inf")
        except redis.RedisError:
            return None
        out = []
        for item in raw:
            sid, user_id, handle = item.decode().split("|", 2)
            out.append((sid, int(user_id), handle))
        return out
