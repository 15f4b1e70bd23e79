"""The queue page: who sees what, order, filters, claims, blur, the break prompt, opt-outs, who is on duty."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.services import review_queue as rq
from forum.services.errors import Conflict, NotFound
from models import Review, ReviewEvent, db, utcnow


@pytest.fixture
def items(world, make_post, flag):
    """A normal item in test-room, an urgent one in test-room, a high one in other-room."""
    normal = flag(make_post(world.member1, world.group, "first words"), "spam")
    urgent = flag(
        make_post(world.member1, world.group, "urgent words"), "crisis", priority="urgent", severity=3
    )
    elsewhere = flag(make_post(world.member2, world.other, "other room words"), "harassment", priority="high")
    return normal, urgent, elsewhere


def test_peer_moderator_sees_only_their_rooms(world, items, client, auth):
    normal, urgent, elsewhere = items
    auth.login("mod1")
    page = client.get("/review").get_data(as_text=True)
    assert "urgent words" in page and "first words" in page and "other room words" not in page
    assert page.index("urgent words") < page.index("first words")  # priority first
    assert client.get(f"/review/{elsewhere.id}").status_code == 404
    r = client.post(f"/review/{elsewhere.id}/act", data={"action": "hide", "reason": "nope", "version": "1"})
    assert r.status_code == 404
    db.session.refresh(elsewhere)
    assert elsewhere.status == "pending"
    assert client.post(f"/review/{elsewhere.id}/claim").status_code == 404
    with pytest.raises(NotFound):
        rq.get_review(world.mod1, elsewhere.id)


def test_site_moderator_sees_all(world, items, client, auth):
    auth.login("sitemod")
    page = client.get("/review").get_data(as_text=True)
    assert all(w in page for w in ("urgent words", "first words", "other room words"))


def test_members_have_no_queue(world, items, client, auth):
    auth.login("member1")
    assert client.get("/review").status_code == 403
    assert client.get(f"/review/{items[0].id}").status_code == 404
    assert "Review queue" not in client.get("/").get_data(as_text=True)


def test_filters(world, items, client, auth):
    normal, urgent, elsewhere = items
    auth.login("sitemod")
    page = client.get(f"/review?group={world.other.id}").get_data(as_text=True)
    assert "other room words" in page and "first words" not in page
    page = client.get("/review?category=spam").get_data(as_text=True)
    assert "first words" in page and "urgent words" not in page
    client.post(
        f"/review/{normal.id}/act", data={"action": "approve", "reason": "fine", "version": normal.version}
    )
    assert "first words" not in client.get("/review").get_data(as_text=True)
    assert "first words" in client.get("/review?status=approved").get_data(as_text=True)
    assert client.get("/review?status=bogus&group=abc&category=<x>").status_code == 200


def test_sensitive_content_is_blurred_with_a_no_js_fallback(world, make_post, flag, client, auth):
    review = flag(make_post(world.member1, world.group, "sensitive words"), "pro_harm")
    auth.login("mod1")
    for path in ("/review", f"/review/{review.id}"):
        page = client.get(path).get_data(as_text=True)
        assert '<details class="sensitive" data-blur>' in page and "js/queue.js" in page


def test_item_page_shows_context_signals_history_and_notes(world, make_post, flag, client, auth):
    first = make_post(world.member1, world.group, "earlier post in thread", title="Hard week")
    reply = make_post(world.member1, world.group, "the flagged reply", thread=first.thread)
    make_post(world.member1, world.group, "the next post explains it", thread=first.thread)
    old = flag(make_post(world.member1, world.group, "older flagged"), "spam")
    review = flag(reply, "harassment")
    auth.login("mod1")
    client.post(
        f"/review/{old.id}/act", data={"action": "remove", "reason": "spam link", "version": old.version}
    )
    client.post(f"/review/{review.id}/note", data={"body": "Has had a rough month; be gentle."})
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert "Hard week" in page and "earlier post in thread" in page
    before, after = page.index("<h3>Before it</h3>"), page.index("<h3>After it</h3>")
    assert before < page.index("earlier post in thread") < after < page.index("the next post explains")
    assert "older flagged" not in page[after : page.index("signals-title")]  # another thread's post
    assert "lexicon found harassment" in page
    assert "rejected" in page and "spam on a post" in page  # the author's record
    assert "Has had a rough month" in page
    auth.logout()
    auth.login("mod2")  # another room's moderator cannot read that room's notes
    from forum.services.moderator_tools import notes_on

    assert notes_on(world.mod2, world.member1.id) == []


def test_a_reply_deep_in_a_thread_shows_the_first_post_it_may_answer(world, make_post, flag, client, auth):
    first = make_post(world.member1, world.group, "the opening post of the thread", title="Tonight")
    for n in range(4):
        make_post(world.member1, world.group, f"middle reply {n}", thread=first.thread)
    review = flag(make_post(world.member1, world.group, "same tbh", thread=first.thread), "crisis")
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    before = page[page.index("<h3>Before it</h3>") :]
    assert before.index("the opening post of the thread") < before.index("middle reply 1")
    assert "middle reply 0" not in page  # the last few before it, and the first post


def test_note_validation(world, items, client, auth):
    auth.login("mod1")
    r = client.post(f"/review/{items[0].id}/note", data={"body": ""})
    assert r.status_code == 400 and "Write the note first." in r.get_data(as_text=True)


def test_claim_shown_to_others_and_expires(world, items, app):
    normal = items[0]
    rq.claim(normal, world.mod1)
    assert rq.claim_holder(normal).id == world.mod1.id
    with pytest.raises(Conflict) as err:
        rq.claim(normal, world.leader1)
    assert "mod1 is already handling" in err.value.message
    later = utcnow() + timedelta(minutes=app.config["REVIEW_CLAIM_MINUTES"] + 1)
    assert rq.claim_holder(normal, later) is None
    rq.claim(normal, world.leader1, now=later)
    assert normal.claimed_by_id == world.leader1.id


def test_claim_through_pages(world, items, client, auth, app):
    normal = items[0]
    auth.login("mod1")
    client.post(f"/review/{normal.id}/claim")
    auth.logout()
    auth.login("leader1")
    page = client.get("/review").get_data(as_text=True)
    assert "Claimed by mod1" in page
    r = client.post(
        f"/review/{normal.id}/act", data={"action": "approve", "reason": "fine", "version": normal.version}
    )
    assert r.status_code == 409 and "mod1 has claimed this item" in r.get_data(as_text=True)


def test_break_prompt_after_configured_count(world, make_post, flag, client, auth, app):
    app.config["REVIEW_BREAK_AFTER"] = 2
    reviews = [flag(make_post(world.member1, world.group, f"post {i}"), "spam") for i in range(2)]
    auth.login("mod1")
    client.get(f"/review/{reviews[0].id}")
    client.get(f"/review/{reviews[0].id}")  # the same item twice counts once
    assert "take a break" not in client.get("/review").get_data(as_text=True)
    client.get(f"/review/{reviews[1].id}")
    page = client.get("/review").get_data(as_text=True)
    assert "You have looked at 2 items this session" in page and "take a break" in page
    client.post("/review/break")
    assert "Items seen this session: 0" in client.get("/review").get_data(as_text=True)


def test_opting_out_hides_category_but_never_urgent(world, items, client, auth):
    auth.login("mod1")
    r = client.post("/review/preferences", data={"opted_out": ["spam", "crisis"]})
    assert r.status_code == 302
    page = client.get("/review").get_data(as_text=True)
    assert "first words" not in page and "urgent words" in page and "1 item left out" in page
    bad = client.post("/review/preferences", data={"opted_out": ["spam", "nonsense"]})
    assert bad.status_code == 400 and "Choose categories from the list." in bad.get_data(as_text=True)


def test_on_duty_count(world, items, client, auth):
    world.leader1.last_seen_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    auth.login("mod1")
    assert rq.on_duty([world.group]) == {world.group.id: 1}
    page = client.get("/review").get_data(as_text=True)
    assert "Test Room: 1 moderator" in page and "only you" in page
    world.leader1.last_seen_at = utcnow()
    db.session.commit()
    assert rq.on_duty([world.group, world.other]) == {world.group.id: 2, world.other.id: 0}


def test_claim_recorded_as_event(world, items):
    rq.claim(items[0], world.mod1)
    rq.release(items[0], world.mod1)
    actions = db.session.scalars(select(ReviewEvent.action).where(ReviewEvent.review_id == items[0].id)).all()
    assert actions[-2:] == ["claimed", "released"]
    assert db.session.get(Review, items[0].id).claimed_by_id is None


def test_a_chat_lines_review_shows_the_lines_after_it(world, flag, client, auth):
    from models import ChatMessage

    def line(text):
        msg = ChatMessage(group_id=world.group.id, author_id=world.member1.id, source=text, html=f"<p>{text}</p>",
                          client_key=f"key-{text.replace(' ', '-')}")  # fmt: skip
        db.session.add(msg)
        db.session.commit()
        return msg

    line("morning all")
    flagged = line("i want to die")
    line("of embarrassment")
    line("called my boss mum in a meeting")
    review = flag(flagged, "crisis")
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    context = page[page.index("context-title") : page.index("signals-title")]
    assert context.index("morning all") < context.index("After it") < context.index("of embarrassment")
    assert "called my boss mum in a meeting" in context


def test_a_chat_lines_review_shows_the_authors_own_lines_it_was_read_with(world, flag, client, auth):
    from models import ChatMessage

    def line(author, text):
        msg = ChatMessage(group_id=world.group.id, author_id=author.id, source=text, html=f"<p>{text}</p>",
                          client_key=f"key-{text.replace(' ', '-')}")  # fmt: skip
        db.session.add(msg)
        db.session.commit()
        return msg

    line(world.member1, "sorted who has the cat")
    for n in range(4):  # a busy room: the last few lines are other people's
        line(world.leader1, f"someone else's line {n}")
    review = flag(line(world.member1, "tonight then"), "crisis")
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    context = page[page.index("context-title") : page.index("signals-title")]
    assert context.index("sorted who has the cat") < context.index("someone else's line 1")
    assert "someone else's line 0" not in context  # the room's last three, and the author's own


def test_a_concern_item_tells_the_moderator_what_the_writer_needs(
    client, auth, world, make_post, flag
) -> None:
    post = make_post(world.member1, world.group, "my friend says he'll end it tonight and isn't answering")
    review = flag(post, "concern", priority="high", source="concern", severity=3)
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert "worried about someone else" in page and "do they have support themselves" in page
    other = flag(make_post(world.member1, world.group, "buy cheap watches"), "spam")
    assert "worried about someone else" not in client.get(f"/review/{other.id}").get_data(as_text=True)
