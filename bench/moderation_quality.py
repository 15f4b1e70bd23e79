"""Moderation quality benchmark: held-out corpus figures, a keyword baseline, C-SSRS users, speed.

Run from the repository root:  python bench/moderation_quality.py
The model is trained on the train part of the corpus only (hash split, 20 % held out) and never sees held-out rows.
"""

from __future__ import annotations

import argparse
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

from forum.moderation import Context, assess, decide  # noqa: E402
from forum.moderation import classifier as clf  # noqa: E402
from forum.moderation.corpus import Row, load_corpus, split  # noqa: E402

CATS = ("crisis", "self_harm", "pro_harm", "harassment", "spam")
# The baseline: a plain keyword list, the kind of thing a forum starts with.
KEYWORDS = {
    "suicide": "crisis", "suicidal": "crisis", "kill myself": "crisis", "die": "crisis", "end my life": "crisis",
    "overdose": "crisis", "cut": "self_harm", "self harm": "self_harm", "thinspo": "pro_harm", "pro ana": "pro_harm",
    "starve": "pro_harm", "kill yourself": "harassment", "kys": "harassment", "click here": "spam",
}
_KW = [(re.compile(rf"\b{re.escape(k)}\b"), c) for k, c in KEYWORDS.items()]
Predictor = Callable[[str], tuple[bool, set[str]]]  # text -> (acted on?, categories)


def keyword_baseline(text: str) -> tuple[bool, set[str]]:
    """Flag when any keyword appears."""
    low = text.casefold()
    found = {c for pat, c in _KW if pat.search(low)}
    return bool(found), found


def pipeline_predictor(model: clf.Model | None) -> Predictor:
    """Assess + decide in a general room; acted on = anything but publish."""
    ctx = Context()

    def run(text: str) -> tuple[bool, set[str]]:
        d = decide(assess(text, ctx, model=model), ctx)
        return d.action != "publish", {s.category for s in d.signals}

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


TARGETS = {"crisis sev>=3 recall": ">= 0.97", "crisis recall": ">= 0.90", "pro_harm recall": ">= 0.90",
           "false alarms on none": "<= 0.05"}


def speed(model: clf.Model | None, n: int = 400) -> tuple[float, float]:
    """Median and p99 ms of assess() for a 1,000-character post."""
    base = ("Today was hard. I went to work, came home and could not stop thinking about everything that happened "
            "this week with my family. I'm trying to use the things my therapist taught me, like writing it down. ")
    post = (base * 10)[:1000]
    ctx = Context()
    for _ in range(20):
        assess(post, ctx, model=model)
    times = []
    for i in range(n):
        text = post[: 990] + f" {i:04d}"  # defeat any caching
        t0 = time.perf_counter()
        assess(text, ctx, model=model)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.99 * (len(times) - 1))]


CSSRS_AT_RISK = {"Ideation", "Behavior", "Attempt"}


def _cssrs_posts(cell: str) -> list[str]:
    """Split the Python-list-literal cell into posts with string operations (28 cells are truncated)."""
    body = cell.strip()
    body = body[1:] if body.startswith("[") else body
    body = body[:-1] if body.endswith("]") else body
    parts = re.split(r"""['"], ['"]""", body)
    return [p.strip().strip("'\"").strip() for p in parts if p.strip().strip("'\"").strip()]


def _user_features(posts: list[str], model: clf.Model | None) -> list[float]:
    """Aggregate per-post signals of our pipeline into user-level features."""
    from forum.moderation import lexicon  # noqa: PLC0415
    from forum.moderation.normalise import normalise  # noqa: PLC0415

    ctx = Context()
    lex_crisis, lex_sh = [], []
    for p in posts:
        sigs = lexicon.detect(p, normalise(p), ctx)
        lex_crisis.append(max([s.severity for s in sigs if s.category == "crisis" and s.score >= 0.5] or [0]))
        lex_sh.append(any(s.category == "self_harm" and s.score >= 0.5 for s in sigs))
    words = " ".join(posts).casefold().split()
    n = max(len(words), 1)
    first = sum(w in {"i", "i'm", "im", "me", "my", "myself", "i've", "ive"} for w in words) / n
    second = sum(w in {"you", "your", "you're", "youre", "yourself", "u"} for w in words) / n
    feats = [max(lex_crisis) / 4, sum(c >= 2 for c in lex_crisis) / len(posts), float(any(lex_sh)),
             first * 10, second * 10, min(len(posts), 50) / 50]
    if model is not None:
        probs, sev = model.predict_many([normalise(p).words for p in posts])
        ci, si = model.labels.index("crisis"), model.labels.index("self_harm")
        top = sorted(probs[:, ci], reverse=True)
        feats += [float(top[0]), float(sum(top[:3]) / min(3, len(top))), float(probs[:, ci].mean()),
                  float((probs[:, ci] > 0.5).mean()), float(probs[:, si].max()), float(sev.max()) / 4]
    return feats


