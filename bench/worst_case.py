"""assess() time on the longest posts allowed (20,000 characters) built to be slow: the worst case, not the median.

Each input stresses one part: a single 20,000-letter token (the normaliser's leetspeak pass was quadratic on it, 4-8 s
before December 2026), lexicon phrases with no punctuation (each match read its clause from the start of the text:
1.6-2.5 s), quoted phrases, spaced-out letters, digits mixed with letters, and numbers with units in an
eating-disorder room (the numbers rule). Read by bench/moderation_quality.py with the loaded model.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

LENGTH = 20_000  # config.POST_MAX_CHARS
UNITS = ["5", "kg", "lbs", "bmi", "size", "calories", "1200", "7st", "miles", "km", "weigh", "to", "."]


def inputs(phrases: list[str], seed: int = 1) -> dict[str, str]:
    """The slow inputs by name, LENGTH characters each (`phrases`: the lexicon's)."""
    rnd = random.Random(seed)
    made = {
        "one long token": lambda: "a" * LENGTH,
        "phrases, no punctuation": lambda: " ".join(rnd.choice(phrases) for _ in range(3000)),
        "phrases, quoted": lambda: " ".join(f'"{rnd.choice(phrases)}"' for _ in range(3000)),
        "phrases, reply lines": lambda: "\n".join(f"> {rnd.choice(phrases)}" for _ in range(3000)),
        "spaced letters": lambda: "".join(
            rnd.choice("ab") + rnd.choice([" ", ".", "-"]) for _ in range(LENGTH)
        ),
        "digits and letters": lambda: "".join(rnd.choice("a1!@$ ") for _ in range(LENGTH)),
        "numbers with units": lambda: " ".join(rnd.choice(UNITS) for _ in range(LENGTH // 3)),
    }
    return {name: make()[:LENGTH] for name, make in made.items()}


def report(assess_in: Callable[[str, str], object], phrases: list[str]) -> list[str]:
    """One line per input: the slowest of six runs (three in a general room, three in an eating-disorder room)."""
    lines = []
    for topic in ("general", "eating-disorders"):
        assess_in("warm up: the lexicon and the room's settings load on first use", topic)
    for name, text in inputs(phrases).items():
        worst = 0.0
        for topic in ("general", "eating-disorders"):
            for _ in range(3):
                t0 = time.perf_counter()
                assess_in(text, topic)
                worst = max(worst, time.perf_counter() - t0)
        lines.append(f"  {name:26s} {worst * 1000:7.1f} ms")
    return lines
