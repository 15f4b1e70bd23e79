"""Per-category thresholds for the classifier, chosen by cross-validation for a false-alarm budget.

The classifier's probabilities are fused with the lexicon as pipeline._content_scores does, so a threshold is
chosen for what the whole pipeline flags, not for the model alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from joblib import Parallel, delayed

from forum.moderation import lexicon, policy
from forum.moderation.corpus import LABELS, Row
from forum.moderation.normalise import normalise

MIN_THRESHOLD = 0.15  # lowest probability a learned threshold may take (a guard for posts unlike the corpus)
CANCEL_DAMPEN = 0.6  # a category whose lexicon phrases context cancelled (support, negation, history...)
# With learned thresholds, crisis is scored on p(crisis) + CRISIS_FROM_SELF_HARM * p(self_harm): both are risk to
# self and split the mass on terse attempt or goodbye posts ("did it. waiting now"). 0.5 was chosen by 5-fold
# cross-validation on the train part (0.25 / 0.5 / 1.0: crisis recall 0.752 / 0.767 / 0.771, false alarms 0.042 /
# 0.041 / 0.044 at the budget; 0 gave 0.750).
CRISIS_FROM_SELF_HARM = 0.5
ACUTE = "crisis_acute"  # the fitted class of crisis plans, goodbyes and attempts (severity 3-4), see training
# Crisis is also flagged when its acute part alone is high: the severity-1 rows in the crisis class read like
# ordinary distress, so a terse goodbye or arrangement can have most of its mass on the acute class and still fall
# under a threshold on the sum. Scored as max(sum, ACUTE_WEIGHT * p(acute)), one threshold still serves. Chosen by
# 5-fold cross-validation on the train part at the 4.5 % budget (Dec 2026, 12,295 train rows): 0 / 1.2 / 1.35 / 1.5 / 2
# gave severity >= 3 recall 0.823 / 0.835 / 0.852 / 0.853 / 0.873 and crisis recall 0.770 / 0.772 / 0.771 / 0.759 /
# 0.725, with false alarms and the other categories unchanged.
ACUTE_WEIGHT = 1.35
# The shipped thresholds are the median of the searches on this many bootstrap resamples of the train part
# (stable_thresholds). One search picks among near-equal optima, so a small corpus round swung it: round 37 moved
# harassment 0.532 -> 0.646 (held-out recall 0.465 -> 0.349); the medians moved 0.541 -> 0.540. 15 rounds cost about
# 3.5 s of training; the crisis threshold still moves with the refitted model (0.763 -> 0.758 there).
BOOTSTRAP_ROUNDS = 15
BOOTSTRAP_JOBS = 2


def lexicon_view(rows: list[Row]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row and category, as pipeline._content_scores fuses: does the lexicon flag it on its own; was it
    cancelled by context; and the factor k by which a phrase lowers the classifier threshold (a phrase backed by
    the model combines with it, noisy-or: flagged when p >= k * threshold; k = 1 without a phrase)."""
    cats = policy.MODEL_CATEGORIES
    alone = np.zeros((len(rows), len(cats)), dtype=bool)
    cancelled = np.zeros((len(rows), len(cats)), dtype=bool)
    factor = np.ones((len(rows), len(cats)))
    for i, r in enumerate(rows):
        sigs, cancels = lexicon.judge(normalise(r.text))
        for sig in sigs:
            if sig.category in cats:
                flag = policy.THRESHOLDS[sig.category][0]
                j = cats.index(sig.category)
                alone[i, j] |= policy.lexicon_alone(sig) >= flag
                # mapped model score m = p / threshold * flag below the threshold; noisy-or reaches flag when
                # m >= need, and the lexicon is only backed when m >= CONFIRM
                need = max(policy.CONFIRM, 1 - (1 - flag) / (1 - min(sig.score, 0.999)))
                factor[i, j] = min(factor[i, j], need / flag)
        for cat in cancels:
            if cat in cats:
                cancelled[i, cats.index(cat)] = True
    return alone, cancelled, factor


def crisis_score(
    p_crisis: np.ndarray | float, p_self_harm: np.ndarray | float, p_acute: np.ndarray | float = 0.0
) -> np.ndarray | float:
    """The probability crisis is thresholded on: its own plus a share of self-harm's (see CRISIS_FROM_SELF_HARM),
    or its acute part weighted (see ACUTE_WEIGHT), whichever is higher."""
    summed = p_crisis + CRISIS_FROM_SELF_HARM * p_self_harm
    return np.minimum(1.0, np.maximum(summed, ACUTE_WEIGHT * np.asarray(p_acute)))


def scored_probs(probs: np.ndarray, category: str, acute: np.ndarray | None = None) -> np.ndarray:
    """The probability column a category is thresholded on (n x LABELS in); crisis borrows from self-harm and
    weighs its acute part (`acute`: p(crisis_acute) per row, when the model has that class)."""
    p = probs[:, LABELS.index(category)]
    if category == "crisis":
        p = crisis_score(p, probs[:, LABELS.index("self_harm")], 0.0 if acute is None else acute)
    return p


