"""Restriction told as a win: "ate nothing but water today, proud of myself", "skipped lunch and dinner and nobody
noticed", "three days fasted, going for five". Pro-anorexia talk brags of the act; the same acts told as a worry, an
illness, a fast for a blood test or Ramadan, or as history ("i used to be proud when i skipped meals") are not that.

In an eating-disorder room (lexicon.judge reads it there only: elsewhere "skipped lunch to finish the report, so
proud" is work and diet talk), a sentence of the writer's own (no "you" in it) that tells a restriction act or a body
check and a win or pride, in a text without words of an everyday reason, worry or recovery and without the lexicon's
past markers, is pro-harm. The classifier
read such brags as none (0.15-0.35): the corpus's pro-harm posts say it in other words. The lists are data in
lexicon.json ("brags"), versioned with the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forum.moderation.lexicon import LEXICON_PATH, NAME, load_lexicon
from forum.moderation.lexicon_data import any_of, forms, section
from forum.moderation.types import Signal

SCORE = (
    0.85  # counts in full without the classifier (it reads these as none): held in an eating-disorder room
)
_SENTENCE = re.compile(r"[^.!?\n]+")
_YOU = re.compile(r"(?<![\w'])(?:you|your|you're|youre|u|ur|yourself)(?![\w'])")
# "you can count my ribs": the writer's own (in the `dedup` form: "see" -> "se", "feel" -> "fel")
_GENERIC_YOU = re.compile(r"(?<![\w'])(?:you|u) can (?:se|count|fel)(?![\w'])")


@dataclass(frozen=True)
class Brags:
    """The compiled lists of the lexicon's "brags" section."""

    acts: re.Pattern[str]
    wins: re.Pattern[str]
    everyday: re.Pattern[str]


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> Brags | None:
    """The brag lists of the lexicon file (cached per path); None when it has none."""
    data = section("brags", path)
    if not data:
        return None
    return Brags(*(any_of(forms(data[key])) for key in ("acts", "wins", "everyday")))


def detect(words: str) -> list[Signal]:
    """A pro-harm signal when a sentence of the writer's own brags of a restriction act (`words`: Normalised.dedup)."""
    b = load()
    if b is None or not b.acts.search(words):
        return []
    lex = load_lexicon()
    if b.everyday.search(words) or lex.past.search(words):
        return []
    for sentence in _SENTENCE.findall(words):
        act = b.acts.search(sentence)
        win = b.wins.search(sentence) if act else None
        if not (act and win) or _YOU.search(_GENERIC_YOU.sub(" ", sentence)):
            continue
        if not lex.negators.search(sentence[: act.start()][-12:]):
            said = f"restriction told as a win: {act.group(0)} / {win.group(0)}"
            return [Signal("pro_harm", 0, SCORE, NAME, said, sentence.strip()[:60], alone=True)]
    return []
