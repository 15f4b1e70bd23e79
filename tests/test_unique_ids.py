"""Every page's element ids are unique (labels point at the right field): pages with several forms included."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from forum.demo import DEMO_PASSWORD, seed_demo
from forum.lookalike import skeleton
from forum.services import invitations, posting
from models import Group, Membership, Review, User, db


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1


def duplicate_ids(html: str) -> dict[str, int]:
    """The ids used more than once in a page, with their counts."""
    parser = _Ids()
    parser.feed(html)
    return {i: n for i, n in parser.ids.items() if n > 1}


@pytest.fixture
def demo(app):
    """The demo site, an invitation link, a join request and a review item."""
    seed_demo()
    user = lambda handle: db.session.scalar(db.select(User).where(User.handle == handle))  # noqa: E731
    make_requester = User(
        handle="asking_one",
        handle_key="asking_one",
        handle_skeleton=skeleton("asking_one"),
        password_hash="x",
    )
    db.session.add(make_requester)
    db.session.flush()
    group = db.session.scalar(db.select(Group).where(Group.slug == "alcohol-recovery"))
    invitations.create_invitation(user("lantern_keeper"), group, 7, 5)
    group.joining = "request"
    db.session.add(Membership(user_id=make_requester.id, group_id=group.id, role="member", state="pending"))
    db.session.commit()
    depression = db.session.scalar(db.select(Group).where(Group.slug == "depression-support"))
    posting.create_thread(
        user("new_leaf"), depression, "Saving them up", "i've been saving my pills for a while"
    )
    return db.session.scalar(db.select(Review.id).order_by(Review.id.desc()))


LEADER_PAGES = ["about", "access", "people", "moderation", "chat", "meetings", "resources", "history"]


def test_ids_are_unique_on_pages_with_several_forms(app, client, demo) -> None:
    assert (
        client.post("/auth/login", data={"handle": "lantern_keeper", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    app.config["WTF_CSRF_ENABLED"] = (
        True  # pages render their CSRF tokens too (pages are only read from here on)
    )
    pages = [f"/groups/alcohol-recovery/settings/{p}" for p in LEADER_PAGES] + [
        "/groups/alcohol-recovery",
        "/",
    ]
    found = {}
    for path in pages:
        resp = client.get(path)
        assert resp.status_code == 200, path
        found[path] = duplicate_ids(resp.get_data(as_text=True))
    app.config["WTF_CSRF_ENABLED"] = False
    client.post("/auth/logout")
    assert (
        client.post("/auth/login", data={"handle": "river_admin", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    app.config["WTF_CSRF_ENABLED"] = True
    for path in (f"/review/{demo}", "/review", "/review/audit", "/settings", "/t/1"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        found[path] = duplicate_ids(resp.get_data(as_text=True))
    assert {path: dups for path, dups in found.items() if dups} == {}


def test_group_time_zone_label_names_its_own_field(client, demo) -> None:
    client.post("/auth/login", data={"handle": "lantern_keeper", "password": DEMO_PASSWORD})
    html = client.get("/groups/alcohol-recovery/settings/meetings").get_data(as_text=True)
    assert '<label for="course-timezone">Group time zone</label>' in html
    assert '<select id="course-timezone" name="timezone"' in html
