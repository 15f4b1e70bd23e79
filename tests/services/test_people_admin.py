"""Leaders' people decisions when two arrive at the same moment."""

from __future__ import annotations

from forum.services.errors import ValidationError
from forum.services.people_admin import remove_role
from tests.services.conftest import active_leaders


def test_the_last_two_leaders_stepping_down_at_once_keep_one(room, both_leaders_at_once):
    outcomes = both_leaders_at_once(lambda leader, group: remove_role(leader, group, leader.id))
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "at least one leader" in refused[0].message, outcomes
    assert active_leaders(room[0]) == 1
