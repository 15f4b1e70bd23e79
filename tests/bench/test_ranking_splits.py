"""bench/ranking_splits.py reads recall at a false-alarm rate off the benign rows' scores."""

import numpy as np

from bench import ranking_splits


def test_recall_at_cuts_at_the_benign_quantile() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.35, 0.85])
    neg = np.arange(12) < 10  # ten benign rows scored 0.1 .. 0.95
    pos = ~neg  # two risky rows: 0.35 and 0.85
    assert ranking_splits.recall_at(scores, pos, neg, 0.2) == 0.5  # the cut lets two benign rows through
    assert ranking_splits.recall_at(scores, pos, neg, 0.8) == 1.0  # cut 0.28
