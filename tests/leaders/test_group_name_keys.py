"""Room names are unique by their look-alike key, which the database enforces too (group.name_key)."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from forum.lookalike import name_key, suffixed_key
from forum.services import group_admin
from forum.services.errors import ValidationError
from models import Category, Group, db


def _cat() -> int:
    return db.session.scalar(select(Category.id).where(Category.slug == "mental-health"))


def _create(name: str, **fields) -> dict:
    return {"name": name, "description": "", "category_id": str(_cat()), "visibility": "public",
            "joining": "open", **fields}  # fmt: skip


def _page(resp) -> str:  # noqa: ANN001
    return html.unescape(resp.get_data(as_text=True))


@pytest.mark.parametrize(
    "name", ["Alcohol-Recovery!", "Alcohol rec0very", "ALCOHOL.RECOVERY", "Аlcohol recovery"]
)
def test_a_lookalike_of_a_rooms_name_is_refused(client, auth, make_user, name):
    make_user("boss", is_admin=True)
    auth.login("boss")
    before = db.session.scalar(select(func.count(Group.id)))
    resp = client.post("/groups/new", data=_create(name))
    assert resp.status_code == 400 and group_admin.NAME_TAKEN in _page(resp)
    assert db.session.scalar(select(func.count(Group.id))) == before


def test_a_new_room_gets_its_key(client, auth, make_user):
    make_user("boss", is_admin=True)
    auth.login("boss")
    assert client.post("/groups/new", data=_create("Evening Walkers")).status_code == 302
    group = db.session.scalar(select(Group).where(Group.name == "Evening Walkers"))
    assert group.name_key == name_key("Evening Walkers")


def test_renaming_to_a_lookalike_is_refused_and_a_rename_moves_the_key(client, auth, room):
    group, _ = room
    auth.login("leader1")
    url = f"/groups/{group.slug}/settings/about"
    about = {"description": "", "rules": "", "welcome": "", "category_id": str(group.category_id)}
    resp = client.post(url, data={**about, "name": "Alcohol rec0very"})
    assert resp.status_code == 400 and group_admin.NAME_TAKEN in _page(resp)
    assert client.post(url, data={**about, "name": "Evening Walkers"}).status_code == 302
    db.session.refresh(group)
    assert group.name_key == name_key("Evening Walkers")
    assert client.post(url, data={**about, "name": "Test Room"}).status_code == 302


def test_a_room_that_shared_its_name_still_counts_once_the_first_is_renamed(make_user, make_group):
    """The migration left a later twin "<key>~<id>": its name stays taken after the older room is renamed."""
    first, twin = make_group("grief-one"), make_group("grief-two")
    first.name, first.name_key = "Evening Walkers", name_key("Evening Walkers")
    twin.name, twin.name_key = "Grief Support", suffixed_key(name_key("Grief Support"), twin.id)
    db.session.commit()
    boss = make_user("boss", is_admin=True)
    with pytest.raises(ValidationError, match="already a group"):
        group_admin.create_group(boss, "grief support", "", _cat(), "public", "open")


def test_the_database_refuses_a_second_room_with_one_key(make_group):
    group = make_group("night-owls")
    cat = db.session.get(Category, _cat())
    db.session.add(Group(slug="night-owls-2", name="Night 0wls", name_key=group.name_key, category=cat))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.fixture
def check_skipped(monkeypatch):
    """A writer that got past the check under the lock (as another deployment on the same database could)."""
    monkeypatch.setattr(group_admin, "_check_name_free", lambda *args, **kwargs: None)


def test_the_index_refusing_a_new_room_gives_the_forms_message(client, auth, make_user, check_skipped):
    make_user("boss", is_admin=True)
    auth.login("boss")
    resp = client.post("/groups/new", data=_create("Alcohol rec0very"))
    assert resp.status_code == 400 and group_admin.NAME_TAKEN in _page(resp)
    assert db.session.scalar(select(Group).where(Group.name == "Alcohol rec0very")) is None


def test_the_index_refusing_a_rename_gives_the_forms_message(client, auth, room, check_skipped):
    group, _ = room
    auth.login("leader1")
    about = {"name": "Alcohol Recovery", "description": "Renamed", "rules": "", "welcome": "",
             "category_id": str(group.category_id)}  # fmt: skip
    resp = client.post(f"/groups/{group.slug}/settings/about", data=about)
    assert resp.status_code == 400 and group_admin.NAME_TAKEN in _page(resp)
    db.session.refresh(group)
    assert (group.name, group.description) == ("Test Room", "About test-room")
