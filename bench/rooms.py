"""Posts in their rooms: the room-vocabulary candidates, each assessed with the room's topic and default settings.

The held-out corpus rows carry no room, so the main table assesses every post as if in a general room. These rows
(`forum/moderation/corpus/candidates/rooms_*_35.csv`, never trained on) use the words of addiction, grief,
chronic-illness, self-harm and eating-disorder rooms, benign and risky, with a `room` column: they show what the
room's settings and any room-aware reading do. The round-36 chat lines (`chat_lines_36.csv`, `chat_lines_risky_36.csv`:
111 everyday lines such as "thank u", "sorry im late", "lol", and 40 short risky ones) are read the same way, in a
general room: a live chat is mostly such lines, and each false alarm there shows its author a crisis card or holds
the line. `accidents_37.csv` holds accidental injuries told in the words of self-harm ("hurt myself at the gym") and
self-harm told in everyday words, each in its room. `apologies_38.csv` holds apologies, thanks and sign-offs ("sorry",
"you guys are the best", "bye for now"), each in a room, and the goodbyes and pro-harm that use the same words. `selfharm_acts_39.csv` holds
direct statements of self-harm ("i've been self harming again", "i took a blade to my wrist again") and everyday
posts in the same words (a kitchen cut, a tattoo, a milestone free from self-harm). Read by bench/moderation_quality.py with the train-part model.
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
    "selfharm_acts_39.csv",
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


def report(rows: list[dict[str, str]], run: Decide) -> list[str]:
    """Per file, benign and risky: how many the pipeline got wrong in their rooms (and in a general room); then the
    kinds of row and rooms with anything wrong."""
    in_room, general, total = Counter(), Counter(), Counter()
    for r in rows:
        what = "benign" if r["label"] == "none" else "risky"
        mistakes = wrong(r, *run(r["text"], r["room"])), wrong(r, *run(r["text"], "general"))
        for key in ((r["file"], what), (r["kind"], r["room"], what)):
            total[key] += 1
            in_room[key] += mistakes[0]
            general[key] += mistakes[1]
    lines = []
    for name in dict.fromkeys(r["file"] for r in rows):
        parts = [
            f"{what} wrong {in_room[name, what]} of {total[name, what]} ({general[name, what]} in a general room)"
            for what in ("benign", "risky")
            if total[name, what]
        ]
        lines.append(f"  {name:28} " + "; ".join(parts))
    files = sum(total[k] for k in total if len(k) == 2)
    lines.append(f"  all {files}: wrong {sum(in_room[k] for k in in_room if len(k) == 2)} in their rooms, "
                 f"{sum(general[k] for k in general if len(k) == 2)} in a general room; by kind and room:")  # fmt: skip
    lines += [
        f"    {key[0]:18} ({key[1]}, {key[2]}): wrong {in_room[key]} of {n} in the room, {general[key]} in a general room"
        for key, n in total.items()
        if len(key) == 3 and (in_room[key] or general[key])
    ]
    return lines
