"""Groups: browsing, joining and leaving, and the reads the group pages need."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from models import Category, Group, GroupNotice, Membership, Post, Thread, User, db, utcnow

from .. import permissions as perm
from ..database import write_transaction
from ..events import membership_changed
from ..text_input import clean_text
from .errors import NotFound, PermissionDenied, ValidationError
from .notifications import notify

JOIN_MESSAGE_MAX = 500


def get_group(slug: str, viewer: object) -> Group:
    """The group with this slug if it exists for the viewer; NotFound otherwise (unlisted rooms stay hidden)."""
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not perm.can_see_group(viewer, group):
        raise NotFound("There is no such group.")
    return group


def categories_with_groups(viewer: object) -> list[tuple[Category, list[Group]]]:
    """Every category with the groups listed for this viewer."""
    categories = db.session.scalars(select(Category).order_by(Category.position, Category.name)).all()
    out = []
    for cat in categories:
        groups = [g for g in cat.groups if perm.is_listed_for(viewer, g)]
        out.append((cat, groups))
    return out


def member_counts(group_ids: list[int]) -> dict[int, int]:
    """Active member counts for many groups in one query."""
    if not group_ids:
        return {}
    rows = db.session.execute(
        select(Membership.group_id, func.count())
        .where(Membership.group_id.in_(group_ids), Membership.state == "active")
        .group_by(Membership.group_id)
    )
    return dict(rows.all())


def search_groups(query: str, viewer: object) -> list[Group]:
    """Groups whose name or description match, among those listed for the viewer."""
    q = (query or "").strip()[:80]
    if not q:
        return []
    like = f"%{q}%"
    rows = db.session.scalars(
        select(Group)
        .where(or_(Group.name.ilike(like), Group.description.ilike(like)))
        .order_by(Group.name)
        .limit(50)
    )
    return [g for g in rows if perm.is_listed_for(viewer, g)]


def people(group: Group, role: str) -> list[User]:
    """Active members of the group with the given role."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership)
            .where(Membership.group_id == group.id, Membership.role == role, Membership.state == "active")
            .order_by(User.handle)
        )
    )


