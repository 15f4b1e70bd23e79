"""Chat lines sent in a row by one member, screened one at a time and with the member's lines before them.

Run from the repository root:  python bench/chat_bursts.py [--model PATH]
A member in crisis often types in fragments ("sorted who's having the cat" / "thanks for the chats" / "tonight"):
no line says it alone. The chat service screens each new line also read together with the same member's last lines
(services.screening.BEFORE_LINES within BEFORE_MINUTES) that were published without a review (Context.before).
The bursts in `forum/moderation/corpus/candidates/chat_bursts_45.csv` (never trained on; a `lines` column, the lines
separated by " | ") are replayed line by line as the service sends them, in their room, once with and once without
the lines before. A risky burst is found when any of its lines is acted on for risk to self; a benign burst is a
false alarm when any of its lines is acted on at all. Also read by bench/moderation_quality.py with the train-part
model; run alone it uses the instance model (trained first when there is none).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ("chat_bursts_45.csv",)
SEPARATOR = " | "
RISK_TO_SELF = {"crisis", "self_harm"}

# (line, room topic, the member's clean lines before it) -> (action, categories of the decision's signals)
Send = Callable[[str, str, tuple[str, ...]], tuple[str, set[str]]]


def load(corpus_dir: Path, files: tuple[str, ...] = FILES) -> list[dict]:
    """The bursts, each with its lines split; empty when the files are missing."""
    bursts = []
    for name in files:
        path = corpus_dir / "candidates" / name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                lines = [part.strip() for part in row["lines"].split(SEPARATOR) if part.strip()]
                bursts.append({**row, "lines": lines, "file": name})
    return bursts


def load_rows(corpus_dir: Path, files: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of candidate CSV files, each with its file name; empty when the files are missing."""
    rows: list[dict[str, str]] = []
    for name in files:
        path = corpus_dir / "candidates" / name
        if path.exists():
            with path.open(newline="", encoding="utf-8") as fh:
                rows += [{**row, "file": name} for row in csv.DictReader(fh)]
    return rows


def replay(burst: dict, send: Send, before_lines: int) -> tuple[bool, bool]:
    """Send the burst's lines in order: (any line acted on, any acted on for risk to self). Only lines published
    without a review are read with the lines after them, as the chat service does."""
    clean: list[str] = []
    acted = for_risk = False
    for line in burst["lines"]:
        before = tuple(clean[-before_lines:]) if before_lines else ()
        action, categories = send(line, burst.get("room") or "general", before)
        if action == "publish":
            clean.append(line)
        else:
            acted = True
            for_risk = for_risk or bool(categories & RISK_TO_SELF)
    return acted, for_risk


def report(bursts: list[dict], send: Send, before_lines: int) -> list[str]:
    """Per kind of burst, found or acted on, line by line and with the lines before."""

    def counted(burst: dict, together: bool) -> bool:
        acted, for_risk = replay(burst, send, before_lines if together else 0)
        return for_risk if burst["label"] != "none" else acted

    return two_ways(bursts, counted, ("line by line", "with the lines before"))


def two_ways(items: list[dict], counted: Callable[[dict, bool], bool], ways: tuple[str, str]) -> list[str]:
    """Per kind of item, how many risky ones were found and benign ones acted on, screened one way and the other
    (`counted(item, second_way)`)."""
    tally: dict[tuple[str, str], list[int]] = {}
    for item in items:
        risky = item["label"] != "none"
        counts = tally.setdefault(
            (item.get("kind") or item["label"], "risky" if risky else "benign"), [0, 0, 0]
        )
        counts[0] += 1
        counts[1] += counted(item, False)
        counts[2] += counted(item, True)
    lines = []
    for (kind, what), (n, first, second) in sorted(tally.items(), key=lambda kv: kv[0][1], reverse=True):
        verb = "found" if what == "risky" else "acted on"
        lines.append(f"  {kind:14} {what:6} {verb} {first:3} of {n:3} {ways[0]}, {second:3} {ways[1]}")
    return lines


# (text, kind, room topic, Context.before, Context.within, Context.answering) -> (action, categories of the signals)
Screen = Callable[[str, str, str, tuple[str, ...], str, tuple[str, ...]], tuple[str, set[str]]]


def room_screen(model: object) -> Screen:
    """Assess + decide a text of a kind in a room on the topic, with the settings a new room on it starts with."""
    from forum.demo import rules_for_topic  # noqa: PLC0415
    from forum.moderation import Context, assess, decide  # noqa: PLC0415

    def screen(
        text: str, kind: str, topic: str, before: tuple[str, ...], within: str, answering: tuple[str, ...]
    ) -> tuple[str, set[str]]:
        ctx = Context(
            kind=kind, rules=rules_for_topic(topic), before=before, within=within, answering=answering
        )
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action, {s.category for s in d.signals}

    return screen


def room_sender(model: object) -> Send:
    """A chat line in a room on the topic, read with the given lines before it."""
    screen = room_screen(model)
    return lambda line, topic, before: screen(line, "chat", topic, before, "", ())


def model_for(path: Path) -> object:
    """The model in a file (joblib, as the app saves it, or a pickled Model, as experiments save them), or one trained
    on the corpus when the file is missing."""
    sys.path.insert(0, str(ROOT))
    from forum.moderation import model_file, training  # noqa: PLC0415

    if not path.exists():
        print(f"no model at {path}: training one on the corpus (about a minute)")
        return training.train(progress=None)
    if path.suffix == ".joblib":
        return model_file.load(str(path))
    import pickle  # noqa: PLC0415

    with path.open("rb") as fh:
        return pickle.load(fh)  # noqa: S301  (a file the bench's user made)


def parse_args(doc: str | None, files: tuple[str, ...]) -> tuple[object, tuple[str, ...]]:
    """The model (--model, the instance model by default) and the files in corpus/candidates (--files) to read."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--model", type=Path, default=ROOT / "instance" / "moderation-model.joblib")
    ap.add_argument(
        "--files", nargs="*", default=list(files), help="files in forum/moderation/corpus/candidates"
    )
    args = ap.parse_args()
    return model_for(args.model), tuple(args.files)


def main() -> None:
    """Print the bursts' figures with the instance model (or --model)."""
    sys.path.insert(0, str(ROOT))
    from forum.services.screening import BEFORE_LINES  # noqa: PLC0415

    model, files = parse_args(__doc__, FILES)
    bursts = load(ROOT / "forum" / "moderation" / "corpus", files)
    print(
        f"chat bursts ({len(bursts)}, never trained on), up to {BEFORE_LINES} clean lines before each line:"
    )
    print("\n".join(report(bursts, room_sender(model), BEFORE_LINES)))


if __name__ == "__main__":
    main()