def _pipeline_scores(probs: np.ndarray, cancelled: np.ndarray, acute: np.ndarray | None) -> np.ndarray:
    """Rows x MODEL_CATEGORIES: the probability each category is thresholded on, dampened where context cancelled
    the lexicon's phrases of it (as the pipeline does)."""
    cats = policy.MODEL_CATEGORIES
    return np.column_stack([scored_probs(probs, c, acute) for c in cats]) * np.where(
        cancelled, CANCEL_DAMPEN, 1.0
    )


@dataclass
class _Search:
    """The candidate thresholds of each category and what each would flag (see choose_thresholds)."""

    grids: list[np.ndarray]  # ascending candidate thresholds per category
    hits: list[np.ndarray]  # per category: candidates x rows, True where the row would be flagged
    gains: list[np.ndarray]  # per category: weighted recall at each candidate
    y: np.ndarray  # label of each row
    sev3: np.ndarray  # rows of crisis severity 3-4
    neg: np.ndarray = field(init=False)  # rows labelled none (read on every step of the search)

    def __post_init__(self) -> None:
        self.neg = self.y == "none"

    def false_alarms(self, idx: list[int], j: int | None = None) -> np.ndarray:
        """Negatives flagged by the chosen candidates; with j, for every candidate of category j instead."""
        others = np.zeros(int(self.neg.sum()), dtype=bool)
        for o, k in enumerate(idx):
            if o != j:
                others |= self.hits[o][k][self.neg]
        if j is None:
            return others
        return self.hits[j][:, self.neg] | others[None, :]

    def total(self, idx: list[int]) -> float:
        """Weighted recall of a choice."""
        return float(sum(g[k] for g, k in zip(self.gains, idx, strict=True)))


def _search(
    rows: list[Row],
    probs: np.ndarray,
    view: tuple[np.ndarray, np.ndarray, np.ndarray],
    budget: float,
    acute: np.ndarray | None = None,
) -> _Search:
    cats = policy.MODEL_CATEGORIES
    y = np.array([r.label for r in rows])
    sev3 = (y == "crisis") & (np.array([r.severity for r in rows]) >= 3)
    alone, cancelled, factor = view
    p = _pipeline_scores(probs, cancelled, acute)
    quantiles = [
        np.concatenate([np.quantile(p[:, j], np.linspace(0.5, 1, 120)), [0.99]]) for j in range(len(cats))
    ]
    grids = [np.unique(np.clip(q, MIN_THRESHOLD, 0.99)) for q in quantiles]
    hits = [
        (p[:, j][None, :] >= g[:, None] * factor[:, j][None, :]) | alone[:, j][None, :]
        for j, g in enumerate(grids)
    ]
    grids, hits = _crisis_floor(grids, hits, y == "none", budget)
    gains = []
    for j, c in enumerate(cats):
        mask = y == c
        g = (
            policy.RECALL_WEIGHTS.get(c, 0.0) * hits[j][:, mask].mean(axis=1)
            if mask.any()
            else np.zeros(len(grids[j]))
        )
        if c == "crisis" and sev3.any():
            g = g + policy.RECALL_WEIGHTS.get("crisis_sev3", 0.0) * hits[j][:, sev3].mean(axis=1)
        gains.append(g)
    return _Search(grids, hits, gains, y, sev3)


