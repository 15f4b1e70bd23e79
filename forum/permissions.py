"""Named permission predicates shared by views, socket handlers and templates.

Visibility: `public` rooms are listed and readable by anyone; `members` rooms are listed but only active members
read their content; `unlisted` rooms are not listed anywhere and exist only for their members (others get a 404).
Site staff (admins and site moderators) see every room.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, g, has_request_context
from sqlalchemy import select

from models import Group, Membership, Post, Thread, User, db


def _is_user(user: object) -> bool:
    return isinstance(user, User) and user.is_active


def is_admin(user: object) -> bool:
    """A site administrator."""
    return _is_user(user) and user.is_admin


def is_site_staff(user: object) -> bool:
    """A site administrator or site moderator: sees and moderates every room."""
    return _is_user(user) and (user.is_admin or user.is_site_moderator)


# Outside a request (work done for another process's order) memberships are cached only inside an explicit block.
_block_memberships: ContextVar[dict | None] = ContextVar("block_memberships", default=None)


@contextmanager
def memberships_cached() -> Iterator[None]:
    """Cache memberships for the block when no request does it, so a loop of checks asks once per user and room."""
    outer = _block_memberships.get()
    token = _block_memberships.set({} if outer is None else outer)
    try:
        yield
    finally:
        _block_memberships.reset(token)


def membership(user: object, group: Group) -> Membership | None:
    """The user's membership of the group (cached per request or memberships_cached block), or None."""
    if not _is_user(user):
        return None
    if has_request_context():
        cache = g.setdefault("_memberships", {})
    else:
        cache = _block_memberships.get()
        cache = {} if cache is None else cache
    key = (user.id, group.id)
    if key not in cache:
        cache[key] = db.session.scalar(
            select(Membership).where(Membership.user_id == user.id, Membership.group_id == group.id)
        )
    return cache[key]


def forget_membership(user: User, group: Group) -> None:
    """Drop the cached membership after a service changed it."""
    if has_request_context():
        g.setdefault("_memberships", {}).pop((user.id, group.id), None)


def forget_memberships() -> None:
    """Drop every cached membership of this request, so the next check reads the database again."""
    if has_request_context():
        g.pop("_memberships", None)


def is_active_member(user: object, group: Group) -> bool:
    """An active member in any role."""
    m = membership(user, group)
    return m is not None and m.state == "active"


def is_pending(user: object, group: Group) -> bool:
    """A request to join that waits for a leader."""
    m = membership(user, group)
    return m is not None and m.state == "pending"


def is_banned(user: object, group: Group) -> bool:
    """Banned from this room."""
    m = membership(user, group)
    return m is not None and m.state == "banned"


def is_muted(user: object, group: Group) -> bool:
    """An active member whose mute in this room still runs."""
    m = membership(user, group)
    return m is not None and m.state == "active" and m.is_muted


def is_room_closed(group: Group) -> bool:
    """A time-limited course that has ended: read-only for everyone."""
    return _room_is_closed(group)


def can_see_group(user: object, group: Group) -> bool:
    """Whether the room exists for this user at all (its page, its name in lists they are shown)."""
    if group.visibility != "unlisted" or is_site_staff(user):
        return True
    m = membership(user, group)
    return m is not None and m.state in ("active", "pending", "invited")


def is_listed_for(user: object, group: Group) -> bool:
    """Whether the room appears in browse lists and search for this user."""
    return group.visibility != "unlisted" or is_active_member(user, group) or is_site_staff(user)


def can_view(user: object, group: Group) -> bool:
    """Whether the user may read the room's threads, posts and chat."""
    if is_site_staff(user):
        return True
    if is_banned(user, group):
        return False
    if group.visibility == "public":
        return True
    return is_active_member(user, group)


def can_see_membership_in(user: object, group: Group) -> bool:
    """Whether a profile may tell this viewer that someone belongs to the room: only if they could read it too."""
    # Being in a members-only room says something private (a diagnosis, a loss): fellow members and staff only.
    return can_see_group(user, group) and can_view(user, group)


