"""Where a lexicon phrase's context begins and ends: its clause, its sentence, and the quotations of a text."""

from __future__ import annotations

import re
from bisect import bisect_right

# Context is read at most this many characters either side of a phrase. A clause or sentence is rarely longer, and
# without a bound each phrase match in a long unpunctuated post rescanned the whole text: 20,000 characters of
# lexicon phrases took up to 2.5 s to assess (bench/worst_case.py times such inputs).
CONTEXT_MAX = 400

SENTENCE_END = re.compile(r"[.!?\n]")
CLAUSE_END = re.compile(r"[.!?;,\n]| but | though | although ")
# Quoted spans: double quotes, curly quotes, guillemets, "> " reply lines, and single quotes that open before a
# word and close after one ('i wish i'd never been born' - an apostrophe inside a word does not close it).
QUOTED = re.compile(
    r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|«[^»\n]{1,400}»|^\s*>[^\n]*|‘[^’\n]{1,400}’"
    r"|(?<![\w'])'(?=\w)[^\n]{1,200}?(?<=[\w.!?])'(?![\w'])",
    re.MULTILINE,
)
# A quotation of the writer's own thought ("i've thought 'i should just kill myself'") is theirs, not someone else's
# words: the words before the quote mark decide (only for risk to self; "the thought 'kill yourself'" is no threat).
_OWN_THOUGHT = re.compile(
    r"(?<![\w'])(?:thought|thoughts|thinking|think|voice|voices|head says|head goes) ?$"
)


def _bounds(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    """The span around text[start:end] up to the nearest `pattern` match on each side, within CONTEXT_MAX."""
    left = max(0, start - CONTEXT_MAX)
    for m in pattern.finditer(text, left, start):
        left = m.end()
    limit = min(len(text), end + CONTEXT_MAX)
    m = pattern.search(text, end, limit)
    return left, (m.start() if m else limit)


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the clause around text[start:end]."""
    return _bounds(CLAUSE_END, text, start, end)


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence around text[start:end]."""
    return _bounds(SENTENCE_END, text, start, end)


def sentences_after(text: str, end: int, n: int) -> int:
    """Where the n-th sentence after `end` ends (the text's end, or CONTEXT_MAX after `end`, if sooner)."""
    limit = min(len(text), end + CONTEXT_MAX)
    pos = end
    for _ in range(n):
        m = SENTENCE_END.search(text, pos, limit)
        pos = m.end() if m else limit
    return pos


class Quotes:
    """The quoted spans of a text, found once and looked up by position."""

    def __init__(self, text: str) -> None:
        has_marks = '"' in text or "“" in text or ">" in text or "«" in text or "'" in text
        self.spans = [m.span() for m in QUOTED.finditer(text)] if has_marks else []
        self._starts = [a for a, _b in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def around(self, pos: int) -> tuple[int, int] | None:
        """The quoted span holding `pos`, if any (the spans do not overlap)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def others_words(self, text: str, pos: int) -> bool:
        """Inside a quotation that is not the writer's own thought (see _OWN_THOUGHT)."""
        span = self.around(pos)
        return span is not None and not _OWN_THOUGHT.search(text, max(0, span[0] - 20), span[0])
