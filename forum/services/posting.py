"""Threads and posts: validate, screen, write in one transaction, open reviews."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from models import Group, Post, PostRevision, Reaction, Thread, User, db, utcnow
from models.thread import REACTIONS

from .. import permissions as perm
from ..content import render_markdown
from ..database import write_transaction
from ..moderation.reviews import open_review
from ..text_input import clean_line, clean_text
from .edit_review import review_edit
from .errors import ValidationError
from .guard import require, require_still
from .screening import Verdict, posts_answered, screen_all

TITLE_MIN, TITLE_MAX = 3, 200
CW_MAX = 60


@dataclass
class PostOutcome:
    """What happened to a write: the stored objects and the moderation verdict for the author."""

    post: Post
    verdict: Verdict
    repeated: bool = False  # the same form was sent before: nothing new was written

    @property
    def thread(self) -> Thread:
        """The post's thread."""
        return self.post.thread


def _clean_body(body: str) -> str:
    body = clean_text(body)
    if not body:
        raise ValidationError("Please write something before posting.", "body")
    limit = current_app.config["POST_MAX_CHARS"]
    if len(body) > limit:
        raise ValidationError(f"Posts are limited to {limit:,} characters.", "body")
    return body


def _clean_title(title: str) -> str:
    title = clean_line(title)
    if not title:
        raise ValidationError("Please write a title.", "title")
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationError(f"Title must be {TITLE_MIN} to {TITLE_MAX} characters long.", "title")
    return title


def clean_content_warning(cw: str | None, group: Group | None = None, text: str = "") -> str:
    """A short plain label; rooms may require one for listed topics."""
    cw = clean_line(cw)
    if len(cw) > CW_MAX:
        raise ValidationError(f"A content warning is at most {CW_MAX} characters.", "content_warning")
    topic = None if cw else required_cw_topic(group, text)
    if topic:
        raise ValidationError(f"This group asks for a content warning on posts that mention {topic}. "
                              f"Please add a short one, for example “{topic}”.", "content_warning")  # fmt: skip
    return cw


def required_cw_topic(group: Group | None, text: str) -> str | None:
    """The first of the room's required content-warning topics that the text mentions, if any."""
    topics = (group.settings.required_cw_topics or []) if group is not None and group.settings else []
    for topic in topics:
        words = r"\s+".join(map(re.escape, str(topic).split()))
        # Whole words, allowing a plural or -ing ending ("relapse" matches "relapses", "relapsing").
        if words and re.search(rf"(?<!\w){words}(?:s|es|ing|d|ed)?(?!\w)", text or "", re.IGNORECASE):
            return str(topic)
    return None


def _refuse_if_rejected(verdict: Verdict) -> None:
    if verdict.action == "reject":
        raise ValidationError(
            verdict.author_message or "This can't be posted here. Please rephrase it.", "body"
        )


def _apply_verdict(post: Post, verdict: Verdict) -> None:
    post.status = "held" if verdict.is_held else "visible"
    post.moderation_note = (verdict.author_message or "")[:500] if verdict.needs_review else ""
    if "body" in verdict.masked:
        post.source = verdict.masked["body"]
        post.html = render_markdown(post.source)


def _review_if_needed(target: object, verdict: Verdict) -> None:
    if verdict.needs_review:
        open_review(target, verdict.signals, priority=verdict.priority or "normal")


NOT_A_POSTER = "You need to be an active member of this group to post."
CANT_REPLY = "You can't reply to this thread."
CANT_EDIT = "You can't edit this post."
CANT_DELETE = "You can't delete this post."
CANT_REACT = "You can't react to this post."
REMOVED_NO_REACTIONS = "This post has been removed, so it can't take reactions."


def _already_sent(author: User, submission_key: str | None) -> Post | None:
    """The post this author already made from the same form, if any; call under the write lock."""
    if not submission_key:
        return None
    return db.session.scalar(
        select(Post).where(Post.author_id == author.id, Post.submission_key == submission_key)
    )


def create_thread(
    author: User,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    submission_key: str | None = None,
) -> PostOutcome:
    """Start a thread with its first post (once per submission key)."""
    require(perm.can_post_in(author, group), NOT_A_POSTER)
    title, body = _clean_title(title), _clean_body(body)
    cw = clean_content_warning(content_warning, group, f"{title}\n{body}")
    verdict = screen_all({"title": (title, "thread_title"), "body": (body, "post")}, group, author)
    _refuse_if_rejected(verdict)
    with write_transaction():
        if (earlier := _already_sent(author, submission_key)) is not None:
            return PostOutcome(earlier, Verdict(), repeated=True)
        # Screening takes a moment; a ban, mute or lock committed by a moderator meanwhile must hold.
        require_still(lambda: perm.can_post_in(author, group), NOT_A_POSTER)
        now = utcnow()
        thread = Thread(group=group, author=author, title=verdict.masked.get("title", title),
                        content_warning=cw, last_activity_at=now)  # fmt: skip
        post = Post(thread=thread, author=author, source=body, html=render_markdown(body),
                    content_warning="", is_first=True, submission_key=submission_key or None)  # fmt: skip
        _apply_verdict(post, verdict)
        thread.status = post.status
        db.session.add_all([thread, post])
        db.session.flush()
        if post.status == "visible":
            group.last_activity_at = now
        _review_if_needed(post, verdict)
    return PostOutcome(post, verdict)


