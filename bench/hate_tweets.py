"""Harassment and false alarms on tweets nobody wrote for us: the Davidson et al. (2017) hate/offensive set.

Hearth's harassment category is abuse aimed at members ("kys", "nobody likes you"); this set is hate speech and
offensive language aimed at groups, on Twitter. It shows two things the corpus cannot: how much hate speech the
pipeline acts on, and how often it acts on ordinary posts written in another style (links, mentions, slang).
Read by bench/moderation_quality.py with the train-part model; run alone it uses the instance model:

    .venv/bin/python bench/hate_tweets.py
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

CLASSES = {"0": "hate speech", "1": "offensive", "2": "neither"}
PER_CLASS = 1000  # a fixed sample per class keeps the run to seconds (the set has 1,430 hate tweets in all)

Decide = Callable[[str], tuple[str, set[str]]]  # text -> (action, categories of the decision's signals)


def load(root: Path, per_class: int = PER_CLASS, seed: int = 0) -> list[tuple[str, str]] | None:
    """(class, tweet) pairs, the same sample every run; None when the data is not beside the checkout."""
    path = root.parent / "shared" / "data" / "davidson-hate-offensive" / "labeled_data.csv"
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [(r["class"], r["tweet"]) for r in csv.DictReader(fh)]
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for cls in CLASSES:
        texts = [t for c, t in rows if c == cls]
        out += [(cls, t) for t in rng.sample(texts, min(per_class, len(texts)))]
    return out


def report(rows: list[tuple[str, str]], run: Decide) -> list[str]:
    """Per class: the share acted on (flag, hold or reject), as harassment, and held; and what acted on it."""
    lines = []
    for cls, name in CLASSES.items():
        texts = [t for c, t in rows if c == cls]
        decided = [run(t) for t in texts]
        acted = [(a, cats) for a, cats in decided if a != "publish"]
        harass = sum("harassment" in cats for _a, cats in acted)
        held = sum(a in ("hold", "reject") for a, _c in acted)
        why = Counter(c for _a, cats in acted for c in cats).most_common(4)
        lines.append(
            f"  {name:12} {len(texts):5} tweets: acted on {len(acted) / len(texts):.3f}, as harassment "
            f"{harass / len(texts):.3f}, held {held / len(texts):.3f}; named in those decisions: "
            + ", ".join(f"{c} {n}" for c, n in why)
        )
    return lines


def main() -> None:
    """Run on the instance model (the one `make run` trains)."""
    import sys  # noqa: PLC0415

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from forum import create_app  # noqa: PLC0415
    from forum.moderation import Context, assess, decide  # noqa: PLC0415

    rows = load(root)
    if rows is None:
        print("hate tweets: skipped (../shared/data/davidson-hate-offensive not found)")
        return
    with create_app().app_context():
        ctx = Context()

        def run(text: str) -> tuple[str, set[str]]:
            d = decide(assess(text, ctx), ctx)
            return d.action, {s.category for s in d.signals}

        print("Davidson et al. 2017 tweets (MIT licence), instance model:")
        print("\n".join(report(rows, run)))


if __name__ == "__main__":
    main()
