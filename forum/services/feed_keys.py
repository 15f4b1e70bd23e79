"""Private calendar links: a signed key that lets a calendar app read the feeds of the groups a member may read.

Calendar apps subscribe without cookies, so a members-only group's feed needs a key in its URL. The key is signed
with the app's secret and names the member and their key version; nothing secret is stored, the link can be shown
again at any time, and bumping the version revokes every link the member has handed out.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from models import User, db

from ..database import write_transaction

_SALT = "hearth-calendar-feed"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def feed_key(user: User) -> str:
    """The member's current private calendar key."""
    return _serializer().dumps([user.id, user.feed_key_version])


def user_for_feed_key(key: object) -> User | None:
    """The member a key belongs to, or None for a malformed, forged or revoked key or an inactive account."""
    if not isinstance(key, str) or not key or len(key) > 200:
        return None
    try:
        user_id, version = _serializer().loads(key)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.is_active or user.feed_key_version != version:
        return None
    return user


def reset_feed_keys(user: User) -> None:
    """Revoke every private calendar link of this member; the next key shown is a new one."""
    with write_transaction():
        user.feed_key_version = (user.feed_key_version or 0) + 1
