"""The command-line contract: JSON lines in, JSON lines out; evaluate; train."""

import json
import shutil
from pathlib import Path

import pytest

from forum.moderation import model_file, training
from forum.moderation.cli import model_path
from forum.moderation.corpus import load_corpus
from models import ModerationLabel, db


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def every_25th_row(monkeypatch):
    """`train` reads every 25th row of the shipped corpus (as test_classifier's production-training test does):
    the command does all the same work (cross-validated thresholds, the model fitted alongside, held-out figures,
    the saved file) in seconds rather than minutes. The whole corpus is trained on by conftest's moderation_model.
    """
    rows = load_corpus()[::25]
    monkeypatch.setattr(training, "load_corpus", lambda: rows)


def _assess(runner, *items):
    lines = "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n"
    result = runner.invoke(args=["moderation", "assess"], input=lines)
    return result, [json.loads(line) for line in result.output.splitlines()]


def test_assess_json_lines(runner):
    result, out = _assess(
        runner,
        {"text": "i've been saving my pills and this is goodbye", "room": "depression"},
        {"text": "this commute is killing me", "room": "general"},
        {"text": "thinspo thread, post your pics", "room": "eating-disorders"},
    )
    assert result.exit_code == 0 and len(out) == 3
    crisis, idiom, pro = out
    assert (
        crisis["action"] == "flag" and crisis["categories"]["crisis"]["severity"] >= 3 and crisis["reasons"]
    )
    assert set(crisis["categories"]["crisis"]) >= {"severity", "score"}
    assert idiom == {**idiom, "action": "publish", "categories": {}}
    assert pro["action"] == "hold" and "pro_harm" in pro["categories"]


def test_room_topics_turn_on_room_rules(runner, make_group):
    make_group("my-ed-room", category="eating-disorders")
    _, out = _assess(
        runner,
        {"text": "i weigh 50kg now", "room": "eating-disorders"},
        {"text": "i weigh 50kg now", "room": "my-ed-room"},
        {"text": "i weigh 50kg now", "room": "grief"},
    )
    assert out[0]["action"] == "hold" and "rule" in out[0]["categories"]
    assert out[1]["action"] == "hold" and "rule" in out[1]["categories"]
    assert "rule" not in out[2]["categories"]


def test_malformed_lines_get_error_lines_and_exit_code(runner):
    result, out = _assess(runner, "not json", {"room": "x"}, {"text": "hello friends"})
    assert result.exit_code == 1
    assert "error" in out[0] and "error" in out[1] and out[2]["action"] == "publish"


def test_before_reads_the_text_with_the_authors_lines_before_it(runner):
    line = "what's everyone having for tea tonight"
    result, out = _assess(
        runner,
        {"text": line},
        {"text": line, "before": ["", "thinking about killing myself"]},
        {"text": line, "before": "thinking about killing myself"},
        {"text": line, "before": [3]},
    )
    assert result.exit_code == 1
    alone, together, *errors = out
    assert alone["action"] == "publish"
    assert together["action"] == "flag" and together["categories"]["crisis"]["severity"] == 2
    assert any(s["reason"].startswith("read with the member's 1 line before it") for s in together["signals"])
    assert all('"before" must be a list of strings' in e["error"] for e in errors)


def test_answering_reads_the_text_against_the_posts_it_replies_to(runner):
    wish = "honestly my family would be better off if i wasn't around. i want to die"
    result, out = _assess(
        runner,
        {"text": "same tbh"},
        {"text": "same tbh", "answering": ["", wish]},
        {"text": "same tbh", "answering": wish},
    )
    assert result.exit_code == 1
    alone, against, error = out
    assert alone["action"] == "publish"
    assert against["action"] == "flag" and "crisis" in against["categories"]
    assert any(s["source"] == "reply" and s["evidence"] == "same tbh" for s in against["signals"])
    assert '"answering" must be a list of strings' in error["error"]