def _crisis_floor(
    grids: list[np.ndarray], hits: list[np.ndarray], neg: np.ndarray, budget: float
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Drop the crisis candidates stricter than the one that alone flags policy.CRISIS_BUDGET_SHARE of the budget
    in benign posts: crisis always gets at least that share, and the search shares out the rest."""
    j = policy.MODEL_CATEGORIES.index("crisis")
    alone = hits[j][:, neg].mean(axis=1) if neg.any() else np.zeros(len(grids[j]))
    within = np.flatnonzero(alone <= policy.CRISIS_BUDGET_SHARE * budget)
    last = int(within[0]) if len(within) else len(grids[j]) - 1  # the lowest threshold within the floor
    grids, hits = list(grids), list(hits)
    grids[j], hits[j] = grids[j][: last + 1], hits[j][: last + 1]
    return grids, hits


def _lagrangian(s: _Search, budget: float) -> list[int] | None:
    """For falling prices of a false alarm, coordinate ascent over the categories; best choice within budget."""
    best: tuple[float, list[int]] | None = None
    idx = [len(g) - 1 for g in s.grids]  # start strict
    for price in np.geomspace(500, 0.5, 48):
        for _ in range(8):
            changed = False
            for j in range(len(idx)):
                k = int(np.argmax(s.gains[j] - price * s.false_alarms(idx, j).mean(axis=1)))
                changed |= k != idx[j]
                idx[j] = k
            if not changed:
                break
        if s.false_alarms(idx).mean() <= budget and (best is None or s.total(idx) > best[0]):
            best = (s.total(idx), list(idx))
    return best[1] if best else None


def _fill(s: _Search, idx: list[int], budget: float, reach: int = 8) -> list[int]:
    """Spend what is left of the budget: lower one threshold at a time, best recall per false alarm first.

    The price grid of _lagrangian moves in steps, so its best choice can stop well under the budget.
    """
    idx = list(idx)
    while True:
        fa_now = s.false_alarms(idx).mean()
        best: tuple[float, int, int] | None = None
        for j in range(len(idx)):
            fa = s.false_alarms(idx, j).mean(axis=1)
            for k in range(max(0, idx[j] - reach), idx[j]):
                gain = s.gains[j][k] - s.gains[j][idx[j]]
                if gain > 1e-12 and fa[k] <= budget:
                    rate = gain / (fa[k] - fa_now + 1e-4)
                    if best is None or rate > best[0]:
                        best = (rate, j, k)
        if best is None:
            return idx
        idx[best[1]] = best[2]


def choose_thresholds(
    rows: list[Row],
    probs: np.ndarray,
    budget: float = policy.FALSE_ALARM_BUDGET,
    view: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    acute: np.ndarray | None = None,
) -> tuple[dict[str, float], dict]:
    """Per-category probability thresholds maximising weighted recall with false alarms on `none` <= budget.

    `probs` are out-of-fold probabilities of `rows` (training.out_of_fold), so the choice is made on texts the
    model did not see (`acute`: their p(crisis_acute), see crisis_score). The lexicon's own flags count as hits, as
    in the pipeline. A Lagrangian search finds a good
    balance between the categories, then what is left of the budget is spent greedily.
    """
    cats = policy.MODEL_CATEGORIES
    view = view or lexicon_view(rows)
    s = _search(rows, probs, view, budget, acute)
    start = _lagrangian(s, budget)
    chosen = _fill(s, start, budget) if start is not None else [len(g) - 1 for g in s.grids]
    thresholds = {c: float(s.grids[j][chosen[j]]) for j, c in enumerate(cats)}
    return thresholds, report_for(rows, probs, thresholds, view, acute)


def stable_thresholds(
    rows: list[Row],
    probs: np.ndarray,
    budget: float,
    view: tuple[np.ndarray, np.ndarray, np.ndarray],
    acute: np.ndarray | None = None,
    rounds: int = BOOTSTRAP_ROUNDS,
) -> tuple[dict[str, float], dict]:
    """The median of the thresholds choose_thresholds picks on `rounds` bootstrap resamples of the rows, and what
    they flag on all the rows (see BOOTSTRAP_ROUNDS)."""
    rng = np.random.default_rng(0)  # fixed: the same rows give the same thresholds
    samples = [rng.choice(len(rows), len(rows), replace=True) for _ in range(rounds)]

    def search(idx: np.ndarray) -> dict[str, float]:
        sample_view = (view[0][idx], view[1][idx], view[2][idx])
        sample_acute = None if acute is None else acute[idx]
        return choose_thresholds([rows[i] for i in idx], probs[idx], budget, sample_view, sample_acute)[0]

    # Threads: the search is mostly numpy, which releases the GIL (5.2 s -> 3.4 s on two cores).
    picks = Parallel(n_jobs=BOOTSTRAP_JOBS, prefer="threads")(delayed(search)(idx) for idx in samples)
    chosen = {c: float(np.median([p[c] for p in picks])) for c in policy.MODEL_CATEGORIES}
    return chosen, report_for(rows, probs, chosen, view, acute)


def report_for(
    rows: list[Row],
    probs: np.ndarray,
    chosen: dict[str, float],
    view: tuple[np.ndarray, np.ndarray, np.ndarray],
    acute: np.ndarray | None = None,
) -> dict:
    """Recall per category and false alarms on `none` of the pipeline with these thresholds (as _search counts)."""
    cats = policy.MODEL_CATEGORIES
    alone, cancelled, factor = view
    y = np.array([r.label for r in rows])
    sev3 = (y == "crisis") & (np.array([r.severity for r in rows]) >= 3)
    limits = np.array([chosen[c] for c in cats])
    hit = (_pipeline_scores(probs, cancelled, acute) >= limits[None, :] * factor) | alone
    report = {
        f"{c} recall": round(float(hit[y == c, j].mean()), 3) for j, c in enumerate(cats) if (y == c).any()
    }
    if sev3.any():
        report["crisis sev>=3 recall"] = round(float(hit[sev3, 0].mean()), 3)
    neg = y == "none"
    report["false alarms on none"] = round(float(hit[neg].any(axis=1).mean()), 3) if neg.any() else None
    return report
