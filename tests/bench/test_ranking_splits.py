"""bench/ranking_splits.py reads recall at a false-alarm rate off the benign rows' scores."""

import numpy as np

from bench import ranking_splits
from forum.moderation import training


def test_recall_at_cuts_at_the_benign_quantile() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.35, 0.85])
    neg = np.arange(12) < 10  # ten benign rows scored 0.1 .. 0.95
    pos = ~neg  # two risky rows: 0.35 and 0.85
    assert ranking_splits.recall_at(scores, pos, neg, 0.2) == 0.5  # the cut lets two benign rows through
    assert ranking_splits.recall_at(scores, pos, neg, 0.8) == 1.0  # cut 0.28


def _rows() -> list:
    from forum.moderation.corpus import Row

    texts = {
        ("crisis", 3): ["i have a plan for tonight", "wrote my goodbye letters, it is tonight", "picked the night, bye"],
        ("crisis", 1): ["everyone would be better off without me", "no point in anything now", "i am a burden to all"],
        ("pro_harm", 0): ["skip dinner and hide it from your mum", "hunger means you are winning", "never tell the gp"],
        ("self_harm", 0): ["hurt myself again last night", "new marks on my arms again", "the urge won again tonight"],
        ("none", 0): ["lovely walk with the dog today", "exams are over, so happy", "made soup for the family",
                      "thanks all for the support", "meeting tonight at seven", "slept well for once"],
    }  # fmt: skip
    return [Row(t, label, sev) for (label, sev), ts in texts.items() for t in ts for _ in range(2)]


def test_held_out_probs_are_distributions_with_and_without_the_mlp() -> None:
    rows = _rows()
    held = rows[::5]
    model = training.fit(rows)
    plain, acute = ranking_splits.held_out_probs(ranking_splits.without_mlp(model), held)
    mixed, _ = ranking_splits.held_out_probs(model, held)
    assert plain.shape == mixed.shape == (len(held), 6)
    assert np.allclose(plain.sum(axis=1), 1) and np.allclose(mixed.sum(axis=1), 1)
    assert (acute <= plain[:, 0] + 1e-9).all()  # the acute class is a part of crisis
    assert not np.allclose(plain, mixed)
