"""At-risk users of the Reddit C-SSRS data (Gaur et al. 2019, CC BY 4.0), which nobody wrote for us.

Two figures: how the post model alone ranks all 500 users (never trained on them), and at-risk vs not F1 on the 100
users of `holdout_users_seed42.csv` with a user-level model trained on the other 400. Read by
bench/moderation_quality.py with the train-part model; skipped when ../shared is not beside the checkout.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from forum.moderation import Context

if TYPE_CHECKING:
    from forum.moderation import classifier as clf

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
    # Supporters write about "you", people at risk about "i": the share of first-person words is a strong cue.
    feats = [
        max(lex_crisis) / 4,
        sum(c >= 2 for c in lex_crisis) / len(posts),
        float(any(lex_sh)),
        first * 10,
        second * 10,
        first / (first + second + 1e-6),
        min(len(posts), 50) / 50,
    ]
    if model is not None:
        probs, sev = model.predict_many([normalise(p).words for p in posts])
        ci, si = model.labels.index("crisis"), model.labels.index("self_harm")
        top = sorted(probs[:, ci], reverse=True)
        feats += [
            float(top[0]),
            float(sum(top[:3]) / min(3, len(top))),
            float(probs[:, ci].mean()),
            float((probs[:, ci] > 0.5).mean()),
            float(probs[:, si].max()),
            float(sev.max()) / 4,
        ]
    return feats


def ranking_auc(posts: list[list[str]], labels: list[str], model: clf.Model) -> tuple[float, float]:
    """How well the post-level model alone ranks users (no training on this data): ROC AUC of each user's highest
    risk-to-self score, at risk vs not, and attempt or behaviour vs the rest."""
    from sklearn.metrics import roc_auc_score  # noqa: PLC0415

    from forum.moderation.normalise import normalise  # noqa: PLC0415
    from forum.moderation.thresholds import scored_probs  # noqa: PLC0415

    top = []
    for p in posts:
        probs, _, acute = model.predict_scored([normalise(t).words for t in p])
        top.append(float(scored_probs(probs, "crisis", acute).max()))
    at_risk = [lab in CSSRS_AT_RISK for lab in labels]
    acted = [lab in ("Attempt", "Behavior") for lab in labels]
    return float(roc_auc_score(at_risk, top)), float(roc_auc_score(acted, top))


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
    xt_tr = tfidf.fit_transform([t for t, m in zip(text, tr, strict=False) if m])
    xt_te = tfidf.transform([t for t, m in zip(text, test, strict=False) if m])
    lr = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    oof = cross_val_predict(lr, xt_tr, y[tr], cv=cv, method="predict_proba")[:, 1]
    lr.fit(xt_tr, y[tr])
    p_text = lr.predict_proba(xt_te)[:, 1]
    feats = np.array([_user_features(p, model) for p in posts])
    yt = y[test]
    print(
        f"C-SSRS users (Gaur et al. 2019, CC BY 4.0): {int(tr.sum())} train users, {int(test.sum())} hold-out users"
    )
    print(f"  at-risk F1, everyone at risk (trivial):         {f1_score(yt, np.ones_like(yt)):.3f}")
    print(f"  at-risk F1, TF-IDF + logistic regression:       {f1_score(yt, p_text >= 0.5):.3f}")
    if model is not None:
        auc, auc_acted = ranking_auc(posts, [u["Label"] for u in users], model)
        print(
            f"  all 500 users ranked by the post model alone (never trained on them), ROC AUC of the highest risk"
            f" score: at risk vs not {auc:.3f}; attempt or behaviour vs the rest {auc_acted:.3f}"
        )
    # Two user-level models on our pipeline's per-post signals; the one with the better cross-validated F1 on the
    # 400 training users is the reported one (all are printed). The decision threshold is also chosen on the
    # training users' cross-validated probabilities (most users are at risk, so F1 favours a low threshold).
    candidates = {
        "pipeline features": (feats[tr], feats[test]),
        "pipeline features + TF-IDF": (
            np.column_stack([feats[tr], oof]),
            np.column_stack([feats[test], p_text]),
        ),
    }
    best, best_cv, best_f1 = "", -1.0, 0.0
    for (name, (f_tr, f_te)), weight in [(c, w) for c in candidates.items() for w in (None, "balanced")]:
        name = f"{name}{', balanced' if weight else ''}"
        scaler = StandardScaler().fit(f_tr)
        user_lr = LogisticRegression(C=0.3, max_iter=2000, class_weight=weight)
        cv_p = cross_val_predict(user_lr, scaler.transform(f_tr), y[tr], cv=cv, method="predict_proba")[:, 1]
        cut = max(np.arange(0.2, 0.71, 0.025), key=lambda t: (f1_score(y[tr], cv_p >= t), -abs(t - 0.5)))
        cv_f1 = f1_score(y[tr], cv_p >= cut)
        user_lr.fit(scaler.transform(f_tr), y[tr])
        f1 = f1_score(yt, user_lr.predict_proba(scaler.transform(f_te))[:, 1] >= cut)
        print(
            f"  at-risk F1, {name + ':':44} {f1:.3f}   (threshold {cut:.3f}; cross-validated on train users: "
            f"{cv_f1:.3f})"
        )
        if cv_f1 > best_cv:
            best, best_cv, best_f1 = name, cv_f1, f1
    print(f"  reported (chosen by train-user CV): {best}: {best_f1:.3f}   target 0.80")
