"""A room's everyday words as evidence: in an addiction room "relapsed" and "day 1" are recovery talk, not self-harm.

The classifier never sees the room, and rows do not teach it one (corpus round 35: 230 room-vocabulary rows left
"relapsed after 4 months" read as self-harm). So in a room on a listed topic, when a text uses the room's words for
a category and none of the words that keep that category (any word of self-harm itself), the classifier's reading
of that category is taken from the text without the room's words, when that is lower. The vocabularies are data in
lexicon.json ("room_words"), versioned with the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forum.moderation.lexicon import LEXICON_PATH
from forum.moderation.lexicon_data import any_of, section


@dataclass(frozen=True)
class RoomWords:
    """One room topic's everyday words for one category, and the words that keep the category's reading."""

    topic: str
    category: str
    words: re.Pattern[str]
    keep: re.Pattern[str]
    because: str  # for the signal's reason: "addictions room words"


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> tuple[RoomWords, ...]:
    """The room vocabularies of the lexicon file (cached per path); none when the file lists none."""
    data = section("room_words", path) or []
    return tuple(
        RoomWords(
            d["topic"], d["category"], any_of(d["words"]), any_of(d["keep"]), f"{d['topic']} room words"
        )
        for d in data
    )


def explaining(words: str, topic: str) -> list[RoomWords]:
    """The vocabularies of this room that a normalised text uses for a category, with nothing that keeps it."""
    return [rw for rw in load() if rw.topic == topic and rw.words.search(words) and not rw.keep.search(words)]


def without(words: str, rw: RoomWords) -> str:
    """The text with the room's words taken out (what the classifier reads instead)."""
    return " ".join(rw.words.sub(" ", words).split())
