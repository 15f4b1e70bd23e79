"""assess(text, context) runs every detector; decide(assessment, context) applies the room's policy."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from forum.moderation import behaviour, concern, lexicon, model_file, numbers, praise, replies, watched
from forum.moderation import classifier as clf
from forum.moderation.normalise import normalise
from forum.moderation.policy import (
    ACTION_RANK,
    ANSWERED_CATEGORIES,
    CONFIRM,
    CRISIS_PRIORITY,
    ESTABLISHED_POSTS,
    MESSAGES,
    MODEL_CATEGORIES,
    MODEL_HOLD_MIN_WORDS,
    PRIORITY_RANK,
    REJECT_SPAM,
    REPLY_CUE_MAX_WORDS,
    TOGETHER_CATEGORIES,
    lexicon_alone,
    thresholds,
)
from forum.moderation.types import Assessment, Context, Decision, Signal

_DETECTORS = (numbers.detect, watched.detect, behaviour.detect)  # plus lexicon.judge and the classifier
_UNSET = object()
_model: clf.Model | None | object = _UNSET  # resolved lazily from HEARTH_MODERATION_MODEL


def use_model(model: clf.Model | str | Path | None) -> None:
    """Set the classifier for assess(): a Model, a path to load (cached), or None for lexicon only."""
    global _model
    _model = model_file.load(str(model)) if isinstance(model, (str, Path)) else model


def current_model() -> clf.Model | None:
    """Return the classifier assess() uses by default (from HEARTH_MODERATION_MODEL when not set)."""
    global _model
    if _model is _UNSET:
        path = os.environ.get("HEARTH_MODERATION_MODEL")
        _model = model_file.load(path) if path else None
    return _model  # type: ignore[return-value]


def assess(text: str, context: Context, model: clf.Model | None | object = _UNSET) -> Assessment:
    """Run every detector over `text` and return their signals and the masked text, if any."""
    norm = normalise(text)
    signals, cancelled = lexicon.judge(norm, context.rules.topic)
    signals.extend(concern.reading(lexicon.matching_form(norm), signals, cancelled))
    for detect in _DETECTORS:
        signals.extend(detect(text, norm, context))
    m: clf.Model | None = current_model() if model is _UNSET else model  # type: ignore[assignment]
    version = getattr(m, "version", None) if m is not None else None
    version = version or ("unversioned" if m else None)
    own, quoted = replies.split_quotes(text)
    answering = (*context.answering, *quoted)
    answered = _posts_read(answering, context, m, version)  # read once, by the praise and the cue readings
    if m is not None:
        if answering and _praises_posts_without_risk(own, signals, answered):
            cancelled.update({c: praise.REASON for c in praise.CATEGORIES if c not in cancelled})
        # Context that cancelled the lexicon's phrases (support, negation, history) also dampens the classifier.
        signals.extend(clf.ClassifierDetector(m).detect(text, norm, context, cancelled))
    masked = numbers.masked_text(text, context)
    masked = watched.mask_words(masked or text, context) or masked
    within = _reading(context.within, context, m, version, MODEL_CATEGORIES, "") if context.within else None
    answers = _answers(own, context, answered, version) if answering else None
    return Assessment(
        signals=signals,
        masked_text=masked,
        model_version=version,
        words=len(text.split()),
        together=_together(text, context, m, version),
        within=within,
        answers=answers,
    )


def _together(text: str, context: Context, m: clf.Model | None, version: str | None) -> Assessment | None:
    """The author's words before this text (chat lines, a title) and the text read as one, for risk to self."""
    if not context.before:
        return None
    n = len(context.before)
    said = (
        "read with its title: "
        if context.kind == "post"
        else f"read with the member's {n} line{'s' * (n > 1)} before it: "
    )
    return _reading("\n".join((*context.before, text)), context, m, version, TOGETHER_CATEGORIES, said)


def _posts_read(
    answering: tuple[str, ...], context: Context, m: clf.Model | None, version: str | None
) -> Callable[[], list[Scores]]:
    """The fused scores of each post a reply answers, read in this room when first asked for, then kept."""
    return cache(
        lambda: [
            _content_scores(_reading(p, context, m, version, ANSWERED_CATEGORIES, "")) for p in answering
        ]
    )


