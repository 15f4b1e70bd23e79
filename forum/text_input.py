"""One cleaning step for every piece of user text, used by the forms and by the services (so by socket events too).

Bidi override, embedding and isolate controls let a title reverse the text shown after it (a faked author name),
so they are removed. Zero-width and other invisible characters are trimmed from the ends, and text that shows
nothing at all counts as empty. Inside the text they stay: a zero-width joiner holds emoji sequences together and
marks such as U+200F help right-to-left writing.
"""

from __future__ import annotations

import re
import unicodedata

# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: these change the direction of what follows.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing by themselves, beyond Unicode whitespace and format characters (category Cf):
# Hangul fillers, the braille blank and variation selectors.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800") | frozenset(map(chr, range(0xFE00, 0xFE10)))


def _invisible(ch: str) -> bool:
    return ch.isspace() or ch in _BLANK_LOOKING or unicodedata.category(ch) == "Cf"


def has_hidden_characters(text: str) -> bool:
    """True when the text holds a direction control or an invisible character anywhere (an ordinary space aside)."""
    return any(ch != " " and _invisible(ch) for ch in text)


def is_blank(text: str) -> bool:
    """True when the text shows nothing: only spaces and invisible characters."""
    return all(_invisible(ch) for ch in text)


def clean_text(value: object) -> str:
    """User text without direction controls and invisible ends; "" when nothing visible is left (or not text)."""
    if not isinstance(value, str):
        return ""
    text = _BIDI_CONTROLS.sub("", value)
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    # A trailing variation selector belongs to the emoji before it ("❤️"), so it is kept at the end.
    while end > start and _invisible(text[end - 1]) and not _is_selector_after_visible(text, end - 1):
        end -= 1
    return text[start:end]


def clean_line(value: object) -> str:
    """clean_text on one line: runs of whitespace (newlines too) become one space."""
    return " ".join(clean_text(value).split())


def _is_selector_after_visible(text: str, i: int) -> bool:
    return "\ufe00" <= text[i] <= "\ufe0f" and i > 0 and not _invisible(text[i - 1])
