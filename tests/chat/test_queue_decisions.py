"""A moderator's decision in the review queue reaches open chat windows as a hide in the room does."""

from __future__ import annotations

import pytest

from forum.moderation.reviews import open_review
from forum.services.moderator_actions import perform
from models import ChatMessage, db

from .conftest import events, join, send

SIGNAL = {"source": "report", "category": "harassment", "severity": 1, "score": 0.6, "reason": "Harassment"}


@pytest.mark.parametrize("action", ["hide", "remove"])
def test_hiding_or_removing_from_the_queue_tells_the_room(room, connect, action) -> None:
    group, people = room
    author, reader = connect("member1"), connect("leader1")
    join(author), join(reader)
    message_id = send(author, "something unkind", "key-queue-01")["id"]
    events(reader, "message_hidden")
    review = open_review(db.session.get(ChatMessage, message_id), [SIGNAL])
    db.session.commit()
    perform(review, action, people["mod1"], "unkind to another member")
    assert events(reader, "message_hidden") == [{"group_id": group.id, "id": message_id}]


def test_approving_from_the_queue_tells_the_room_nothing(room, connect) -> None:
    _group, people = room
    author, reader = connect("member1"), connect("leader1")
    join(author), join(reader)
    message_id = send(author, "something fine", "key-queue-02")["id"]
    review = open_review(db.session.get(ChatMessage, message_id), [SIGNAL])
    db.session.commit()
    events(reader, "message_hidden")
    perform(review, "approve", people["mod1"], "nothing wrong here")
    assert events(reader, "message_hidden") == []
