"""A plea to someone else: "please don't do it", "don't go, we need you here", "stay. just stay". The words a member
writes to another who is at risk are the words of a crisis post ("do it", "go", "give up"), and the corpus's goodbye
notes plead too ("please don't be sad", "don't look for me"), so the classifier read "please don't do it" as an
urgent crisis (1.00) and held "don't do it, we need you here" as pro-harm: during a crisis in a chat room, every member who
begged the person to stay opened an urgent review and was shown the crisis card.

A text is a plea when every clause of it is one of:
- a plea: an ask not to act ("don't" and an act of risk: do it, go, leave, give up, hurt yourself, relapse...; or
  "please don't" as the whole text), or to stay ("stay", "hold on", "hang in there"), with only openers ("please", "mate",
  "i'm begging you") before it and only small words ("tonight", "yet", "on us", a pet name) after it;
- words of support ("we need you", "you matter", "i'm here"), with no first-person words outside the lists' own
  phrases (so "please don't go, i'm not safe" is not a plea);
- small words alone: "not tonight", "x", a pet name, an emoji. Not any single word: "please don't. bye" is a goodbye,
  so a plea that names its reader ("sarah, please don't") is read by the classifier alone.
The goodbye's pleas ask others not to grieve, blame, look, call or stop the writer: none of those acts is on the
list, and their clauses are the writer's own. A plea dampens the classifier's risk categories as other context
does (lexicon.judge marks them cancelled). The lists are data in lexicon.json ("pleas").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forum.moderation.lexicon import LEXICON_PATH
from forum.moderation.lexicon_data import alternatives, forms, section

REASON = "a plea to someone else"
# The readings a plea dampens ("please don't do it" read as crisis); not harassment: "stay. pathetic" is no plea.
CATEGORIES = ("crisis", "self_harm", "pro_harm")
MAX_WORDS = 30  # a longer text says more than a plea; the classifier reads it whole
# Clauses end at punctuation, a line break or an emoji (anything but a word, an apostrophe, "&" or a space).
_CLAUSES = re.compile(r"[^\w'&\s]+|\n")
_FIRST_PERSON = re.compile(r"(?<![\w'])(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself)(?![\w'])")


@dataclass(frozen=True)
class PleaWords:
    """The compiled lists of the lexicon's "pleas" section."""

    plea: re.Pattern[str]  # a whole clause that pleads: openers, an ask or a stay, small words
    bare: re.Pattern[str]  # "please don't" and nothing else
    filler: re.Pattern[str]  # "not tonight", "x", "hun"
    own: re.Pattern[str]  # first-person phrases of support ("i'm here", "talk to me")
    support: re.Pattern[str]


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> PleaWords | None:
    """The plea lists of the lexicon file (cached per path); None when it has none."""
    data = section("pleas", path)
    replies = section("replies", path)
    if not data or not replies:
        return None
    opener, small = _alt_forms(data["openers"]), _alt_forms(data["after"])
    ask = rf"(?:{_alt_forms(data['negators'])})\s+(?:{_alt_forms(data['asks'])})|(?:{_alt_forms(data['stays'])})"
    openers, tails = rf"(?:(?:{opener})\s+)*", rf"(?:\s+(?:{small}|{opener}))*"
    return PleaWords(
        plea=re.compile(rf"^{openers}(?:{ask}){tails}$"),
        bare=re.compile(rf"^{openers}(?:{_alt_forms(data['negators'])}){tails}$"),
        filler=re.compile(rf"^(?:not\s+)?(?:{small}|{opener})(?:\s+(?:{small}|{opener}))*$"),
        own=re.compile(rf"(?<![\w'])(?:{_alt_forms(data['own'])})(?![\w'])"),
        support=re.compile(
            rf"(?<![\w'])(?:{_alt_forms(_support_words(replies['support']) + data['own'])})(?![\w'])"
        ),
    )


def _alt_forms(words: list[str]) -> str:
    """A regex alternative of lexicon phrases in the `dedup` form."""
    return alternatives(forms(words))


def _support_words(words: list[str]) -> list[str]:
    """The replies' words of support, less "please", "stay" ("please don't be sad. stay safe x" is a goodbye) and "if
    you" ("don't leave. if you go it's over" is no support)."""
    return [w for w in words if not w.startswith(("please", "stay", "if you"))]


def is_plea(words: str) -> bool:
    """Whether a text (`words`: Normalised.dedup) is a plea to someone else, and nothing more."""
    pw = load()
    if pw is None or len(words.split()) > MAX_WORDS:
        return False
    clauses = [c for c in (" ".join(c.split()) for c in _CLAUSES.split(words)) if c]
    if len(clauses) == 1 and pw.bare.match(clauses[0]):
        return True  # only the whole text: "please don't. i love you all" may be a goodbye
    pleas = 0
    for clause in clauses:
        if pw.plea.match(clause):
            pleas += 1
        elif not (pw.filler.match(clause) and not _FIRST_PERSON.search(clause)) and not _supports(pw, clause):
            return False
    return pleas > 0


def _supports(pw: PleaWords, clause: str) -> bool:
    """A clause of support: a support word, and no first-person word outside the lists' own phrases."""
    return bool(pw.support.search(clause)) and not _FIRST_PERSON.search(pw.own.sub(" ", clause))
