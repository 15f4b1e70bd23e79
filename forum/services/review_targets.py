"""What a Review is about: load its target and read or change it, whatever its type.

Chat messages are looked up lazily by model name so this module works before and after the chat models exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

import models
from models import Post, PostRevision, Review, Thread, User, db, utcnow

from ..content import render_markdown
from .chat import announce_hidden, announce_shown
from .errors import ValidationError
from .screening import BEFORE_LINES, BEFORE_MINUTES, TITLE_SIGNAL

CONTENT_TYPES = ("post", "thread", "chat_message")
CONTEXT_ITEMS = 3


def model_for(target_type: str) -> type | None:
    """The model class behind a target type (None if that model does not exist here)."""
    names = {"post": "Post", "thread": "Thread", "chat_message": "ChatMessage", "user": "User"}
    name = names.get(target_type)
    return getattr(models, name, None) if name else None


def load_target(target_type: str, target_id: int) -> object | None:
    """The target object, or None when it is gone or its type is unknown."""
    model = model_for(target_type)
    return db.session.get(model, target_id) if model is not None else None


def target_of(review: Review) -> object | None:
    """The review's target object."""
    return load_target(review.target_type, review.target_id)


def target_text(target: object | None) -> str:
    """The plain text a moderator judged (kept as a training label)."""
    if target is None:
        return ""
    if isinstance(target, Thread):
        text = target.title
    elif isinstance(target, User):
        text = target.bio_source or ""
    else:
        text = getattr(target, "source", "") or ""
    # Text its author erased on leaving is no label: the model must not learn that "[removed...]" is a crisis.
    return "" if getattr(target, "erased_at", None) is not None else text


def target_title(target: object | None) -> str:
    """The thread title a moderator sees above the content: a thread's, or its opening post's (screened with it)."""
    if isinstance(target, Thread):
        return target.title
    if isinstance(target, Post) and target.is_first:
        return target.thread.title
    return ""


def label_text(review: Review, target: object | None) -> str:
    """The text a moderator's decision labels for training: with the thread title when a signal was found in it."""
    text = target_text(target)
    if (
        isinstance(target, Post)
        and target.is_first
        and any(s.reason.startswith(TITLE_SIGNAL) for s in review.signals)
    ):
        # Else a title flagged on its own would teach the model that the harmless body was the harmful part.
        return f"{target.thread.title}\n{text}"
    return text


def target_html(target: object | None) -> str:
    """The sanitised HTML to show a moderator (stored at write time, so already safe)."""
    if target is None:
        return ""
    if isinstance(target, Thread):
        first = target.posts.filter(Post.is_first.is_(True)).first()
        return first.html if first else ""
    if isinstance(target, User):
        return target.bio_html or ""
    return getattr(target, "html", "") or ""


@dataclass
class TargetContext:
    """Where the content sits: its room, thread title and the messages before and after it."""

    title: str = ""
    thread_id: int | None = None
    previous: list = field(default_factory=list)
    # What came after it: a member's next lines often explain a flagged one ("i want to die" / "of embarrassment"),
    # or show it was not a one-off, and the room's replies show who has already responded.
    after: list = field(default_factory=list)


def context_of(target: object | None) -> TargetContext:
    """The thread title and the few messages before and after the target, oldest first."""
    if isinstance(target, Post):
        same = [Post.thread_id == target.thread_id, Post.deleted_at.is_(None)]
        before, after = _around(Post, target, same)
        return TargetContext(target.thread.title, target.thread_id, _with_first_post(target, before), after)
    if isinstance(target, Thread):
        return TargetContext(target.title, target.id, [])
    chat = getattr(models, "ChatMessage", None)
    if chat is not None and isinstance(target, chat):
        before, after = _around(chat, target, [chat.group_id == target.group_id])
        return TargetContext("Live chat", None, _with_own_lines(chat, target, before), after)
    return TargetContext()


