"""Live chat: the same write path as posts (validate, screen, persist, review), plus the room's chat state."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from models import AuditEntry, ChatMessage, Group, Membership, User, db, utcnow
from models.thread import ERASED
from models.user import FORMER_MEMBER

from .. import permissions as perm
from ..content import render_markdown
from ..database import after_commit, write_transaction
from ..events import chat_message_shown, chat_messages_hidden, membership_changed
from ..moderation.reviews import open_review
from ..text_input import clean_text
from .errors import NotFound, PermissionDenied, RateLimited, ValidationError
from .guard import require, require_still
from .meetings import meeting_in_progress
from .screening import Verdict, screen_all
from .settings_rules import usable_zone

MAX_CHARS = 2000
HISTORY_LIMIT, HISTORY_MAX = 50, 100
SINCE_MAX = 500
HIDDEN_WINDOW = 2000  # how far back a reconnect asks which messages were hidden meanwhile
MUTE_MINUTES_MAX = 7 * 24 * 60
REASON_MAX = 500
HIDERS_ONLY = "Only this group's moderators can hide messages."
MUTERS_ONLY = "Only this group's moderators can mute members."
# What an erased message reads now, for windows that still show its words (live and on reconnect).
ERASED_LINE = {"text": ERASED, "author": FORMER_MEMBER}
CLIENT_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Per-member message rate, independent of slow mode: (messages, seconds); config CHAT_RATE_LIMIT overrides.
DEFAULT_RATE = (10, 15)


@dataclass(frozen=True)
class ChatStatus:
    """Whether the room's chat takes messages now, and why not."""

    state: str  # open | read_only | closed
    reason: str = ""

    @property
    def is_open(self) -> bool:
        """Members may send messages."""
        return self.state == "open"


@dataclass
class SendOutcome:
    """The stored message, the moderation verdict, and whether this was a retry of an earlier send."""

    message: ChatMessage
    verdict: Verdict
    duplicate: bool = False


# -- room state ------------------------------------------------------------------------------------------------------


def _in_open_hours(hours: list, local: datetime) -> bool:
    """Open-hours slots in local time; a slot whose end is not after its start runs past midnight."""
    now_hm, today = local.strftime("%H:%M"), local.weekday()
    for slot in hours:
        if not isinstance(slot, dict):
            continue
        day, start, end = slot.get("day"), str(slot.get("start", "")), str(slot.get("end", ""))
        if start < end:
            if day == today and start <= now_hm < end:
                return True
        elif (day == today and now_hm >= start) or (day == (today - 1) % 7 and now_hm < end):
            return True
    return False


def chat_status(group: Group, now: datetime | None = None) -> ChatStatus:
    """Open, read-only or closed, with the reason shown in the room."""
    now = now or utcnow()
    s = group.settings
    if s is None:
        return ChatStatus("open")
    if s.ends_on is not None and now.date() > s.ends_on:
        return ChatStatus("closed", "This group has ended; its chat is kept to read.")
    if s.chat_read_only:
        return ChatStatus("read_only", "The leaders have made this chat read-only for now.")
    hours = [h for h in (s.chat_open_hours or []) if isinstance(h, dict)]
    if not s.chat_meetings_only and not hours:
        return ChatStatus("open")
    # When both are set, the chat is open during meetings and during its open hours.
    if s.chat_meetings_only and meeting_in_progress(group, now) is not None:
        return ChatStatus("open")
    # The one rule for stored zones: an alias by its current name, a name zoneinfo can't load as UTC (not a 500).
    if hours and _in_open_hours(hours, now.astimezone(ZoneInfo(usable_zone(s.timezone)))):
        return ChatStatus("open")
    if s.chat_meetings_only and not hours:
        return ChatStatus("closed", "This chat opens during the group's scheduled meetings.")
    return ChatStatus("closed", "This chat is closed outside its open hours.")


def _check_can_send(author: User, group: Group, now: datetime) -> None:
    if not perm.can_post_in(author, group):
        m = perm.membership(author, group)
        if m is not None and m.state == "active" and m.is_muted:
            raise PermissionDenied("You are muted in this group for now.")
        raise PermissionDenied("Join this group to take part in its chat.")
    status = chat_status(group, now)
    # Moderators may speak in a closed or read-only room (to open a meeting, to post a notice).
    if not status.is_open and not perm.can_moderate(author, group):
        raise PermissionDenied(status.reason)


