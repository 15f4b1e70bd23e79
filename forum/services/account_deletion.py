"""Deleting an account, as Discourse's "delete and anonymise" does, with what a support forum needs on top.

The member's own data goes: handle, password, bio and settings, memberships, notices, sessions, recovery codes, role
offers, reactions. What they wrote stays in the threads as "a former member"'s, linked to nobody, so the replies
around it still make sense; or, if they ask, its text is erased ("[removed by its author]"). The User row stays as
a tombstone holding nothing personal, so moderation records (reviews, reports, the audit log, labels, notes) keep
pointing at something and read "a former member". The old handle stays reserved, against impersonation.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.sql import Executable
from werkzeug.security import check_password_hash

from models import (
    ChatMessage,
    Group,
    GroupNotice,
    LoginSession,
    Membership,
    ModerationLabel,
    ModeratorPreference,
    Notification,
    Post,
    PostRevision,
    Reaction,
    RecoveryCode,
    RetiredHandle,
    Review,
    ReviewEvent,
    ReviewSignal,
    RoleOffer,
    Thread,
    User,
    db,
    utcnow,
)
from models.thread import ERASED
from models.user import FORMER_MEMBER

from .. import permissions as perm
from ..content import render_markdown
from ..database import after_commit, write_transaction
from ..events import sessions_ended
from .accounts import handle_digest, skeleton_digest
from .chat import ERASED_LINE, announce_hidden
from .errors import ValidationError
from .notifications import notify
from .review_queue import ESCALATED
from .settings_log import record

CHOICES = {"keep": "kept", "erase": "erased"}
WRONG_PASSWORD = "That is not your current password. Nothing was changed."
LAST_ADMIN = (
    "You are the site's only admin, so your account can't be deleted yet: someone must be able to run the site. "
    "Make another member an admin first (flask --app wsgi make-admin HANDLE), then come back."
)
ALREADY_DELETED = "This account is already deleted."


@dataclass(frozen=True)
class Outlook:
    """What deleting the account would mean now: rooms left without a leader, or why it can't go ahead."""

    rooms_led_alone: list[Group]
    blocked: str | None = None


def outlook(user: User) -> Outlook:
    """What the deletion page warns about before the member confirms."""
    return Outlook(_rooms_led_alone(user), LAST_ADMIN if _is_last_admin(user) else None)


def delete_account(user: User, password: str, writing: str) -> list[Group]:
    """Delete the account after checking its password; `writing` is "keep" or "erase". Returns rooms left leaderless.

    Nothing traps a member: an open crisis review, a room they lead alone or a pending report does not stop it (the
    moderators keep their review; site admins get the room). Only the last site admin must hand over first.
    """
    if writing not in CHOICES:
        raise ValidationError("Choose what happens to what you wrote.", "writing")
    if not check_password_hash(user.password_hash, password or ""):
        raise ValidationError(WRONG_PASSWORD, "password")
    with write_transaction():
        # Under the write lock: a second click, or two last admins deleting at once, must find the state as it is.
        db.session.refresh(user)
        if user.deleted_at is not None:
            raise ValidationError(ALREADY_DELETED)
        if _is_last_admin(user):
            raise ValidationError(LAST_ADMIN)
        leaderless = _rooms_led_alone(user)
        _note_on_open_reviews(user, writing)
        _release_claims(user)
        if writing == "erase":
            _announce_erased_chat(user.id)
            _erase_writing(user.id)
        _detach_writing(user.id)
        _record_roles_ended(user, leaderless)
        _unname_in_notices(user)
        _drop_personal_rows(user.id)
        _make_tombstone(user)
        record(user, None, "account.delete", {}, {"writing": CHOICES[writing]}, target=user)
        # Every open socket of every session closes, in every process; not before the commit makes it true.
        after_commit(lambda: sessions_ended.send(user, token=None))
    perm.forget_memberships()
    return leaderless


def _is_last_admin(user: User) -> bool:
    """A site admin with no other admin able to act (not deleted, not suspended)."""
    if not user.is_admin:
        return False
    now = utcnow()
    others = db.session.scalar(
        select(func.count(User.id)).where(
            User.is_admin.is_(True), User.deleted_at.is_(None), User.id != user.id,
            or_(User.suspended_until.is_(None), User.suspended_until <= now),
        )
    )  # fmt: skip
    return others == 0