def test_evaluate_prints_precision_recall_false_alarms(runner, tmp_path):
    data = tmp_path / "eval.csv"
    data.write_text(
        "text,label\n"
        '"i want to end it all tonight, i have everything ready",crisis\n'
        '"this is goodbye, thank you all",crisis\n'
        '"my feet are killing me after that walk",none\n'
        '"had a lovely cup of tea with my sister",none\n',
        encoding="utf-8",
    )
    result = runner.invoke(args=["moderation", "evaluate", "--data", str(data), "--json"])
    report = json.loads(result.output)
    assert report["n"] == 4 and report["n_negative"] == 2
    assert report["categories"]["crisis"]["recall"] == 1.0
    assert report["false_alarm_rate"] == 0.0
    text = runner.invoke(args=["moderation", "evaluate", "--data", str(data)]).output
    assert "precision" in text and "false-alarm rate" in text


def test_evaluate_refuses_csv_without_columns(runner, tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("words,tag\nhello,none\n", encoding="utf-8")
    result = runner.invoke(args=["moderation", "evaluate", "--data", str(data)])
    assert result.exit_code != 0 and "text,label" in result.output


@pytest.mark.usefixtures("every_25th_row")
def test_train_uses_moderator_labels_and_if_missing(app, runner, tmp_path, monkeypatch):
    path = tmp_path / "m.joblib"
    app.config["MODERATION_MODEL_FILE"] = "unused"
    monkeypatch.setattr("forum.moderation.cli.model_path", lambda: path)
    db.session.add(ModerationLabel(text="a moderator judged this to be spam, buy now", label="spam"))
    db.session.commit()
    result = runner.invoke(args=["moderation", "train"])
    assert result.exit_code == 0, result.output
    model = model_file.load(path)
    assert model is not None and any(s.get("name") == "moderator_labels" or "moderator" in str(s)
                                     for s in model.data_sources)  # fmt: skip
    again = runner.invoke(args=["moderation", "train", "--if-missing"])
    assert "present" in again.output


@pytest.mark.usefixtures("every_25th_row")
def test_if_missing_retrains_a_model_made_from_another_corpus_or_lexicon(
    app, runner, tmp_path, monkeypatch, moderation_model
):
    path = tmp_path / "m.joblib"
    shutil.copy(moderation_model, path)  # the session's model, made from the shipped corpus and lexicon
    monkeypatch.setattr("forum.moderation.cli.model_path", lambda: path)
    assert "present" in runner.invoke(args=["moderation", "train", "--if-missing"]).output
    first = model_file.load(path).version
    monkeypatch.setattr(training, "inputs_fingerprint", lambda: "a-changed-corpus")  # as after a pull
    result = runner.invoke(args=["moderation", "train", "--if-missing"])
    assert result.exit_code == 0 and "out of date" in result.output, result.output
    assert model_file.load(path).inputs == "a-changed-corpus" and model_file.load(path).version != first


def test_assess_before_set_up_reads_rooms_as_topics(tmp_path):
    """On an empty database (no migrations yet) assess still answers, reading the room as a topic."""
    from forum import create_app

    bare = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result, out = _assess(bare.test_cli_runner(), {"text": "I weigh 45kg now", "room": "eating-disorders"})
    assert (
        result.exit_code == 0 and out[0]["action"] == "hold" and "numbers rule: weight" in out[0]["reasons"]
    )


def test_train_writes_the_model_file_the_app_reads(app, tmp_path):
    """MODERATION_MODEL_PATH moves the file for training as well as loading (train once wrote the instance file)."""
    app.config["MODERATION_MODEL_PATH"] = str(tmp_path / "elsewhere.joblib")
    assert model_path() == tmp_path / "elsewhere.joblib"
    app.config["MODERATION_MODEL_PATH"] = None
    assert model_path() == Path(app.instance_path) / app.config["MODERATION_MODEL_FILE"]
