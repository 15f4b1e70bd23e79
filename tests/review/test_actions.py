"""Each moderator action through `perform`: its effect on the target, the record, and what people are told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from forum import events
from forum.services.errors import Conflict, PermissionDenied, ValidationError
from forum.services.moderator_actions import perform
from forum.services.reports import submit_report
from models import (
    LoginSession,
    Membership,
    ModerationLabel,
    Notification,
    PostRevision,
    ReviewEvent,
    db,
    utcnow,
)


def notices(user, kind=None):
    q = select(Notification).where(Notification.user_id == user.id)
    if kind:
        q = q.where(Notification.kind == kind)
    return list(db.session.scalars(q.order_by(Notification.id)))


def last_event(review):
    return db.session.scalars(select(ReviewEvent).where(ReviewEvent.review_id == review.id)
                              .order_by(ReviewEvent.id.desc())).first()  # fmt: skip


def label_of(review):
    return db.session.scalar(select(ModerationLabel).where(ModerationLabel.review_id == review.id))


@pytest.fixture
def flagged(world, make_post, flag):
    post = make_post(world.member1, world.group, "some words that were flagged", status="held")
    review = flag(post, "pro_harm", priority="high")
    return post, review


def test_approve_publishes_held_post_tells_author_and_labels_none(world, flagged):
    post, review = flagged
    perform(review, "approve", world.mod1, "reads as recovery talk")
    assert post.status == "visible" and post.thread.status == "visible"
    assert review.status == "approved" and review.resolved_by_id == world.mod1.id
    assert "now visible" in notices(world.member1, "moderation")[-1].message
    label = label_of(review)
    assert (label.label, label.severity, label.text) == ("none", 0, "some words that were flagged")
    event = last_event(review)
    assert (event.action, event.actor_id, event.reason) == (
        "approve",
        world.mod1.id,
        "reads as recovery talk",
    )


def test_hide_keeps_post_from_others_and_tells_author_the_reason(world, flagged, client, auth):
    post, review = flagged
    perform(review, "hide", world.mod1, "promotes restriction")
    assert post.status == "hidden" and review.status == "rejected"
    note = notices(world.member1, "moderation")[-1]
    assert "hid your post in Test Room" in note.message and "promotes restriction" in note.message
    assert label_of(review).label == "pro_harm" and label_of(review).severity == 2
    auth.login("outsider")
    assert b"some words that were flagged" not in client.get(f"/t/{post.thread_id}").data
    auth.logout()
    auth.login("member1")
    page = client.get(f"/t/{post.thread_id}")
    assert b"Hidden by a moderator" in page.data


def test_remove_sets_removed(world, flagged):
    post, review = flagged
    perform(review, "remove", world.mod1, "not allowed here")
    assert post.status == "removed" and review.status == "rejected"


def test_edit_out_replaces_detail_keeps_original(world, make_post, flag):
    post = make_post(world.member1, world.group, "I weigh 40 kg now and feel awful")
    review = flag(post, "rule")
    perform(
        review, "edit_out", world.mod1, "numbers are not shared here", detail="40 kg", replacement="[number]"
    )
    assert post.source == "I weigh [number] now and feel awful" and "40 kg" not in post.html
    revision = db.session.scalar(select(PostRevision).where(PostRevision.post_id == post.id))
    assert revision.source == "I weigh 40 kg now and feel awful" and revision.editor_id == world.mod1.id
    assert label_of(review).text == "I weigh 40 kg now and feel awful"
    assert "edited a detail out" in notices(world.member1, "moderation")[-1].message


def test_edit_out_rejects_text_not_in_post(world, make_post, flag):
    post = make_post(world.member1, world.group, "a plain post")
    review = flag(post, "rule")
    with pytest.raises(ValidationError) as err:
        perform(review, "edit_out", world.mod1, "reason here", detail="missing words")
    assert err.value.field == "detail"
    assert post.source == "a plain post" and review.status == "pending"


def test_send_resources_keeps_item_open_and_sends_card(world, make_post, flag):
    post = make_post(world.member1, world.group, "a hard night")
    review = flag(post, "crisis", priority="urgent")
    perform(review, "send_resources", world.mod1, "checking in")
    assert review.status == "pending" and review.acknowledged_at is not None
    assert len(notices(world.member1, "resources")) == 1
    perform(review, "support", world.mod1, "member supported, post stays")
    assert review.status == "approved" and post.status == "visible"
    assert label_of(review).label == "crisis"


def test_warn_declines_the_held_post_and_tells_author_reason(world, flagged, client, auth):
    post, review = flagged
    perform(review, "warn", world.mod1, "please keep to the room rules")
    assert review.status == "rejected" and post.status == "removed"  # not left waiting forever
    message = notices(world.member1, "moderation")[-1].message
    assert (
        "warning" in message and "won't be shown to others" in message and "keep to the room rules" in message
    )
    auth.login("member1")
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "Pending review" not in page and "Removed" in page


def test_warn_leaves_visible_content_as_it_is(world, make_post, flag):
    post = make_post(world.member1, world.group, "a visible post someone reported")
    review = flag(post, "harassment")
    perform(review, "warn", world.mod1, "please keep replies kind")
    assert review.status == "rejected" and post.status == "visible"


@pytest.mark.parametrize(("action", "params"), [("warn", {}), ("suspend", {"days": 1})])
def test_rejecting_a_held_bio_removes_it(world, client, action, params):
    from forum.moderation.reviews import open_review

    world.member1.bio_source, world.member1.bio_html, world.member1.bio_status = (
        "x",
        "<p>pro-ana tips</p>",
        "held",
    )
    review = open_review(world.member1, [{"source": "lexicon", "category": "pro_harm", "severity": 2,
                                         "score": 0.9, "reason": "pro-harm"}])  # fmt: skip
    db.session.commit()
    perform(review, action, world.sitemod, "not allowed on profiles", **params)
    assert review.status == "rejected" and world.member1.bio_status == "removed"
    assert "pro-ana" not in client.get("/u/member1").get_data(as_text=True)


def test_mute_sets_muted_until_and_sends_membership_changed(world, flagged):
    post, review = flagged
    seen = []
    listener = lambda m, **kw: seen.append((m.user_id, kw["reason"]))  # noqa: E731
    events.membership_changed.connect(listener)
    try:
        perform(review, "mute", world.mod1, "cooling off", hours=24)
    finally:
        events.membership_changed.disconnect(listener)
    m = db.session.scalar(select(Membership).where(Membership.user_id == world.member1.id,
                                                   Membership.group_id == world.group.id))  # fmt: skip
    assert m.is_muted and m.muted_until > utcnow() + timedelta(hours=23)
    assert seen == [(world.member1.id, "muted")]
    assert review.status == "pending"
    assert "muted in Test Room for 24 hours" in notices(world.member1, "moderation")[-1].message


def test_mute_needs_a_valid_duration(world, flagged):
    _, review = flagged
    with pytest.raises(ValidationError):
        perform(review, "mute", world.mod1, "cooling off", hours=5)


def test_ban_bans_hides_and_signals(world, flagged):
    post, review = flagged
    seen = []
    listener = lambda m, **kw: seen.append(kw["reason"])  # noqa: E731
    events.membership_changed.connect(listener)
    try:
        perform(review, "ban", world.mod1, "repeated pro-harm posts")
    finally:
        events.membership_changed.disconnect(listener)
    m = db.session.scalar(select(Membership).where(Membership.user_id == world.member1.id,
                                                   Membership.group_id == world.group.id))  # fmt: skip
    assert m.state == "banned" and post.status == "hidden" and review.status == "rejected"
    assert seen == ["banned"]


def test_peer_moderator_cannot_ban_a_co_moderator(world, make_post, flag):
    post = make_post(world.leader1, world.group, "leader words")
    review = flag(post, "harassment")
    with pytest.raises(PermissionDenied):
        perform(review, "ban", world.mod1, "reason here")


def test_suspend_is_site_staff_only_and_ends_sessions(world, flagged, client, auth):
    _, review = flagged
    with pytest.raises(PermissionDenied):
        perform(review, "suspend", world.mod1, "serious harm", days=7)
    auth.login("member1")
    assert db.session.scalar(select(LoginSession).where(LoginSession.user_id == world.member1.id))
    ended = []
    listener = lambda u, **kw: ended.append(u.id)  # noqa: E731
    events.sessions_ended.connect(listener)
    try:
        perform(review, "suspend", world.sitemod, "serious harm", days=7)
    finally:
        events.sessions_ended.disconnect(listener)
    assert world.member1.is_suspended and world.member1.suspension_reason == "serious harm"
    assert db.session.scalar(select(LoginSession).where(LoginSession.user_id == world.member1.id)) is None
    assert ended == [world.member1.id]
    assert client.get("/settings").status_code == 302  # logged out everywhere


def test_escalate_notifies_site_moderators_once(world, flagged):
    _, review = flagged
    perform(review, "escalate", world.mod1, "need a second opinion")
    assert review.escalated_at is not None and review.status == "pending"
    assert "escalated" in notices(world.sitemod, "moderation")[-1].message
    with pytest.raises(ValidationError):
        perform(review, "escalate", world.mod1, "again")


@pytest.mark.parametrize(("action", "reason", "params"), [
    ("approve", "", {}), ("approve", "  ", {}), ("explode", "a reason", {}), ("approve", "x" * 1001, {}),
    ("suspend", "a reason", {"days": 3}), ("edit_out", "a reason", {"detail": ""}),
])  # fmt: skip
def test_bad_input_changes_nothing(world, flagged, action, reason, params):
    post, review = flagged
    version = review.version
    with pytest.raises(ValidationError):
        perform(review, action, world.sitemod, reason, **params)
    db.session.refresh(review)
    assert review.status == "pending" and review.version == version and post.status == "held"


def test_acting_on_resolved_item_is_a_conflict(world, flagged):
    _, review = flagged
    perform(review, "hide", world.mod1, "promotes restriction")
    with pytest.raises(Conflict) as err:
        perform(review, "approve", world.leader1, "looks fine")
    assert "already resolved" in err.value.message


def test_user_target_actions(world):
    submit_report(world.member1, world.outsider, "harassment", "")
    from models import Review

    review = db.session.scalar(select(Review).where(Review.target_type == "user"))
    with pytest.raises(PermissionDenied):  # profile reports belong to site staff
        perform(review, "warn", world.mod1, "be kind")
    with pytest.raises(ValidationError):
        perform(review, "hide", world.sitemod, "no content to hide")
    perform(review, "warn", world.sitemod, "be kind to others")
    assert review.status == "rejected"
    assert notices(world.member1, "report_outcome")[-1].data["upheld"] is True


def test_reporters_told_outcome_in_general_terms(world, make_post):
    post = make_post(world.member1, world.group, "some post")
    review = submit_report(world.leader1, post, "spam", "")
    perform(review, "approve", world.mod1, "not spam: a member sharing a resource")
    outcome = notices(world.leader1, "report_outcome")[-1]
    assert "decided it can stay" in outcome.message
    assert "not spam" not in outcome.message  # the reason is for the author and the log, not the reporter


def test_thread_target_hidden(world, make_post, client, auth):
    post = make_post(world.member1, world.group, "opening post", title="A thread to report")
    review = submit_report(world.leader1, post.thread, "harassment", "")
    assert review.target_type == "thread" and review.group_id == world.group.id
    perform(review, "hide", world.mod1, "title targets a member")
    assert post.thread.status == "hidden"
    auth.login("outsider")
    assert client.get(f"/t/{post.thread_id}").status_code == 404
    auth.logout()
    auth.login("member1")
    assert client.get(f"/t/{post.thread_id}").status_code == 200
    assert "hid your thread in Test Room" in notices(world.member1, "moderation")[-1].message


def test_moderation_label_updated_when_reopened_item_is_decided_again(world, make_post, flag):
    post = make_post(world.member1, world.group, "words")
    review = flag(post, "spam")
    perform(review, "approve", world.mod1, "fine")
    submit_report(world.leader1, post, "spam", "")
    assert review.status == "pending"
    perform(review, "remove", world.mod1, "spam after all")
    labels = db.session.scalars(select(ModerationLabel).where(ModerationLabel.review_id == review.id)).all()
    assert [(lab.label, lab.text) for lab in labels] == [("spam", "words")]
    # Only the new reporter hears about the second decision.
    assert [n.data["upheld"] for n in notices(world.leader1, "report_outcome")] == [True]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "hide", "reason": ""}, "Give a short reason"),
        ({"reason": "a reason"}, "Choose an action from the list."),
        ({"action": "mute", "reason": "a reason", "hours": "9999"}, "Choose how long the mute lasts."),
        ({"action": "edit_out", "reason": "a reason", "detail": "not there"}, "does not appear in the post"),
    ],
)
def test_action_form_bad_input(world, flagged, client, auth, data, message):
    post, review = flagged
    auth.login("mod1")
    r = client.post(f"/review/{review.id}/act", data={**data, "version": review.version})
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    db.session.refresh(review)
    assert review.status == "pending" and post.status == "held"


def test_author_reads_the_outcome_with_reason(world, flagged, client, auth):
    post, review = flagged
    auth.login("mod1")
    r = client.post(f"/review/{review.id}/act", data={"action": "remove", "reason": "shares harmful tips",
                                                      "version": review.version})  # fmt: skip
    assert r.status_code == 302
    auth.logout()
    auth.login("member1")
    page = client.get("/notifications").get_data(as_text=True)
    assert "removed your post in Test Room. Reason: shares harmful tips" in page


def test_nobody_decides_on_their_own_content(world, make_post, flag):
    from forum.services import review_queue as rq

    review = flag(make_post(world.mod1, world.group, "the moderator's own post"), "spam")
    with pytest.raises(PermissionDenied) as err:
        perform(review, "approve", world.mod1, "looks fine to me")
    assert "another moderator" in err.value.message
    with pytest.raises(PermissionDenied):
        rq.claim(review, world.mod1)
    perform(review, "approve", world.leader1, "fine")
    assert review.status == "approved"


def test_csrf_is_checked_on_actions(world, flagged, client, auth, app):
    _, review = flagged
    auth.login("mod1")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        r = client.post(f"/review/{review.id}/act", data={"action": "hide", "reason": "x y z", "version": 1})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert r.status_code == 400 and "Your form expired" in r.get_data(as_text=True)
    db.session.refresh(review)
    assert review.status == "pending"


def test_escalating_moderator_is_not_told_of_their_own_escalation(world, flagged, make_user):
    _, review = flagged
    other = make_user("sitemod2", is_site_moderator=True)
    perform(review, "escalate", world.sitemod, "need a second opinion")
    assert notices(world.sitemod, "moderation") == []
    assert "sitemod escalated" in notices(other, "moderation")[-1].message


def test_the_only_site_moderator_escalating_reaches_the_admins(world, flagged):
    _, review = flagged
    perform(review, "escalate", world.sitemod, "need a second opinion")
    assert notices(world.sitemod, "moderation") == []
    assert "sitemod escalated" in notices(world.admin1, "moderation")[-1].message


def _own_target(kind, world, make_post):
    """Something of mod1's (or, for a profile, of the site moderator's) that a review can be about."""
    from models import ChatMessage

    if kind == "post":
        return "mod1", make_post(world.mod1, world.group, "the moderator's own post")
    if kind == "thread":
        return "mod1", make_post(world.mod1, world.group, "opening words", title="My own thread").thread
    if kind == "chat_message":
        msg = ChatMessage(group_id=world.group.id, author_id=world.mod1.id, source="my own line",
                          html="<p>my own line</p>", client_key="own-line-0001")  # fmt: skip
        db.session.add(msg)
        db.session.commit()
        return "mod1", msg
    world.sitemod.bio_source, world.sitemod.bio_html = "my own words", "<p>my own words</p>"
    db.session.commit()
    return "sitemod", world.sitemod


@pytest.mark.parametrize(
    ("kind", "noun"),
    [("post", "post"), ("thread", "thread"), ("chat_message", "chat message"), ("user", "profile")],
)
def test_a_moderator_is_told_plainly_they_cant_review_their_own_content(world, make_post, flag, client, auth,
                                                                        kind, noun):  # fmt: skip
    handle, target = _own_target(kind, world, make_post)
    review = flag(target, "spam")
    events_before = len(review.events)
    plain = f"You can&#39;t review your own {noun}: another moderator will decide it."
    auth.login(handle)
    page = client.get(f"/review/{review.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and plain in html
    assert (
        f'action="/review/{review.id}/act"' not in html and f'action="/review/{review.id}/claim"' not in html
    )
    acted = client.post(f"/review/{review.id}/act", data={"action": "approve", "reason": "looks fine to me",
                                                          "version": review.version})  # fmt: skip
    assert acted.status_code == 403 and plain in acted.get_data(as_text=True)
    claimed = client.post(f"/review/{review.id}/claim", data={}, follow_redirects=True)
    assert claimed.status_code == 200 and plain in claimed.get_data(as_text=True)
    db.session.refresh(review)
    assert review.status == "pending" and review.claimed_by_id is None
    assert len(review.events) == events_before and label_of(review) is None


def test_moderator_is_told_in_a_plain_sentence(world, flagged, client, auth):
    post, review = flagged
    auth.login("mod1")
    r = client.post(f"/review/{review.id}/act", data={"action": "approve", "reason": "it is fine",
                                                      "version": review.version}, follow_redirects=True)  # fmt: skip
    page = r.get_data(as_text=True)
    assert "Approved: it stays up." in page and "Done:" not in page
    db.session.refresh(review)
    assert review.status == "approved"
