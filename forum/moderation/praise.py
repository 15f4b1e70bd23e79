"""Praise of a post without risk: "so pleased for you babe" under "got the job!!", "keep it up, you're smashing it"
under a month sober. Alone, short cheers read as pro-harm to the classifier (the corpus's pro-anorexia coaching
cheers in the same words), and kind replies were held; under a fast the same words are pro-harm (moderation.replies
reads them there).

A reply is praise when it has a word of praise and nothing else but address words, small words and emoji, in at most
REPLY_CUE_MAX_WORDS words. When every post it answers reads clearly without risk (no risk category at the CONFIRM
line), the classifier's pro-harm reading of the reply is dampened as other context does. The praise words are data
in lexicon.json ("praise"); the address and small words are the pleas' ("pleas": "openers", "after").
"""

from __future__ import annotations

import re
from functools import lru_cache

from forum.moderation.lexicon import LEXICON_PATH
from forum.moderation.lexicon_data import any_of, forms, section
from forum.moderation.policy import REPLY_CUE_MAX_WORDS

REASON = "praise of a post without risk"
CATEGORIES = ("pro_harm",)  # the reading praise answers: the classifier's guess that a cheer coaches harm
_LEFT = re.compile(r"[^\w']+")  # what may be left besides the lists' words: spaces, punctuation, emoji


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(praise words, address and small words) of the lexicon file, cached per path; None when it has none."""
    praise, pleas = section("praise", path), section("pleas", path)
    if not praise or not pleas:
        return None
    return any_of(forms(praise)), any_of(forms(pleas["openers"] + pleas["after"]))


def is_praise(words: str) -> bool:
    """Whether a reply (`words`: Normalised.dedup) is praise and nothing more."""
    lists = load()
    if lists is None or len(words.split()) > REPLY_CUE_MAX_WORDS:
        return False
    praise, filler = lists
    rest = praise.sub(" ", words)
    return rest != words and not _LEFT.sub("", filler.sub(" ", rest))
