"""Posts in their rooms: the room-vocabulary candidates, each assessed with the room's topic and default settings.

The held-out corpus rows carry no room, so the main table assesses every post as if in a general room. These rows
(`forum/moderation/corpus/candidates/rooms_*_35.csv`, never trained on) use the words of addiction, grief,
chronic-illness, self-harm and eating-disorder rooms, benign and risky, with a `room` column: they show what the
room's settings and any room-aware reading do. The round-36 chat lines (`chat_lines_36.csv`, `chat_lines_risky_36.csv`:
111 everyday lines such as "thank u", "sorry im late", "lol", and 40 short risky ones) are read the same way, in a
general room: a live chat is mostly such lines, and each false alarm there shows its author a crisis card or holds
the line. `accidents_37.csv` holds accidental injuries told in the words of self-harm ("hurt myself at the gym") and
self-harm told in everyday words, each in its room. `apologies_38.csv` holds apologies, thanks and sign-offs ("sorry",
"you guys are the best", "bye for now"), each in a room, and the goodbyes and pro-harm that use the same words. Read by bench/moderation_quality.py with the train-part model.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

FILES = (
    "rooms_negatives_35.csv",
    "rooms_risky_35.csv",
    "chat_lines_36.csv",
    "chat_lines_risky_36.csv",
    "accidents_37.csv",
    "apologies_38.csv",
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
                rows += [r for r in csv.DictReader(fh) if r.get("room")]
    return rows


def wrong(row: dict[str, str], action: str, categories: set[str]) -> bool:
    """A benign post acted on, or a risky one published or acted on for another category."""
    if row["label"] == "none":
        return action != "publish"
    return action == "publish" or row["label"] not in categories


def report(rows: list[dict[str, str]], run: Decide) -> list[str]:
    """Per kind of row and room: how many the pipeline got wrong in their room, and in a general room."""
    in_room, general, total = Counter(), Counter(), Counter()
    for r in rows:
        key = (r["kind"], r["room"], "benign" if r["label"] == "none" else "risky")
        total[key] += 1
        in_room[key] += wrong(r, *run(r["text"], r["room"]))
        general[key] += wrong(r, *run(r["text"], "general"))
    lines = [
        f"  {kind:18} ({room}, {what}): wrong {in_room[kind, room, what]} of {n} in the room, "
        f"{general[kind, room, what]} in a general room"
        for (kind, room, what), n in total.items()
    ]
    lines.append(f"  all {sum(total.values())}: wrong {sum(in_room.values())} in their rooms, "
                 f"{sum(general.values())} in a general room")  # fmt: skip
    return lines
