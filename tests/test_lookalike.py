"""The look-alike key: names that read the same at a glance share one; names that merely resemble do not."""

from __future__ import annotations

import pytest

from forum.lookalike import key_base, name_key, skeleton, suffixed_key


@pytest.mark.parametrize(
    ("lookalike", "original"),
    [
        ("Iantern_keeper", "lantern_keeper"),  # capital I for small l
        ("1antern_keeper", "lantern_keeper"),
        ("lantern.keeper", "lantern_keeper"),
        ("lantern-keeper", "lantern_keeper"),
        ("lanternkeeper", "lantern_keeper"),
        ("LANTERN_KEEPER", "lantern_keeper"),
        ("lantem_keeper", "lantern_keeper"),  # "rn" reads as "m"
        ("morning_fern", "rnorning_fem"),
        ("sl0w_tide", "slow_tide"),
        ("5low_tide", "slow_tide"),
        ("adm1n", "admin"),
        ("m0derator", "moderator"),
        ("m0d3rat0r", "moderator"),
        ("vvillow", "willow"),
        ("Café Society", "cafe society"),
        ("Аlcohol recovery", "Alcohol recovery"),  # a Cyrillic А
        ("Alcohol  Recovery!", "alcohol recovery"),
        ("Alcoholrecovery", "Alcohol recovery"),
    ],
)
def test_lookalikes_share_a_skeleton(lookalike, original):
    assert skeleton(lookalike) == skeleton(original)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("lantern_keeper", "lantern_keeper2"),
        ("slow_tide", "slow_ride"),
        ("river_admin", "admin"),
        ("room_1", "room_7"),
        ("Year 6 parents", "Year 8 parents"),
        ("Loss of a parent", "Loss of a child"),
    ],
)
def test_different_names_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_a_name_of_symbols_alone_is_keyed_as_written():
    assert name_key("🌱 🌱 🌱") == "🌱🌱🌱" != name_key("🌻🌻🌻")


def test_suffixed_keys_lead_back_to_their_name():
    key = name_key("Grief Support")
    assert key_base(suffixed_key(key, 12)) == key_base(key) == key
    assert key_base(name_key("~~~")) == "~~~"  # no digits: never taken for a suffix
