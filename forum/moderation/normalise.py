"""Text normalisation so that disguised words ("th1nspoooo", "t h i n s p o") are seen for what they are."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Zero-width and invisible formatting characters people use to split words past filters.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s", "5": "s", "7": "t", "!": "i"}
)
# Only tokens holding a digit, @, $ or an inner "!" can be leetspeak; the rest are left alone (and cost nothing).
# The lookbehind makes a match start only where a token starts: without it the engine rescanned the rest of a long
# token from every letter (a 20,000-letter "word" took 4-8 s to assess).
_TOKEN = re.compile(r"(?<![\w@$!])[\w@$!]*(?:[0-9@$]|![\w@$])[\w@$!]*")
_DIGITISH = re.compile(r"[0-9@$!]")
# A separator between two word characters ("th1n.spo", "pro-ana", "self_harm"); becomes a space.
_INNER_SEP = re.compile(r"(?<=[^\W_])[.\-_*~|/+](?=[^\W_])")
# Three or more single characters separated by blanks or punctuation: "t h i n s p o", "a-n-a", "k.y.s".
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*~|]{1,2}){2,}[^\W_](?![^\W_])")
_RUN3 = re.compile(r"([^\W\d_])\1{2,}")
_RUN2 = re.compile(r"([^\W\d_])\1+")
_NON_LETTER = re.compile(r"[\W\d_]+")
_SPACES = re.compile(r"\s+")
# Line breaks are kept (as one "\n") in `words` and `dedup`: the lexicon reads a line as the end of a sentence and a
# "> " reply line as a quotation of one line only; the classifier splits on any whitespace, so it reads the same.
_LINE_BREAKS = re.compile(r"\s*\n\s*")
# An apostrophe inside a word, as phones type it ("i’m", "don’t": iOS and Android keyboards send U+2019 by default)
# or as a modifier letter, backtick or acute accent, becomes "'". The corpus is written with "'" only, so the
# classifier read "i’m" as "i" and "m": "I won’t be around much longer" scored 0.36 where "won't" scored 1.0.
# Only between two word characters: a closing curly quote (‘like this’) still marks a quotation for the lexicon.
_APOSTROPHE = re.compile(r"(?<=\w)[\u2019\u02bc`\u00b4](?=\w)")
_BLANKS = re.compile(r"[^\S\n]+")
# A word with letters masked by "*" or "#" ("s*icide", "s**cide", "k*ll", "self h*rm"), the way members write past
# word filters on other sites. It is read as the one risk word it fits letter for letter, if exactly one fits.
_MASKED = re.compile(r"(?<![\w*#])[^\W\d_]+(?:[*#]+[^\W\d_]+)+(?![\w*#])")
_UNMASKED = (
    "suicide", "suicidal", "kill", "killing", "die", "dying", "dead", "harm", "harming", "cutting",
    "overdose", "anorexia", "anorexic", "bulimia", "thinspo", "unalive", "purge", "purging", "starve", "starving",
)  # fmt: skip


@dataclass(frozen=True)
class Normalised:
    """The forms of one text: `original`, `text` (NFKC, casefolded), `words`, `dedup` and `squashed`."""

    original: str
    text: str  # NFKC + casefold + invisible characters removed; digits untouched
    words: str  # leetspeak decoded inside words, separators undone, runs of 3+ letters cut to 2
    dedup: str  # `words` with every run of a repeated letter cut to one ("thinspoooo" -> "thinspo")
    squashed: str  # `dedup` with everything but letters removed ("t h i n s p o" -> "thinspo")
    decoded: str = ""  # leetspeak decoded and spaced-out words joined, separators still in place

    @cached_property
    def joined(self) -> str:
        """Like `dedup` but separators inside words are dropped, not spaced ("th1n.spo" -> "thinspo")."""
        return dedup_letters(_SPACES.sub(" ", _INNER_SEP.sub("", self.decoded)).strip())


def _decode_token(match: re.Match[str]) -> str:
    whole = match.group(0)
    tok = whole.rstrip("!")
    tail = whole[len(tok) :]
    if not _DIGITISH.search(tok):
        return whole
    digits = sum(ch.isdigit() for ch in tok)
    letters = sum(ch.isalpha() for ch in tok)
    # Only decode words that are mostly letters: "an0rex1a" yes, "1200" / "17yo" / "7pm" no,
    # so ordinary numbers stay numbers for the classifier (the numbers rule reads the original anyway).
    if letters == 0 or letters <= digits or tok[:2].isdigit():
        return whole
    if tok[0].isdigit() and len(tok) <= 4:  # "7st", "5k", "2nd" are numbers with units, not leetspeak
        return whole
    return tok.translate(_LEET) + tail


def _unmask(match: re.Match[str]) -> str:
    word = match.group(0)
    fits = [
        w
        for w in _UNMASKED
        if len(w) == len(word) and all(m in "*#" or m == c for m, c in zip(word, w, strict=True))
    ]
    return fits[0] if len(fits) == 1 else word


def _join_spaced(match: re.Match[str]) -> str:
    return re.sub(r"[ .\-_*~|]", "", match.group(0))


def dedup_letters(s: str) -> str:
    """Cut every run of a repeated letter to one letter."""
    return _RUN2.sub(r"\1", s)


def normalise(text: str) -> Normalised:
    """Return the normalised forms of `text`."""
    # Apostrophes first: NFKC splits an acute accent into a space and a combining mark.
    base = _INVISIBLE.sub("", unicodedata.normalize("NFKC", _APOSTROPHE.sub("'", text))).casefold()
    words = _TOKEN.sub(_decode_token, base)
    if "*" in words or "#" in words:
        words = _MASKED.sub(_unmask, words)
    words = _SPACED.sub(_join_spaced, words)
    decoded = words
    words = _INNER_SEP.sub(" ", words)
    words = _RUN3.sub(r"\1\1", words)
    words = _BLANKS.sub(" ", _LINE_BREAKS.sub("\n", words)).strip()
    dedup = dedup_letters(words)
    squashed = _NON_LETTER.sub("", dedup)
    return Normalised(original=text, text=base, words=words, dedup=dedup, squashed=squashed, decoded=decoded)


def phrase_form(phrase: str) -> str:
    """Normalise a lexicon phrase the same way as text, for matching against `dedup`."""
    return normalise(phrase).dedup