# -- sending ---------------------------------------------------------------------------------------------------------


def _clean_text(text: object) -> str:
    if not isinstance(text, str):
        raise ValidationError("A message is text.", "text")
    text = clean_text(text)
    if not text:
        raise ValidationError("Write something before sending.", "text")
    if len(text) > MAX_CHARS:
        raise ValidationError(f"Chat messages are limited to {MAX_CHARS:,} characters.", "text")
    return text


def _clean_key(key: object) -> str:
    if not isinstance(key, str) or not CLIENT_KEY_RE.match(key):
        raise ValidationError(
            "A message needs a client key of 8 to 64 letters, digits, - or _.", "client_key"
        )
    return key


def _stored(author: User, key: str) -> ChatMessage | None:
    return db.session.scalar(select(ChatMessage).where(ChatMessage.author_id == author.id,
                                                       ChatMessage.client_key == key))  # fmt: skip


def _check_rate(author: User, group: Group, now: datetime) -> None:
    limit, window = current_app.config.get("CHAT_RATE_LIMIT", DEFAULT_RATE)
    since = now - timedelta(seconds=window)
    recent = db.session.scalars(
        select(ChatMessage.created_at).where(ChatMessage.author_id == author.id, ChatMessage.created_at >= since)
        .order_by(ChatMessage.created_at.desc()).limit(limit)
    ).all()  # fmt: skip
    if len(recent) >= limit:
        wait = max(1, int((recent[-1] + timedelta(seconds=window) - now).total_seconds() + 0.999))
        raise RateLimited(
            f"You are sending messages very fast. Please wait {wait} seconds.", retry_after=wait
        )


def _check_slow_mode(author: User, group: Group, now: datetime) -> None:
    seconds = group.settings.slow_mode_seconds if group.settings else 0
    if not seconds or perm.can_moderate(author, group):
        return
    last = db.session.scalar(select(func.max(ChatMessage.created_at)).where(
        ChatMessage.author_id == author.id, ChatMessage.group_id == group.id))  # fmt: skip
    if last is not None and now - last < timedelta(seconds=seconds):
        wait = max(1, int((last + timedelta(seconds=seconds) - now).total_seconds() + 0.999))
        raise RateLimited(
            f"Slow mode is on: you can send another message in {wait} seconds.", retry_after=wait
        )


def send_message(author: User, group: Group, text: object, client_key: object) -> SendOutcome:
    """Validate, screen, persist and (when flagged or held) open a review; a retried key returns the stored message."""
    key = _clean_key(client_key)
    existing = _stored(author, key)
    if existing is not None:
        return SendOutcome(existing, Verdict(), duplicate=True)
    text = _clean_text(text)
    now = utcnow()
    _check_can_send(author, group, now)
    _check_rate(author, group, now)
    _check_slow_mode(author, group, now)
    verdict = screen_all({"body": (text, "chat")}, group, author)
    if verdict.action == "reject":
        raise ValidationError(
            verdict.author_message or "This can't be sent here. Please rephrase it.", "text"
        )
    source = verdict.masked.get("body", text)
    try:
        with write_transaction():
            # Again under the write lock: two sends of one member handled at once (one thread per event)
            # must not both pass the slow-mode and rate checks, and a mute or ban landed meanwhile holds.
            perm.forget_membership(author, group)
            _check_can_send(author, group, now)
            _check_rate(author, group, now)
            _check_slow_mode(author, group, now)
            msg = ChatMessage(group_id=group.id, author_id=author.id, source=source, html=render_markdown(source),
                              client_key=key, status="held" if verdict.is_held else "visible")  # fmt: skip
            msg.moderation_note = (verdict.author_message or "")[:REASON_MAX] if verdict.needs_review else ""
            db.session.add(msg)
            db.session.flush()
            if verdict.needs_review:
                open_review(msg, verdict.signals, priority=verdict.priority or "normal")
    except IntegrityError:
        # The same key arrived twice at once: the other send won; hand back its message.
        stored = _stored(author, key)
        if stored is None:
            raise
        return SendOutcome(stored, Verdict(), duplicate=True)
    return SendOutcome(msg, verdict)


