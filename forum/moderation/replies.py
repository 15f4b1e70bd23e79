"""A reply read against the post it answers: "me too" under a goodbye, "go on then" under a wish to die, "keep going!!"
under a fast. No word of such a reply is risky alone, and the same words under a choir audition or a sober streak
are kindness; what they say comes from the post above.

So a reply that answers a post at risk (Context.answering, read on its own) is read for three cues, data in
lexicon.json ("replies"), versioned with the lexicon:
- agree: the member joins the post ("me too", "same", "that's where i'm at", "i'm about to too"): the reply carries
  the post's own risk (crisis, self-harm or pro-harm) for its author;
- dare: the member urges someone who talks of dying or self-harm to go through with it ("do it", "go on then",
  "nobody's stopping you"): pro-harm;
- cheer: the member praises or joins a fast, a purge or restriction ("keep going!!", "so jealous", "race you"):
  pro-harm. Under a post at risk to self the same words are support ("stay strong, you've got this"), so cheers
  count only under pro-harm.
A reply with words of support or recovery ("me too, two years ago; telling my gp helped", "go for it, call them
tonight") has no cue: it answers the post, it does not join it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forum.moderation.lexicon import LEXICON_PATH, load_lexicon
from forum.moderation.lexicon_data import any_of, section

NAME = "reply"
RISK_TO_SELF = ("crisis", "self_harm")
_QUOTE_LINE = re.compile(r"^[ \t]*>[ \t]?(.*)$")
# A first-person clause that ends on "too" / "either": "i'm about to too", "couldn't stop myself either" (not "too
# small": the word must end its clause, a filler such as "rn" or an emoji aside).
_FIRST_PERSON = r"(?:i|i'm|im|i've|ive|i'd|id|me|my|mine|myself|we|we're|us|our)"
_CLAUSE_END = r"(?=(?:\s+(?:rn|tbh|ngl|lol|honestly|now|though|x+))?[^\w']*(?:$|[.!?,;:\n]))"


@dataclass(frozen=True)
class ReplyWords:
    """The compiled cue lists of the lexicon's "replies" section."""

    agree: re.Pattern[str]
    agree_after: re.Pattern[str]
    dare: re.Pattern[str]
    cheer: re.Pattern[str]
    support: re.Pattern[str]


@lru_cache(maxsize=4)
def load(path: str = str(LEXICON_PATH)) -> ReplyWords | None:
    """The reply cues of the lexicon file (cached per path); None when it has none."""
    data = section("replies", path)
    if not data:
        return None
    after = "|".join(re.escape(w) for w in data["agree_after"])
    return ReplyWords(
        agree=any_of(data["agree"]),
        agree_after=re.compile(
            rf"(?<![\w']){_FIRST_PERSON}(?![\w'])[^.!?,;\n]*?(?<![\w'])(?:{after}){_CLAUSE_END}"
        ),
        dare=any_of(data["dare"]),
        cheer=any_of(data["cheer"]),
        support=any_of(data["support"]),
    )


def cue(words: str, answered: str) -> tuple[str, str, str] | None:
    """What a reply's normalised words do to a post read as `answered` (crisis, self_harm or pro_harm):
    (cue, the category the reply takes on, the words that say it); None without a cue or with words of support."""
    rw = load()
    if rw is None or rw.support.search(words) or load_lexicon().past.search(words):
        return None
    found = rw.agree.search(words) or rw.agree_after.search(words)
    if found:
        return "agree", answered, found.group(0)
    found = _dare(rw, words) or (rw.cheer.search(words) if answered == "pro_harm" else None)
    if found:
        return ("dare" if answered in RISK_TO_SELF else "cheer"), "pro_harm", found.group(0)
    return None


def _dare(rw: ReplyWords, words: str) -> re.Match[str] | None:
    """The first dare said as one: not denied or wanted ("don't do it", "you don't have to do it alone")."""
    negators = load_lexicon().negators
    for found in rw.dare.finditer(words):
        before = words[max(0, found.start() - 20) : found.start()].split()[-2:]
        if not (before and before[-1] == "to") and not negators.search(" ".join(before)):
            return found
    return None


def split_quotes(text: str) -> tuple[str, tuple[str, ...]]:
    """A reply's own words and the blocks of "> " lines it quotes ("> day 4 no food" / "same, day 3 for me"): a quoted
    block is a post the reply answers, and its words are not the reply's own."""
    if ">" not in text:
        return text, ()
    own: list[str] = []
    blocks: list[list[str]] = []
    quoting = False
    for line in text.splitlines():
        found = _QUOTE_LINE.match(line)
        if found is None:
            own.append(line)
        elif quoting:
            blocks[-1].append(found.group(1))
        else:
            blocks.append([found.group(1)])
        quoting = found is not None
    quoted = tuple(q for q in ("\n".join(b).strip() for b in blocks) if q)
    return ("\n".join(own).strip() if quoted else text), quoted
