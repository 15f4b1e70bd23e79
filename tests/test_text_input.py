"""The one input-cleaning step: direction controls and invisible text, through the real forms and services."""

from __future__ import annotations

import pytest

from forum.text_input import clean_line, clean_text, is_blank
from models import Category, CrisisResource, Group, Post, Thread, db

RLO, ZWSP, ZWJ = "\u202e", "\u200b", "\u200d"
FAMILY = f"\U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467"  # one emoji held together by zero-width joiners
ARABIC = "مرحبا بكم"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (f"My story{RLO}", "My story"),
        ("a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i", "abcdefghi"),
        (ZWSP * 5, ""),
        (f" {ZWSP}\ufeff\u2060 \u3164 ", ""),
        (f"{ZWSP}hello{ZWSP}", "hello"),
        (f"family {FAMILY}", f"family {FAMILY}"),
        ("love \u2764\ufe0f", "love \u2764\ufe0f"),  # the variation selector belongs to the heart
        (ARABIC, ARABIC),
        (f"{ARABIC}\u200f!", f"{ARABIC}\u200f!"),  # a right-to-left mark inside the text stays
        (None, ""),
    ],
)
def test_clean_text(raw, clean) -> None:
    assert clean_text(raw) == clean


def test_blank_and_line() -> None:
    assert is_blank(ZWSP + " \u200c") and not is_blank(f"{ZWSP}a")
    assert clean_line(f"  two\n  lines{RLO} ") == "two lines"


def test_hidden_characters_anywhere() -> None:
    from forum.text_input import has_hidden_characters

    assert all(
        has_hidden_characters(f"a{ch}b") for ch in (RLO, ZWSP, ZWJ, "\u2066", "\ufeff", "\u3164", "\t")
    )
    assert not has_hidden_characters("plain words, with spaces") and not has_hidden_characters(ARABIC)


@pytest.fixture
def member(client, auth, room):
    auth.login("member1")
    return room


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ZWSP * 5, "body": "text"}, "Please write a title."),
        ({"title": "A fine title", "body": ZWSP * 5}, "Please write something before posting."),
        ({"title": f"{ZWSP} \u2060 {ZWSP}", "body": "text"}, "Please write a title."),
    ],
)
def test_invisible_thread_text_is_empty(client, member, data, message) -> None:
    r = client.post("/groups/test-room/new", data=data)
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 0


def test_override_is_removed_and_titles_are_isolated(client, member) -> None:
    r = client.post("/groups/test-room/new", data={"title": f"Feeling low{RLO}", "body": f"hello {FAMILY}"})
    assert r.status_code == 302
    thread = db.session.scalar(db.select(Thread))
    assert thread.title == "Feeling low"
    assert db.session.scalar(db.select(Post)).source == f"hello {FAMILY}"  # emoji sequences survive
    for page in ("/", "/groups/test-room"):
        html = client.get(page).get_data(as_text=True)
        assert RLO not in html
        assert (
            "<bdi>Feeling low</bdi>" in html
        )  # leftover direction text could not spill into the author name


def test_right_to_left_title_is_kept(client, member) -> None:
    r = client.post("/groups/test-room/new", data={"title": ARABIC, "body": ARABIC})
    assert r.status_code == 302
    assert db.session.scalar(db.select(Thread)).title == ARABIC


def test_invisible_group_name_is_refused(client, auth, make_user) -> None:
    make_user("boss", is_admin=True)
    auth.login("boss")
    cat = db.session.scalar(db.select(Category.id).where(Category.slug == "mental-health"))
    data = {"name": ZWSP * 6, "description": "We walk.", "category_id": str(cat), "visibility": "public",
            "joining": "open"}  # fmt: skip
    before = db.session.scalar(db.select(db.func.count(Group.id)))
    r = client.post("/groups/new", data=data)
    assert r.status_code == 400 and "Please write a name." in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Group.id))) == before
    assert db.session.scalar(db.select(Group).where(Group.slug == "group")) is None


def test_invisible_resource_name_is_refused(client, auth, make_user) -> None:
    make_user("site_admin", is_admin=True)
    auth.login("site_admin")
    data = {"region": "GB", "name": ZWSP * 4, "phone": "0800 000 000", "hours": "24/7", "position": "1"}
    before = db.session.scalar(db.select(db.func.count(CrisisResource.id)))
    r = client.post("/admin/resources/new", data=data)
    assert r.status_code == 400
    assert db.session.scalar(db.select(db.func.count(CrisisResource.id))) == before
