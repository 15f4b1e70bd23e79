"""Praise of a post without risk (moderation.praise): a kind reply's pro-harm guess is dampened there, not under a fast."""

import copy

import pytest

from forum.moderation import Context, assess, praise
from forum.moderation.classifier import Model
from forum.moderation.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "so pleased for you babe",
        "keep it up, you're smashing it",
        "omg yes!! go you",
        "that's amazing hun, proud of u",
    ],
)
def test_praise(text: str) -> None:
    assert praise.is_praise(normalise(text).dedup)


@pytest.mark.parametrize(
    "text",
    [
        "skip dinner babe, you dont need it",  # a word that is not praise
        "so proud, stay strong and skip it",
        "keep going, day 4 tomorrow!!",
        "so jealous",  # envy of a fast is a pro-harm cheer, not praise
        "well done hun " * 5,  # longer than a reply read for cues
    ],
)
def test_not_praise(text: str) -> None:
    assert not praise.is_praise(normalise(text).dedup)


@pytest.fixture
def model(small_model: Model) -> Model:
    """The tiny model with learned thresholds, so that context can dampen it (it reads everything as a little
    crisis: only pro-harm is let speak)."""
    m = copy.copy(small_model)
    m.thresholds = {"crisis": 0.95, "self_harm": 0.95, "pro_harm": 0.3, "harassment": 0.95, "spam": 0.95}
    return m


def pro_harm_reasons(text: str, answering: tuple[str, ...], model: Model) -> list[str]:
    ctx = Context(answering=answering)
    return [s.reason for s in assess(text, ctx, model=model).signals if s.category == "pro_harm"]


def test_praise_under_a_post_without_risk_dampens_the_pro_harm_guess(model: Model) -> None:
    reasons = pro_harm_reasons("keep it up babe", ("therapy was hard but helpful",), model)
    assert reasons and all(r.endswith(f"dampened: {praise.REASON})") for r in reasons)


def test_praise_under_a_post_at_risk_or_alone_is_read_as_before(model: Model) -> None:
    for answering in [("fast with me this week, no food",), ()]:
        reasons = pro_harm_reasons("keep it up babe", answering, model)
        assert reasons and not any("dampened" in r for r in reasons)


def test_the_posts_answered_are_read_once(model: Model, monkeypatch: pytest.MonkeyPatch) -> None:
    """Praise is also a cheer cue, so both readings of a reply ask for its posts: they are read once."""
    from forum.moderation import pipeline  # noqa: PLC0415

    read: list[str] = []
    real = pipeline._reading

    def counting(text: str, *args: object) -> object:
        read.append(text)
        return real(text, *args)

    monkeypatch.setattr(pipeline, "_reading", counting)
    assess("keep it up babe", Context(answering=("therapy was hard but helpful",)), model=model)
    assert read == ["therapy was hard but helpful"]
