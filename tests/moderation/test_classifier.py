import logging

import joblib
import pytest

from forum.moderation import Context, assess, classifier, decide, model_file, training
from forum.moderation.corpus import load_corpus, split_of


def test_split_is_deterministic() -> None:
    assert split_of("Hello there") == split_of("hello   THERE")
    assert {split_of(f"text {i}") for i in range(50)} == {"train", "test"}


def test_model_predicts(small_model: classifier.Model) -> None:
    probs, sev = small_model.predict("i want to die")
    assert max(probs, key=probs.get) == "crisis" and 1 <= sev <= 4


def test_a_text_with_no_words_gets_no_classifier_signal(small_model: classifier.Model) -> None:
    # The model's answer to an empty vector is its class priors, not a reading of the post.
    for text in ("", "   ", "\u200b"):
        a = assess(text, Context(), model=small_model)
        assert not [s for s in a.signals if s.source == "classifier"]


def test_save_load_roundtrip(small_model: classifier.Model, tmp_path) -> None:
    path = tmp_path / "model.joblib"
    model_file.save(small_model, path)
    loaded = model_file.load(str(path))
    assert loaded is not None and loaded.version == "test"
    assert model_file.load(str(path)) is loaded  # cached once per process
    a = assess("i want to die", Context(), model=loaded)
    assert any(s.source == "classifier" for s in a.signals)


def test_missing_model_falls_back(tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="forum.moderation"):
        assert model_file.load(str(tmp_path / "nope.joblib")) is None
    assert "lexicon" in caplog.text


def test_corrupt_model_falls_back(tmp_path, caplog) -> None:
    path = tmp_path / "bad.joblib"
    path.write_bytes(b"not a model")
    with caplog.at_level(logging.ERROR, logger="forum.moderation"):
        model = model_file.load(str(path))
    assert model is None and "unreadable" in caplog.text
    d = decide(assess("i've been saving my pills", Context(), model=model), Context())
    assert d.action == "flag" and d.priority == "urgent"  # the lexicon still works


def test_model_of_an_older_format_falls_back_with_a_warning(tmp_path, caplog, small_model) -> None:
    """After an upgrade the old file is not an error: it is set aside until train rebuilds it."""
    path = tmp_path / "old.joblib"
    model_file.save(small_model, path)
    payload = joblib.load(path)
    joblib.dump({**payload, "format": classifier.FORMAT - 1}, path)
    with caplog.at_level(logging.WARNING, logger="forum.moderation"):
        assert model_file.load(str(path)) is None
    assert "format" in caplog.text and "train" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_train_reports_progress_and_metadata(tiny_rows) -> None:
    steps: list[str] = []
    model = training.train(tiny_rows, progress=steps.append, use_all=False)
    assert len(steps) >= 4 and model.version and model.n_examples > 0
    assert model.data_sources and "held_out" in model.metrics


def test_acute_crisis_is_fitted_apart_and_reported_as_crisis(small_model: classifier.Model) -> None:
    """Plans and goodbyes have their own fitted class, reported as crisis; its probability is given apart as the
    part of crisis's that thresholds.crisis_score weighs."""
    assert "crisis_acute" not in small_model.labels
    assert small_model.coef.shape[1] == small_model.fold.shape[0] == len(small_model.labels) + 1
    probs, _ = small_model.predict("this is goodbye, i won't be here tomorrow")
    assert set(probs) == {*small_model.labels, "crisis_acute"}
    assert abs(sum(p for lab, p in probs.items() if lab != "crisis_acute") - 1) < 1e-5
    # The 46-row model is unsure of any sentence (the soft norm keeps it near its priors), so crisis must lead the
    # harmful labels, not beat "none".
    harmful = [lab for lab in small_model.labels if lab != "none"]
    assert 0 < probs["crisis_acute"] <= probs["crisis"] and max(harmful, key=probs.get) == "crisis"
    texts = ["this is goodbye, i won't be here tomorrow", "lovely walk today"]
    many, _, acute = small_model.predict_scored(texts)
    assert many.shape == (2, len(small_model.labels)) and acute[0] == pytest.approx(
        probs["crisis_acute"], abs=1e-5
    )
    assert acute[0] > acute[1]


def test_production_train_measures_the_held_out_part_with_the_fold_models() -> None:
    """use_all refits on everything, so the held-out figures come from the cross-validation models, which
    never saw those rows; the bench's train-part model gives figures of the same shape."""
    rows = load_corpus()[::25]  # enough rows for the threshold cross-validation, still quick
    steps: list[str] = []
    model = training.train(rows, progress=steps.append, use_all=True)
    assert any("cross-validation models" in s for s in steps)
    held = model.metrics["held_out"]
    assert held and all(0 <= (v["recall"] or 0) <= 1 and v["n"] >= 0 for v in held.values())
    assert model.n_examples == len(rows) and model.thresholds
    bench = training.train(rows, progress=None, use_all=False).metrics["held_out"]
    assert set(bench) >= {lab for lab, v in held.items() if v["n"]}