def _rooms_led_alone(user: User) -> list[Group]:
    """The rooms where the member is the only active leader."""
    led = select(Membership.group_id).where(
        Membership.user_id == user.id, Membership.role == "leader", Membership.state == "active"
    )
    leaders = (
        select(Membership.group_id)
        .where(Membership.group_id.in_(led), Membership.role == "leader", Membership.state == "active")
        .group_by(Membership.group_id)
        .having(func.count(Membership.id) == 1)
    )
    return list(db.session.scalars(select(Group).where(Group.id.in_(leaders)).order_by(Group.name)))


def _note_on_open_reviews(user: User, writing: str) -> None:
    """Tell the moderators on every open item about the member that they left (so nobody waits for a reply)."""
    reason = ("The member deleted their account and erased what they wrote." if writing == "erase" else
              "The member deleted their account; what they wrote stays, shown as by a former member.")  # fmt: skip
    open_ids = db.session.scalars(
        select(Review.id).where(Review.target_user_id == user.id, Review.status == "pending")
    ).all()
    for review_id in open_ids:
        # Not an acknowledgement: an urgent item keeps its clock and still escalates if nobody looks.
        db.session.add(ReviewEvent(review_id=review_id, action="account_deleted", reason=reason))


def _release_claims(user: User) -> None:
    """A moderator's claims go back to the queue at once instead of lapsing."""
    for review in db.session.scalars(select(Review).where(Review.claimed_by_id == user.id)):
        review.claimed_by_id, review.claimed_at = None, None


def _run(*statements: Executable) -> None:
    """Execute bulk statements; no loaded object is touched by them, so the session needs no syncing."""
    for statement in statements:
        db.session.execute(statement.execution_options(synchronize_session=False))


def _erase_writing(user_id: int) -> None:
    """Replace the text of every post, title and chat message, and every copy of it, with ERASED."""
    erased_html, now = render_markdown(ERASED), utcnow()
    posts = select(Post.id).where(Post.author_id == user_id)
    threads = select(Thread.id).where(Thread.author_id == user_id)
    # Threads others replied to stay, so their replies stay readable; a thread of the member's alone goes.
    answered = select(Post.thread_id).where(
        Post.thread_id.in_(threads), or_(Post.author_id.is_(None), Post.author_id != user_id),
        Post.deleted_at.is_(None),
    )  # fmt: skip
    about_them = select(Review.id).where(Review.target_user_id == user_id)
    _run(
        delete(PostRevision).where(PostRevision.post_id.in_(posts)),
        update(Post).where(Post.author_id == user_id)
        .values(source=ERASED, html=erased_html, content_warning="", edited_at=None, moderation_note="",
                erased_at=now),
        update(Thread).where(Thread.author_id == user_id, Thread.id.not_in(answered)).values(status="removed"),
        update(Thread).where(Thread.author_id == user_id).values(title=ERASED, erased_at=now),
        update(ChatMessage).where(ChatMessage.author_id == user_id)
        .values(source=ERASED, html=erased_html, moderation_note="", erased_at=now),
        # Copies moderators' records kept: the verdicts stay, the words go (and no longer train the model).
        update(ModerationLabel).where(ModerationLabel.review_id.in_(about_them)).values(text=""),
        update(ReviewSignal).where(ReviewSignal.review_id.in_(about_them)).values(evidence=""),
        update(ReviewSignal).where(ReviewSignal.reporter_id == user_id).values(note=""),
    )  # fmt: skip


def _announce_erased_chat(user_id: int) -> None:
    """Open chat windows show the erasure at once, as they show a moderator's hide (after the commit)."""
    rows = db.session.execute(
        select(ChatMessage.group_id, ChatMessage.id, ChatMessage.shown_at)
        .where(ChatMessage.author_id == user_id, ChatMessage.status != "removed")
        .order_by(ChatMessage.group_id, ChatMessage.id)
    ).all()
    by_room: dict[int, list] = {}
    for row in rows:
        by_room.setdefault(row.group_id, []).append(row)
    for group_id, messages in by_room.items():
        announce_hidden(group_id, messages, replaced_by=ERASED_LINE)


def _detach_writing(user_id: int) -> None:
    """What the member wrote (or edited) stays, by nobody: no page can link it to them or to each other."""
    _run(
        update(Post).where(Post.author_id == user_id).values(author_id=None),
        update(Thread).where(Thread.author_id == user_id).values(author_id=None),
        update(ChatMessage).where(ChatMessage.author_id == user_id).values(author_id=None),
        update(PostRevision).where(PostRevision.editor_id == user_id).values(editor_id=None),
    )