def cssrs_users(root: Path, model: clf.Model | None) -> None:
    """At-risk vs not F1 on the 100 hold-out users of the Reddit C-SSRS data, trained on the other 400."""
    import csv  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415
    from sklearn.metrics import f1_score  # noqa: PLC0415
    from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: PLC0415
    from sklearn.preprocessing import StandardScaler  # noqa: PLC0415

    data = root.parent / "shared" / "data" / "cssrs-reddit-500"
    if not (data / "500_Reddit_users_posts_labels.csv").exists():
        print(f"C-SSRS users: skipped ({data} not found)")
        return
    csv.field_size_limit(1 << 30)
    with (data / "500_Reddit_users_posts_labels.csv").open(newline="", encoding="utf-8") as fh:
        users = list(csv.DictReader(fh))
    with (data / "holdout_users_seed42.csv").open(newline="", encoding="utf-8") as fh:
        hold = {r["User"] for r in csv.DictReader(fh)}
    posts = [_cssrs_posts(u["Post"]) for u in users]
    y = np.array([u["Label"] in CSSRS_AT_RISK for u in users], dtype=int)
    test = np.array([u["User"] in hold for u in users])
    tr = ~test
    text = [" ".join(p) for p in posts]
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True)
    xt_tr = tfidf.fit_transform([t for t, m in zip(text, tr) if m])
    xt_te = tfidf.transform([t for t, m in zip(text, test) if m])
    lr = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    oof = cross_val_predict(lr, xt_tr, y[tr], cv=cv, method="predict_proba")[:, 1]
    lr.fit(xt_tr, y[tr])
    p_text = lr.predict_proba(xt_te)[:, 1]
    feats = np.array([_user_features(p, model) for p in posts])
    f_tr = np.column_stack([feats[tr], oof])
    f_te = np.column_stack([feats[test], p_text])
    scaler = StandardScaler().fit(f_tr)
    stack = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    # Decision threshold chosen by cross-validation on the 400 training users only.
    oof2 = cross_val_predict(stack, scaler.transform(f_tr), y[tr], cv=cv, method="predict_proba")[:, 1]
    grid = np.linspace(0.2, 0.8, 61)
    thr = float(grid[int(np.argmax([f1_score(y[tr], oof2 >= g) for g in grid]))])
    stack.fit(scaler.transform(f_tr), y[tr])
    p_stack = stack.predict_proba(scaler.transform(f_te))[:, 1]
    yt = y[test]
    print(f"C-SSRS users (Gaur et al. 2019, CC BY 4.0): {int(tr.sum())} train users, {int(test.sum())} hold-out users")
    print(f"  at-risk F1, everyone at risk (trivial):        {f1_score(yt, np.ones_like(yt)):.3f}")
    print(f"  at-risk F1, TF-IDF + logistic regression:      {f1_score(yt, p_text >= 0.5):.3f}")
    print(f"  at-risk F1, pipeline features + TF-IDF (thr {thr:.2f}): {f1_score(yt, p_stack >= thr):.3f}   target 0.80")


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
    model = clf.train(rows, progress=lambda m: print("  train:", m), use_all=False)
    print(f"trained on {len(train_rows)} rows in {time.perf_counter() - t0:.1f}s; held out: {len(held_out)} rows")
    counts = {lab: sum(r.label == lab for r in held_out) for lab in (*CATS, "none")}
    print("held-out rows by label:", counts)
    print()
    table({"pipeline": score(held_out, pipeline_predictor(model)),
           "lexicon only": score(held_out, pipeline_predictor(None)),
           "keywords": score(held_out, keyword_baseline)}, TARGETS)
    print()
    if not args.no_cssrs:
        cssrs_users(ROOT, model)
        print()
    med, p99 = speed(model)
    print(f"speed: assess() of a 1,000-character post, model loaded: median {med:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