def can_join(user: object, group: Group) -> bool:
    """Whether the user may join now or ask to (invitation-only rooms need an invitation)."""
    if not _is_user(user) or not can_see_group(user, group):
        return False
    m = membership(user, group)
    if m is not None and m.state in ("active", "pending", "banned"):
        return False
    return group.joining in ("open", "request") or (m is not None and m.state == "invited")


def can_leave(user: object, group: Group) -> bool:
    """Whether the user is in the room and may leave it."""
    m = membership(user, group)
    return m is not None and m.state in ("active", "pending")


def can_post_in(user: object, group: Group) -> bool:
    """Whether the user may start threads and reply: an active, unmuted member."""
    if not _is_user(user):
        return False
    m = membership(user, group)
    if m is None or m.state != "active" or m.is_muted:
        return False
    return not _room_is_closed(group)


def _room_is_closed(group: Group) -> bool:
    """A time-limited course that has ended is read-only."""
    settings = group.settings
    if settings is None or settings.ends_on is None:
        return False
    from models import utcnow

    return utcnow().date() > settings.ends_on


def can_moderate(user: object, group: Group | None) -> bool:
    """A room moderator or leader of this group, or site staff."""
    if is_site_staff(user):
        return True
    if group is None:
        return False
    m = membership(user, group)
    return m is not None and m.state == "active" and m.role in ("moderator", "leader")


def can_lead(user: object, group: Group) -> bool:
    """A leader of this group, or a site admin."""
    if is_admin(user):
        return True
    m = membership(user, group)
    return m is not None and m.state == "active" and m.role == "leader"


def offer_stands(offer: object) -> bool:
    """A role offer that can still be accepted: whoever made it still leads its group (or is a site admin)."""
    # An offer is only as good as its maker: a leader demoted, banned, gone (or deleted) since can't vouch for it.
    return can_lead(getattr(offer, "offered_by", None), offer.group)


def can_create_group(user: object) -> bool:
    """Admins always; members once their trust level reaches the configured threshold."""
    if not _is_user(user):
        return False
    return user.is_admin or user.trust_level >= current_app.config["GROUP_CREATE_MIN_TRUST"]


def can_view_thread(user: object, thread: Thread) -> bool:
    """Readable room, and the thread is visible (or the viewer wrote it or moderates)."""
    if not can_view(user, thread.group):
        return False
    if thread.status == "visible":
        return True
    return _is_user(user) and (thread.author_id == user.id or can_moderate(user, thread.group))


def can_view_post(user: object, post: Post) -> bool:
    """A held or hidden post is seen only by its author and the room's moderators."""
    if post.status == "visible":
        return True
    return _is_user(user) and (post.author_id == user.id or can_moderate(user, post.thread.group))


def can_view_post_history(user: object, post: Post) -> bool:
    """A deleted post's versions are kept for the room's moderators only; otherwise as the post itself."""
    if post.is_deleted:
        return can_moderate(user, post.thread.group)
    return can_view_post(user, post)


def can_view_revision(user: object, revision: object) -> bool:
    """An earlier version is public only if others could read it; held or redacted ones are the author's and mods'."""
    if revision.status == "visible" and not revision.redacted:
        return True
    post = revision.post
    return _is_user(user) and (post.author_id == user.id or can_moderate(user, post.thread.group))


def can_reply(user: object, thread: Thread) -> bool:
    """Post permission in the room, and the thread is open."""
    if thread.is_locked and not can_moderate(user, thread.group):
        return False
    return can_post_in(user, thread.group) and can_view_thread(user, thread)


def can_edit_post(user: object, post: Post) -> bool:
    """Authors edit their own live posts while they may still post in the room."""
    if post.is_deleted or not _is_user(user) or post.author_id != user.id:
        return False
    return can_post_in(user, post.thread.group)


def can_delete_post(user: object, post: Post) -> bool:
    """Authors delete their own posts; moderators any post in their rooms."""
    if post.is_deleted or not _is_user(user):
        return False
    return post.author_id == user.id or can_moderate(user, post.thread.group)