def _praises_posts_without_risk(
    text: str, signals: list[Signal], answered: Callable[[], list[Scores]]
) -> bool:
    """Whether a reply is only praise ("so pleased for you babe") of posts that all read clearly without risk."""
    if any(s.category in praise.CATEGORIES for s in signals):
        return False
    if not praise.is_praise(lexicon.matching_form(normalise(text))):
        return False
    return all(score < CONFIRM for scores in answered() for score, _, _ in scores.values())


def _answers(
    text: str, context: Context, answered: Callable[[], list[Scores]], version: str | None
) -> Assessment:
    """What a reply (its own words) takes on from each post it answers (Context.answering and the lines it quotes)
    that reads as a risk (at its flag line in this room) and that the reply joins, urges or cheers on."""
    taken: list[Signal] = []
    words = normalise(text).words
    short = len(text.split()) <= REPLY_CUE_MAX_WORDS
    cues = {cat: replies.cue(words, cat) for cat in ANSWERED_CATEGORIES} if short else {}
    if not any(cues.values()):
        return Assessment(signals=taken, model_version=version)  # no cue under any post: nothing to read
    for scores in answered():
        for cat, (score, severity, _) in scores.items():
            found = cues[cat] if score >= thresholds(cat, context.rules)[0] else None
            if found is not None:
                how, takes, evidence = found
                said = f"{how}s with a post it answers, which reads as {cat.replace('_', '-')}"
                said += f" (severity {severity})" if cat == "crisis" else ""
                taken.append(
                    Signal(takes, severity if takes == "crisis" else 0, score, replies.NAME, said, evidence)
                )
    return Assessment(signals=taken, model_version=version)


def _reading(
    text: str,
    context: Context,
    m: clf.Model | None,
    version: str | None,
    categories: tuple[str, ...],
    said: str,
) -> Assessment:
    """The lexicon's and the classifier's signals of `categories` on `text`, their reasons prefixed with `said`."""
    norm = normalise(text)
    signals, cancelled = lexicon.judge(norm, context.rules.topic)
    if m is not None:
        signals.extend(clf.ClassifierDetector(m).detect(text, norm, context, cancelled))
    kept = [replace(s, reason=said + s.reason) for s in signals if s.category in categories]
    return Assessment(signals=kept, model_version=version, words=len(text.split()))


def _content_scores(assessment: Assessment) -> dict[str, tuple[float, int, list[Signal]]]:
    """Per text category: (fused score, severity, contributing signals).

    The lexicon proposes and the classifier confirms: a phrase the model does not back (its score for that
    category under CONFIRM) counts at LEXICON_UNCONFIRMED of its score, except strong phrases (score >=
    LEXICON_STRONG) and crisis plans and goodbyes (lexicon severity >= 3), which always count in full
    (policy.lexicon_alone). When both agree the scores combine (noisy-or).
    """
    by_cat: dict[str, list[Signal]] = {}
    for s in assessment.signals:
        if s.category not in ("rule", concern.CATEGORY):  # room rules and concern are decided on their own
            by_cat.setdefault(s.category, []).append(s)
    with_model = assessment.model_version is not None
    out: dict[str, tuple[float, int, list[Signal]]] = {}
    for cat, sigs in by_cat.items():
        lex = max((s for s in sigs if s.source == lexicon.NAME), key=lambda s: s.score, default=None)
        model = max((s.score for s in sigs if s.source == clf.NAME), default=0.0)
        other = max((s.score for s in sigs if s.source not in (lexicon.NAME, clf.NAME)), default=0.0)
        lex_score = lex.score if lex else 0.0
        if lex and with_model:
            lex_score = 1 - (1 - lex_score) * (1 - model) if model >= CONFIRM else lexicon_alone(lex)
        score = max(lex_score, model, other)
        # Severity from signals that are themselves confident, so a weak guess cannot raise the priority.
        strong = [s for s in sigs if s.score >= 0.5] or sigs
        out[cat] = (score, max(s.severity for s in strong), sigs)
    return out


Scores = dict[str, tuple[float, int, list[Signal]]]


def _scores_in_context(assessment: Assessment) -> tuple[Scores, set[str], Scores]:
    """The text's fused scores: where higher, its reading with the words before it (Context.before) and what it takes
    on from a post it answers (Context.answering); for a title, only what its whole thread backs (Context.within).
    Also the categories whose score comes from such a reading, and the scores of the text's own words alone."""
    own = _content_scores(assessment)
    scores, joined_cats = dict(own), set()
    if assessment.together is not None:
        for cat, joined in _content_scores(assessment.together).items():
            if joined[0] > scores.get(cat, (0.0,))[0]:
                scores[cat] = joined
                joined_cats.add(cat)
    if assessment.answers is not None:
        for cat, taken in _content_scores(assessment.answers).items():
            if taken[0] > scores.get(cat, (0.0,))[0]:
                scores[cat] = taken
                joined_cats.add(cat)
    if assessment.within is not None:
        # A thread's title: only what the whole thread backs (the lexicon proposes and the classifier confirms, here
        # the title proposes and the title with its post confirms).
        whole = _content_scores(assessment.within)
        scores = {cat: v for cat, v in scores.items() if whole.get(cat, (0.0,))[0] >= CONFIRM}
    return scores, joined_cats, own