def _record_roles_ended(user: User, leaderless: list[Group]) -> None:
    """Each room's history records the role that ended; the site admins hear of rooms left without a leader."""
    roles = db.session.scalars(
        select(Membership).where(Membership.user_id == user.id, Membership.state == "active",
                                 Membership.role.in_(("moderator", "leader")))
    ).all()  # fmt: skip
    for m in roles:
        record(user, m.group, "role.account_deleted", {"role": m.role}, {"role": None}, target=user)
    admins = db.session.scalars(
        select(User.id).where(User.is_admin.is_(True), User.deleted_at.is_(None), User.id != user.id)
    ).all()
    for group in leaderless:
        for admin_id in admins:
            notify(admin_id, "info", f"{group.name} has no leader now: its only leader deleted their account. "
                   "Offer the role to one of its members from the room's People settings.",
                   {"group": group.slug})  # fmt: skip


def _unname_in_notices(user: User) -> None:
    """Other people's notices naming the member (an escalation, in site moderators' inboxes) name nobody now."""
    # Notices are stored text, so they are rewritten here, under the deletion's transaction (before the tombstone).
    named, unnamed = ESCALATED.format(who=user.handle), ESCALATED.format(who=FORMER_MEMBER.capitalize())
    notices = db.session.scalars(select(Notification).where(
        Notification.kind == "moderation", Notification.message.startswith(named, autoescape=True)))  # fmt: skip
    for notice in notices:
        if notice.message.startswith(named):  # LIKE ignores case on SQLite: compare exactly
            notice.message = (unnamed + notice.message[len(named) :])[:1000]


def _drop_personal_rows(user_id: int) -> None:
    """Delete every row that exists only for the member."""
    mine = (
        (Membership, Membership.user_id), (Notification, Notification.user_id),
        (LoginSession, LoginSession.user_id), (RecoveryCode, RecoveryCode.user_id), (RoleOffer, RoleOffer.user_id),
        (GroupNotice, GroupNotice.user_id), (Reaction, Reaction.user_id),
        (ModeratorPreference, ModeratorPreference.user_id),
    )  # fmt: skip
    _run(*(delete(model).where(column == user_id) for model, column in mine))
    # The bio goes whatever the member chose for their posts, and so do the copies of it in profile reviews.
    profile = select(Review.id).where(Review.target_type == "user", Review.target_id == user_id)
    _run(
        update(ModerationLabel).where(ModerationLabel.review_id.in_(profile)).values(text=""),
        update(ReviewSignal).where(ReviewSignal.review_id.in_(profile)).values(evidence=""),
    )
    # Leaders' notices of the member's request to join name them; the request itself went with the membership.
    _run(
        delete(Notification).where(
            Notification.kind == "join_request", Notification.data["user_id"].as_integer() == user_id
        )
    )


def _retire_handle(handle: str) -> None:
    """Keep the handle and its look-alike key reserved, as digests (a row retired before the key gains it)."""
    row = db.session.scalar(select(RetiredHandle).where(RetiredHandle.key_digest == handle_digest(handle)))
    if row is None:
        row = RetiredHandle(key_digest=handle_digest(handle))
        db.session.add(row)
    row.skeleton_digest = skeleton_digest(handle)


def _make_tombstone(user: User) -> None:
    """Keep the row for the records that point at it, with nothing personal left in it; reserve the handle."""
    _retire_handle(user.handle)
    user.handle = FORMER_MEMBER
    # Unique, unguessable, and not a handle anyone can type: no login, profile or mention finds the row.
    user.handle_key = "~" + secrets.token_hex(12)
    user.handle_skeleton = ""  # the look-alike key would still name them: it is kept only as a digest
    user.password_hash = "!"  # no password hash has this form, so none matches it
    user.email = None
    user.bio_source = user.bio_html = ""
    user.bio_status = "visible"
    user.region, user.timezone, user.trust_level = "INTL", "UTC", 0
    user.is_admin = user.is_site_moderator = False
    user.suspended_until = user.suspension_reason = None
    user.last_seen_at = None
    user.feed_key_version += 1  # private calendar links stop working
    user.deleted_at = utcnow()
