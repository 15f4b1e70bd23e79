"""Creating a group: trust threshold, creator leads, category defaults, unique slugs, validation."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from sqlalchemy import update

from forum.lookalike import name_key, suffixed_key
from forum.services import group_admin
from forum.services.errors import ValidationError
from models import Category, Group, Membership, User, db, utcnow
from tests.conftest import commit_before_the_write, run_at_once


def _cat(slug: str) -> str:
    return str(db.session.scalar(db.select(Category.id).where(Category.slug == slug)))


def _data(**changes) -> dict:
    return {"name": "Evening Walkers", "description": "We walk.", "category_id": _cat("mental-health"),
            "visibility": "public", "joining": "open", **changes}  # fmt: skip


def test_low_trust_member_cannot_create(client, auth, make_user):
    make_user("fresh", trust_level=0)
    auth.login("fresh")
    assert client.get("/groups/new").status_code == 403
    assert client.post("/groups/new", data=_data()).status_code == 403
    assert db.session.scalar(db.select(Group).where(Group.name == "Evening Walkers")) is None
    assert b'href="/groups/new"' not in client.get("/groups/").data


def test_trusted_member_creates_and_leads(client, auth, make_user, audit):
    user = make_user("trusted", trust_level=2)
    auth.login("trusted")
    assert b'href="/groups/new"' in client.get("/groups/").data
    resp = client.post("/groups/new", data=_data())
    assert resp.status_code == 302
    group = db.session.scalar(db.select(Group).where(Group.slug == "evening-walkers"))
    m = db.session.scalar(db.select(Membership).where(Membership.group_id == group.id))
    assert (m.user_id, m.role, m.state) == (user.id, "leader", "active")
    assert audit("group.create")[0].actor_id == user.id
    assert client.get(resp.headers["Location"]).status_code == 200  # straight into its settings


def test_admin_creates_and_slugs_are_unique(client, auth, make_user):
    make_user("boss", is_admin=True, trust_level=0)
    auth.login("boss")
    client.post("/groups/new", data=_data())
    client.post("/groups/new", data=_data(name="Evening Walkers Ελλάδα"))  # another name, the same slug
    client.post("/groups/new", data=_data(name="New"))
    client.post("/groups/new", data=_data(name="Ça va? Ünïcode!"))
    slugs = set(db.session.scalars(db.select(Group.slug)))
    assert {"evening-walkers", "evening-walkers-2", "new-2", "ca-va-unicode"} <= slugs
    assert "new" not in slugs


def test_eating_disorder_defaults(client, auth, make_user):
    make_user("boss", is_admin=True)
    auth.login("boss")
    client.post("/groups/new", data=_data(name="Recovery circle", category_id=_cat("eating-disorders")))
    group = db.session.scalar(db.select(Group).where(Group.slug == "recovery-circle"))
    assert group.settings.numbers_rule is True and group.settings.premoderation == "new_members"


BAD = [({"name": "ab"}, "Name must be 3 to 80"), ({"category_id": "0"}, "Choose a category"),
       ({"visibility": "secret"}, "Choose a visibility"), ({"joining": "never"}, "Choose a way of joining"),
       ({"description": "d" * 501}, "at most 500")]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_new_group(client, auth, make_user, changes, message):
    make_user("boss", is_admin=True)
    auth.login("boss")
    before = db.session.scalar(db.select(db.func.count(Group.id)))
    resp = client.post("/groups/new", data=_data(**changes))
    assert resp.status_code == 400 and message in html.unescape(resp.get_data(as_text=True))
    assert db.session.scalar(db.select(db.func.count(Group.id))) == before


def test_a_member_suspended_while_creating_creates_nothing(client, auth, make_user, monkeypatch):
    user = make_user("trusted", trust_level=2)
    auth.login("trusted")
    suspend = update(User).where(User.id == user.id).values(suspended_until=utcnow() + timedelta(days=7))
    commit_before_the_write(monkeypatch, group_admin, suspend)
    assert client.post("/groups/new", data=_data()).status_code == 403
    assert db.session.scalar(db.select(Group).where(Group.name == "Evening Walkers")) is None


@pytest.mark.parametrize(
    "name", ["Alcohol recovery", "alcohol RECOVERY", "  Alcohol   recovery ", "Alcoholrecovery"]
)
def test_group_names_are_unique(client, auth, make_user, name):
    make_user("boss", is_admin=True)
    auth.login("boss")
    before = db.session.scalar(db.select(db.func.count(Group.id)))
    resp = client.post("/groups/new", data=_data(name=name))
    assert resp.status_code == 400
    assert "already a group with that name" in html.unescape(resp.get_data(as_text=True))
    assert db.session.scalar(db.select(db.func.count(Group.id))) == before
    assert db.session.scalar(db.select(Group).where(Group.slug == "alcohol-recovery-2")) is None


def test_renaming_to_another_groups_name_is_refused(client, auth, room):
    group, _ = room
    auth.login("leader1")
    data = {"name": "ALCOHOL recovery", "description": "", "rules": "", "welcome": "",
            "category_id": str(group.category_id)}  # fmt: skip
    resp = client.post(f"/groups/{group.slug}/settings/about", data=data)
    assert resp.status_code == 400 and "already a group" in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group)
    assert group.name == "Test Room"
    same = client.post(f"/groups/{group.slug}/settings/about", data={**data, "name": "test   ROOM"})
    assert same.status_code == 302  # its own name, differently spaced, is fine


def test_two_creators_racing_for_one_name(app, make_user):
    boss = make_user("boss", is_admin=True)
    cat = int(_cat("mental-health"))

    def create() -> object:
        user = db.session.get(type(boss), boss.id)
        return group_admin.create_group(user, "Night Owls", "", cat, "public", "open")

    outcomes = run_at_once(app, create)
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert db.session.scalar(db.select(db.func.count(Group.id)).where(Group.name == "Night Owls")) == 1


def _about(group: Group, name: str, description: str = "") -> dict:
    return {"name": name, "description": description, "rules": "", "welcome": "",
            "category_id": str(group.category_id)}  # fmt: skip


def test_groups_that_already_share_a_name_can_still_save_their_about(client, auth, room, make_group, audit):
    """Names were not unique before: such groups keep their name, and their other About changes save."""
    group, _ = room
    twin = make_group("grief-support-2")
    group.name = twin.name = "Grief Support"
    # As the migration that added the keys left them: the older room holds the key, the later one "<key>~<id>".
    group.name_key, twin.name_key = (
        name_key("Grief Support"),
        suffixed_key(name_key("Grief Support"), twin.id),
    )
    db.session.commit()
    auth.login("leader1")
    url = f"/groups/{group.slug}/settings/about"
    resp = client.post(url, data=_about(group, "Grief Support", "A room for those grieving"))
    assert resp.status_code == 302
    resp = client.post(url, data=_about(group, "grief   support", "A room for those grieving"))
    assert resp.status_code == 302  # only case and spacing change: still the group's own name
    db.session.refresh(group)
    assert (group.name, group.description) == ("grief support", "A room for those grieving")
    assert [e.after for e in audit("settings.about")] == [{"description": "A room for those grieving"},
                                                           {"name": "grief support"}]  # fmt: skip
    # A name that really changes must still be free (Alcohol recovery is a room of the catalogue).
    resp = client.post(url, data=_about(group, "Alcohol Recovery"))
    assert resp.status_code == 400 and "already a group" in html.unescape(resp.get_data(as_text=True))
    db.session.refresh(group)
    assert group.name == "grief support" and len(audit("settings.about")) == 2


def test_a_name_that_changes_is_checked_against_the_name_stored_under_the_lock(room, make_group, monkeypatch):
    """A co-leader renames the group while this save waits for the lock: the old name is a change by then."""
    group, people = room
    twin = make_group("grief-support-2")
    twin.name, twin.name_key = "Grief Support", name_key("Grief Support")
    group.name, group.name_key = "Grief Support", suffixed_key(name_key("Grief Support"), group.id)
    db.session.commit()
    renamed = (
        update(Group)
        .where(Group.id == group.id)
        .values(name="Loss and Grief", name_key=name_key("Loss and Grief"))
    )
    commit_before_the_write(monkeypatch, group_admin, renamed)
    with pytest.raises(ValidationError, match="already a group"):
        group_admin.update_about(people["leader1"], group, "Grief Support", "", "", "", group.category_id)
    db.session.refresh(group)
    assert group.name == "Loss and Grief"