def _model_guess_on_scraps(assessment: Assessment, cat: str, sigs: list[Signal], hold_t: float) -> bool:
    """Whether only the classifier reaches the hold line, on a text too short to be evidence.

    A two-word title ("bold link") gives the model almost nothing to go on, and its guesses there were wrong in
    practice; such a text is flagged for a person instead of hidden on a guess.
    """
    if assessment.words is None or assessment.words >= MODEL_HOLD_MIN_WORDS:
        return False
    return all(s.source == clf.NAME for s in sigs if s.score >= hold_t)


def _established_text_only(context: Context, sigs: list[Signal], hold_t: float) -> bool:
    """An established member, and only the text (not their behaviour) reaches the hold line (see ESTABLISHED_POSTS)."""
    author = context.author
    if author.is_new_member or author.prior_posts < ESTABLISHED_POSTS:
        return False
    return all(s.source != behaviour.NAME for s in sigs if s.score >= hold_t)


def _held_on_own_words(assessment: Assessment, cat: str, own: Scores, hold_t: float) -> bool:
    """Whether the text's own words, read without the words before it or the post it answers, reach the hold line."""
    score, _, sigs = own.get(cat, (0.0, 0, []))
    return score >= hold_t and not _model_guess_on_scraps(assessment, cat, sigs, hold_t)


class _Acc:
    """Accumulates the strongest action and the reasons that led to it."""

    def __init__(self) -> None:
        self.action, self.priority, self.resources = "publish", None, False
        self.reasons: list[str] = []
        self.messages: list[str] = []
        self.signals: list[Signal] = []
        self.masked = False

    def add(
        self,
        action: str,
        priority: str | None,
        reason: str,
        signals: list[Signal],
        message: str | None = None,
    ) -> None:
        if ACTION_RANK[action] > ACTION_RANK[self.action]:
            self.action = action
        if PRIORITY_RANK[priority] > PRIORITY_RANK[self.priority]:
            self.priority = priority
        self.reasons.append(reason)
        self.signals.extend(s for s in signals if s not in self.signals)
        if message and message not in self.messages:
            self.messages.append(message)


