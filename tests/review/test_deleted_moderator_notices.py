"""A moderator who deletes their account is no longer named in other moderators' inboxes."""

from __future__ import annotations

from sqlalchemy import select

from forum.services import account_deletion
from forum.services.moderator_actions import perform
from models import Notification, db
from tests.conftest import PASSWORD


def _messages(user) -> list[str]:  # noqa: ANN001
    db.session.rollback()
    return list(db.session.scalars(select(Notification.message).where(Notification.user_id == user.id,
                                                                      Notification.kind == "moderation")))  # fmt: skip


def test_escalation_notices_name_a_former_member(world, make_post, flag, client, auth):
    first = flag(make_post(world.member1, world.group, "a rough post"), "harassment")
    second = flag(make_post(world.member2, world.other, "another rough post"), "harassment")
    perform(first, "escalate", world.mod1, "would like a second opinion")
    perform(second, "escalate", world.mod2, "need a second opinion")
    assert "mod1 escalated an item to site moderators: would like a second opinion" in _messages(
        world.sitemod
    )
    account_deletion.delete_account(world.mod1, PASSWORD, "keep")
    assert sorted(_messages(world.sitemod)) == [
        "A former member escalated an item to site moderators: would like a second opinion",
        "mod2 escalated an item to site moderators: need a second opinion",
    ]
    auth.login("sitemod")
    page = client.get("/notifications").get_data(as_text=True)
    assert "A former member escalated an item" in page and "mod1 escalated" not in page


def test_a_handle_that_only_begins_the_same_is_left_alone(world, make_post, flag, make_user, add_member):
    mod11 = make_user("mod11")
    add_member(mod11, world.group, "moderator")
    perform(
        flag(make_post(world.member1, world.group, "a rough post"), "spam"), "escalate", mod11, "have a look"
    )
    account_deletion.delete_account(world.mod1, PASSWORD, "erase")
    assert _messages(world.sitemod) == ["mod11 escalated an item to site moderators: have a look"]
