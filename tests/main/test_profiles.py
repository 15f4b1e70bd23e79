"""Profile bios: screened like posts; a bio that needs review is saved, kept private, and opens a review."""

import pytest

from forum.services.moderator_actions import perform
from models import Review, User, db

HELD_BIO = "thinspo pics, who wants to be my ana buddy"
FLAGGED_BIO = "i have been saving my pills"  # a crisis phrase: flagged (kept visible), never held


def _save_bio(client, bio: str):
    return client.post("/settings", data={"bio": bio, "region": "GB", "timezone": "Europe/London"})


def _review_of(user: User) -> Review | None:
    return db.session.scalar(
        db.select(Review).where(Review.target_type == "user", Review.target_id == user.id)
    )


def test_flagged_bio_is_saved_and_opens_a_review(client, auth, make_user):
    member = make_user("slow_tide")
    auth.login("slow_tide")
    r = _save_bio(client, FLAGGED_BIO)
    assert r.status_code == 302
    db.session.refresh(member)
    assert member.bio_source == FLAGGED_BIO and member.bio_status == "visible"
    assert member.region == "GB" and member.timezone == "Europe/London"
    review = _review_of(member)
    assert review is not None and review.status == "pending"


def test_held_bio_is_private_to_its_owner_until_approved(client, auth, make_user, app):
    member = make_user("slow_tide")
    staff = make_user("site_mod", is_site_moderator=True)
    auth.login("slow_tide")
    page = client.post("/settings", data={"bio": HELD_BIO, "region": "GB", "timezone": "Europe/London"},
                       follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "Your bio is saved" in page and "Your post" not in page
    db.session.refresh(member)
    assert member.bio_status == "held" and member.bio_source == HELD_BIO
    own = client.get("/u/slow_tide").get_data(as_text=True)
    assert "thinspo" in own and "Pending review" in own
    auth.logout()
    assert "thinspo" not in client.get("/u/slow_tide").get_data(as_text=True)
    review = _review_of(member)
    assert review is not None and review.status == "pending"
    perform(review, "approve", staff, "It reads as recovery talk")
    db.session.refresh(member)
    assert member.bio_status == "visible"
    assert "thinspo" in client.get("/u/slow_tide").get_data(as_text=True)


def test_a_harmless_bio_is_published_again(client, auth, make_user):
    member = make_user("slow_tide")
    auth.login("slow_tide")
    _save_bio(client, HELD_BIO)
    _save_bio(client, "I like long walks by the sea.")
    db.session.refresh(member)
    assert member.bio_status == "visible"
    auth.logout()
    assert "long walks" in client.get("/u/slow_tide").get_data(as_text=True)


@pytest.mark.parametrize(("stored", "shown"), [("US/Eastern", "America/New_York"), ("Europe/Kiev", "Europe/Kyiv"),
                                               ("GB", "Europe/London"), ("Etc/GMT+5", "Etc/GMT+5")])  # fmt: skip
def test_a_zone_saved_before_only_canonical_zones_were_offered_is_kept(
    client, auth, make_user, stored, shown
):
    """An alias is shown, and saved, as the zone it links to; a zone with no canonical name stays as it is."""
    member = make_user("slow_tide", timezone=stored)
    auth.login("slow_tide")
    page = client.get("/settings").get_data(as_text=True)
    assert f'<option selected value="{shown}">' in page
    for sent in (stored, shown):  # a page loaded before the zone list changed, then the page as it is now
        r = client.post("/settings", data={"bio": "hello", "region": "GB", "timezone": sent})
        assert r.status_code == 302
        db.session.refresh(member)
        assert member.timezone == shown
    r = client.post("/settings", data={"bio": "changed", "region": "GB", "timezone": "US/Pacific"})
    assert r.status_code == 400 and "Choose a time zone" in r.get_data(as_text=True)
    db.session.refresh(member)
    assert (member.bio_source, member.timezone) == ("hello", shown)