def decide(assessment: Assessment, context: Context) -> Decision:
    """Apply policy and the room's settings to an assessment."""
    rules = context.rules
    acc = _Acc()
    scores, joined, own = _scores_in_context(assessment)
    crisis = False
    for cat, (score, sev, sigs) in scores.items():
        flag_t, hold_t = thresholds(cat, rules)
        if score < flag_t:
            continue
        if cat == "crisis":
            crisis, acc.resources = True, True
            acc.add(
                "flag",
                CRISIS_PRIORITY.get(sev, "normal"),
                f"crisis (severity {sev}, score {score:.2f})",
                sigs,
                MESSAGES["crisis"],
            )
        elif cat == "self_harm":
            acc.resources = True
            # Held in a strict room on its own words only: never hidden on the words of the lines before it.
            strict = rules.strictness_for("self_harm") == "strict" and own.get(cat, (0.0,))[0] >= flag_t
            action = "hold" if strict else "flag"
            acc.add(
                action,
                "high" if sev >= 2 else "normal",
                f"self-harm (score {score:.2f})",
                sigs,
                MESSAGES["self_harm"],
            )
        elif (
            cat == "spam" and score >= REJECT_SPAM and len({s.source for s in sigs if s.score >= hold_t}) >= 2
        ):
            acc.add("reject", None, f"spam (certain, score {score:.2f})", sigs, MESSAGES["spam"])
        elif cat == "spam" and score >= hold_t and _established_text_only(context, sigs, hold_t):
            acc.add("flag", "normal", f"spam (score {score:.2f}), from an established member: flagged", sigs)
        elif score >= hold_t and not _model_guess_on_scraps(assessment, cat, sigs, hold_t):
            if cat == "pro_harm":
                acc.resources = True
            # Read from the post a reply answers ("keep going!!" under a fast): flagged at once, never hidden.
            held = cat not in joined or _held_on_own_words(assessment, cat, own, hold_t)
            acc.add(
                "hold" if held else "flag",
                "high" if cat in ("pro_harm", "harassment") else "normal",
                f"{cat.replace('_', '-')} (score {score:.2f})"
                + ("" if held else " with the post it answers"),
                sigs,
                MESSAGES[cat] if held else None,
            )
        else:  # uncertain: published and queued for a person, never held or rejected on a guess
            acc.add("flag", "normal", f"{cat.replace('_', '-')} uncertain (score {score:.2f})", sigs)
    _room_rules(assessment, context, acc)
    premod = rules.premoderation == "everyone" or (
        rules.premoderation == "new_members" and context.author.is_new_member
    )
    if premod:
        acc.add("hold", "normal", f"pre-moderation ({rules.premoderation})", [], MESSAGES["premoderation"])
    if crisis and acc.action in ("hold", "reject"):
        # Safety floor: a person in crisis is never silenced; the post stays visible and the review is urgent.
        acc.reasons.append(f"crisis overrides {acc.action}: published and flagged")
        acc.action = "flag"
        acc.masked = acc.masked or assessment.masked_text is not None
        acc.messages = [m for m in acc.messages if m in (MESSAGES["crisis"], MESSAGES["self_harm"])]
    helper = _worried_about_someone(assessment, acc)
    masked = assessment.masked_text if acc.masked and acc.action in ("publish", "flag") else None
    return Decision(
        action=acc.action,
        reasons=acc.reasons,
        priority=acc.priority if acc.action != "publish" else None,
        show_resources=acc.resources,
        author_message=" ".join(acc.messages) or None,
        masked_text=masked,
        signals=acc.signals,
        helper=helper,
    )


_HELD_CONTENT = ("pro_harm", "harassment", "spam")


def _worried_about_someone(assessment: Assessment, acc: _Acc) -> bool:
    """A text that says someone else is at risk (moderation.concern): the helper card, and a review of high priority
    when the danger reads as now. Not when the lexicon found the writer's own risk in their words (the crisis card),
    nor on a post held as pro-harm, harassment or spam; a crisis the classifier alone read stays in review, and a
    post held by the room's rules (pre-moderation, numbers) stays held, with the helper card."""
    sig = next((s for s in assessment.signals if s.category == concern.CATEGORY), None)
    own = any(s.source == lexicon.NAME and concern.writers_own(s) for s in assessment.signals)
    held = acc.action == "hold" and any(s.category in _HELD_CONTENT for s in acc.signals)
    if sig is None or held or (acc.resources and own):
        return False
    told = sig.severity >= concern.SEVERITY_NOW or acc.action == "flag"  # a moderator looks at it for them
    acc.resources = False
    acc.messages = [m for m in acc.messages if m not in (MESSAGES["crisis"], MESSAGES["self_harm"])]
    if sig.severity >= concern.SEVERITY_NOW:
        acc.add("flag", "high", f"{sig.reason}: the writer is worried about them", [sig])
    else:
        acc.add("publish", None, f"{sig.reason}: the writer was shown how to help", [sig])
    acc.messages.append(MESSAGES["concern_now" if told else "concern"])
    return True


def _room_rules(assessment: Assessment, context: Context, acc: _Acc) -> None:
    """Apply the numbers rule and watched words."""
    rule_sigs = [s for s in assessment.signals if s.category == "rule"]
    number_sigs = [s for s in rule_sigs if s.source == numbers.NAME]
    if number_sigs:
        kinds = ", ".join(s.reason.split(": ", 1)[-1] for s in number_sigs)
        if context.rules.strictness_for("rule") == "lenient":
            acc.masked = True
            acc.add("publish", None, f"numbers rule: {kinds} masked", number_sigs)
        else:
            acc.add("hold", "normal", f"numbers rule: {kinds}", number_sigs, MESSAGES["numbers"])
    for s in rule_sigs:
        action = watched.source_action(s)
        if action is None:
            continue
        if action == "block":
            acc.add("reject", None, s.reason, [s], MESSAGES["watched_block"])
        elif action == "hold":
            acc.add("hold", "normal", s.reason, [s], MESSAGES["watched_hold"])
        elif action == "flag":
            acc.add("flag", "normal", s.reason, [s])
        elif action == "mask":
            acc.masked = True
            acc.add("publish", None, s.reason, [s])