def thread_page(group: Group, viewer: object, page: int, per_page: int) -> tuple[list[Thread], int]:
    """A page of the group's threads, pinned first then newest activity, with the total count."""
    where = [Thread.group_id == group.id]
    if not perm.can_moderate(viewer, group):
        own = Thread.author_id == viewer.id if isinstance(viewer, User) else False
        where.append(or_(Thread.status == "visible", own))
    total = db.session.scalar(select(func.count(Thread.id)).where(*where))
    threads = db.session.scalars(
        select(Thread)
        .where(*where)
        .order_by(Thread.is_pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(threads), total


def recent_threads(viewer: object, limit: int = 10) -> list[Thread]:
    """The newest active visible threads across the rooms this viewer may read."""
    candidates = db.session.scalars(
        select(Thread)
        .where(Thread.status == "visible")
        .order_by(Thread.last_activity_at.desc())
        .limit(limit * 5)
    ).all()
    return [t for t in candidates if perm.can_view(viewer, t.group) and perm.is_listed_for(viewer, t.group)][
        :limit
    ]


def post_page(thread: Thread, viewer: object, page: int, per_page: int) -> tuple[list[Post], int]:
    """A page of posts the viewer may see, oldest first, with the total count."""
    where = [Post.thread_id == thread.id]
    if not perm.can_moderate(viewer, thread.group):
        own = Post.author_id == viewer.id if isinstance(viewer, User) else False
        where.append(or_(Post.status == "visible", own))
    total = db.session.scalar(select(func.count(Post.id)).where(*where))
    posts = db.session.scalars(
        select(Post).where(*where).order_by(Post.id).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return list(posts), total


def join(user: User, group: Group, message: str = "") -> Membership:
    """Join an open room, ask to join a by-request room, or accept an invitation."""
    if not perm.can_join(user, group):
        raise PermissionDenied(_join_refusal(user, group))
    message = clean_text(message)
    if len(message) > JOIN_MESSAGE_MAX:
        raise ValidationError(f"Keep the message under {JOIN_MESSAGE_MAX} characters.", "message")
    with write_transaction():
        existing = _membership_to_join(user, group)
        m = existing or Membership(user_id=user.id, group_id=group.id, role="member")
        invited = existing is not None and existing.state == "invited"
        m.state = "active" if group.joining == "open" or invited else "pending"
        m.request_message = message if m.state == "pending" else ""
        db.session.add(m)
        if m.state == "active":
            # The welcome message is shown once, on the member's next visit to the group page.
            db.session.add(GroupNotice(group_id=group.id, user_id=user.id, kind="welcome"))
        else:
            _tell_deciders(group, user)
    perm.forget_membership(user, group)
    return m


def request_deciders(group: Group) -> list[User]:
    """Who may answer a request to join: the group's leaders, or the site admins while it has none."""
    candidates = people(group, "leader") or list(
        db.session.scalars(select(User).where(User.is_admin.is_(True), User.deleted_at.is_(None)))
    )
    return [u for u in candidates if perm.can_lead(u, group)]


def _tell_deciders(group: Group, requester: User) -> None:
    # A request nobody hears of waits forever; in a room with no leader yet it goes to the site admins.
    for decider in request_deciders(group):
        notify(decider.id, "join_request", f"{requester.handle} asked to join {group.name}.",
               {"group": group.slug, "user_id": requester.id})  # fmt: skip


def _membership_to_join(user: User, group: Group) -> Membership | None:
    """The user's membership as the database has it now, refusing as join() does; call under the write lock."""
    # Not the cached one: a join sent twice (a double click) or a ban may have landed since the first check,
    # and must be neither inserted twice nor undone.
    perm.forget_membership(user, group)
    if not perm.can_join(user, group):
        raise PermissionDenied(_join_refusal(user, group))
    return perm.membership(user, group)


def _join_refusal(user: User, group: Group) -> str:
    m = perm.membership(user, group)
    if m is not None and m.state == "active":
        return "You are already a member of this group."
    if m is not None and m.state == "pending":
        return "Your request to join is waiting for a leader."
    if m is not None and m.state == "banned":
        return "You can't join this group."
    return "This group is by invitation only."


def leave(user: User, group: Group) -> None:
    """Leave a room (or withdraw a request); the last leader must hand over first."""
    with write_transaction():
        # Checked under the write lock: two leaders leaving at once must not both pass the last-leader check.
        perm.forget_membership(user, group)
        m = perm.membership(user, group)
        if m is None or not perm.can_leave(user, group):
            raise ValidationError("You are not a member of this group.")
        if m.role == "leader" and m.state == "active" and len(people(group, "leader")) <= 1:
            raise ValidationError(
                "You are this group's only leader. Make someone else a leader before you leave."
            )
        db.session.delete(m)
    perm.forget_membership(user, group)
    membership_changed.send(m, reason="left", user_id=user.id, group_id=group.id)


def groups_of(user: User, viewer: object) -> list[Group]:
    """The groups a profile shows: the user's active rooms whose content the viewer could read."""
    if not perm.can_see_groups_of(viewer, user):
        return []
    groups = db.session.scalars(
        select(Group)
        .join(Membership)
        .where(Membership.user_id == user.id, Membership.state == "active")
        .order_by(Group.name)
    ).all()
    return [g for g in groups if perm.can_see_membership_in(viewer, g)]


def touch(user: User) -> None:
    """Record that the user was seen (at most once a minute, to spare writes)."""
    now = utcnow()
    if user.last_seen_at is None or (now - user.last_seen_at).total_seconds() > 60:
        with write_transaction():
            user.last_seen_at = now
