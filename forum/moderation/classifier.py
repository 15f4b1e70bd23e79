"""Classifier detector: word + character n-gram TF-IDF into linear models (trained by moderation.training)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from forum.moderation import policy, room_words
from forum.moderation.corpus import LABELS
from forum.moderation.normalise import Normalised, normalise
from forum.moderation.thresholds import ACUTE, CANCEL_DAMPEN, crisis_score
from forum.moderation.types import Context, Signal

NAME = "classifier"
FORMAT = 8  # bump when the saved structure changes; older files are then treated as missing
REPORT_MIN = 0.15  # probabilities below this are not reported as signals at all
RISK_TO_SELF = ("crisis", "self_harm")
RISK_SHARE = 0.3  # see signals_from
_WORD = re.compile(r"\b\w[\w']*\b")
CHAR_N = (2, 5)  # character n-gram sizes inside word boundaries (like sklearn's char_wb)
_CACHE_MAX = 200_000  # words whose char n-gram feature ids are remembered per model
# Soft L2 normalisation: each block (word, character) is divided by sqrt(|v|^2 + SOFT^2) instead of |v|. Plain L2
# gives a one-word line ("sorry", "thank u") the same length of vector as a long post, so the model was as sure of
# it as of the post, and everyday chat lines read as goodbyes. With the soft norm a text with little in it stays
# near the model's intercept (benign), and the model learns larger weights for the few words that decide alone.
# Measured (Dec 2026, lexicon 1.16.0, round 36 trained) on 111 everyday chat lines never trained on ("thank u",
# "sorry", "lol"): acted on 5 with plain L2, 2 with (10, 20) and 3 with (5, 10). (10, 20) cost about a point of
# crisis ranking (held-out 0.772 -> 0.762, rounds 1-3 0.855 -> 0.835); (5, 10) kept it (0.774, 0.839). The values
# sit well under a typical post's block norms (word median 34, character 64), so long posts are barely touched.
SOFT = (5.0, 10.0)


# Web addresses become one token: the model should learn "has a link", not the made-up domains of the corpus
# (the spam rows use *.test and *.example, which once taught it that the word "test" means spam).
_LINK = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:test|example|com|net|org|io|co|uk|biz|info|"
    r"shop|xyz|ru|me|app|site|online|store)\b\S*"
)


def feature_words(text: str) -> str:
    """The normalised word form the classifier reads, with web addresses replaced by one token."""
    return normalise(_LINK.sub(" weblink ", text)).words


# Contractions typed without their apostrophe are read as typed with it. The corpus has both forms, and which one a
# row uses says more about the round it was written in than about risk: "sorry im late" read as an acute goodbye
# through "im" (casual goodbyes such as "im sorry. its done"). Words that are also words without an apostrophe
# ("its", "ill", "well", "were", "lets", "id", "shed") are left alone.
_CONTRACTIONS = (
    "i'm", "i've", "you're", "you've", "you'll", "you'd", "they're", "they've", "they'll", "they'd", "we've", "he'd",
    "that's", "what's", "there's", "here's", "where's", "who's", "she's", "how's", "it'll",
    "don't", "can't", "won't", "didn't", "doesn't", "isn't", "wasn't", "weren't", "aren't", "couldn't", "wouldn't",
    "shouldn't", "haven't", "hasn't", "hadn't", "ain't", "mustn't", "needn't",
    "would've", "could've", "should've", "might've",
)  # fmt: skip
_BARE = {c.replace("'", ""): c for c in _CONTRACTIONS}
_BARE_RE = re.compile(r"(?<![\w'])(?:" + "|".join(sorted(_BARE, key=len, reverse=True)) + r")(?![\w'])")


def spelled(text: str) -> str:
    """A normalised text with bare contractions given their apostrophe ("im" -> "i'm", "dont" -> "don't")."""
    return _BARE_RE.sub(lambda m: _BARE[m.group(0)], text)


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams of a normalised text."""
    toks = [_BARE.get(t, t) for t in _WORD.findall(text)]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


@lru_cache(maxsize=_CACHE_MAX)
def _word_chargrams(word: str) -> tuple[str, ...]:
    w = f" {spelled(word)} "  # cached per word, so the spelling costs nothing on most words
    return tuple(w[i : i + n] for n in range(CHAR_N[0], CHAR_N[1] + 1) for i in range(len(w) - n + 1))


def char_ngrams(text: str) -> list[str]:
    """Character 2-5-grams of each whitespace-separated word, padded with spaces."""
    out: list[str] = []
    for w in text.split():
        out.extend(_word_chargrams(w))
    return out