def _with_first_post(target: Post, before: list) -> list:
    """The posts before a reply and its thread's first post, which a long thread may have pushed out of the last few:
    a reply is read against it (screening.posts_answered), and "same tbh" means nothing without it."""
    first = None if target.is_first else db.session.scalar(
        select(Post).where(Post.thread_id == target.thread_id, Post.is_first.is_(True), Post.deleted_at.is_(None))
    )  # fmt: skip
    return sorted({p.id: p for p in [*([first] if first else []), *before]}.values(), key=lambda p: p.id)


def _with_own_lines(chat: type, target: object, before: list) -> list:
    """The room's last lines before a chat line and its author's own lines that the detector read it with
    (screening.lines_before), which a busy room may have pushed out of the last few; oldest first."""
    own = db.session.scalars(
        select(chat).where(
            chat.group_id == target.group_id, chat.author_id == target.author_id, chat.id < target.id,
            chat.created_at >= target.created_at - timedelta(minutes=BEFORE_MINUTES),
        ).order_by(chat.id.desc()).limit(BEFORE_LINES)
    ).all()  # fmt: skip
    return sorted({m.id: m for m in [*before, *own]}.values(), key=lambda m: m.id)


def _around(model: type, target: object, same: list) -> tuple[list, list]:
    """Up to CONTEXT_ITEMS rows of `model` matching `same` before and after the target, each oldest first."""
    before = db.session.scalars(
        select(model).where(*same, model.id < target.id).order_by(model.id.desc()).limit(CONTEXT_ITEMS)
    ).all()
    after = db.session.scalars(
        select(model).where(*same, model.id > target.id).order_by(model.id).limit(CONTEXT_ITEMS)
    ).all()
    return list(reversed(before)), list(after)


def set_status(target: object, status: str) -> str:
    """Give content a new status (visible, hidden, removed); returns the old one. Users have none."""
    if isinstance(target, User) or not hasattr(target, "status"):
        raise ValidationError("That action applies to posts and messages, not to a member's profile.")
    old = target.status
    target.status = status
    if isinstance(target, Post):
        _post_status_changed(target, old, status)
    elif type(target).__name__ == "ChatMessage":
        _chat_status_changed(target, old, status)
    return old


def _chat_status_changed(message: object, old: str, new: str) -> None:
    if new == "visible" and message.shown_at is None:
        message.shown_at = utcnow()  # let through: the room sees it from now on, open windows too
        announce_shown(message)
    elif new in ("hidden", "removed") and old != new:
        # Open chat windows drop it now, as after a hide in the room itself (not at the next reload).
        announce_hidden(message.group_id, [message])


def is_held(target: object | None) -> bool:
    """Whether the target waits for a moderator: held content, or a member's held bio."""
    if isinstance(target, User):
        return target.bio_status == "held"
    return getattr(target, "status", None) == "held"


def settle_held(target: object, status: str) -> str:
    """Publish ("visible") or decline held content or a held bio; returns the old status."""
    if isinstance(target, User):
        old, target.bio_status = target.bio_status, "visible" if status == "visible" else "removed"
        return old
    return set_status(target, status)


def _post_status_changed(post: Post, old: str, new: str) -> None:
    thread = post.thread
    if post.is_first:
        # A thread whose opening post is held or hidden goes with it.
        thread.status = new
    elif old == "visible" and new != "visible":
        thread.reply_count = max(0, thread.reply_count - 1)
    elif old != "visible" and new == "visible":
        thread.reply_count += 1
        thread.last_activity_at = utcnow()


def edit_out(target: object, detail: str, replacement: str, editor: User) -> None:
    """Replace one detail of a post, keeping the original as a revision for the record."""
    if not isinstance(target, Post):
        raise ValidationError("Only a forum post can have a detail edited out.", "detail")
    if not detail or detail not in target.source:
        raise ValidationError("That text does not appear in the post. Copy it exactly.", "detail")
    db.session.add(PostRevision(post=target, editor_id=editor.id, source=target.source, html=target.html,
                                status=target.status, redacted=True))  # fmt: skip
    target.source = target.source.replace(detail, replacement)
    target.html = render_markdown(target.source)
    target.edited_at = utcnow()