def test_out_of_fold_scores_extra_rows_with_models_that_never_saw_them(tiny_rows) -> None:
    train_part, held = tiny_rows[: len(tiny_rows) // 2], tiny_rows[len(tiny_rows) // 2 :]
    oof = training.out_of_fold(train_part, k=3, also=held)
    probs, also = oof.probs, oof.also
    assert probs.shape == (len(train_part), len(training.LABELS)) and also.shape[0] == len(held)
    assert oof.acute.shape == (len(train_part),) and oof.also_acute.shape == (len(held),)
    assert (
        oof.acute <= probs[:, training.LABELS.index("crisis")] + 1e-9
    ).all()  # a part of crisis's probability
    assert abs(also.sum(axis=1) - 1).max() < 1e-6  # an average of three probability vectors


def test_the_fast_path_reads_the_same_vectors_as_the_batch_path(small_model: classifier.Model) -> None:
    """predict() rebuilds the soft-normalised vector by hand; it must agree with predict_many's sparse matrix."""
    texts = ["sorry", "thank u", "i want to die", "a long post about the week " * 12, "zzqx unseen words"]
    batch, batch_sev = small_model.predict_many(texts)
    for i, text in enumerate(texts):
        probs, sev = small_model.predict(text)
        assert [probs[lab] for lab in small_model.labels] == pytest.approx(batch[i].tolist(), abs=1e-5)
        assert sev == pytest.approx(batch_sev[i], abs=1e-4)


def test_the_soft_norm_shortens_the_vectors_of_short_texts_only() -> None:
    from scipy import sparse

    short = sparse.csr_matrix([[3.0, 4.0, 0.0]])  # length 5
    long = sparse.csr_matrix([[30.0, 40.0, 0.0]])  # length 50
    empty = sparse.csr_matrix([[0.0, 0.0, 0.0]])
    lengths = [sparse.linalg.norm(classifier.soft_normalise(m, 10.0)) for m in (short, long, empty)]
    assert lengths[0] == pytest.approx(5 / (125**0.5)) and lengths[1] == pytest.approx(50 / (2600**0.5))
    assert lengths[0] < 0.5 < 0.98 < lengths[1] and lengths[2] == 0
    assert sparse.linalg.norm(classifier.soft_normalise(short, 0.0)) == pytest.approx(1.0)  # plain L2


def test_a_phone_apostrophe_reads_like_a_typed_one(small_model: classifier.Model) -> None:
    """The corpus uses "'" only: "i\u2019m" must not reach the model as "i" and "m"."""
    straight = assess("i can't do this anymore, i'm done", Context(), model=small_model)
    curly = assess("i can\u2019t do this anymore, i\u2019m done", Context(), model=small_model)
    assert [(s.category, s.score) for s in curly.signals] == [(s.category, s.score) for s in straight.signals]
    assert curly.signals


def test_a_contraction_without_its_apostrophe_reads_like_one_with_it(small_model: classifier.Model) -> None:
    """ "im", "dont" and "cant" are features of "i'm", "don't" and "can't": how a member types is not a risk."""
    assert classifier.spelled("sorry im late, dont wait. its fine, ill be ok") == (
        "sorry i'm late, don't wait. its fine, ill be ok"  # "its" and "ill" are words of their own
    )
    bare, typed = (
        small_model.predict("im done i cant do this"),
        small_model.predict("i'm done i can't do this"),
    )
    assert bare[0] == pytest.approx(typed[0]) and bare[1] == pytest.approx(typed[1])
    batch = small_model.predict_many(["im done i cant do this"])[0][0]
    assert list(batch) == pytest.approx(list(typed[0].values())[: len(batch)])


def test_the_mlp_is_averaged_with_the_linear_model(small_model: classifier.Model) -> None:
    import copy

    linear = copy.copy(small_model)
    linear.mlp = None
    text = "been saving my pills, goodbye everyone"
    both, _ = small_model.predict(classifier.feature_words(text))
    alone, _ = linear.predict(classifier.feature_words(text))
    assert small_model.mlp is not None and small_model.mlp[0].shape[1] == training.MLP_UNITS
    assert both != alone
    assert abs(sum(v for k, v in both.items() if k != "crisis_acute") - 1) < 1e-5


def test_a_two_class_model_has_a_softmax_mlp() -> None:
    from forum.moderation.corpus import Row

    rows = [Row(f"i want to die tonight {i}", "crisis", 2) for i in range(6)]
    rows += [Row(f"lovely walk with the dog {i}", "none") for i in range(6)]
    model = training.fit(rows)
    assert model.mlp is not None and model.mlp[2].shape[1] == 2  # one logistic unit, spread over two columns
    probs, _ = model.predict(classifier.feature_words("i want to die"))
    assert probs["crisis"] > probs["none"] and abs(probs["crisis"] + probs["none"] - 1) < 1e-5
