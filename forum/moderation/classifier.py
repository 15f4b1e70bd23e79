"""Classifier detector: word + character n-gram TF-IDF into linear models, trained on the shipped corpus."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from forum.moderation import policy
from forum.moderation.corpus import LABELS, Row, load_corpus, split
from forum.moderation.normalise import Normalised, normalise
from forum.moderation.thresholds import CANCEL_DAMPEN, choose_thresholds, crisis_score, lexicon_view
from forum.moderation.types import Context, Signal

NAME = "classifier"
FORMAT = 4  # bump when the saved structure changes; older files are then treated as missing
REPORT_MIN = 0.15  # probabilities below this are not reported as signals at all
C_CATEGORY = 4.0  # inverse regularisation, chosen on the train part by cross-validation (see bench)
# Class weighting was measured too: "balanced" inflates every harmful probability on short, uninformative texts
# ("happy friday everyone!" scored 0.8 crisis) and gave lower recall at the same false-alarm rate.
CLASS_WEIGHT: str | None = None
FOLD_JOBS = 2
FOLD_BACKEND = "processes"
THRESHOLD_FOLDS = 5  # folds of the cross-validation that chooses the per-category thresholds in train()
C_SEVERITY = 4.0
RISK_TO_SELF = ("crisis", "self_harm")
RISK_SHARE = 0.3  # see signals_from
Progress = Callable[[str], None]
# Crisis plans, goodbyes and attempts (severity 3-4) are fitted as a class of their own and added back into crisis:
# a linear model fits them poorly in one class with the quiet severity-1 rows ("i'm a burden"), which read like
# ordinary distress. Measured by 5-fold cross-validation on the train part (Dec 2026, 8,720 rows): crisis recall
# 0.741 -> 0.765 and severity >= 3 recall 0.785 -> 0.801 at the 4.5 % budget, pro-harm unchanged (0.584 / 0.585).
ACUTE = "crisis_acute"


def fit_label(row: Row) -> str:
    """The class a row is fitted as (crisis severity 3-4 apart, see ACUTE)."""
    return ACUTE if row.label == "crisis" and row.severity >= 3 else row.label


def _public(label: str) -> str:
    return "crisis" if label == ACUTE else label


_WORD = re.compile(r"\b\w[\w']*\b")
CHAR_N = (2, 5)  # character n-gram sizes inside word boundaries (like sklearn's char_wb)
_CACHE_MAX = 200_000  # words whose char n-gram feature ids are remembered per model


# Web addresses become one token: the model should learn "has a link", not the made-up domains of the corpus
# (the spam rows use *.test and *.example, which once taught it that the word "test" means spam).
_LINK = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:test|example|com|net|org|io|co|uk|biz|info|"
    r"shop|xyz|ru|me|app|site|online|store)\b\S*"
)


def feature_words(text: str) -> str:
    """The normalised word form the classifier reads, with web addresses replaced by one token."""
    return normalise(_LINK.sub(" weblink ", text)).words


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams of a normalised text."""
    toks = _WORD.findall(text)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


@lru_cache(maxsize=_CACHE_MAX)
def _word_chargrams(word: str) -> tuple[str, ...]:
    w = f" {word} "
    return tuple(w[i : i + n] for n in range(CHAR_N[0], CHAR_N[1] + 1) for i in range(len(w) - n + 1))


def char_ngrams(text: str) -> list[str]:
    """Character 2-5-grams of each whitespace-separated word, padded with spaces."""
    out: list[str] = []
    for w in text.split():
        out.extend(_word_chargrams(w))
    return out


