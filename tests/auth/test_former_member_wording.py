"""The words shown for a deleted account's writing come from one place (models.user.FORMER_MEMBER): pages and the
chat wire follow it, so a change of wording can't leave a page behind."""

from __future__ import annotations

import pytest

import models.user
from forum.chat.wire import message_dict
from forum.services import account_deletion
from models import ChatMessage, db
from tests.conftest import PASSWORD

WORDING = "someone who has left"


@pytest.fixture
def left(robin, monkeypatch):
    """robin_wren deleted the account and kept the writing; the site's wording for them is WORDING."""
    account_deletion.delete_account(robin.user, PASSWORD, "keep")
    monkeypatch.setattr(models.user, "FORMER_MEMBER", WORDING)
    return robin


@pytest.mark.parametrize(
    "who, path",
    [
        ("sam_other", lambda r: f"/t/{r.answered.id}"),
        ("sam_other", lambda r: "/groups/grief-room"),
        ("mod_fern", lambda r: f"/review/{r.crisis.id}"),
    ],
    ids=["thread", "group", "review item"],
)
def test_pages_name_the_author_in_the_one_wording(left, client, auth, who, path) -> None:
    auth.login(who)
    resp = client.get(path(left))
    assert resp.status_code == 200
    assert WORDING in resp.get_data(as_text=True)


def test_the_chat_wire_names_the_author_in_the_one_wording(left) -> None:
    message = db.session.scalar(db.select(ChatMessage).where(ChatMessage.client_key == "k1"))
    assert message.author_id is None
    assert message_dict(message)["author"] == WORDING
