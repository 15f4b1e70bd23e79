"""Sections of the lexicon data file that detectors beside the phrase lexicon read (room words, reply cues, brags)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from forum.moderation.lexicon import LEXICON_PATH
from forum.moderation.normalise import phrase_form


def section(name: str, path: str = str(LEXICON_PATH)) -> Any:  # noqa: ANN401  (JSON: a list or a dict)
    """One top-level section of the lexicon file; None when the file has none."""
    return json.loads(Path(path).read_text(encoding="utf-8")).get(name)


def alternatives(words: list[str]) -> str:
    """A regex alternative of `words`, longest first (so "so proud of you" wins over "so proud")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie(words: list[str]) -> str:
    """A regex of `words` as a trie of their letters: it matches as alternatives() does, longest first (the whole-word
    lookarounds of the caller back off to a shorter word), and Python's re runs it about twice as fast on long lists,
    since each letter is tried once, not once per word."""
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    """The regex of a trie node: its branches, optional when a word ends here."""
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def any_of(words: list[str]) -> re.Pattern[str]:
    """Match any of `words` as whole words (an apostrophe is part of a word)."""
    return re.compile(rf"(?<![\w'])(?:{alternatives(words)})(?![\w'])")


def forms(words: list[str]) -> list[str]:
    """Lexicon phrases in the form they are matched against (Normalised.dedup: "need" is "ned")."""
    return [phrase_form(w) for w in words]
