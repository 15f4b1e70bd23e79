"""The classifier's ranking on several salted 20 % splits of the corpus: is a candidate round better for the model?

Run from the repository root:  python bench/ranking_splits.py [--add CANDIDATE.csv ...] [--splits 4] [--mlp 64]
The main bench holds out one split, and its ranking moves by 3-5 points from one split to another (Dec 2026): more
than most corpus rounds change it. Here each split's held-out rows come from the corpus without the candidate files,
and the candidate rows join every train part, so before and after are scored on the same rows. Only the category
model is fitted (no threshold search): about 30 s for four splits on two cores. --mlp N also scores the model averaged
with a one-layer MLP of N units fitted on the same features (an experiment, not in the shipped model; see the log).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, when run as a script

from forum.moderation import classifier as clf  # noqa: E402
from forum.moderation import training  # noqa: E402
from forum.moderation.corpus import LABELS, Row, bucket_of, load_corpus, read_csv, text_key  # noqa: E402
from forum.moderation.thresholds import ACUTE, scored_probs  # noqa: E402

FALSE_ALARMS = (0.01, 0.02, 0.03, 0.05)  # the points of the benign-score quantile the recall is read at
CATEGORIES = ("crisis sev>=3", "crisis", "pro_harm", "self_harm")
MLP_EPOCHS = 10


def recall_at(scores: np.ndarray, pos: np.ndarray, neg: np.ndarray, at: float) -> float:
    """Recall of the positive rows when the cut lets `at` of the negative rows through."""
    cut = np.quantile(scores[neg], 1 - at)
    return float((scores[pos] > cut).mean())


def held_out_probs(train: list[Row], held: list[Row], mlp: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities held x LABELS, p(ACUTE)) from the category model fitted on `train` (as training.fit does);
    with `mlp` hidden units, averaged with a one-layer MLP fitted on the same features (see --mlp)."""
    words = [clf.feature_words(r.text) for r in train]
    y = np.array([training.fit_label(r) for r in train])
    word, char, model, x = training._fit_category(words, y, training.C_CATEGORY)
    xh = clf.vectorise(word, char, [clf.feature_words(r.text) for r in held], clf.SOFT)
    raw = model.predict_proba(xh)
    if mlp:
        net = MLPClassifier(
            hidden_layer_sizes=(mlp,),
            alpha=1e-3,
            max_iter=MLP_EPOCHS,
            batch_size=min(256, len(y)),
            random_state=0,
        )
        # A few epochs on purpose: more over-fit the twins (probabilities of 0 or 1, measured with 30).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            raw = (raw + net.fit(x, y).predict_proba(xh)) / 2
    classes = list(model.classes_)
    return raw @ training._label_fold(model.classes_, LABELS), raw[:, classes.index(ACUTE)]


def split_ranking(rows: list[Row], added: list[Row], salt: int, mlp: int = 0) -> dict[str, list[float]]:
    """Per category, recall at each FALSE_ALARMS point on one salted split (salt 0 is the bench's own split)."""
    prefix = f"ms{salt}:".encode() if salt else b""
    held = [r for r in rows if bucket_of(r.text, 100, prefix) < 20]
    train = [r for r in rows if bucket_of(r.text, 100, prefix) >= 20] + added
    full, acute = held_out_probs(train, held, mlp)
    y = np.array([r.label for r in held])
    sev3 = (y == "crisis") & (np.array([r.severity for r in held]) >= 3)
    out = {}
    for name in CATEGORIES:
        cat, pos = ("crisis", sev3) if name == "crisis sev>=3" else (name, y == name)
        scores = scored_probs(full, cat, acute)
        out[name] = [recall_at(scores, pos, y == "none", at) for at in FALSE_ALARMS]
    return out


def main() -> None:
    """Print the mean ranking over the splits, with and without the candidate rows (or the MLP)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--add", nargs="*", default=[], type=Path, help="candidate CSV files (text,label,severity)"
    )
    ap.add_argument("--splits", type=int, default=4)
    ap.add_argument(
        "--mlp", type=int, default=0, help="also: the model averaged with an MLP of this many units"
    )
    args = ap.parse_args()
    names = {p.name for p in args.add}
    rows = [
        r for r in load_corpus() if r.source not in names
    ]  # a candidate already in the corpus is measured too
    seen = {text_key(r.text) for r in rows}
    added = [r for p in args.add for r in read_csv(p) if text_key(r.text) not in seen]
    runs = [("corpus", [], 0)] + ([(f"+ {len(added)} candidate rows", added, 0)] if added else [])
    if args.mlp:
        runs.append((f"{runs[-1][0]}, averaged with an MLP of {args.mlp} units", added, args.mlp))
    for title, extra, mlp in runs:
        res = Parallel(n_jobs=2)(delayed(split_ranking)(rows, extra, s, mlp) for s in range(args.splits))
        print(
            f"{title} ({len(rows)} corpus rows, {args.splits} splits): recall at 2 % false alarms, mean over 1-5 %"
        )
        for name in CATEGORIES:
            at2 = [r[name][FALSE_ALARMS.index(0.02)] for r in res]
            print(
                f"  {name:14} {np.mean(at2):.3f} (splits {' '.join(f'{v:.3f}' for v in at2)})"
                f"  mean {np.mean([np.mean(r[name]) for r in res]):.3f}"
            )


if __name__ == "__main__":
    main()
