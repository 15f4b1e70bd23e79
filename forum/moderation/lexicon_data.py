"""Sections of the lexicon data file that detectors beside the phrase lexicon read (room words, reply cues, brags)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from forum.moderation.lexicon import LEXICON_PATH


def section(name: str, path: str = str(LEXICON_PATH)) -> Any:  # noqa: ANN401  (JSON: a list or a dict)
    """One top-level section of the lexicon file; None when the file has none."""
    return json.loads(Path(path).read_text(encoding="utf-8")).get(name)


def any_of(words: list[str]) -> re.Pattern[str]:
    """Match any of `words` as whole words (an apostrophe is part of a word)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")
