"""Watched words set by a room's leaders: "*" is a wildcard; matched on normalised text.

Each match is a "rule" signal whose source carries the action ("watched_words:block"), so decide() can act on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from forum.moderation.normalise import Normalised, phrase_form
from forum.moderation.types import Context, Signal, WatchedWord

NAME = "watched_words"
MASK = "***"
SEVERITY = {"flag": 1, "mask": 1, "hold": 2, "block": 3}


@lru_cache(maxsize=1024)
def _compile(pattern: str, normalised_form: bool) -> re.Pattern[str]:
    """Compile a watched word; in normalised form it is deduplicated like the text it is matched against."""
    text = phrase_form(pattern.replace("*", " wildcard ")) if normalised_form else pattern.casefold()
    parts = text.split("wildcard") if normalised_form else text.split("*")
    body = r"[\w']*".join(r"\s+".join(map(re.escape, p.split())) for p in parts)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", re.IGNORECASE)


def source_action(signal: Signal) -> str | None:
    """Return the action a watched-word signal carries, or None for other signals."""
    if signal.source.startswith(NAME + ":"):
        return signal.source.split(":", 1)[1]
    return None


def _matches(word: WatchedWord, normalised: Normalised) -> str | None:
    pat = _compile(word.pattern, True)
    for form in (normalised.dedup, normalised.joined):
        m = pat.search(form)
        if m:
            return m.group(0)
    return None


def detect(text: str, normalised: Normalised, context: Context) -> list[Signal]:
    """Return one "rule" signal per watched word found."""
    out = []
    for word in context.rules.watched_words:
        if not word.pattern.strip("* "):
            continue
        span = _matches(word, normalised)
        if span is None:
            continue
        action = word.action if word.action in SEVERITY else "flag"
        if action == "mask" and not _compile(word.pattern, False).search(text):
            action = "hold"  # disguised ("th1n.spo"): cannot be masked in place, so a person looks at it
        out.append(
            Signal(
                "rule",
                SEVERITY[action],
                1.0,
                f"{NAME}:{action}",
                f"watched word '{word.pattern}' ({action})",
                span[:40],
            )
        )
    return out


def mask_words(text: str, context: Context) -> str | None:
    """Return the text with "mask" watched words replaced, or None when nothing was masked."""
    out, changed = text, False
    for word in context.rules.watched_words:
        if word.action != "mask" or not word.pattern.strip("* "):
            continue
        out, n = _compile(word.pattern, False).subn(MASK, out)
        changed = changed or n > 0
    return out if changed else None
