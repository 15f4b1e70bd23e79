"""Words on the group pages and the crisis card: plurals, and the card's advice said once."""

from __future__ import annotations

from models import Membership, db


def test_one_member_is_singular(client, make_user, make_group, add_member):
    group = make_group("small-room")
    add_member(make_user("only_one"), group)
    for path in ("/groups/", "/groups/small-room", "/"):
        page = client.get(path).get_data(as_text=True)
        assert "1 members" not in page, path
    assert "1 member ·" in client.get("/groups/small-room").get_data(as_text=True)
    add_member(make_user("second"), group)
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 2
    assert "2 members ·" in client.get("/groups/small-room").get_data(as_text=True)


def test_crisis_card_gives_its_advice_once(client, auth, room):
    auth.login("member1")
    r = client.post("/groups/test-room/new", data={"title": "Tonight", "body": "i've been saving my pills"},
                    follow_redirects=True)  # fmt: skip
    page = r.get_data(as_text=True)
    assert "crisis-card" in page
    assert page.count("If you might act on these feelings") == 1
