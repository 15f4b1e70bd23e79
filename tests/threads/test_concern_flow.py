"""A member worried about someone else at risk is shown, privately, how to help; a danger now also tells a moderator."""

from forum.moderation.policy import HELPER_TITLE
from models import Post, Review, ReviewSignal, db


def _post(client, title, body):
    return client.post("/groups/test-room/new", data={"title": title, "body": body}, follow_redirects=True)


def test_worried_member_sees_the_helper_card_and_the_post_is_published(client, auth, room):
    group, people = room
    people["member1"].region = "GB"
    db.session.commit()
    auth.login("member1")
    html = _post(client, "My daughter", "my daughter said she wants to die. how do i help her?").get_data(
        as_text=True
    )
    assert HELPER_TITLE.replace("'", "&#39;") in html and "Ask them directly" in html
    assert "Samaritans" in html and "not alone" not in html
    assert db.session.scalar(db.select(Post)).status == "visible"
    assert db.session.scalar(db.select(db.func.count(Review.id))) == 0  # no review: nobody is in danger now
    # Private and once: the next page does not repeat it.
    assert "Ask them directly" not in client.get("/").get_data(as_text=True)


def test_danger_now_opens_a_review_of_high_priority(client, auth, room):
    auth.login("member1")
    html = _post(
        client,
        "Please help",
        "my friend says he's going to end it tonight and now he isn't answering his phone",
    ).get_data(as_text=True)
    assert "Ask them directly" in html and "peer moderator has been told" in html
    post = db.session.scalar(db.select(Post))
    review = db.session.scalar(db.select(Review))
    assert post.status == "visible"
    assert (review.target_id, review.category, review.priority) == (post.id, "concern", "high")
    sig = db.session.scalar(db.select(ReviewSignal).where(ReviewSignal.review_id == review.id))
    assert sig.source == "concern" and sig.severity == 3


def test_other_members_never_see_the_helper_card(client, auth, room):
    auth.login("member1")
    _post(client, "My son", "my son has been self harming and just told me")
    auth.logout()
    auth.login("mod1")
    html = client.get("/").get_data(as_text=True)
    assert "Ask them directly" not in html
