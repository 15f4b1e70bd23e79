"""The classifier's ranking on several salted 20 % splits of the corpus: is a candidate round better for the model?

Run from the repository root:  python bench/ranking_splits.py [--add CANDIDATE.csv ...] [--splits 4] [--linear]
The main bench holds out one split, and its ranking moves by 3-5 points from one split to another (Dec 2026): more
than most corpus rounds change it. Here each split's held-out rows come from the corpus without the candidate files,
and the candidate rows join every train part, so before and after are scored on the same rows. Only the category
model is fitted, the linear model and its MLP (no threshold search): about 40 s for four splits on two cores.
--linear also scores the same fits' linear model alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, when run as a script

from forum.moderation import classifier as clf  # noqa: E402
from forum.moderation import training  # noqa: E402
from forum.moderation.corpus import Row, bucket_of, load_corpus, read_csv, text_key  # noqa: E402
from forum.moderation.thresholds import scored_probs  # noqa: E402

FALSE_ALARMS = (0.01, 0.02, 0.03, 0.05)  # the points of the benign-score quantile the recall is read at
CATEGORIES = ("crisis sev>=3", "crisis", "pro_harm", "self_harm")


def recall_at(scores: np.ndarray, pos: np.ndarray, neg: np.ndarray, at: float) -> float:
    """Recall of the positive rows when the cut lets `at` of the negative rows through."""
    cut = np.quantile(scores[neg], 1 - at)
    return float((scores[pos] > cut).mean())


def held_out_probs(model: clf.Model, held: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities held x LABELS, p(ACUTE)) of the held-out rows, as the thresholds read them."""
    return model.predict_labels([clf.feature_words(r.text) for r in held])


def without_mlp(model: clf.Model) -> clf.Model:
    """The same fitted model, its linear part alone (for --linear: no second fit)."""
    return dataclasses.replace(model, mlp=None)


def recalls(model: clf.Model, held: list[Row]) -> dict[str, list[float]]:
    """Per category, recall at each FALSE_ALARMS point on the held-out rows."""
    full, acute = held_out_probs(model, held)
    y = np.array([r.label for r in held])
    sev3 = (y == "crisis") & (np.array([r.severity for r in held]) >= 3)
    out = {}
    for name in CATEGORIES:
        cat, pos = ("crisis", sev3) if name == "crisis sev>=3" else (name, y == name)
        out[name] = [recall_at(scored_probs(full, cat, acute), pos, y == "none", at) for at in FALSE_ALARMS]
    return out


def split_ranking(rows: list[Row], added: list[Row], salt: int) -> dict[bool, dict[str, list[float]]]:
    """Recalls on one salted split (salt 0 is the bench's own split) of the model fitted as training.fit fits it
    (key True) and of its linear part alone (key False)."""
    prefix = f"ms{salt}:".encode() if salt else b""
    held = [r for r in rows if bucket_of(r.text, 100, prefix) < 20]
    model = training.fit([r for r in rows if bucket_of(r.text, 100, prefix) >= 20] + added)
    return {True: recalls(model, held), False: recalls(without_mlp(model), held)}


def main() -> None:
    """Print the mean ranking over the splits, with and without the candidate rows (and the MLP)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--add", nargs="*", default=[], type=Path, help="candidate CSV files (text,label,severity)"
    )
    ap.add_argument("--splits", type=int, default=4)
    ap.add_argument("--linear", action="store_true", help="also: the linear model alone, without its MLP")
    args = ap.parse_args()
    names = {p.name for p in args.add}
    # A candidate already in the corpus is measured too.
    rows = [r for r in load_corpus() if r.source not in names]
    seen = {text_key(r.text) for r in rows}
    added = [r for p in args.add for r in read_csv(p) if text_key(r.text) not in seen]
    runs = [("corpus", [])] + ([(f"+ {len(added)} candidate rows", added)] if added else [])
    for title, extra in runs:
        res = Parallel(n_jobs=2)(delayed(split_ranking)(rows, extra, s) for s in range(args.splits))
        for mlp in (True, False) if args.linear else (True,):
            print(
                f"{title}{'' if mlp else ', linear model alone'} ({len(rows)} corpus rows, {args.splits} splits): "
                "recall at 2 % false alarms, mean over 1-5 %"
            )
            for name in CATEGORIES:
                at2 = [r[mlp][name][FALSE_ALARMS.index(0.02)] for r in res]
                print(
                    f"  {name:14} {np.mean(at2):.3f} (splits {' '.join(f'{v:.3f}' for v in at2)})"
                    f"  mean {np.mean([np.mean(r[mlp][name]) for r in res]):.3f}"
                )


if __name__ == "__main__":
    main()
