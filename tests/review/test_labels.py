"""Moderator decisions become training labels that `flask moderation train` reads."""

from __future__ import annotations

from forum.moderation.cli import moderator_labels
from forum.services.moderator_actions import perform


def test_decisions_feed_the_trainer(world, make_post, flag):
    crisis = flag(
        make_post(world.member1, world.group, "I can't go on"), "crisis", priority="urgent", severity=3
    )
    spam = flag(make_post(world.member1, world.group, "buy cheap pills here"), "spam")
    fine = flag(make_post(world.member1, world.group, "this job is killing me"), "crisis")
    perform(crisis, "support", world.mod1, "reached out; post stays")
    perform(spam, "remove", world.mod1, "advert")
    perform(fine, "approve", world.mod1, "an idiom")
    rows = {(r.text, r.label, r.severity) for r in moderator_labels()}
    assert rows == {("I can't go on", "crisis", 3), ("buy cheap pills here", "spam", 2),
                    ("this job is killing me", "none", 0)}  # fmt: skip