# -- reading ---------------------------------------------------------------------------------------------------------


def _visible_to(group: Group, viewer: object) -> list:
    """Moderators see every kept message; others see visible ones and their own held ones."""
    where = [ChatMessage.group_id == group.id, ChatMessage.status != "removed"]
    if not perm.can_moderate(viewer, group):
        own = ChatMessage.author_id == viewer.id if isinstance(viewer, User) else False
        where.append(or_(ChatMessage.status == "visible", (ChatMessage.status == "held") & own))
    return where


def history(
    group: Group, viewer: object, before_id: int | None = None, limit: int = HISTORY_LIMIT
) -> list[ChatMessage]:
    """The last `limit` messages before `before_id` (newest page by default), oldest first."""
    if not perm.can_view(viewer, group):
        raise PermissionDenied("Only members can read this group's chat.")
    where = _visible_to(group, viewer)
    if before_id is not None:
        where.append(ChatMessage.id < before_id)
    limit = max(1, min(limit, HISTORY_MAX))
    rows = db.session.scalars(
        select(ChatMessage).where(*where).order_by(ChatMessage.id.desc()).limit(limit)
    ).all()
    return list(reversed(rows))


def since(group: Group, viewer: object, after_id: int, limit: int = SINCE_MAX) -> list[ChatMessage]:
    """Every message after `after_id` the viewer may see, oldest first (reconnect catch-up)."""
    if not perm.can_view(viewer, group):
        raise PermissionDenied("Only members can read this group's chat.")
    where = [*_visible_to(group, viewer), ChatMessage.id > after_id]
    return list(db.session.scalars(select(ChatMessage).where(*where).order_by(ChatMessage.id).limit(limit)))


def hidden_between(group: Group, viewer: object, from_id: int, to_id: int) -> list[dict]:
    """What changed in [from_id, to_id] that a reconnecting client may still show as it was: each message hidden or
    removed by now as {"id"}, each erased by its author as {"id", **ERASED_LINE}; what `message_hidden` carries live.

    The range is what the client holds (its oldest to its newest id), capped at the newest HIDDEN_WINDOW ids.
    """
    if not perm.can_view(viewer, group):
        raise PermissionDenied("Only members can read this group's chat.")
    from_id = max(from_id, to_id - HIDDEN_WINDOW)
    hidden = ChatMessage.status.in_(("hidden", "removed"))
    erased = ChatMessage.erased_at.is_not(None)  # erasure leaves the status as it was
    rows = db.session.scalars(select(ChatMessage).where(
        ChatMessage.group_id == group.id, ChatMessage.id.between(from_id, to_id), hidden | erased,
    ).order_by(ChatMessage.id)).all()  # fmt: skip
    # Only what this viewer could have been shown: a held message's id would tell others it was ever there.
    seen = [m for m in rows if perm.could_have_seen_chat_message(viewer, m)]
    # A removed message is gone for everyone, erased or not; an erased one reads ERASED_LINE (moderators too).
    return [{"id": m.id, **ERASED_LINE} if m.erased_at is not None and m.status != "removed" else {"id": m.id}
            for m in seen]  # fmt: skip


def get_message(message_id: object, viewer: object) -> ChatMessage:
    """A message the viewer may see, or NotFound."""
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise ValidationError("A message id is a number.", "message_id")
    msg = db.session.get(ChatMessage, message_id)
    if msg is None or not perm.can_view(viewer, msg.group) or not perm.can_view_chat_message(viewer, msg):
        raise NotFound("There is no such message.")
    return msg


# -- moderation ------------------------------------------------------------------------------------------------------


def _clean_reason(reason: object) -> str:
    if reason is None:
        return ""
    if not isinstance(reason, str):
        raise ValidationError("A reason is text.", "reason")
    reason = " ".join(reason.split())
    if len(reason) > REASON_MAX:
        raise ValidationError(f"Keep the reason under {REASON_MAX} characters.", "reason")
    return reason