def reply(
    author: User, thread: Thread, body: str, content_warning: str = "", submission_key: str | None = None
) -> PostOutcome:
    """Add a reply to a thread (once per submission key)."""
    require(perm.can_reply(author, thread), CANT_REPLY)
    body = _clean_body(body)
    cw = clean_content_warning(content_warning, thread.group, body)
    answering = posts_answered(thread, author)
    verdict = screen_all({"body": (body, "post")}, thread.group, author, answering=answering)
    _refuse_if_rejected(verdict)
    with write_transaction():
        if (earlier := _already_sent(author, submission_key)) is not None:
            return PostOutcome(earlier, Verdict(), repeated=True)
        require_still(lambda: perm.can_reply(author, thread), CANT_REPLY)
        post = Post(thread=thread, author=author, source=body, html=render_markdown(body), content_warning=cw,
                    submission_key=submission_key or None)  # fmt: skip
        _apply_verdict(post, verdict)
        db.session.add(post)
        db.session.flush()
        if post.status == "visible":
            _touch_thread(thread, +1)
        _review_if_needed(post, verdict)
    return PostOutcome(post, verdict)


def _touch_thread(thread: Thread, delta: int) -> None:
    now = utcnow()
    thread.reply_count = max(0, thread.reply_count + delta)
    if delta > 0:
        thread.last_activity_at = now
        thread.group.last_activity_at = now


def edit_post(editor: User, post: Post, body: str, content_warning: str | None = None) -> PostOutcome:
    """Edit a post, keeping the previous version in its history; the new text is screened again."""
    require(perm.can_edit_post(editor, post), CANT_EDIT)
    body = _clean_body(body)
    cw = clean_content_warning(post.content_warning if content_warning is None else content_warning)
    # A first post's warning lives on its thread; either one satisfies the room's required topics.
    given = cw or (post.thread.content_warning if post.is_first else "")
    clean_content_warning(given, post.thread.group, body)
    title = post.thread.title if post.is_first else ""  # a first post is read with its thread's title
    answering = () if post.is_first else posts_answered(post.thread, post.author, post.id)
    verdict = screen_all({"body": (body, "post")}, post.thread.group, editor, title, answering)
    _refuse_if_rejected(verdict)
    if body == post.source and cw == post.content_warning:
        return PostOutcome(post, verdict)
    with write_transaction():
        require_still(lambda: perm.can_edit_post(editor, post), CANT_EDIT)
        db.session.add(
            PostRevision(
                post=post, editor_id=editor.id, source=post.source, html=post.html, status=post.status
            )
        )
        was_visible = post.status == "visible"
        post.source, post.html, post.content_warning = body, render_markdown(body), cw
        post.edited_at = utcnow()
        if post.status in ("visible", "held"):
            _apply_verdict(post, verdict)
        if post.is_first:
            post.thread.status = post.status
        if was_visible and post.status != "visible":
            _touch_thread(post.thread, -1)
        elif not was_visible and post.status == "visible" and not post.is_first:
            _touch_thread(post.thread, +1)  # a held reply published by its edit counts again
        review_edit(post, verdict)
    return PostOutcome(post, verdict)


def delete_post(actor: User, post: Post) -> None:
    """Soft-delete: the post becomes a tombstone; the source is kept for moderators' records."""
    require(perm.can_delete_post(actor, post), CANT_DELETE)
    with write_transaction():
        # A moderator removed from the room meanwhile deletes only their own posts again.
        require_still(lambda: perm.can_delete_post(actor, post), CANT_DELETE)
        post.deleted_at = utcnow()
        if post.is_first:
            post.thread.is_locked = post.thread.reply_count == 0 or post.thread.is_locked


def _no_reaction(post: Post) -> str:
    return REMOVED_NO_REACTIONS if perm.is_removed(post) else CANT_REACT


def toggle_reaction(user: User, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if already given; returns True when it is now given."""
    if kind not in REACTIONS:
        raise ValidationError("Unknown reaction.", "kind")
    require(perm.can_react(user, post), _no_reaction(post))
    with write_transaction():
        # A ban, a hidden post or an erasure meanwhile holds.
        require_still(lambda: perm.can_react(user, post), _no_reaction(post))
        # Looked up under the write lock: of two clicks at once, the second sees the first's reaction.
        existing = db.session.scalar(
            select(Reaction).where(
                Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
            )
        )
        if existing is not None:
            db.session.delete(existing)
            return False
        db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
        return True
