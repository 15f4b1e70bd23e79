"""Posting through HTTP runs the pipeline: crisis gets help at once, pro-harm waits for a moderator."""

from models import Post, Review, ReviewSignal, Thread, db


def _post(client, title, body):
    return client.post("/groups/test-room/new", data={"title": title, "body": body}, follow_redirects=True)


def test_crisis_post_shows_card_to_author_and_opens_urgent_review(client, auth, room, make_user):
    group, people = room
    people["member1"].region = "GB"
    db.session.commit()
    auth.login("member1")
    page = _post(
        client, "Tonight", "I've written the letters and I've been saving my pills. This is goodbye."
    )
    html = page.get_data(as_text=True)
    assert "not alone" in html and "Samaritans" in html and "116 123" in html
    assert "peer moderator has been told" in html
    post = db.session.scalar(db.select(Post))
    assert post.status == "visible"  # never silently hidden
    review = db.session.scalar(db.select(Review))
    assert review.target_type == "post" and review.target_id == post.id
    assert review.priority == "urgent" and review.category == "crisis" and review.status == "pending"
    assert (
        db.session.scalar(db.select(db.func.count(ReviewSignal.id)).where(ReviewSignal.category == "crisis"))
        >= 1
    )
    # The card is private and shown once: the next page does not repeat it.
    assert "not alone" not in client.get("/").get_data(as_text=True)


def test_other_members_see_crisis_post_but_not_the_card(client, auth, room):
    auth.login("member1")
    _post(client, "Tonight", "I've been saving my pills. This is goodbye.")
    thread = db.session.scalar(db.select(Thread))
    auth.logout()
    auth.login("mod1")
    html = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "saving my pills" in html and "not alone" not in html


def test_pro_harm_post_is_held_and_hidden_from_others(client, auth, room):
    auth.login("member1")
    client.post(
        "/groups/test-room/new", data={"title": "Support thread", "body": "We are here for each other."}
    )
    thread = db.session.scalar(db.select(Thread))
    r = client.post(f"/t/{thread.id}/reply", data={"body": "thinspo thread!! post your pics, stay strong and skip meals"},
                    follow_redirects=True)  # fmt: skip
    assert "Pending review" in r.get_data(as_text=True)
    held = db.session.scalar(db.select(Post).where(Post.status == "held"))
    assert held is not None and held.moderation_note
    review = db.session.scalar(db.select(Review).where(Review.target_id == held.id))
    assert review.category == "pro_harm" and review.priority in ("high", "urgent")
    auth.logout()
    auth.login("outsider")
    assert "thinspo" not in client.get(f"/t/{thread.id}").get_data(as_text=True)
    auth.logout()
    auth.login("mod1")
    assert "thinspo" in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_ordinary_sad_post_is_published_without_review(client, auth, room):
    auth.login("member1")
    _post(
        client,
        "Rough week",
        "Honestly this week has been awful and I cried on the bus, but my sister called.",
    )
    assert db.session.scalar(db.select(Post)).status == "visible"
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0


def test_reposting_edit_merges_into_one_review(client, auth, room):
    auth.login("member1")
    _post(client, "Tonight", "I've been saving my pills. This is goodbye.")
    post = db.session.scalar(db.select(Post))
    client.post(
        f"/p/{post.id}/edit", data={"body": "I've been saving my pills. Tonight is the night, goodbye all."}
    )
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 1


def test_editing_held_post_into_crisis_updates_its_review_and_shows_the_card(client, auth, room):
    auth.login("member1")
    client.post(
        "/groups/test-room/new", data={"title": "Support thread", "body": "We are here for each other."}
    )
    thread = db.session.scalar(db.select(Thread))
    client.post(f"/t/{thread.id}/reply", data={"body": "thinspo pics, who wants to be my ana buddy"})
    held = db.session.scalar(db.select(Post).where(Post.status == "held"))
    review = db.session.scalar(db.select(Review).where(Review.target_id == held.id))
    assert review.category == "pro_harm"
    page = client.post(
        f"/p/{held.id}/edit",
        data={"body": "I've written the letters and I've been saving my pills. This is goodbye."},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "not alone" in page and "peer moderator has been told" in page  # the crisis card, as on a new post
    db.session.refresh(held)
    db.session.refresh(review)
    assert held.status == "visible"  # crisis is never hidden
    assert review.status == "pending" and review.category == "crisis" and review.priority == "urgent"
    auth.logout()
    auth.login("mod1")
    item = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert "(pro-harm)" not in item and "crisis" in item


HARMFUL_TITLE = "thinspo tips: skip meals and stay strong"
KIND_BODY = "We are here for each other. How was your week?"


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_a_title_screened_on_its_own_shows_in_the_review_queue(client, auth, room):
    auth.login("member1")
    _post(client, HARMFUL_TITLE, KIND_BODY)
    review = db.session.scalar(db.select(Review))
    assert review.target_type == "post" and review.category == "pro_harm"
    assert all(s.reason.startswith("In the title: ") for s in review.signals)
    auth.logout()
    auth.login("mod1")
    queue = client.get("/review").get_data(as_text=True)
    item = queue[queue.index(f'id="review-{review.id}"') :]
    assert HARMFUL_TITLE in item[: item.index("</li>")] and KIND_BODY in item[: item.index("</li>")]
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert f"<strong><bdi>{HARMFUL_TITLE}</bdi></strong>" in _section(page, "content-title")
    assert "In the title: " in _section(page, "signals-title")


def test_a_decision_on_a_flagged_title_labels_the_title_not_only_the_body(client, auth, room):
    from forum.services.moderator_actions import perform
    from models import ModerationLabel

    auth.login("member1")
    _post(client, HARMFUL_TITLE, KIND_BODY)
    review = db.session.scalar(db.select(Review))
    perform(review, "remove", room[1]["mod1"], "pro-ana tips in the title")
    label = db.session.scalar(db.select(ModerationLabel))
    assert label.label == "pro_harm" and label.text == f"{HARMFUL_TITLE}\n{KIND_BODY}"


def test_a_reply_under_review_shows_no_title_as_its_own(client, auth, room):
    auth.login("member1")
    _post(client, "Support thread", "We are here for each other.")
    thread = db.session.scalar(db.select(Thread))
    client.post(
        f"/t/{thread.id}/reply", data={"body": "thinspo thread!! post your pics, stay strong and skip meals"}
    )
    review = db.session.scalar(db.select(Review))
    assert not any(s.reason.startswith("In the title") for s in review.signals)
    auth.logout()
    auth.login("mod1")
    page = client.get(f"/review/{review.id}").get_data(as_text=True)
    assert "Support thread" not in _section(page, "content-title")
    assert "Support thread" in _section(page, "context-title")


def test_everyday_sign_offs_are_published_without_review(client, auth, room):
    """QA found "see you soon" held as harassment: the only "see you" the model knew was a threat."""
    auth.login("member1")
    for title, body in [("Tuesday", "Thanks everyone, see you all on tuesday"), ("Night", "see you soon x")]:
        _post(client, title, body)
    assert db.session.scalars(db.select(Post.status)).all() == ["visible", "visible"]
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0
