"""Moderation settings: validation, and their effect on posts through the real posting service."""

from __future__ import annotations

import html

import pytest

from forum.services import group_admin, posting
from forum.services.errors import ValidationError
from models import Post, db

STANDARD = {"premoderation": "off", "watched_words": "", "required_cw_topics": "",
            **{f"strict_{c}": "standard" for c in ("crisis", "self_harm", "pro_harm", "harassment", "spam", "rule")}}  # fmt: skip

BAD = [
    ({"watched_words": "pineapple"}, "write a word, a colon and an action"),
    ({"watched_words": "pineapple: explode"}, "the action must be one of"),
    ({"watched_words": ": hold"}, "can't be empty"),
    ({"watched_words": "*: block"}, "would match almost anything"),
    ({"watched_words": "a*: block"}, "at least two letters"),
    ({"watched_words": "<b>bad</b>: flag"}, "use letters, numbers"),
    ({"watched_words": "thin**: hold"}, "one * is enough"),
    ({"watched_words": "melon: hold\nMELON: flag"}, "listed twice"),
    ({"watched_words": "x" * 61 + ": hold"}, "at most 60 characters"),
    ({"strict_crisis": "lenient"}, "safety floor"),
    ({"strict_spam": "maximum"}, "Strictness is one of"),
    ({"premoderation": "sometimes"}, "Choose a pre-moderation"),
    ({"required_cw_topics": "x"}, "a topic is 2 to 40"),
    ({"required_cw_topics": "<script>"}, "a topic is 2 to 40"),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_moderation_settings_change_nothing(client, auth, room, audit, changes, message):
    group, _ = room
    auth.login("leader1")
    resp = client.post(f"/groups/{group.slug}/settings/moderation", data={**STANDARD, **changes})
    assert resp.status_code == 400
    assert message in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group.settings)
    assert group.settings.watched_words == [] and group.settings.strictness == {}
    assert group.settings.premoderation == "off"
    assert audit() == []


def test_settings_saved_and_logged(client, auth, room, audit):
    group, _ = room
    auth.login("leader1")
    data = {**STANDARD, "watched_words": "melon*: mask\nlemon: block", "strict_crisis": "strict",
            "required_cw_topics": "relapse, self harm", "numbers_rule": "y"}  # fmt: skip
    assert client.post(f"/groups/{group.slug}/settings/moderation", data=data).status_code == 302
    s = group.settings
    db.session.refresh(s)
    assert s.watched_words == [
        {"pattern": "melon*", "action": "mask"},
        {"pattern": "lemon", "action": "block"},
    ]
    assert s.strictness == {"crisis": "strict"} and s.numbers_rule is True
    assert s.required_cw_topics == ["relapse", "self harm"]
    (entry,) = audit("settings.moderation")
    assert entry.before["numbers_rule"] is False and entry.after["numbers_rule"] is True
    assert "premoderation" not in entry.after  # unchanged fields are not logged
    page = client.get(f"/groups/{group.slug}/settings/moderation").get_data(as_text=True)
    assert "melon*: mask" in page


def _set(group, leader, **values) -> None:
    s = group.settings
    current = {"premoderation": s.premoderation, "numbers_rule": s.numbers_rule, "strictness": s.strictness,
               "watched_words": s.watched_words, "required_cw_topics": s.required_cw_topics}  # fmt: skip
    group_admin.update_moderation(leader, group, **{**current, **values})


@pytest.mark.parametrize(
    ("action", "text", "status", "stored"),
    [
        ("flag", "I ate a melon today.", "visible", "I ate a melon today."),
        ("hold", "I ate a melon today.", "held", "I ate a melon today."),
        ("mask", "I ate a melon today.", "visible", "I ate a *** today."),
        ("mask", "Melons and more melons.", "visible", "*** and more ***."),
    ],
)
def test_watched_word_actions_on_a_post(old_room, action, text, status, stored):
    group, people = old_room
    _set(group, people["leader1"], watched_words=[{"pattern": "melon*", "action": action}])
    out = posting.create_thread(people["member1"], group, "Today", text)
    assert out.post.status == status
    assert out.post.source == stored


def test_watched_word_block_refuses_the_post(old_room):
    group, people = old_room
    _set(group, people["leader1"], watched_words=[{"pattern": "melon*", "action": "block"}])
    with pytest.raises(ValidationError, match="doesn't allow"):
        posting.create_thread(people["member1"], group, "Today", "I ate a melon today.")
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 0


def test_numbers_rule_holds_and_lenient_masks(old_room):
    group, people = old_room
    _set(group, people["leader1"], numbers_rule=True)
    held = posting.create_thread(people["member1"], group, "Check in", "i weigh 50kg")
    assert held.post.status == "held"
    _set(group, people["leader1"], strictness={"rule": "lenient"})
    masked = posting.create_thread(people["member1"], group, "Check in", "i weigh 50kg")
    assert masked.post.status == "visible" and "50kg" not in masked.post.source
    _set(group, people["leader1"], numbers_rule=False, strictness={})
    plain = posting.create_thread(people["member1"], group, "Check in", "i weigh 50kg")
    assert plain.post.status == "visible" and "50kg" in plain.post.source


def test_premoderation_holds_a_new_members_post(room, make_user, add_member):
    group, people = room
    _set(group, people["leader1"], premoderation="new_members")
    newbie = make_user("newbie")
    add_member(newbie, group)
    out = posting.create_thread(newbie, group, "Hello all", "Glad to be here, thank you.")
    assert out.post.status == "held"


def test_premoderation_off_publishes(room, make_user, add_member):
    group, people = room
    newbie = make_user("newbie")
    add_member(newbie, group)
    assert posting.create_thread(newbie, group, "Hello all", "Glad to be here.").post.status == "visible"


def test_required_content_warning(old_room):
    group, people = old_room
    _set(group, people["leader1"], required_cw_topics=["relapse"])
    with pytest.raises(ValidationError, match="content warning"):
        posting.create_thread(people["member1"], group, "A hard week", "I had a relapse on Monday.")
    out = posting.create_thread(
        people["member1"], group, "A hard week", "I had a relapse on Monday.", "relapse"
    )
    assert out.thread.content_warning == "relapse"
    with pytest.raises(ValidationError, match="content warning"):
        posting.reply(people["member1"], out.thread, "Relapses happen to many of us.")
    assert posting.reply(people["member1"], out.thread, "Sending good thoughts.").post.status == "visible"


def test_required_content_warning_message_reaches_the_form(client, auth, old_room):
    group, people = old_room
    _set(group, people["leader1"], required_cw_topics=["relapse"])
    auth.login("member1")
    resp = client.post(f"/groups/{group.slug}/new", data={"title": "A week", "body": "A relapse again."})
    assert resp.status_code == 400 and "asks for a content warning" in resp.get_data(as_text=True)


def test_eating_disorder_room_in_the_room(make_group, make_user, add_member):
    """Defaults from the category: numbers rule on, new members pre-moderated."""
    group = make_group("ed-room", category="eating-disorders")
    member = make_user("m1")
    add_member(member, group)
    assert group.settings.numbers_rule and group.settings.premoderation == "new_members"
    assert posting.create_thread(member, group, "Check in", "i weigh 50kg").post.status == "held"