def _tfidf(ids: list[int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear TF-IDF, L2-normalised, as TfidfVectorizer(sublinear_tf=True) computes it."""
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    uniq, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
    vals = (1.0 + np.log(counts)) * idf[uniq]
    norm = np.sqrt(np.dot(vals, vals))
    return uniq, (vals / norm if norm else vals)


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
    # category -> probability at which the category is flagged, chosen in train() by cross-validation on the
    # training rows for policy.FALSE_ALARM_BUDGET; signals map it onto the policy's FLAG score (see signals_from).
    # Empty for a model made by fit() alone (then the older 1 - p(none) scoring applies).
    thresholds: dict[str, float] = field(default_factory=dict)
    _char_ids: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_char_ids"] = {}  # a cache, not part of the model
        return state

    def features(self, words: list[str]) -> sparse.csr_matrix:
        """Vectorise already-normalised texts (Normalised.words) with the fitted vectorisers."""
        return sparse.hstack([self.word.transform(words), self.char.transform(words)], format="csr")

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
        wi, wv = _tfidf(wids, self.word.idf_)
        ci, cv = _tfidf(cids, self.char.idf_)
        return np.concatenate([wi, ci + len(wvocab)]), np.concatenate([wv, cv]).astype(np.float32)

    def predict(self, words: str) -> tuple[dict[str, float], float]:
        """Return label -> probability and the expected crisis severity for one normalised text."""
        idx, vals = self._fast_vector(words)
        probs = _softmax((vals @ self.coef[idx] + self.intercept)[None, :])[0] @ self.fold
        sev = 0.0
        if self.sev_coef is not None:
            p = _softmax((vals @ self.sev_coef[idx] + self.sev_intercept)[None, :])[0]
            sev = float(np.dot(p, self.sev_classes))
        return dict(zip(self.labels, probs.tolist(), strict=True)), sev

    def predict_many(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (probabilities n x labels, expected severities n) for many normalised texts."""
        x = self.features(words)
        probs = _softmax(x @ self.coef + self.intercept) @ self.fold
        sev = np.zeros(len(words))
        if self.sev_coef is not None:
            sev = _softmax(x @ self.sev_coef + self.sev_intercept) @ np.array(self.sev_classes, dtype=float)
        return probs, sev


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _softmax_form(fitted: LogisticRegression) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients (n_features x n_classes) and intercepts for a softmax, also from a two-class model."""
    coef, icpt = fitted.coef_, fitted.intercept_
    if coef.shape[0] == 1:  # binary: expand to two columns so the softmax form still applies
        coef, icpt = np.vstack([-coef / 2, coef / 2]), np.array([-icpt[0] / 2, icpt[0] / 2])
    return np.asarray(coef.T, dtype=np.float32), np.asarray(icpt, dtype=np.float32)


def _vectorisers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    # Our own analysers (module-level, so the model pickles) let predict() reproduce the vectors without sklearn.
    word = TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(
        analyzer=char_ngrams, min_df=2, sublinear_tf=True, max_features=150_000, dtype=np.float32
    )
    return word, char


def _sources(rows: list[Row]) -> list[dict]:
    counts = Counter(r.source or "extra" for r in rows)
    digest: dict[str, hashlib._Hash] = {}
    for r in rows:
        digest.setdefault(r.source or "extra", hashlib.sha256()).update(r.text.encode("utf-8"))
    return [{"name": k, "rows": counts[k], "sha256": digest[k].hexdigest()[:16]} for k in sorted(counts)]


def fit(rows: list[Row], progress: Progress | None = None, c: float = C_CATEGORY) -> Model:
    """Fit the vectorisers, the category model and the crisis-severity model on `rows`."""
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    words = [feature_words(r.text) for r in rows]
    say(f"normalised {len(rows)} texts ({time.perf_counter() - t0:.1f}s)")
    word, char = _vectorisers()
    x = sparse.hstack([word.fit_transform(words), char.fit_transform(words)], format="csr")
    say(f"vectorised: {x.shape[1]} features ({time.perf_counter() - t0:.1f}s)")
    y = np.array([fit_label(r) for r in rows])
    labels = [lab for lab in LABELS if lab in {_public(v) for v in y}]
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=CLASS_WEIGHT)
    clf.fit(x, y)
    fold = np.array(
        [[float(_public(cls) == lab) for lab in labels] for cls in clf.classes_], dtype=np.float32
    )
    say(f"fitted category model ({time.perf_counter() - t0:.1f}s)")
    model = Model(
        "",
        "",
        len(rows),
        [],
        {},
        word,
        char,
        labels,
        *_softmax_form(clf),
        fold,
    )
    crisis = [i for i, r in enumerate(rows) if r.label == "crisis" and r.severity]
    sev_y = np.array([rows[i].severity for i in crisis])
    if len(set(sev_y)) >= 2:
        sev = LogisticRegression(C=C_SEVERITY, max_iter=2000, class_weight="balanced")
        sev.fit(x[crisis], sev_y)
        model.sev_coef, model.sev_intercept = _softmax_form(sev)
        model.sev_classes = [int(v) for v in sev.classes_]
        say(f"fitted crisis-severity model on {len(crisis)} rows ({time.perf_counter() - t0:.1f}s)")
    return model


def _fold_of(text: str, k: int) -> int:
    key = " ".join(text.casefold().split()).encode("utf-8")
    return int.from_bytes(hashlib.sha1(b"cv:" + key).digest()[:4], "big") % k


def _fold_probs(
    words: list[str], y: np.ndarray, tr: np.ndarray, te: np.ndarray, c: float, also: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities (rows x LABELS) of rows `te`, and of the texts `also`, from a model fitted on rows `tr`."""
    word, char = _vectorisers()
    x_tr = sparse.hstack(
        [word.fit_transform([words[i] for i in tr]), char.fit_transform([words[i] for i in tr])], format="csr"
    )
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=CLASS_WEIGHT).fit(x_tr, y[tr])

    def probs(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(LABELS)))
        if texts:
            p = clf.predict_proba(sparse.hstack([word.transform(texts), char.transform(texts)], format="csr"))
            for j, lab in enumerate(clf.classes_):
                out[:, LABELS.index(_public(lab))] += p[:, j]
        return out

    return probs([words[i] for i in te]), probs(also)


