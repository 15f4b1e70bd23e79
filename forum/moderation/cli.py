"""`flask moderation assess | evaluate | train`: the command-line contract quality is measured with."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from models import Category, Group, ModerationLabel, db

from . import model_file, pipeline, training
from .corpus import LABELS, Row, read_csv
from .types import AuthorInfo, Context, RoomRules

moderation_cli = AppGroup("moderation", help="Assess text, evaluate on labelled data, train the classifier.")


def model_path() -> Path:
    """The model file the app loads (one rule for both, see model_file.configured_path)."""
    return model_file.configured_path(current_app.config, current_app.instance_path)


def rules_for_room(room: str | None) -> RoomRules:
    """A group slug, a category slug, or a plain topic (e.g. eating-disorders); unknown means general."""
    from forum.demo import rules_for_topic
    from forum.services.screening import room_rules

    room = (room or "").strip().lower()
    if not room:
        return RoomRules()
    try:
        group = db.session.scalar(select(Group).where(Group.slug == room))
        category = None if group else db.session.scalar(select(Category).where(Category.slug == room))
    except SQLAlchemyError:
        # No database yet (assess run before set-up): rooms are read as plain topics.
        db.session.rollback()
        group = category = None
    if group is not None:
        return room_rules(group)
    # A plain topic gets the settings a new room of that topic would start with.
    return rules_for_topic(category.topic if category is not None else room)


def assess_line(
    text: str, room: str | None, before: tuple[str, ...] = (), answering: tuple[str, ...] = ()
) -> dict:
    """The JSON answer for one text in one room; with `before` (the author's chat lines before it, oldest first)
    it is read as a chat line, also together with them, as the chat service reads it; with `answering` (other
    members' posts it replies to) it is also read against them, as a reply is."""
    from forum.services.screening import BEFORE_LINES

    before = before[-BEFORE_LINES:]
    context = Context(kind="chat" if before else "post", rules=rules_for_room(room), author=AuthorInfo(),
                      before=before, answering=answering)  # fmt: skip
    assessment = pipeline.assess(text, context)
    decision = pipeline.decide(assessment, context)
    extra = [*(assessment.together.signals if assessment.together else ()),
             *(assessment.answers.signals if assessment.answers else ())]  # fmt: skip
    return {"categories": assessment.categories(), "action": decision.action, "reasons": decision.reasons,
            "priority": decision.priority, "show_resources": decision.show_resources, "helper": decision.helper,
            "signals": [s.to_dict() for s in [*assessment.signals, *extra]]}  # fmt: skip


def _texts(item: dict, key: str, what: str) -> tuple[str, ...]:
    """An optional list of strings of an input line ("before", "answering")."""
    texts = item.get(key, [])
    if not isinstance(texts, list) or not all(isinstance(b, str) for b in texts):
        raise ValueError(f'"{key}" must be a list of strings ({what})')
    return tuple(b for b in texts if b.strip())


@moderation_cli.command("assess")
def assess_command() -> None:
    """Read JSON lines {"text", "room"[, "before", "answering"]} on stdin; write one JSON line per input."""
    failures = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be an object with a "text" string')
            room = item.get("room") if isinstance(item.get("room"), str) else None
            before = _texts(item, "before", "the lines before the text, oldest first")
            out = assess_line(
                item["text"], room, before, _texts(item, "answering", "the posts the text replies to")
            )
        except ValueError as err:  # JSONDecodeError is a ValueError
            failures += 1
            out = {"error": f"line {number}: {err}"}
        click.echo(json.dumps(out, ensure_ascii=False))
    if failures:
        sys.exit(1)


def _read_eval_rows(path: Path) -> list[tuple[str, str, str | None]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise click.ClickException(f"{path} needs the columns text,label (optional room)")
        return [(r["text"] or "", (r["label"] or "none").strip().lower().replace("-", "_"), r.get("room"))
                for r in reader if (r.get("text") or "").strip()]  # fmt: skip


def evaluate_rows(rows: list[tuple[str, str, str | None]]) -> dict:
    """Per category precision and recall, and the false-alarm rate on the negative rows."""
    predicted: list[set[str]] = []
    for text, _, room in rows:
        context = Context(kind="post", rules=rules_for_room(room))
        decision = pipeline.decide(pipeline.assess(text, context), context)
        predicted.append({s.category for s in decision.signals} if decision.action != "publish" else set())
    negatives = [p for (_, label, _), p in zip(rows, predicted, strict=True) if label in ("none", "")]
    report = {"n": len(rows), "n_negative": len(negatives),
              "false_alarm_rate": round(sum(1 for p in negatives if p) / len(negatives), 4) if negatives else None,
              "categories": {}}  # fmt: skip
    for cat in sorted({label for _, label, _ in rows} - {"none", ""}):
        tp = sum(1 for (_, lab, _), p in zip(rows, predicted, strict=True) if lab == cat and cat in p)
        n_pred = sum(1 for p in predicted if cat in p)
        n_true = sum(1 for _, lab, _ in rows if lab == cat)
        report["categories"][cat] = {"n": n_true, "precision": round(tp / n_pred, 4) if n_pred else None,
                                     "recall": round(tp / n_true, 4) if n_true else None}  # fmt: skip
    return report


@moderation_cli.command("evaluate")
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate_command(data: Path, as_json: bool) -> None:
    """Print per-category precision, recall and the false-alarm rate on a labelled CSV (text,label[,room])."""
    report = evaluate_rows(_read_eval_rows(data))
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{report['n']} rows, {report['n_negative']} negative")
    click.echo(f"{'category':<12} {'n':>5} {'precision':>10} {'recall':>8}")
    for cat, m in report["categories"].items():
        fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
        click.echo(f"{cat:<12} {m['n']:>5} {fmt(m['precision']):>10} {fmt(m['recall']):>8}")
    if report["false_alarm_rate"] is not None:
        click.echo(f"false-alarm rate on negatives: {report['false_alarm_rate']:.3f}")


def moderator_labels() -> list[Row]:
    """Every moderator verdict kept as a training label."""
    try:
        rows = db.session.scalars(select(ModerationLabel)).all()
    except SQLAlchemyError:
        # No database yet (train run before set-up): there are no moderator labels to add.
        db.session.rollback()
        click.echo("  no database yet: training without moderator labels", err=True)
        return []
    # A decision on an empty profile leaves no text to learn from.
    return [Row(r.text, r.label, r.severity, "moderator", "moderator_labels") for r in rows
            if r.label in LABELS and r.text.strip()]  # fmt: skip


@moderation_cli.command("train")
@click.option("--data", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra labelled CSV (text,label[,severity]); may repeat.")  # fmt: skip
@click.option(
    "--if-missing",
    is_flag=True,
    help="Only train when no usable model file made from the current corpus and lexicon exists.",
)
def train_command(extra: tuple[Path, ...], if_missing: bool) -> None:
    """Rebuild the classifier from the shipped corpus, moderators' labels and any extra data."""
    path = model_path()
    present = model_file.load(path) if if_missing else None
    if present is not None and present.inputs == training.inputs_fingerprint():
        click.echo(f"Moderation model present: {path}")
        return
    if present is not None:
        click.echo(
            "Moderation model out of date: the corpus or lexicon changed since it was trained. Retraining."
        )
    rows = [row for p in extra for row in read_csv(p)] + moderator_labels()
    model = training.train(extra=rows, progress=lambda msg: click.echo(f"  {msg}"))
    model_file.save(model, path)
    pipeline.use_model(path)
    click.echo(f"Saved model {model.version} ({model.n_examples} examples) to {path}")
    for label, m in model.metrics.get("held_out", {}).items():
        click.echo(f"  held-out {label:<11} precision {m['precision']}  recall {m['recall']}  (n={m['n']})")
