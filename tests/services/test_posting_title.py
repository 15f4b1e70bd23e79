"""A thread's title is read within its thread, and its first post also with its title; replies are not."""

from __future__ import annotations

from forum.services import posting

TITLE_READING = "read with its title: "


def test_a_title_that_its_post_explains_is_published(room) -> None:
    group, people = room
    house = "we sold the house we raised the kids in. last walk round the garden today, felt strange."
    out = posting.create_thread(people["member1"], group, "saying goodbye", house)
    assert out.verdict.action == "publish" and not out.verdict.show_resources


def test_a_goodbye_title_over_its_post_is_urgent(room) -> None:
    group, people = room
    body = "thank you all for everything. i've made my decision and i'm at peace with it."
    out = posting.create_thread(people["member1"], group, "this is goodbye", body)
    assert (out.verdict.action, out.verdict.priority, out.post.status) == ("flag", "urgent", "visible")


def test_a_first_post_edited_is_read_with_its_title_and_a_reply_is_not(room) -> None:
    group, people = room
    body = "what's everyone having for tea tonight"
    first = posting.create_thread(people["member1"], group, "thinking about killing myself", body).post
    edited = posting.edit_post(people["member1"], first, body + " x")
    assert TITLE_READING + "phrase: killing myself" in [s.reason for s in edited.verdict.signals]
    reply = posting.reply(people["member1"], first.thread, body)
    assert reply.verdict.action == "publish"
    assert not [s for s in reply.verdict.signals if s.reason.startswith(TITLE_READING)]
