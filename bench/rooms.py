"""Posts in their rooms: the room-vocabulary candidates, each assessed with the room's topic and default settings.

The held-out corpus rows carry no room, so the main table assesses every post as if in a general room. These rows
(`forum/moderation/corpus/candidates/rooms_*_35.csv`, never trained on) use the words of addiction, grief,
chronic-illness, self-harm and eating-disorder rooms, benign and risky, with a `room` column: they show what the
room's settings and any room-aware reading do. The round-36 chat lines (`chat_lines_36.csv`, `chat_lines_risky_36.csv`:
111 everyday lines such as "thank u", "sorry im late", "lol", and 40 short risky ones) are read the same way, in a
general room: a live chat is mostly such lines, and each false alarm there shows its author a crisis card or holds
the line. `accidents_37.csv` holds accidental injuries told in the words of self-harm ("hurt myself at the gym") and
self-harm told in everyday words, each in its room. `apologies_38.csv` holds apologies, thanks and sign-offs ("sorry",
"you guys are the best", "bye for now"), each in a room, and the goodbyes and pro-harm that use the same words.
`selfharm_acts_39.csv` holds direct statements of self-harm ("i've been self harming again", "i took a blade to my
wrist again") and everyday posts in the same words (a kitchen cut, a tattoo, a milestone free from self-harm).
The later files are test sets by writers who had not read the corpus (see candidates/README.md); the last,
`blind_mixed_43.csv`, is one day of a forum: 240 posts in eleven rooms, every label. `pleas_dev_47.csv` and
`pleas_47.csv` hold pleas: to someone at risk ("please don't do it"), in a goodbye, for company while at risk, in
everyday talk and toward harm; `fear_47.csv` holds fear of acting ("i don't trust myself tonight") and the same
words about cake, ice and anger; `blind_day_49.csv` is another day of a forum by a writer who had seen none of it.
Read by bench/moderation_quality.py with the train-part model.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from pathlib import Path

FILES = (
    "rooms_negatives_35.csv",
    "rooms_risky_35.csv",
    "chat_lines_36.csv",
    "chat_lines_risky_36.csv",
    "accidents_37.csv",
    "apologies_38.csv",
    "selfharm_acts_39.csv",
    "returning_40.csv",
    "blind_fresh_40.csv",
    "hyperbole_blind_41.csv",
    "blind_benign_41.csv",
    "blind_veiled_41.csv",
    "goodbyes_blind_42.csv",
    "blind_mixed_43.csv",
    "pleas_dev_47.csv",
    "pleas_47.csv",
    "fear_47.csv",
    "blind_day_49.csv",
)

# (text, room topic) -> (action, categories of its signals)
Decide = Callable[[str, str], tuple[str, set[str]]]


def load(corpus_dir: Path) -> list[dict[str, str]]:
    """The candidate rows with a room; empty when the files are missing."""
    rows: list[dict[str, str]] = []
    for name in FILES:
        path = corpus_dir / "candidates" / name
        if path.exists():
            with path.open(newline="", encoding="utf-8") as fh:
                rows += [{**r, "file": name} for r in csv.DictReader(fh) if r.get("room")]
    return rows


def wrong(row: dict[str, str], action: str, categories: set[str]) -> bool:
    """A benign post acted on, or a risky one published or acted on for another category."""
    if row["label"] == "none":
        return action != "publish"
    return action == "publish" or row["label"] not in categories


def _tally(
    rows: list[dict[str, str]], run: Decide, key: Callable[[dict[str, str]], tuple]
) -> dict[tuple, list[int]]:
    """key -> [rows, wrong in their rooms, wrong in a general room], keys in the order first seen."""
    tally: dict[tuple, list[int]] = {}
    for r in rows:
        counts = tally.setdefault(key(r), [0, 0, 0])
        counts[0] += 1
        counts[1] += wrong(r, *run(r["text"], r["room"]))
        counts[2] += wrong(r, *run(r["text"], "general"))
    return tally


def report(rows: list[dict[str, str]], run: Decide) -> list[str]:
    """Per file, benign and risky: how many the pipeline got wrong in their rooms (and in a general room); then the
    kinds of row and rooms with anything wrong."""
    once = cache(run)  # each row is counted in two tallies, decided once per room

    def what(r: dict[str, str]) -> str:
        return "benign" if r["label"] == "none" else "risky"

    by_file = _tally(rows, once, lambda r: (r["file"], what(r)))
    # The blind sets have no `kind` column: their rows are told apart by label only.
    by_kind = _tally(rows, once, lambda r: (r.get("kind") or r["label"], r["room"], what(r)))
    lines = []
    for name in dict.fromkeys(r["file"] for r in rows):
        parts = [
            f"{w} wrong {c[1]} of {c[0]} ({c[2]} in a general room)"
            for w in ("benign", "risky")
            if (c := by_file.get((name, w)))
        ]
        lines.append(f"  {name:28} " + "; ".join(parts))
    n, in_room, general = (sum(c[i] for c in by_file.values()) for i in range(3))
    lines.append(f"  all {n}: wrong {in_room} in their rooms, {general} in a general room; by kind and room:")
    lines += [
        f"    {kind:18} ({room}, {w}): wrong {c[1]} of {c[0]} in the room, {c[2]} in a general room"
        for (kind, room, w), c in by_kind.items()
        if c[1] or c[2]
    ]
    return lines
