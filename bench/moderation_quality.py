"""Moderation quality benchmark: held-out corpus figures, a keyword baseline, C-SSRS users, speed.

Run from the repository root:  python bench/moderation_quality.py
The model is trained on the train part of the corpus only (hash split, 20 % held out) and never sees held-out rows.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import re
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "forum" not in sys.modules:  # the engine is framework-free: skip forum/__init__ (the Flask app factory)
    _pkg = types.ModuleType("forum")
    _pkg.__path__ = [str(ROOT / "forum")]
    sys.modules["forum"] = _pkg

import chat_bursts  # noqa: E402  (bench/ is on the path when this file runs as a script)
import cssrs  # noqa: E402
import hate_tweets  # noqa: E402
import replies  # noqa: E402
import rooms  # noqa: E402
import thread_titles  # noqa: E402
import worst_case  # noqa: E402

from forum.moderation import Context, RoomRules, assess, decide, training  # noqa: E402
from forum.moderation import classifier as clf  # noqa: E402
from forum.moderation.corpus import Row, load_corpus, split  # noqa: E402
from forum.moderation.lexicon import load_lexicon  # noqa: E402

CATS = ("crisis", "self_harm", "pro_harm", "harassment", "spam")
# The baseline: a plain keyword list, the kind of thing a forum starts with.
KEYWORDS = {
    "suicide": "crisis",
    "suicidal": "crisis",
    "kill myself": "crisis",
    "die": "crisis",
    "end my life": "crisis",
    "overdose": "crisis",
    "cut": "self_harm",
    "self harm": "self_harm",
    "thinspo": "pro_harm",
    "pro ana": "pro_harm",
    "starve": "pro_harm",
    "kill yourself": "harassment",
    "kys": "harassment",
    "click here": "spam",
}
_KW = [(re.compile(rf"\b{re.escape(k)}\b"), c) for k, c in KEYWORDS.items()]
Predictor = Callable[[str], tuple[bool, set[str]]]  # text -> (acted on?, categories)


def keyword_baseline(text: str) -> tuple[bool, set[str]]:
    """Flag when any keyword appears."""
    low = text.casefold()
    found = {c for pat, c in _KW if pat.search(low)}
    return bool(found), found


def pipeline_predictor(model: clf.Model | None, ctx: Context | None = None) -> Predictor:
    """Assess + decide (a general room unless given); acted on = anything but publish."""
    ctx = ctx or Context()

    def run(text: str) -> tuple[bool, set[str]]:
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action != "publish", {s.category for s in d.signals}

    return run


def pipeline_decider(model: clf.Model | None) -> hate_tweets.Decide:
    """Assess + decide in a general room: (action, categories of the decision's signals)."""
    ctx = Context()

    def run(text: str) -> tuple[str, set[str]]:
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action, {s.category for s in d.signals}

    return run


def room_decider(model: clf.Model | None) -> rooms.Decide:
    """Assess + decide in a room on the given topic, with the settings a new room on it starts with."""
    from forum.demo import rules_for_topic  # noqa: PLC0415  (models and SQLAlchemy, only when rooms are read)

    contexts: dict[str, Context] = {}

    def run(text: str, topic: str) -> tuple[str, set[str]]:
        ctx = contexts.setdefault(topic, Context(rules=rules_for_topic(topic)))
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action, {s.category for s in d.signals}

    return run


def score(rows: list[Row], predict: Predictor) -> dict[str, float | None]:
    """Return recall / precision / false-alarm figures."""
    preds = [predict(r.text) for r in rows]
    out: dict[str, float | None] = {}

    def recall(sel: Callable[[Row], bool], cat: str) -> float | None:
        idx = [i for i, r in enumerate(rows) if sel(r)]
        return sum(preds[i][0] and cat in preds[i][1] for i in idx) / len(idx) if idx else None

    out["crisis sev>=3 recall"] = recall(lambda r: r.label == "crisis" and r.severity >= 3, "crisis")
    for cat in CATS:
        out[f"{cat} recall"] = recall(lambda r, c=cat: r.label == c, cat)
        hits = [i for i, p in enumerate(preds) if p[0] and cat in p[1]]
        out[f"{cat} precision"] = sum(rows[i].label == cat for i in hits) / len(hits) if hits else None
    nones = [i for i, r in enumerate(rows) if r.label == "none"]
    out["false alarms on none"] = sum(preds[i][0] for i in nones) / len(nones) if nones else None
    return out


def table(columns: dict[str, dict[str, float | None]], targets: dict[str, str]) -> None:
    """Print metrics side by side."""
    names = list(columns)
    keys = list(next(iter(columns.values())))
    print(f"{'metric':28}" + "".join(f"{n:>14}" for n in names) + "   target")
    for k in keys:
        cells = "".join(f"{'-' if columns[n][k] is None else f'{columns[n][k]:.3f}':>14}" for n in names)
        print(f"{k:28}{cells}   {targets.get(k, '')}")


# The files of the first three corpus rounds: new rounds add held-out rows too (the split is by text hash), so the
# figures on these rows alone are the ones to compare with earlier runs.
FIRST_CORPUS = {f"{kind}{n}.csv" for kind in ("crisis", "harmful", "negatives") for n in ("", "_2", "_3")}
TARGETS = {
    "crisis sev>=3 recall": ">= 0.97",
    "crisis recall": ">= 0.90",
    "pro_harm recall": ">= 0.90",
    "false alarms on none": "<= 0.05",
}


def ranking(model: clf.Model, rows: list[Row], at: float = 0.02) -> str:
    """Per category, recall when the category's score alone may flag `at` of the benign rows, and ROC AUC.

    Unlike the pipeline figures, these do not depend on how the false-alarm budget is shared between categories,
    so they show what a change to the data or the model does to the ranking itself.
    """
    import numpy as np  # noqa: PLC0415
    from sklearn.metrics import roc_auc_score  # noqa: PLC0415

    from forum.moderation.thresholds import scored_probs  # noqa: PLC0415

    full, acute = model.predict_labels([clf.feature_words(r.text) for r in rows])
    y = np.array([r.label for r in rows])
    sev3 = (y == "crisis") & (np.array([r.severity for r in rows]) >= 3)
    neg = y == "none"
    out = []
    for name, cat, pos in [("crisis sev>=3", "crisis", sev3)] + [(c, c, y == c) for c in CATS]:
        if not pos.any() or not neg.any():
            continue
        p = scored_probs(full, cat, acute)
        cut = np.quantile(p[neg], 1 - at)
        auc = roc_auc_score(np.r_[np.ones(pos.sum()), np.zeros(neg.sum())], np.r_[p[pos], p[neg]])
        out.append(f"{name} {float((p[pos] > cut).mean()):.3f} (AUC {auc:.3f})")
    return ", ".join(out)


def speed(model: clf.Model | None, rows: list[Row], n: int = 500) -> tuple[float, float]:
    """Median and p99 ms of assess() for 1,000-character posts made of held-out corpus texts (all different)."""
    texts = [r.text for r in rows]
    posts = []
    for i in range(n):
        parts, j = [], i
        while sum(len(p) + 1 for p in parts) < 1000:
            parts.append(texts[(j * 7919) % len(texts)])
            j += 1
        posts.append(" ".join(parts)[:1000])
    ctx = Context()
    for p in posts[:20]:
        assess(p, ctx, model=model)
    times = []
    for p in posts:
        t0 = time.perf_counter()
        assess(p, ctx, model=model)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.99 * (len(times) - 1))]


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-cssrs", action="store_true", help="skip the C-SSRS user-level evaluation")
    args = ap.parse_args()
    rows = load_corpus()
    if not rows:
        sys.exit("no corpus found in forum/moderation/corpus/*.csv")
    train_rows, held_out = split(rows)
    t0 = time.perf_counter()
    model = training.train(rows, progress=lambda m: print("  train:", m), use_all=False)
    print(
        f"trained on {len(train_rows)} rows in {time.perf_counter() - t0:.1f}s; held out: {len(held_out)} rows; "
        f"lexicon {load_lexicon().version}"
    )
    counts = {lab: sum(r.label == lab for r in held_out) for lab in (*CATS, "none")}
    print("held-out rows by label:", counts)
    print()
    cv = model.metrics.get("cv", {})
    if cv:
        print(
            "cross-validated on the train part (5 folds) when thresholds are chosen for a false-alarm budget:"
        )
        for budget, rep in cv.items():
            figures = ", ".join(f"{k} {v:.3f}" for k, v in rep.items() if k != "thresholds" and v is not None)
            print(f"  budget {budget}: {figures}")
        print()
    columns = {"pipeline": score(held_out, pipeline_predictor(model))}
    alt = "0.080"
    if alt in cv and cv[alt]["thresholds"] != model.thresholds:
        relaxed = copy.copy(model)
        relaxed.thresholds = dict(cv[alt]["thresholds"])
        columns[f"budget {alt}"] = score(held_out, pipeline_predictor(relaxed))
    strict = Context(rules=RoomRules(strictness={c: "strict" for c in CATS}))
    lenient = Context(rules=RoomRules(strictness={c: "lenient" for c in CATS}))
    table(
        {
            **columns,
            "strict room": score(held_out, pipeline_predictor(model, strict)),
            "lenient room": score(held_out, pipeline_predictor(model, lenient)),
            "lexicon only": score(held_out, pipeline_predictor(None)),
            "keywords": score(held_out, keyword_baseline),
        },
        TARGETS,
    )
    print(
        "(pipeline = standard strictness, thresholds chosen for policy.FALSE_ALARM_BUDGET; budget 0.08 = the same"
        " model with the thresholds cross-validation chose for 8 %; strict/lenient rooms move every threshold by 0.1,"
        " crisis only down)"
    )
    first = [r for r in held_out if r.source in FIRST_CORPUS]
    if first:
        figures = score(first, pipeline_predictor(model))
        print(
            f"on the {len(first)} held-out rows of corpus rounds 1-3 (comparable with runs before Dec 2026): "
            + ", ".join(f"{k} {figures[k]:.3f}" for k in TARGETS if figures[k] is not None)
        )
    print(
        f"classifier ranking on the held-out rows, recall at 2 % false alarms per category: {ranking(model, held_out)}"
    )
    if first:
        print(f"  the same on the rounds 1-3 rows: {ranking(model, first)}")
    # The same posts as members type them: phone keyboards (iOS, Android) send U+2019 for an apostrophe, and many
    # members leave it out ("im", "dont"); the corpus is written with "'" in most rows.
    n = sum("'" in r.text for r in held_out)
    for how, mark in (("on a phone (each ' as \u2019, ", "\u2019"), ("without apostrophes (", "")):
        typed = [dataclasses.replace(r, text=r.text.replace("'", mark)) for r in held_out]
        figures = score(typed, pipeline_predictor(model))
        print(
            f"the held-out rows typed {how}{n} rows): "
            + ", ".join(f"{k} {figures[k]:.3f}" for k in TARGETS if figures[k] is not None)
        )
    print()
    if not args.no_cssrs:
        cssrs.cssrs_users(ROOT, model)
        print()
    tweets = hate_tweets.load(ROOT)
    if tweets is not None:
        print("Davidson et al. 2017 tweets (MIT licence), never trained on:")
        print("\n".join(hate_tweets.report(tweets, pipeline_decider(model))))
        print()
    in_rooms = rooms.load(ROOT / "forum" / "moderation" / "corpus")
    if in_rooms:
        print(
            "Posts in their rooms (round-35 room candidates, round-36 chat lines, round-37 accidents, round-38 "
            "apologies and thanks, round-39 self-harm acts, round-40 returning members, blind sets by a second writer, "
            "death hyperbole; never trained on; room defaults, e.g. the numbers rule):"
        )
        print("\n".join(rooms.report(in_rooms, room_decider(model))))
        print()
    bursts = chat_bursts.load(ROOT / "forum" / "moderation" / "corpus")
    if bursts:
        from forum.services.screening import BEFORE_LINES  # noqa: PLC0415

        print(
            f"Chat lines sent in a row by one member ({len(bursts)} bursts, never trained on), line by line and "
            f"read with up to {BEFORE_LINES} clean lines before each (bench/chat_bursts.py):"
        )
        print("\n".join(chat_bursts.report(bursts, chat_bursts.room_sender(model), BEFORE_LINES)))
        print()
    for bench, what in (
        (thread_titles, "Threads whose title says half of it"),
        (replies, "Replies that say it through the post they answer"),
    ):
        items = bench.load(ROOT / "forum" / "moderation" / "corpus")
        if items:
            print(f"{what} ({len(items)}, never trained on; bench/{bench.__name__}.py):")
            print("\n".join(bench.report(items, bench.room_screen(model))))
            print()
    med, p99 = speed(model, held_out)
    print(
        f"speed: assess() of 1,000-character posts ({len(held_out)} held-out texts mixed), model loaded: median {med:.2f} ms, p99 {p99:.2f} ms"
    )
    print("worst case: assess() and decide() of 20,000-character posts built to be slow (slowest of 6 runs):")
    phrases = [e.phrase for e in load_lexicon().entries]
    print("\n".join(worst_case.report(room_decider(model), phrases)))


if __name__ == "__main__":
    main()
