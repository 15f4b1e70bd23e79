"""Shared fixtures: a small classifier trained once per session on short, non-graphic examples."""

from __future__ import annotations

import pytest

from forum.moderation import classifier, training
from forum.moderation.corpus import Row

_EXAMPLES = {
    "crisis": [
        ("i want to die", 2),
        ("i don't want to be here anymore", 2),
        ("i've been saving my pills", 3),
        ("giving my things away, this is goodbye", 4),
        ("i can't go on like this, i want it to end", 2),
        ("tonight i'm going to end it", 3),
        ("nobody would miss me if i was gone", 2),
        ("i wrote letters to my family tonight", 3),
        ("i just want to stop existing", 2),
        ("i've decided, this is my last post", 4),
    ],
    "self_harm": [
        ("i cut myself again last night", 0),
        ("the urge to hurt myself is so strong", 0),
        ("relapsed and hurt myself today", 0),
        ("i keep hurting myself when i'm upset", 0),
        ("started cutting again after a bad week", 0),
        ("i burn myself when it gets too much", 0),
    ],
    "pro_harm": [
        ("thinspo thread, post your goals", 0),
        ("looking for an ana buddy to keep me strict", 0),
        ("tips to stop eating without anyone noticing", 0),
        ("pro ana motivation, stay strong and skip meals", 0),
        ("meanspo please, tell me i'm not thin enough", 0),
        ("fast with me this week, no food", 0),
    ],
    "harassment": [
        ("kys nobody likes you", 0),
        ("you're pathetic, attention seeker", 0),
        ("just do it already, go die", 0),
        ("everyone hates you here", 0),
        ("you're faking it for attention", 0),
        ("shut up loser", 0),
    ],
    "spam": [
        ("buy followers cheap, click here", 0),
        ("earn money from home, dm me", 0),
        ("best crypto investment opportunity", 0),
        ("promo code for diet pills, order now", 0),
        ("visit my profile for free money", 0),
        ("check my channel and subscribe", 0),
    ],
    "none": [
        ("i feel sad today but i'm okay", 0),
        ("this commute is killing me", 0),
        ("i'm starving, lunch time", 0),
        ("two years ago i attempted, now i'm doing better", 0),
        ("please don't hurt yourself, we're here", 0),
        ("had a good day at the park", 0),
        ("therapy was hard but helpful", 0),
        ("my cat makes me smile", 0),
        ("recovery is slow but i'm proud of myself", 0),
        ("anyone else find mornings hard?", 0),
        ("i used to cut but i'm two years clean", 0),
        ("sending hugs to everyone here", 0),
    ],
}


def small_rows() -> list[Row]:
    """Return the tiny training set as corpus rows."""
    return [
        Row(t, label, sev if label == "crisis" else 0, "", "tests")
        for label, items in _EXAMPLES.items()
        for t, sev in items
    ]


@pytest.fixture(scope="session")
def tiny_rows() -> list[Row]:
    """The tiny training set."""
    return small_rows()


@pytest.fixture(scope="session")
def small_model(tiny_rows: list[Row]) -> classifier.Model:
    """A classifier trained once per test session on the tiny set."""
    model = training.fit(tiny_rows)
    model.version = "test"
    return model
