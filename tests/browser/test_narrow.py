"""At a phone's width (375 px) the wide pages keep to the screen: no sideways scrolling of the whole page."""

from __future__ import annotations

import pytest

from forum.demo import DEMO_PASSWORD, seed_demo
from forum.services import group_admin, invitations, posting
from models import Group, Review, User, db

PHONE = {"width": 375, "height": 800}


def _seed(app) -> int:  # noqa: ANN001
    """Demo site plus what makes the pages wide: an invitation link, settings history, a review with signals."""
    with app.app_context():
        seed_demo()
        leader = db.session.scalar(db.select(User).where(User.handle == "lantern_keeper"))
        group = db.session.scalar(db.select(Group).where(Group.slug == "alcohol-recovery"))
        invitations.create_invitation(leader, group, 7, 5)
        group_admin.update_chat(leader, group, 30, [{"day": 0, "start": "18:00", "end": "22:00"},
                                                    {"day": 1, "start": "18:00", "end": "22:00"}], False, False)  # fmt: skip
        group_admin.update_moderation(leader, group, "new_members", True, {"crisis": "strict"},
                                      [{"pattern": "thinspiration", "action": "hold"}], ["relapse", "overdose"])  # fmt: skip
        author = db.session.scalar(db.select(User).where(User.handle == "new_leaf"))
        depression = db.session.scalar(db.select(Group).where(Group.slug == "depression-support"))
        posting.create_thread(
            author, depression, "Saving them up", "i've been saving my pills for a while now"
        )
        return db.session.scalar(db.select(Review.id).order_by(Review.id.desc()))


@pytest.fixture
def phone(browser, live_server):
    base, app = live_server
    review_id = _seed(app)
    contexts = []

    def _as(handle: str):  # noqa: ANN202
        context = browser.new_context(base_url=base, viewport=PHONE)
        contexts.append(context)
        pg = context.new_page()
        pg.goto("/auth/login")
        pg.fill("#handle", handle)
        pg.fill("#password", DEMO_PASSWORD)
        pg.click("form.stack [type=submit]")
        pg.wait_for_url(lambda url: "/auth/login" not in url)
        return pg

    yield _as, review_id
    for c in contexts:
        c.close()


def _page_width(pg, path: str) -> int:  # noqa: ANN001
    resp = pg.goto(path)
    assert resp.status == 200, path
    return pg.evaluate("document.documentElement.scrollWidth")


def test_wide_pages_fit_a_phone(phone) -> None:
    login, review_id = phone
    leader = login("lantern_keeper")
    widths = {path: _page_width(leader, path) for path in ("/groups/alcohol-recovery/settings/access",
                                                           "/groups/alcohol-recovery/settings/history")}  # fmt: skip
    admin = login("river_admin")
    widths.update({path: _page_width(admin, path) for path in ("/review/audit", f"/review/{review_id}")})
    assert {path: w for path, w in widths.items() if w > PHONE["width"] + 1} == {}
    # The invitation link wraps and its Withdraw button stays on screen.
    leader.goto("/groups/alcohol-recovery/settings/access")
    box = leader.get_by_role("button", name="Withdraw").bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
