"""What a deletion leaves in the database: nothing personal, the writing kept or erased, moderation records valid."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.moderation.reviews import open_review
from forum.services import account_deletion, accounts
from forum.services.account_deletion import ERASED, FORMER_MEMBER
from forum.services.errors import ValidationError
from forum.services.moderator_actions import perform
from models import (
    AuditEntry,
    ChatMessage,
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
from tests.auth.conftest import HANDLE
from tests.conftest import PASSWORD, run_at_once


def _count(model: type, *where: object) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _delete(user: User, writing: str) -> None:
    account_deletion.delete_account(user, PASSWORD, writing)
    db.session.rollback()  # as a new request would: read what was committed


@pytest.mark.parametrize("writing", ["keep", "erase"])
def test_nothing_personal_is_left(robin, writing):
    uid = robin.user.id
    _delete(robin.user, writing)
    user = db.session.get(User, uid)
    assert user.handle == FORMER_MEMBER and user.handle_key.startswith("~") and user.deleted_at is not None
    assert user.email is None and user.bio_source == user.bio_html == "" and user.password_hash == "!"
    assert not user.is_admin and not user.is_site_moderator and user.feed_key_version == 1
    for model in (Membership, Notification, LoginSession, RecoveryCode, RoleOffer, GroupNotice, Reaction,
                  ModeratorPreference):  # fmt: skip
        assert _count(model, model.user_id == uid) == 0, model.__name__
    for model in (Post, Thread, ChatMessage):
        assert _count(model, model.author_id == uid) == 0, model.__name__
    assert _count(PostRevision, PostRevision.editor_id == uid) == 0
    # Others' reactions on the member's posts are theirs, and stay.
    assert _count(Reaction, Reaction.post_id == robin.first.id) == 1
    assert accounts.authenticate(HANDLE, PASSWORD) is None


def test_the_bio_goes_from_profile_reviews_too(robin):
    review = open_review(robin.user, [{"source": "lexicon", "category": "harassment", "severity": 1, "score": 0.8,
                                       "reason": "lexicon", "evidence": "robin bio"}])  # fmt: skip
    review.status = "rejected"
    db.session.add(
        ModerationLabel(review_id=review.id, text="robin bio words", label="harassment", severity=1)
    )
    db.session.commit()
    _delete(robin.user, "keep")
    assert db.session.scalar(select(ModerationLabel.text).where(ModerationLabel.review_id == review.id)) == ""
    assert db.session.scalar(select(ReviewSignal.evidence).where(ReviewSignal.review_id == review.id)) == ""


def test_keep_leaves_the_words_by_nobody(robin):
    _delete(robin.user, "keep")
    first, edited = db.session.get(Post, robin.first.id), db.session.get(Post, robin.edited.id)
    assert first.source == "robin first words" and first.author_id is None
    assert (
        edited.revisions[0].source == "robin original reply words" and edited.revisions[0].editor_id is None
    )
    assert db.session.get(Thread, robin.alone.id).status == "visible"
    assert db.session.get(Thread, robin.answered.id).title == "robin answered title"
    assert db.session.scalar(select(ChatMessage.source)) == "robin chat words"
    label = db.session.scalar(select(ModerationLabel).where(ModerationLabel.review_id == robin.judged.id))
    assert label.text == "robin edited reply words"
    for model in (Post, Thread, ChatMessage):
        assert _count(model, model.erased_at.is_not(None)) == 0, model.__name__


def test_erase_removes_every_copy_of_the_words(robin):
    _delete(robin.user, "erase")
    for post in db.session.scalars(select(Post).where(Post.author_id.is_(None))):
        assert post.source == ERASED and ERASED in post.html and post.edited_at is None
    assert _count(PostRevision) == 0
    answered, alone = db.session.get(Thread, robin.answered.id), db.session.get(Thread, robin.alone.id)
    assert answered.title == alone.title == ERASED
    assert answered.status == "visible" and alone.status == "removed"  # others' replies stay readable
    assert db.session.scalar(select(ChatMessage.source)) == ERASED
    # Marked erased (what the pages and services go by), the member's writing only.
    for model in (Post, Thread, ChatMessage):
        erased = _count(model, model.erased_at.is_not(None))
        assert erased and erased == _count(model, model.author_id.is_(None)), model.__name__
    sams = db.session.scalars(select(Post.source).where(Post.author_id == robin.sam_other.id)).all()
    assert sorted(sams) == ["sam opening words", "sam reply words"]  # what others wrote is theirs
    assert db.session.get(Thread, robin.sams.id).title == "sam thread title"
    # Moderators' records keep their verdicts without the member's words.
    label = db.session.scalar(select(ModerationLabel).where(ModerationLabel.review_id == robin.judged.id))
    assert label.label == "none" and label.text == ""
    assert set(db.session.scalars(select(ReviewSignal.evidence))) == {""}
    assert db.session.scalar(select(ReviewSignal.note).where(ReviewSignal.source == "report")) == ""


def test_the_handle_stays_reserved_and_unlinked(robin):
    _delete(robin.user, "keep")
    assert _count(RetiredHandle) == 1
    for spelling in (HANDLE, "Robin_Wren", " ROBIN_WREN "):
        with pytest.raises(ValidationError, match="reserved"):
            accounts.register(spelling, "a fresh long passphrase here")
    for lookalike in ("a_former_member", "former-member", "FormerMember"):
        with pytest.raises(ValidationError, match="reserved"):
            accounts.validate_handle(lookalike)
    accounts.register("robin_wren2", "a fresh long passphrase here")  # others are free


@pytest.mark.parametrize("writing", ["keep", "erase"])
def test_moderation_records_stay_valid(robin, writing):
    uid = robin.user.id
    _delete(robin.user, writing)
    crisis = db.session.get(Review, robin.crisis.id)
    assert crisis.status == "pending" and crisis.priority == "urgent" and crisis.target_user_id == uid
    assert crisis.acknowledged_at is None  # the urgent clock still runs
    assert crisis.events[-1].action == "account_deleted"
    report = db.session.get(Review, robin.report.id)
    assert report.signals[0].reporter_id == uid and report.signals[0].reporter.handle == FORMER_MEMBER
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.delete"))
    assert entry.actor_id == uid and entry.after == {"writing": account_deletion.CHOICES[writing]}
    # A moderator can still decide the item (not against an author who is gone); nobody is notified of it.
    with pytest.raises(ValidationError, match="no longer exists"):
        perform(crisis, "warn", robin.mod_fern, "please reach out")
    db.session.rollback()
    before = _count(Notification)
    perform(db.session.get(Review, robin.crisis.id), "hide", robin.mod_fern, "details of a plan")
    assert db.session.get(Review, robin.crisis.id).status == "rejected" and _count(Notification) == before
    label = db.session.scalar(select(ModerationLabel).where(ModerationLabel.review_id == robin.crisis.id))
    assert label.label == "crisis" and label.text == ("robin first words" if writing == "keep" else "")


def test_a_moderators_claims_go_back_to_the_queue(robin):
    db.session.execute(
        Membership.__table__.update().where(Membership.user_id == robin.user.id).values(role="moderator")
    )
    review = db.session.get(Review, robin.report.id)
    review.target_user_id = robin.sam_other.id
    review.claimed_by_id = robin.user.id
    db.session.commit()
    _delete(robin.user, "keep")
    review = db.session.get(Review, robin.report.id)
    assert review.claimed_by_id is None and review.claimed_at is None
    history = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "role.account_deleted"))
    assert history.group_id == robin.group.id and history.before == {"role": "moderator"}


def test_the_only_leader_leaves_the_room_to_the_admins(robin):
    db.session.execute(Membership.__table__.update().where(Membership.user_id == robin.lead_ash.id)
                       .values(role="member"))  # fmt: skip
    db.session.execute(Membership.__table__.update().where(Membership.user_id == robin.user.id)
                       .values(role="leader"))  # fmt: skip
    db.session.commit()
    assert [g.slug for g in account_deletion.outlook(robin.user).rooms_led_alone] == ["grief-room"]
    assert account_deletion.delete_account(robin.user, PASSWORD, "keep")[0].slug == "grief-room"
    db.session.rollback()
    assert _count(Membership, Membership.group_id == robin.group.id, Membership.role == "leader") == 0
    notice = db.session.scalar(select(Notification).where(Notification.user_id == robin.admin_one.id))
    assert "no leader now" in notice.message and notice.data == {"group": "grief-room"}


def test_a_co_leader_leaves_no_room_behind(robin):
    db.session.execute(Membership.__table__.update().where(Membership.user_id == robin.user.id)
                       .values(role="leader"))  # fmt: skip
    db.session.commit()
    assert account_deletion.outlook(robin.user).rooms_led_alone == []
    assert account_deletion.delete_account(robin.user, PASSWORD, "keep") == []


def test_the_last_admin_is_refused_and_nothing_changes(make_user):
    admin = make_user("only_admin", is_admin=True)
    # Admins who can't act don't count: a deleted one, a suspended one.
    make_user("gone_admin", is_admin=True, deleted_at=utcnow())
    make_user("suspended_admin", is_admin=True, suspended_until=utcnow() + timedelta(days=7))
    assert account_deletion.outlook(admin).blocked == account_deletion.LAST_ADMIN
    with pytest.raises(ValidationError, match="only admin"):
        account_deletion.delete_account(admin, PASSWORD, "keep")
    db.session.rollback()
    assert db.session.get(User, admin.id).deleted_at is None
    make_user("second_admin", is_admin=True)
    assert account_deletion.outlook(admin).blocked is None


@pytest.mark.parametrize(("password", "writing", "message"), [
    ("wrong password here", "keep", "not your current password"),
    (None, "keep", "not your current password"),
    (PASSWORD, "all of it", "Choose what happens"),
    (PASSWORD, None, "Choose what happens"),
])  # fmt: skip
def test_bad_input_changes_nothing(robin, password, writing, message):
    with pytest.raises(ValidationError, match=message):
        account_deletion.delete_account(robin.user, password, writing)
    db.session.rollback()
    assert db.session.get(User, robin.user.id).handle == HANDLE and _count(RecoveryCode) == 1


def test_two_deletions_at_once_delete_once(app, robin):
    uid = robin.user.id

    def delete() -> object:
        return account_deletion.delete_account(db.session.get(User, uid), PASSWORD, "keep")

    outcomes = run_at_once(app, delete)
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "list"]
    assert "already deleted" in next(o.message for o in outcomes if isinstance(o, ValidationError))
    assert _count(ReviewEvent, ReviewEvent.action == "account_deleted") == 1
    assert _count(RetiredHandle) == 1


def test_two_last_admins_cannot_both_go(app, make_user):
    ids = [make_user(name, is_admin=True).id for name in ("admin_a", "admin_b")]

    def delete() -> object:
        return account_deletion.delete_account(db.session.get(User, ids.pop()), PASSWORD, "keep")

    outcomes = run_at_once(app, delete)
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "list"]
    assert _count(User, User.is_admin.is_(True), User.deleted_at.is_(None)) == 1