def out_of_fold(
    rows: list[Row], k: int = THRESHOLD_FOLDS, c: float = C_CATEGORY, also: list[Row] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Class probabilities (n x LABELS) of each row from a category model fitted on the other k-1 folds, and
    of each row of `also` averaged over the k fold models (none of which saw it)."""
    words = [feature_words(r.text) for r in rows]
    also_words = [feature_words(r.text) for r in also]
    y = np.array([fit_label(r) for r in rows])
    folds = np.array([_fold_of(r.text, k) for r in rows])
    parts = [(np.where(folds != f)[0], np.where(folds == f)[0]) for f in range(k)]
    parts = [(tr, te) for tr, te in parts if len(te) and len(set(y[tr])) >= 2]
    # The folds are independent: fitting them side by side saves time at set-up on two cores.
    done = Parallel(n_jobs=FOLD_JOBS, prefer=FOLD_BACKEND)(
        delayed(_fold_probs)(words, y, tr, te, c, also_words) for tr, te in parts
    )
    probs, also_probs = np.zeros((len(rows), len(LABELS))), np.zeros((len(also_words), len(LABELS)))
    for (_tr, te), (p, q) in zip(parts, done, strict=True):
        probs[te] = p
        also_probs += q / len(parts)
    return probs, also_probs


def evaluate(model: Model, rows: list[Row]) -> dict:
    """Return per-label precision/recall of the classifier alone (argmax) on `rows`."""
    probs, _ = model.predict_many([feature_words(r.text) for r in rows])
    return evaluate_probs(probs, model.labels, rows)


def evaluate_probs(probs: np.ndarray, labels: list[str] | tuple[str, ...], rows: list[Row]) -> dict:
    """Per-label precision/recall of the argmax of `probs` (rows x labels) against the rows' labels."""
    pred = [labels[i] for i in probs.argmax(axis=1)]
    out = {}
    for lab in labels:
        tp = sum(p == lab and r.label == lab for p, r in zip(pred, rows, strict=False))
        n_pred = sum(p == lab for p in pred)
        n_true = sum(r.label == lab for r in rows)
        if not n_true and not n_pred:
            continue
        out[lab] = {
            "precision": round(tp / n_pred, 3) if n_pred else None,
            "recall": round(tp / n_true, 3) if n_true else None,
            "n": n_true,
        }
    return out


def _choose(cv_rows: list[Row], probs: np.ndarray, say: Progress) -> tuple[dict[str, float], dict]:
    """Thresholds for the policy's budget, and the cross-validated figures for every budget the bench reports."""
    view = lexicon_view(cv_rows)
    report: dict = {}
    thresholds: dict[str, float] = {}
    for budget in sorted({*policy.BUDGETS_REPORTED, policy.FALSE_ALARM_BUDGET}):
        th, rep = choose_thresholds(cv_rows, probs, budget, view)
        report[f"{budget:.3f}"] = {"thresholds": {k: round(v, 4) for k, v in th.items()}, **rep}
        if budget == policy.FALSE_ALARM_BUDGET:
            thresholds = th
    chosen = report[f"{policy.FALSE_ALARM_BUDGET:.3f}"]
    say(
        f"chose per-category thresholds by {THRESHOLD_FOLDS}-fold cross-validation for a "
        f"{policy.FALSE_ALARM_BUDGET:.1%} false-alarm budget: "
        + ", ".join(f"{k} {v:.2f}" for k, v in thresholds.items())
        + f" (cross-validated crisis recall {chosen.get('crisis recall')}, "
        f"false alarms {chosen.get('false alarms on none')})"
    )
    return thresholds, report


def train(
    rows: Iterable[Row] | None = None,
    extra: Iterable[Row] = (),
    progress: Progress | None = print,
    use_all: bool = True,
) -> Model:
    """Train a model on the corpus plus `extra` rows; metrics come from the held-out 20 % of the corpus.

    With use_all the shipped model is then refitted on everything (production); otherwise it stays trained on
    the train part only (what the benchmark uses).
    """
    say = progress or (lambda _msg: None)
    corpus = list(rows) if rows is not None else load_corpus()
    extra = list(extra)
    train_part, held_out = split(corpus)
    say(
        f"corpus: {len(corpus)} rows ({len(train_part)} train, {len(held_out)} held out), extra: {len(extra)}"
    )
    # Thresholds from cross-validation on the training rows only (never the held-out part).
    cv_rows = train_part + extra
    metrics: dict = {"n_held_out": len(held_out)}
    thresholds: dict[str, float] = {}
    held_probs = None
    if len({r.label for r in cv_rows}) >= 2 and len(cv_rows) >= 10 * THRESHOLD_FOLDS:
        probs, held_probs = out_of_fold(cv_rows, also=held_out)
        thresholds, metrics["cv"] = _choose(cv_rows, probs, say)
    if use_all and held_probs is not None:
        # The fold models never saw the held-out part either: measuring with them spares a whole fit at set-up.
        metrics["held_out"] = evaluate_probs(held_probs, LABELS, held_out) if held_out else {}
        say(f"measured on the held-out part (the {THRESHOLD_FOLDS} cross-validation models, averaged)")
    else:
        model = fit(cv_rows, say)
        metrics["held_out"] = evaluate(model, held_out) if held_out else {}
        say("measured on the held-out part")
    if use_all:
        model = fit(corpus + extra, say)
    model.thresholds = thresholds
    model.version = f"{FORMAT}.{datetime.now(UTC):%Y%m%d%H%M%S}"
    model.trained_at = datetime.now(UTC).isoformat(timespec="seconds")
    model.n_examples = len(corpus) + len(extra) if use_all else len(train_part) + len(extra)
    model.data_sources = _sources((corpus if use_all else train_part) + extra)
    model.metrics = metrics
    say(f"done: model {model.version}")
    return model


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
) -> list[Signal]:
    """Turn class probabilities into signals.

    With learned thresholds (a model made by train()) each category is scored by its own probability mapped onto
    the policy's scale, so that the threshold chosen by cross-validation lands on the policy's FLAG score. A
    category whose lexicon phrases were all cancelled by context (support, negation, history, quotation, someone
    else: `cancelled`) has its probability multiplied by CANCEL_DAMPEN first.

    Without thresholds (a bare fit()), the older scoring applies:

    The most likely harmful category is scored by the total probability of "not benign" (1 - p(none)), because
    crisis and self-harm (or harassment and spam) split the mass between them on ambiguous posts; the others keep
    their own probability.
    """
    harmful = {lab: p for lab, p in probs.items() if lab != "none"}
    if not harmful:
        return []
    if thresholds:
        out = []
        for lab, p in harmful.items():
            if lab == "crisis":  # the same score choose_thresholds learned the threshold on (scored_probs)
                p = float(crisis_score(p, probs.get("self_harm", 0.0)))
            note = ""
            if cancelled and lab in cancelled:
                p, note = p * CANCEL_DAMPEN, f", dampened: {cancelled[lab]}"
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
        probs, sev = self.model.predict(words)
        return signals_from(probs, sev, getattr(self.model, "thresholds", None), cancelled)
