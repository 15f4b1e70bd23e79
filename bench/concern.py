"""Members worried about someone else at risk: what each writer is shown, and whether a moderator is told.

Run from the repository root:  python bench/concern.py [--model PATH] [--files ...]
The rows of `forum/moderation/corpus/candidates/concern_blind_50.csv` to `_54.csv` (never trained on;
columns text, label, room, note) were written by writers who had not seen the detector: `now` (someone else in danger
now), `concern` (someone else's suicidal thoughts or self-harm), `none` (grief, history, advice, break-ups, hyperbole;
note `self` where the writer is at risk themselves). Each is screened in a room on its topic and counted by what its
writer is shown (the crisis card, the helper card of moderation.concern, or nothing) and whether it opens a review.
concern_blind_50.csv was read while the lists were written (a dev set); concern_blind_51.csv was run once blind and
then read; concern_blind_52.csv was run once, blind, on the lists of lexicon 1.29.2, then read; concern_blind_53.csv
was run once, blind, on lexicon 1.29.3, then read; concern_blind_54.csv was run once, blind, on lexicon 1.30.0.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bursts import ROOT, load_rows, parse_args  # noqa: E402

FILES = (
    "concern_blind_54.csv",
    "concern_blind_53.csv",
    "concern_blind_52.csv",
    "concern_blind_51.csv",
    "concern_blind_50.csv",
)
KINDS = ("now", "concern", "none", "none/self")


def outcome(text: str, topic: str, model: object) -> tuple[str, bool]:
    """(card shown to the writer: crisis | helper | nothing, whether a review opens) for a post in a room on `topic`."""
    from forum.demo import rules_for_topic  # noqa: PLC0415
    from forum.moderation import Context, assess, decide  # noqa: PLC0415

    ctx = Context(rules=rules_for_topic(topic))
    d = decide(assess(text, ctx, model=model), ctx)
    card = "crisis" if d.show_resources else "helper" if d.helper else "nothing"
    return card, d.action != "publish"


def report(rows: list[dict[str, str]], model: object) -> list[str]:
    """Per file and kind of row: how many, by card shown, and how many open a review."""
    tally: Counter[tuple[str, str, str]] = Counter()
    reviewed: Counter[tuple[str, str]] = Counter()
    for row in rows:
        kind = row["label"] + ("/self" if row.get("note") == "self" else "")
        card, review = outcome(row["text"], row.get("room") or "general", model)
        tally[(row["file"], kind, card)] += 1
        reviewed[(row["file"], kind)] += review
    lines = []
    for name in sorted({f for f, _, _ in tally}, reverse=True):
        lines.append(f"  {name}")
        for kind in KINDS:
            n = sum(v for (f, k, _), v in tally.items() if (f, k) == (name, kind))
            if n:
                cards = ", ".join(f"{c} card {tally[(name, kind, c)]}" for c in ("crisis", "helper"))
                shown = f"{cards}, nothing {tally[(name, kind, 'nothing')]}"
                lines.append(f"    {kind:<10} {n:>3}: {shown}; a review opened for {reviewed[(name, kind)]}")
    return lines


def main() -> None:
    """Print the concern sets' figures with the instance model (or --model)."""
    model, files = parse_args(__doc__, FILES)
    rows = load_rows(ROOT / "forum" / "moderation" / "corpus", files)
    print(f"posts about someone else at risk ({len(rows)}, never trained on), by what the writer is shown:")
    print("\n".join(report(rows, model)))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
