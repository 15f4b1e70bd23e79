"""A member with a bit of everything a deletion must handle: threads, replies, an edit, chat, reactions, notices,
codes, roles offered, reviews (an urgent crisis one among them), a report they sent, a moderator's label."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from forum.content import render_markdown
from forum.moderation.reviews import open_review
from forum.services.accounts import _code_hash
from models import (
    ChatMessage,
    GroupNotice,
    ModerationLabel,
    ModeratorPreference,
    Notification,
    Post,
    PostRevision,
    Reaction,
    RecoveryCode,
    RoleOffer,
    Thread,
    db,
)

HANDLE = "robin_wren"


def _post(thread: Thread, author: object, body: str, first: bool = False) -> Post:
    post = Post(thread=thread, author=author, source=body, html=render_markdown(body), is_first=first)
    db.session.add(post)
    return post


@pytest.fixture
def robin(make_user, make_group, add_member):
    """robin_wren (the member who deletes) in a grief room led by lead_ash, with sam_other and site staff around."""
    group = make_group("grief-room", category="grief-and-loss")
    robin = make_user(HANDLE, email="robin@example.org", bio_source="robin bio words",
                      bio_html=render_markdown("robin bio words"))  # fmt: skip
    people = {name: make_user(name) for name in ("lead_ash", "sam_other", "mod_fern")}
    people["admin_one"] = make_user("admin_one", is_admin=True)
    add_member(people["lead_ash"], group, "leader")
    add_member(people["mod_fern"], group, "moderator")
    add_member(robin, group)
    add_member(people["sam_other"], group)
    sam = people["sam_other"]

    answered = Thread(group=group, author=robin, title="robin answered title")
    first = _post(answered, robin, "robin first words", first=True)
    sams_reply = _post(answered, sam, "sam reply words")
    alone = Thread(group=group, author=robin, title="robin alone title")
    _post(alone, robin, "robin alone words", first=True)
    sams = Thread(group=group, author=sam, title="sam thread title")
    _post(sams, sam, "sam opening words", first=True)
    edited = _post(sams, robin, "robin edited reply words")
    db.session.flush()
    db.session.add_all([
        PostRevision(post_id=edited.id, editor_id=robin.id, source="robin original reply words",
                     html=render_markdown("robin original reply words")),
        ChatMessage(group=group, author=robin, source="robin chat words", html=render_markdown("robin chat words"),
                    client_key="k1"),
        Reaction(post_id=sams_reply.id, user_id=robin.id, kind="hug"),
        Reaction(post_id=first.id, user_id=sam.id, kind="strength"),
        Notification(user_id=robin.id, kind="info", message="a notice for robin"),
        RecoveryCode(user_id=robin.id, code_hash=_code_hash("abcd-efgh-jkmn-pqrs")),
        RoleOffer(group_id=group.id, user_id=robin.id, role="moderator", offered_by_id=people["lead_ash"].id),
        GroupNotice(group_id=group.id, user_id=robin.id, kind="welcome"),
        ModeratorPreference(user_id=robin.id, opted_out=["spam"]),
    ])  # fmt: skip
    crisis = open_review(first, [{"source": "lexicon", "category": "crisis", "severity": 3, "score": 0.95,
                                  "reason": "lexicon: plan", "evidence": "robin first"}], priority="urgent")  # fmt: skip
    report = open_review(sams_reply, [{"source": "report", "category": "harassment", "severity": 1, "score": 0.5,
                                       "reason": "Harassment", "reporter_id": robin.id, "report_type": "harassment",
                                       "note": "robin report note"}])  # fmt: skip
    judged = open_review(edited, [{"source": "classifier", "category": "pro_harm", "severity": 1, "score": 0.7,
                                   "reason": "classifier", "evidence": "robin edited"}])  # fmt: skip
    judged.status = "approved"
    db.session.add(ModerationLabel(review_id=judged.id, text="robin edited reply words", label="none"))
    db.session.commit()
    return SimpleNamespace(user=robin, group=group, answered=answered, alone=alone, sams=sams, first=first,
                           edited=edited, crisis=crisis, report=report, judged=judged, **people)  # fmt: skip