def _tfidf(ids: list[int], idf: np.ndarray, soft: float) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear TF-IDF, soft-L2-normalised, as soft_normalise(TfidfVectorizer(sublinear_tf=True, norm=None))."""
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    uniq, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
    vals = (1.0 + np.log(counts)) * idf[uniq]
    norm = np.sqrt(np.dot(vals, vals) + soft * soft)
    return uniq, (vals / norm if norm else vals)


def soft_normalise(x: sparse.csr_matrix, soft: float) -> sparse.csr_matrix:
    """Divide each row by sqrt(|row|^2 + soft^2) (plain L2 when soft is 0; empty rows stay empty)."""
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel() + soft * soft)
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags((1.0 / norms).astype(x.dtype)) @ x)


def vectorise(
    word: TfidfVectorizer,
    char: TfidfVectorizer,
    words: list[str],
    soft: tuple[float, float],
    fit: bool = False,
) -> sparse.csr_matrix:
    """The feature matrix of normalised texts: word and character blocks, each soft-normalised (see SOFT)."""
    blocks = [(v.fit_transform if fit else v.transform)(words) for v in (word, char)]
    return sparse.hstack([soft_normalise(b, s) for b, s in zip(blocks, soft, strict=True)], format="csr")


@dataclass
class Model:
    """A trained classifier and what it was trained on."""

    version: str
    trained_at: str
    n_examples: int
    data_sources: list[dict]
    metrics: dict
    word: TfidfVectorizer
    char: TfidfVectorizer
    labels: list[str]
    coef: np.ndarray  # (n_features, n_classes), dense for a fast sparse dot
    intercept: np.ndarray
    fold: np.ndarray  # (n_classes, n_labels): adds the fitted classes up into the labels (ACUTE into crisis)
    sev_coef: np.ndarray | None = None  # crisis severity 1-4, same features
    sev_intercept: np.ndarray | None = None
    sev_classes: list[int] = field(default_factory=list)
    acute_class: int | None = None  # column of the ACUTE class in coef: its probability counts (crisis_score)
    # category -> probability at which the category is flagged, chosen in train() by cross-validation on the
    # training rows for policy.FALSE_ALARM_BUDGET; signals map it onto the policy's FLAG score (see signals_from).
    # Empty for a model made by fit() alone (then the older 1 - p(none) scoring applies).
    thresholds: dict[str, float] = field(default_factory=dict)
    inputs: str = ""  # training.inputs_fingerprint() of the corpus and lexicon it was trained with
    soft: tuple[float, float] = (0.0, 0.0)  # the SOFT norms (word, character) fit() used; 0 = plain L2
    # A one-layer MLP on the same features, averaged with the linear model (training.MLP_UNITS): (hidden weights
    # n_features x units, hidden bias, output weights units x n_classes, output bias), or None (linear alone).
    mlp: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    _char_ids: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_char_ids"] = {}  # a cache, not part of the model
        return state

    def features(self, words: list[str]) -> sparse.csr_matrix:
        """Vectorise already-normalised texts (Normalised.words) with the fitted vectorisers."""
        return vectorise(self.word, self.char, words, self.soft)

    def _fast_vector(self, words: str) -> tuple[np.ndarray, np.ndarray]:
        """The same vector as features() for one text, without sklearn's per-call overhead."""
        wvocab, cvocab, cache = self.word.vocabulary_, self.char.vocabulary_, self._char_ids
        wids = [i for i in map(wvocab.get, word_ngrams(words)) if i is not None]
        cids: list[int] = []
        for w in words.split():
            ids = cache.get(w)
            if ids is None:
                if len(cache) > _CACHE_MAX:
                    cache.clear()
                ids = cache[w] = [i for i in map(cvocab.get, _word_chargrams(w)) if i is not None]
            cids.extend(ids)
        wi, wv = _tfidf(wids, self.word.idf_, self.soft[0])
        ci, cv = _tfidf(cids, self.char.idf_, self.soft[1])
        return np.concatenate([wi, ci + len(wvocab)]), np.concatenate([wv, cv]).astype(np.float32)

    def predict(self, words: str) -> tuple[dict[str, float], float]:
        """Return label -> probability and the expected crisis severity for one normalised text; with an ACUTE
        class, its probability (a part of crisis's) is under the key ACUTE too."""
        idx, vals = self._fast_vector(words)
        raw = _softmax((vals @ self.coef[idx] + self.intercept)[None, :])[0]
        if self.mlp is not None:
            w1, b1, w2, b2 = self.mlp
            hidden = np.maximum(vals @ w1[idx] + b1, 0.0)
            raw = (raw + _softmax((hidden @ w2 + b2)[None, :])[0]) / 2
        probs = dict(zip(self.labels, (raw @ self.fold).tolist(), strict=True))
        if self.acute_class is not None:
            probs[ACUTE] = float(raw[self.acute_class])
        sev = 0.0
        if self.sev_coef is not None:
            p = _softmax((vals @ self.sev_coef[idx] + self.sev_intercept)[None, :])[0]
            sev = float(np.dot(p, self.sev_classes))
        return probs, sev

    def predict_many(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (probabilities n x labels, expected severities n) for many normalised texts."""
        probs, sev, _ = self.predict_scored(words)
        return probs, sev

    def predict_labels(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities in the columns of corpus.LABELS (0 for a label the model was not fitted on) and p(ACUTE):
        what thresholds.scored_probs reads."""
        probs, _, acute = self.predict_scored(words)
        full = np.zeros((len(words), len(LABELS)))
        full[:, [LABELS.index(lab) for lab in self.labels]] = probs
        return full, acute

    def predict_scored(self, words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """As predict_many, plus p(ACUTE) per text (zeros without that class), for thresholds.scored_probs."""
        x = self.features(words)
        raw = _softmax(x @ self.coef + self.intercept)
        if self.mlp is not None:
            w1, b1, w2, b2 = self.mlp
            raw = (raw + _softmax(np.maximum(x @ w1 + b1, 0.0) @ w2 + b2)) / 2
        sev = np.zeros(len(words))
        if self.sev_coef is not None:
            sev = _softmax(x @ self.sev_coef + self.sev_intercept) @ np.array(self.sev_classes, dtype=float)
        acute = raw[:, self.acute_class] if self.acute_class is not None else np.zeros(len(words))
        return raw @ self.fold, sev, acute


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def to_policy_scale(p: float, threshold: float, flag: float) -> float:
    """Map a probability onto the policy's score scale: 0 -> 0, the learned threshold -> FLAG, 1 -> 1."""
    t = min(max(threshold, 1e-3), 0.999)
    if p < t:
        return p / t * flag
    return flag + (p - t) / (1 - t) * (1 - flag)


def signals_from(
    probs: dict[str, float],
    sev: float,
    thresholds: dict[str, float] | None = None,
    cancelled: dict[str, str] | None = None,
    room: dict[str, str] | None = None,
) -> list[Signal]:
    """Turn class probabilities into signals (`room`: categories read without the room's words, see room_words).

    With learned thresholds (a model made by train()) each category is scored by its own probability mapped onto
    the policy's scale, so that the threshold chosen by cross-validation lands on the policy's FLAG score. A
    category whose lexicon phrases were all cancelled by context (support, negation, history, quotation, someone
    else: `cancelled`) has its probability multiplied by CANCEL_DAMPEN first.

    Without thresholds (a bare fit()), the older scoring applies:

    The most likely harmful category is scored by the total probability of "not benign" (1 - p(none)), because
    crisis and self-harm (or harassment and spam) split the mass between them on ambiguous posts; the others keep
    their own probability.
    """
    harmful = {lab: p for lab, p in probs.items() if lab not in ("none", ACUTE)}
    if not harmful:
        return []
    if thresholds:
        out = []
        for lab, p in harmful.items():
            if lab == "crisis":  # the same score choose_thresholds learned the threshold on (scored_probs)
                p = float(crisis_score(p, probs.get("self_harm", 0.0), probs.get(ACUTE, 0.0)))
            note = ""
            if cancelled and lab in cancelled:
                p, note = p * CANCEL_DAMPEN, f", dampened: {cancelled[lab]}"
            if room and lab in room:
                note += f", read without the {room[lab]}"
            flag = policy.THRESHOLDS[lab][0] if lab in policy.THRESHOLDS else 0.5
            score = to_policy_scale(p, thresholds.get(lab, 0.5), flag)
            if score < REPORT_MIN:
                continue
            severity = int(min(4, max(1, round(sev)))) if lab == "crisis" else (2 if score >= 0.8 else 1)
            out.append(
                Signal(lab, severity, float(score), NAME, f"classifier: {lab} {score:.2f} (p={p:.2f}{note})")
            )
        return out
    risk = 1.0 - probs.get("none", 0.0)
    top = max(harmful, key=harmful.get)
    out = []
    for lab, p in harmful.items():
        # Safety first: risk to self also gets the whole score when it holds a fair share of it, so a goodbye
        # the model half-reads as spam or harassment is still seen as a possible crisis.
        share = lab in RISK_TO_SELF and p >= RISK_SHARE * risk
        score = risk if (lab == top or share) else p
        if score < REPORT_MIN:
            continue
        severity = int(min(4, max(1, round(sev)))) if lab == "crisis" else (2 if score >= 0.8 else 1)
        out.append(Signal(lab, severity, float(score), NAME, f"classifier: {lab} {score:.2f}"))
    return out


class ClassifierDetector:
    """The detector interface around a loaded model."""

    def __init__(self, model: Model) -> None:
        self.model = model

    def detect(
        self, text: str, normalised: Normalised, context: Context, cancelled: dict[str, str] | None = None
    ) -> list[Signal]:
        """Return one signal per category whose probability is worth reporting."""
        words = feature_words(text) if _LINK.search(text) else normalised.words
        if not words.strip():  # nothing to read: the model would only report its class priors
            return []
        probs, sev = self.model.predict(words)
        room = {}
        for rw in room_words.explaining(words, context.rules.topic):
            rest = room_words.without(words, rw)
            alone = self.model.predict(rest)[0].get(rw.category, 1.0) if rest else 1.0
            if alone < probs.get(rw.category, 0.0):
                probs[rw.category], room[rw.category] = alone, rw.because
        return signals_from(probs, sev, getattr(self.model, "thresholds", None), cancelled, room)