def is_removed(content: object) -> bool:
    """Gone for good: deleted, removed by moderators, or erased by its author (a deleted account, for a profile)."""
    if getattr(content, "deleted_at", None) is not None or getattr(content, "status", None) == "removed":
        return True
    return getattr(content, "erased_at", None) is not None  # its text reads ERASED (account_deletion)


def can_react(user: object, post: Post) -> bool:
    """Members who may read the thread react to visible posts that are still there, not their own."""
    return (
        _is_user(user)
        and post.status == "visible"
        and not is_removed(post)
        and post.author_id != user.id
        and is_active_member(user, post.thread.group)
    )


def _author_id(target: object) -> int | None:
    return target.id if isinstance(target, User) else getattr(target, "author_id", None)


def can_see_to_report(user: object, target: object) -> bool:
    """Whether the user can see the post, thread, chat message or profile at all (its report page exists)."""
    kind = type(target).__name__
    if kind == "Post":
        return can_view_thread(user, target.thread) and can_view_post(user, target)
    if kind == "Thread":
        return can_view_thread(user, target)
    if kind == "ChatMessage":
        return can_view(user, target.group) and target.status == "visible"
    return kind == "User" and target.deleted_at is None


def can_report(user: object, target: object) -> bool:
    """Members report what they can see and someone else wrote, while it is still there (not removed or erased)."""
    if not _is_user(user) or is_removed(target) or _author_id(target) == user.id:
        return False
    return can_see_to_report(user, target)


def can_review(user: object, review: object) -> bool:
    """Whether the user may see and act on a review: its room's moderators, or site staff for any."""
    if is_site_staff(user):
        return True
    group = getattr(review, "group", None)
    # Reviews without a room (profiles) are for site staff only.
    return group is not None and can_moderate(user, group)


def can_decide(user: object, review: object) -> bool:
    """Whether the user may claim and act on a review: one they may see, unless it is about them."""
    # Nobody judges their own post or profile, however senior: another moderator decides.
    return can_review(user, review) and getattr(review, "target_user_id", None) != user.id


def can_see_audit(user: object, group: Group | None = None) -> bool:
    """Site staff read the whole audit log; a room's moderators and leaders read that room's part of it."""
    if is_site_staff(user):
        return True
    return group is not None and can_moderate(user, group)


def can_chat(user: object, group: Group) -> bool:
    """Whether the user may send chat messages now: post permission, and the room's chat is open (moderators: always)."""
    if not can_post_in(user, group):
        return False
    from .services.chat import chat_status  # the chat state needs the meeting schedule (a service)

    return chat_status(group).is_open or can_moderate(user, group)


def can_view_chat_message(user: object, message: object) -> bool:
    """A held or hidden chat message is seen only by its author (held) and the room's moderators."""
    if not can_view(user, message.group) or message.status == "removed":
        return False
    if message.status == "visible" or can_moderate(user, message.group):
        return True
    return message.status == "held" and _is_user(user) and message.author_id == user.id


def could_have_seen_chat_message(user: object, message: object) -> bool:
    """Whether the user may have been shown the message before it was hidden, removed or erased: the room saw it,
    or they wrote it or moderate the room (who see held messages). Only they hear that it changed."""
    if not can_view(user, message.group):
        return False
    if message.shown_at is not None or can_moderate(user, message.group):
        return True
    return _is_user(user) and message.author_id == user.id


def can_see_groups_of(user: object, member: User) -> bool:
    """Whether a profile lists the member's rooms to this viewer: unless the member hid them (staff still see)."""
    return member.show_groups or (_is_user(user) and (user.id == member.id or is_site_staff(user)))


def can_view_bio(user: object, member: User) -> bool:
    """A bio waiting for review (or removed) is seen only by its owner and site staff (who review profiles)."""
    if member.bio_status == "visible":
        return True
    return _is_user(user) and (user.id == member.id or is_site_staff(user))


PREDICATES = {
    name: fn
    for name, fn in dict(globals()).items()
    if name.startswith(("can_", "is_")) and callable(fn) and name not in ("is_user",)
}