def hide_message(moderator: User, message: ChatMessage, reason: object = "") -> ChatMessage:
    """Hide a message from the room; recorded with who and why."""
    require(perm.can_moderate(moderator, message.group), HIDERS_ONLY)
    reason = _clean_reason(reason)
    if message.status == "hidden":
        return message
    with write_transaction():
        require_still(lambda: perm.can_moderate(moderator, message.group), HIDERS_ONLY)
        before = message.status
        message.status = "hidden"
        message.moderation_note = reason or "Hidden by a moderator."
        db.session.add(AuditEntry(actor_id=moderator.id, group_id=message.group_id, action="chat.hide",
                                  target_type="chat_message", target_id=message.id, reason=reason,
                                  before={"status": before}, after={"status": "hidden"}))  # fmt: skip
        announce_hidden(message.group_id, [message])
    return message


def announce_shown(message: ChatMessage) -> None:
    """Tell the room's open windows, once the write commits, that a held message was let through: the room sees
    it from now on, and its author's window drops the pending mark. Call inside the write transaction."""
    group_id, message_id = message.group_id, message.id
    after_commit(lambda: chat_message_shown.send(group_id, message_id=message_id))


class Shown(Protocol):
    """A chat message, or a row of its id and shown_at: enough to tell who may hear that it is hidden."""

    id: int
    shown_at: datetime | None


def announce_hidden(group_id: int, messages: Iterable[Shown], replaced_by: dict | None = None) -> None:
    """Tell the open windows that could show these messages, once the write commits, that they are hidden (or now
    read `replaced_by`); call inside the write transaction. The one path for hides, removals and erasures."""
    messages = list(messages)
    # The room hears of what it was shown; a message it never saw (held) only reaches its author and moderators.
    shown = [m.id for m in messages if m.shown_at is not None]
    unshown = [m.id for m in messages if m.shown_at is None]
    if messages:
        after_commit(lambda: chat_messages_hidden.send(group_id, ids=shown, unshown_ids=unshown,
                                                       replaced_by=replaced_by))  # fmt: skip


def _mutable(moderator: User, group: Group, target: User) -> Membership:
    """The target's membership if this moderator may mute them (a moderator only by a leader)."""
    m = perm.membership(target, group)
    if m is None or m.state != "active" or target.id == moderator.id:
        raise ValidationError("Only another active member can be muted.", "handle")
    require(
        not perm.can_moderate(target, group) or perm.can_lead(moderator, group),
        "Only a leader can mute a moderator.",
    )
    return m


def mute_member(
    moderator: User, group: Group, target: User, minutes: object, reason: object = ""
) -> Membership:
    """Mute a member in this room for a time; their open sockets are told at once (membership_changed)."""
    require(perm.can_moderate(moderator, group), MUTERS_ONLY)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MUTE_MINUTES_MAX:
        raise ValidationError(f"Mute for 1 to {MUTE_MINUTES_MAX:,} minutes.", "minutes")
    reason = _clean_reason(reason)
    _mutable(moderator, group, target)
    with write_transaction():
        require_still(lambda: perm.can_moderate(moderator, group), MUTERS_ONLY)
        m = _mutable(moderator, group, target)  # the cache is forgotten: both roles as they are now
        before = m.muted_until.isoformat() if m.muted_until else None
        m.muted_until = utcnow() + timedelta(minutes=minutes)
        db.session.add(AuditEntry(actor_id=moderator.id, group_id=group.id, action="chat.mute",
                                  target_type="user", target_id=target.id, reason=reason,
                                  before={"muted_until": before}, after={"muted_until": m.muted_until.isoformat()}))  # fmt: skip
    perm.forget_membership(target, group)
    membership_changed.send(m, reason="muted", user_id=target.id, group_id=group.id)
    return m


def find_member(group: Group, handle: object) -> User:
    """The user with this handle, if they are in the group."""
    if not isinstance(handle, str) or not 1 <= len(handle) <= 32:
        raise ValidationError("Name a member by handle.", "handle")
    user = db.session.scalar(select(User).where(User.handle_key == handle.strip().casefold()))
    if user is None or perm.membership(user, group) is None:
        raise NotFound("There is no such member in this group.")
    return user
